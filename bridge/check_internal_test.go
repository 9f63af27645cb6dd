package bridge

import (
	"crypto/sha256"
	"testing"

	"github.com/shaleprotocol/shale/deals"
	"github.com/shaleprotocol/shale/lease"
	"github.com/shaleprotocol/shale/leasejob"
)

// Which node attributes let a mount's order through, and the reason when none does.
func TestMountOnSomeNode(t *testing.T) {
	p := deals.Piece{Root: sha256.Sum256([]byte("piece")), PaddedSize: 2 << 20, Payload: 2<<20*127/128 - 1000}
	p.Root[31] &= 0x3f
	v1, v2 := p.V1().String(), p.V2().String()
	const payload = "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku"
	other := Node{Attributes: map[string]string{leasejob.DatasetAttr("bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy"): "true"}}
	holder := Node{Attributes: map[string]string{
		leasejob.DatasetAttr(payload): "true",
		leasejob.DatasetAttr(v2):      "true",
		leasejob.PieceAttr(v2):        "true",
		leasejob.PieceAttr(v1):        "2097152",
	}}
	for _, tc := range []struct {
		name  string
		nodes []Node
		mount lease.Mount
		want  string
	}{
		{"payload CID held", []Node{other, holder}, lease.Mount{CID: payload}, ""},
		{"payload CID missing", []Node{other}, lease.Mount{CID: payload}, "dataset " + payload + " is not held by this provider"},
		{"v1 at its size", []Node{other, holder}, lease.Mount{PieceCID: v1, PieceSize: 2 << 20}, ""},
		{"v1 at another size", []Node{other, holder}, lease.Mount{PieceCID: v1, PieceSize: 4 << 20},
			"piece " + v1 + " is held by this provider as a 2097152-byte piece, not 4194304 (wrong piece_size)"},
		{"v1 missing", []Node{other}, lease.Mount{PieceCID: v1, PieceSize: 2 << 20}, "piece " + v1 + " (2097152 bytes padded) is not held by this provider"},
		{"v2 held, with payload CID", []Node{holder}, lease.Mount{CID: payload, PieceCID: v2}, ""},
		{"v2 missing", []Node{other}, lease.Mount{PieceCID: v2}, "piece " + v2 + " is not held by this provider"},
		{"no ready node", nil, lease.Mount{PieceCID: v2}, "piece " + v2 + " is not held by this provider"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := mountOnSomeNode(tc.nodes, tc.mount); got != tc.want {
				t.Fatalf("mountOnSomeNode = %q, want %q", got, tc.want)
			}
		})
	}
}
