package lease

import (
	"crypto/sha256"
	"errors"
	"math/big"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/multiformats/go-multibase"
	"github.com/shaleprotocol/shale/deals/piececid"
	"github.com/shaleprotocol/shale/internal/testsupport"
)

// testPiece names a piece of payload bytes padded to padded bytes; the root is a stand-in
// (no test here hashes data), truncated to 254 bits like a real CommP.
func testPiece(seed string, padded, payload uint64) piececid.Piece {
	p := piececid.Piece{Root: sha256.Sum256([]byte(seed)), PaddedSize: padded, Payload: payload}
	p.Root[31] &= 0x3f
	return p
}

func TestMountValidation(t *testing.T) {
	payload := testsupport.CID(t, "mnist")
	p := testPiece("mnist", 2<<20, 2<<20*127/128-1000)
	v1, v2 := p.V1().String(), p.V2().String()
	tests := []struct {
		name  string
		mount Mount
		want  string // "" = valid
	}{
		{"payload CID", Mount{CID: payload}, ""},
		{"v1 with size", Mount{PieceCID: v1, PieceSize: 2 << 20}, ""},
		{"v2 alone", Mount{PieceCID: v2}, ""},
		{"v2 with its size", Mount{PieceCID: v2, PieceSize: 2 << 20}, ""},
		{"both", Mount{CID: payload, PieceCID: v1, PieceSize: 2 << 20}, ""},
		{"neither", Mount{}, "mount[0]: name the deal data: cid (a payload CID), piece_cid (a PieceCID), or both"},
		{"v1 without size", Mount{PieceCID: v1}, "mount[0].piece_cid: bad piece CID " + v1 + ": a v1 PieceCID needs its padded piece size (piece_size)"},
		{"size not a power of two", Mount{PieceCID: v1, PieceSize: 3 << 20}, "mount[0].piece_cid: bad piece CID " + v1 + ": piece size mismatch: padded size 3145728 is not a power of two from 128 to 68719476736"},
		{"size too small", Mount{PieceCID: v1, PieceSize: 64}, "padded size 64 is not a power of two from 128"},
		{"size too large", Mount{PieceCID: v1, PieceSize: 128 << 30}, "padded size 137438953472 is not a power of two from 128 to 68719476736"},
		{"v2 with another size", Mount{PieceCID: v2, PieceSize: 4 << 20}, "mount[0].piece_cid: bad piece CID " + v2 + ": it encodes a 2097152-byte piece, but the size given is 4194304"},
		{"PieceCID as cid", Mount{CID: v2}, "mount[0].cid: " + v2 + " is a PieceCID, not a payload CID; name it as the mount's piece_cid"},
		{"payload CID as piece_cid", Mount{PieceCID: payload}, "mount[0].piece_cid: " + payload + " is a payload CID, not a PieceCID (baga… with a piece size, or a v2 bafkzcib…); name it as the mount's cid"},
		{"size without piece", Mount{CID: payload, PieceSize: 2 << 20}, "mount[0].piece_size: only with piece_cid"},
		{"garbage piece_cid", Mount{PieceCID: "baga-nope"}, `mount[0].piece_cid: "baga-nope" is not a valid CID`},
		{"non-canonical piece_cid", Mount{PieceCID: p.V2().Encode(multibase.MustNewEncoder(multibase.Base58BTC)), PieceSize: 0}, "is not in canonical form \"" + v2 + "\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := validSpec(t)
			tt.mount.Path = "/data"
			s.Mounts = []Mount{tt.mount}
			err := s.Validate()
			if tt.want == "" {
				if err != nil {
					t.Fatal(err)
				}
				return
			}
			if err == nil || !errors.Is(err, ErrInvalidSpec) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Validate() = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestSpecEncodingWithPieces(t *testing.T) {
	p := testPiece("mnist", 2<<20, 2<<20*127/128-1000)
	v1, v2 := p.V1().String(), p.V2().String()
	payload := testsupport.CID(t, "mnist")
	s := validSpec(t)
	s.Mounts = []Mount{
		{PieceCID: v1, PieceSize: 2 << 20, Path: "/a"},
		{CID: payload, PieceCID: v2, PieceSize: 2 << 20, Path: "/b"}, // v2's size is implied
		{PieceCID: v2, Path: "/c"},
	}
	o, err := s.Order(big.NewInt(31337), addr(1), addr(2), testPaymentKey(t, 1), big.NewInt(7))
	if err != nil {
		t.Fatal(err)
	}
	want := `"mounts":[{"path":"/a","piece_cid":"` + v1 + `","piece_size":2097152},{"cid":"` + payload + `","path":"/b","piece_cid":"` + v2 + `"},{"path":"/c","piece_cid":"` + v2 + `"}]`
	if !strings.Contains(string(o.SpecBytes), want) {
		t.Fatalf("encoding %s\nwant it to contain %s", o.SpecBytes, want)
	}
	back, err := o.Spec()
	if err != nil {
		t.Fatal(err)
	}
	s.Mounts[1].PieceSize = 0
	if d := cmp.Diff(s, back); d != "" {
		t.Fatalf("Order.Spec() differs (-want +got):\n%s", d)
	}

	// One lease, one encoding: the forms a decoder could otherwise accept for the same mounts
	// are refused.
	for name, bad := range map[string]string{
		"v2 with its size": strings.Replace(string(o.SpecBytes), `"path":"/c","piece_cid":"`+v2+`"`, `"path":"/c","piece_cid":"`+v2+`","piece_size":2097152`, 1),
		"empty cid":        strings.Replace(string(o.SpecBytes), `{"path":"/a"`, `{"cid":"","path":"/a"`, 1),
		"zero piece_size":  strings.Replace(string(o.SpecBytes), `{"cid":"`+payload+`","path":"/b","piece_cid":"`+v2+`"`, `{"cid":"`+payload+`","path":"/b","piece_cid":"`+v2+`","piece_size":0`, 1),
	} {
		if bad == string(o.SpecBytes) {
			t.Fatalf("%s: replacement did not apply", name)
		}
		if _, err := DecodeSpec([]byte(bad)); err == nil || !strings.Contains(err.Error(), "not in canonical form") {
			t.Errorf("%s: DecodeSpec = %v, want a canonical-form error", name, err)
		}
	}

	// A wrong size on chain is caught by the order's validation, naming the CID.
	o.SpecBytes = []byte(strings.Replace(string(o.SpecBytes), `"piece_size":2097152`, `"piece_size":3000000`, 1))
	if _, err := o.Spec(); err == nil || !errors.Is(err, ErrInvalidOrder) || !strings.Contains(err.Error(), v1) {
		t.Fatalf("bad size: %v", err)
	}
}

func TestParseMountFlag(t *testing.T) {
	payload := testsupport.CID(t, "mnist")
	p := testPiece("mnist", 32<<30, 0)
	v1 := p.V1().String()
	q := testPiece("cifar", 1<<20, 1<<20*127/128)
	v2 := q.V2().String()
	tests := []struct {
		in   string
		want Mount
		err  string
	}{
		{in: payload + ":/d", want: Mount{CID: payload, Path: "/d"}},
		{in: v1 + "@32GiB:/d", want: Mount{PieceCID: v1, PieceSize: 32 << 30, Path: "/d"}},
		{in: v2 + ":/d", want: Mount{PieceCID: v2, Path: "/d"}},
		{in: v2 + "@1Mi:/d", want: Mount{PieceCID: v2, PieceSize: 1 << 20, Path: "/d"}},
		{in: payload + "+" + v1 + "@32GiB:/d", want: Mount{CID: payload, PieceCID: v1, PieceSize: 32 << 30, Path: "/d"}},
		{in: v1 + "@32GiB+" + payload + ":/d", want: Mount{CID: payload, PieceCID: v1, PieceSize: 32 << 30, Path: "/d"}},
		{in: "nocolon", err: `"nocolon": expected CID:/path, PIECECID[@SIZE]:/path or CID+PIECECID[@SIZE]:/path`},
		{in: v1 + ":/d", err: "bad piece CID " + v1 + ": a v1 PieceCID needs its padded piece size (piece_size)"},
		{in: v1 + "@32GB:/d", err: `piece size of ` + v1 + `: invalid size "32GB": unknown unit "GB"; did you mean "32Gi"?`},
		{in: v1 + "@3000:/d", err: "padded size 3000 is not a power of two"},
		{in: v2 + "@2Mi:/d", err: "it encodes a 1048576-byte piece, but the size given is 2097152"},
		{in: payload + "@1Mi:/d", err: "a size (@1Mi) goes only with a PieceCID, and " + payload + " is a payload CID"},
		{in: payload + "+" + payload + ":/d", err: "names two payload CIDs"},
		{in: v2 + "+" + v1 + "@32GiB:/d", err: "names two PieceCIDs"},
		{in: payload + "+" + v2 + "+" + v1 + ":/d", err: "at most two names"},
	}
	for _, tt := range tests {
		got, err := ParseMountFlag(tt.in)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("ParseMountFlag(%q) = %+v, %v; want error %q", tt.in, got, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseMountFlag(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
	}

}
