package client

import (
	"github.com/ipfs/go-cid"

	"github.com/shaleprotocol/shale/deals/piececid"
)

// announcesDataset reports whether a provider's announced CIDs name the dataset want: the
// same string, the same CID spelt in another base, or, for a v1 PieceCID (which providers do
// not announce: it says nothing of the piece's size), a v2 PieceCID of the same piece.
func announcesDataset(announced map[string]int, want string) bool {
	if _, ok := announced[want]; ok {
		return true
	}
	c, err := cid.Decode(want)
	if err != nil {
		return false
	}
	if _, ok := announced[c.String()]; ok {
		return true
	}
	if !piececid.IsPieceCID(c) || c.Prefix().Codec != cid.FilCommitmentUnsealed {
		return false
	}
	for a := range announced {
		if p, err := piececid.Parse(a, 0); err == nil && p.V1().Equals(c) {
			return true
		}
	}
	return false
}
