package deals

import (
	"github.com/ipfs/go-cid"

	"github.com/shaleprotocol/shale/deals/piececid"
)

// Piece names a piece by its commitment and size (see piececid.Piece).
type Piece = piececid.Piece

// ErrBadPieceCID: a string is not a piece CID, or its size is missing or inconsistent.
var ErrBadPieceCID = piececid.ErrBadPieceCID

// IsPieceCID reports whether c is a v1 or v2 PieceCID.
func IsPieceCID(c cid.Cid) bool { return piececid.IsPieceCID(c) }

// ParsePiece reads a v1 or v2 PieceCID (see piececid.Parse).
func ParsePiece(s string, paddedSize uint64) (Piece, error) { return piececid.Parse(s, paddedSize) }

// PieceFromCID is ParsePiece for a decoded CID.
func PieceFromCID(c cid.Cid, paddedSize uint64) (Piece, error) {
	return piececid.FromCID(c, paddedSize)
}
