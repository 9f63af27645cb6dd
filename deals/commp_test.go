package deals

import (
	"bytes"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	"testing"
)

// Lotus's ClientCalcCommP over payloads of repeated 0xCC bytes (size, padded size, CommP):
// values computed by Filecoin's reference implementation, so fr32 and the tree are checked
// against it rather than against this package.
var lotusVectors = []struct {
	payload uint64
	padded  uint64
	cid     string
}{
	{96, 128, "baga6ea4seaqhwcjhi4krhl3ht6dewnwevkpxbepxy7p7onwgz65t52typbsysby"},
	{127, 128, "baga6ea4seaqmfldjtozgne6adk7eve2vdxte7vzlivae7nzsbrawobo546zkijq"},
	{192, 256, "baga6ea4seaqkx7m2s6r4zahtlbwrs5ryvemkclwfp7nijopdd5swpdnxzjf7wkq"},
	{255, 512, "baga6ea4seaqg7celu5y2iwbi2ra5koygvotxtzr5lj6vzvxi6gfub6mpa6niwpi"},
	{508, 512, "baga6ea4seaqb6ckbupixkhwp7thgb52f4en222boppajkqk7gaomkpof3lh4cei"},
	{1015, 1024, "baga6ea4seaqmgiyjcutwgo6glks2mogixs6mb4sbehto6uzienucfx23wbtkica"},
	{1024, 2048, "baga6ea4seaqdlpnhgsndrgjeu4p46hahlsr4lybg6du4d56ooppdpxhcofxeuoi"},
}

func TestCommPMatchesLotus(t *testing.T) {
	for _, v := range lotusVectors {
		t.Run(fmt.Sprint(v.payload), func(t *testing.T) {
			cp := NewCommP()
			// Odd write sizes cross quad boundaries the way a network stream does.
			data := bytes.Repeat([]byte{0xcc}, int(v.payload))
			for len(data) > 0 {
				n := min(len(data), 37)
				if _, err := cp.Write(data[:n]); err != nil {
					t.Fatal(err)
				}
				data = data[n:]
			}
			root, padded, err := cp.Sum(0)
			if err != nil {
				t.Fatal(err)
			}
			p := Piece{Root: root, PaddedSize: padded, Payload: v.payload}
			if padded != v.padded || p.V1().String() != v.cid {
				t.Fatalf("got %s, %d bytes padded; Lotus says %s, %d", p.V1(), padded, v.cid, v.padded)
			}
			back, err := ParsePiece(p.V2().String(), 0)
			if err != nil || back != p {
				t.Fatalf("v2 %s round trip: %+v, %v; want %+v", p.V2(), back, err, p)
			}
			back, err = ParsePiece(v.cid, v.padded)
			if err != nil || back.Root != root || back.PaddedSize != v.padded {
				t.Fatalf("v1 parse: %+v, %v", back, err)
			}
		})
	}
}

// A payload over several slabs (hashed concurrently) must give the same root as hashing
// every quad on one goroutine.
func TestCommPSlabsMatchSerial(t *testing.T) {
	data := make([]byte, 3*slabIn+12345)
	if _, err := rand.Read(data); err != nil {
		t.Fatal(err)
	}
	cp := NewCommP()
	if _, err := io.Copy(cp, bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	got, padded, err := cp.Sum(0)
	if err != nil {
		t.Fatal(err)
	}
	var tr tree
	buf := append([]byte(nil), data...)
	buf = append(buf, make([]byte, (quadIn-len(buf)%quadIn)%quadIn)...)
	hashQuads(&tr, buf)
	want := tr.finish(levelOf(padded))
	if got != want || padded != 4<<20 {
		t.Fatalf("slabbed root %x (%d), serial %x", got, padded, want)
	}
	// A larger declared piece pads with zero subtrees: a different, still valid root.
	cp = NewCommP()
	_, _ = cp.Write(data)
	big, padded2, err := cp.Sum(8 << 20)
	if err != nil || padded2 != 8<<20 || big != hashPair(&want, &zeroComm[levelOf(padded)]) {
		t.Fatalf("8 MiB piece: %x, %d, %v", big, padded2, err)
	}
}

func TestCommPRefusesBadSizes(t *testing.T) {
	for _, tc := range []struct {
		name    string
		payload int
		padded  uint64
	}{
		{"below the minimum payload", 64, 0},
		{"payload larger than the piece", 1017, 1024},
		{"size not a power of two", 500, 768},
		{"size above 64 GiB", 500, 128 << 30},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cp := NewCommP()
			_, _ = cp.Write(make([]byte, tc.payload))
			if _, _, err := cp.Sum(tc.padded); !errors.Is(err, ErrPieceSize) {
				t.Fatalf("got %v, want ErrPieceSize", err)
			}
		})
	}
}

func TestParsePieceRefuses(t *testing.T) {
	v1 := lotusVectors[0].cid
	for _, tc := range []struct {
		name, cid string
		size      uint64
	}{
		{"v1 without a size", v1, 0},
		{"v1 with a size not a power of two", v1, 1000},
		{"v2 with a different size", "", 4096},
		{"a payload CID", "bafkreih25dih6ug3xtj73vswccw423b56ilrwmnos4cbwhrceudopdp5sq", 128},
		{"not a CID", "baga-nope", 128},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.cid
			if s == "" {
				s = Piece{PaddedSize: 128, Payload: 100}.V2().String()
			}
			if _, err := ParsePiece(s, tc.size); !errors.Is(err, ErrBadPieceCID) {
				t.Fatalf("got %v, want ErrBadPieceCID", err)
			}
		})
	}
}
