package leasefile

import (
	"crypto/sha256"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shaleprotocol/shale/deals/piececid"
	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/lease"
)

// testPieceCIDs returns the v1 and v2 PieceCIDs of a stand-in 2 MiB piece (no data is hashed
// here; the root only has to be well-formed).
func testPieceCIDs() (v1, v2 string) {
	p := piececid.Piece{Root: sha256.Sum256([]byte("piece")), PaddedSize: 2 << 20, Payload: 2<<20*127/128 - 1000}
	p.Root[31] &= 0x3f
	return p.V1().String(), p.V2().String()
}

func TestMountByPiece(t *testing.T) {
	v1, v2 := testPieceCIDs()
	payload := testsupport.CID(t, "a")
	src := strings.Replace(baseLease, "  mount {\n    cid  = \"CID\"\n    path = \"/data/a\"\n  }\n", `  mount {
    piece_cid  = "`+v1+`"
    piece_size = "2MiB"
    path       = "/data/a"
  }
  mount {
    piece_cid = "`+v2+`"
    cid       = "CID"
    path      = "/data/b"
  }
  mount {
    piece_cid  = "`+v2+`"
    piece_size = 2097152
    path       = "/data/c"
  }
`, 1)
	if src == baseLease {
		t.Fatal("edit did not apply")
	}
	src = "variable \"key\" {}\n" + strings.ReplaceAll(src, "CID\"", payload+"\"")
	s, diags := Parse("lease.hcl", []byte(src), Options{Vars: map[string]string{"key": testsupport.SSHKey(t, 10, "k")}})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	want := []lease.Mount{
		{PieceCID: v1, PieceSize: 2 << 20, Path: "/data/a"},
		{CID: payload, PieceCID: v2, Path: "/data/b"},
		{PieceCID: v2, PieceSize: 2 << 20, Path: "/data/c"},
	}
	if d := cmp.Diff(want, s.Mounts); d != "" {
		t.Fatalf("mounts (-want +got):\n%s", d)
	}
}

func TestMountByPieceErrors(t *testing.T) {
	v1, v2 := testPieceCIDs()
	payload := testsupport.CID(t, "a")
	mount := func(lines ...string) []string {
		return []string{"    cid  = \"CID\"\n", strings.Join(lines, "\n") + "\n"}
	}
	tests := []struct {
		name  string
		edits []string
		want  string
	}{
		{"v1 without size", mount(`    piece_cid = "` + v1 + `"`),
			`lease.hcl:14:17: Invalid PieceCID: bad piece CID ` + v1 + `: a v1 PieceCID needs its padded piece size (piece_size)`},
		{"size not a power of two", mount(`    piece_cid = "`+v1+`"`, `    piece_size = "3MiB"`),
			`lease.hcl:15:18: Invalid piece size: bad piece CID ` + v1 + `: piece size mismatch: padded size 3145728 is not a power of two from 128 to 68719476736`},
		{"size typo", mount(`    piece_cid = "`+v1+`"`, `    piece_size = "32GB"`),
			`lease.hcl:15:18: Invalid piece size: invalid size "32GB": unknown unit "GB"; did you mean "32Gi"? (units are Ki Mi Gi Ti Pi Ei (powers of 1024, a trailing B is allowed), K M G T P E (powers of 1000) and B or none (bytes))`},
		{"v2 with another size", mount(`    piece_cid = "`+v2+`"`, `    piece_size = "4MiB"`),
			`lease.hcl:14:17: Invalid PieceCID: bad piece CID ` + v2 + `: it encodes a 2097152-byte piece, but the size given is 4194304`},
		{"PieceCID as cid", mount(`    cid = "` + v2 + `"`),
			`lease.hcl:14:11: Invalid CID: ` + v2 + ` is a PieceCID, not a payload CID; name it as the mount's piece_cid`},
		{"payload CID as piece_cid", mount(`    piece_cid = "` + payload + `"`),
			`lease.hcl:14:17: Invalid PieceCID: ` + payload + ` is a payload CID, not a PieceCID (baga… with a piece size, or a v2 bafkzcib…); name it as the mount's cid`},
		{"size without piece", mount(`    cid = "CID"`, `    piece_size = "2MiB"`),
			`lease.hcl:15:18: Invalid piece size: piece_size goes with piece_cid, the PieceCID whose padded size it is.`},
		{"no name", mount(),
			`lease.hcl:13:3: Missing deal data name: A mount names its data by cid (a payload CID), piece_cid (a PieceCID, v1 with piece_size or v2), or both.`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(baseLease, tt.edits[0]) {
				t.Fatalf("edit %q does not apply", tt.edits[0])
			}
			_, lines := parseCase(t, strings.Replace(baseLease, tt.edits[0], tt.edits[1], 1), Options{})
			if got := strings.Join(lines, "\n"); got != tt.want {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}
