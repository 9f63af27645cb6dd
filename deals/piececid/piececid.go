// Package piececid names Filecoin pieces: v1 and v2 (FRC-0069) PieceCIDs and padded sizes.
// It imports only the CID libraries, so lease specs and clients can check PieceCIDs cheaply.
package piececid

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math/bits"

	"github.com/ipfs/go-cid"
	"github.com/multiformats/go-multicodec"
	"github.com/multiformats/go-multihash"
)

// Piece sizes, as Filecoin bounds them.
const (
	// MinPiecePayload is the smallest payload a piece commits to (as in Lotus and Curio).
	MinPiecePayload = 65
	// MaxPieceSize bounds a padded piece: Filecoin's largest sector holds 64 GiB.
	MaxPieceSize = 64 << 30
	// MinPieceSize is the smallest padded piece (one fr32 quad, four leaves).
	MinPieceSize = 128

	quadIn     = 127 // payload bytes per fr32 quad
	quadOut    = 128 // padded bytes per quad
	nodeSize   = 32
	leafLevels = 2 // a quad is a subtree of height 2
)

var (
	// ErrBadPieceCID: a string is not a piece CID, or its size is missing or inconsistent.
	ErrBadPieceCID = errors.New("bad piece CID")
	// ErrPieceSize: a size is not a padded piece size, or a payload does not fit the one asked for.
	ErrPieceSize = errors.New("piece size mismatch")
)

// CheckPaddedSize requires a power of two from MinPieceSize to MaxPieceSize.
func CheckPaddedSize(p uint64) error {
	if p < MinPieceSize || p > MaxPieceSize || p&(p-1) != 0 {
		return fmt.Errorf("%w: padded size %d is not a power of two from %d to %d", ErrPieceSize, p, uint64(MinPieceSize), uint64(MaxPieceSize))
	}
	return nil
}

// Piece names a piece by its commitment and size. A v1 PieceCID (baga…) carries only the
// root, so its padded size travels next to it; a v2 PieceCID (FRC-0069, bafkzcib…) also
// encodes the tree height and the payload's padding, hence the exact payload size.
type Piece struct {
	Root       [nodeSize]byte
	PaddedSize uint64
	// Payload is the exact payload size, or 0 when unknown (a v1 CID with a size).
	Payload uint64
}

// V1 is the legacy PieceCID: CIDv1, fil-commitment-unsealed, sha2-256-trunc254-padded.
func (p Piece) V1() cid.Cid {
	mh, _ := multihash.Encode(p.Root[:], uint64(multicodec.Sha2_256Trunc254Padded))
	return cid.NewCidV1(uint64(multicodec.FilCommitmentUnsealed), mh)
}

// V2 is the FRC-0069 PieceCID (raw codec, fr32-sha256-trunc254-padbintree multihash); it is
// undefined while the payload size is unknown.
func (p Piece) V2() cid.Cid {
	if p.Payload == 0 {
		return cid.Undef
	}
	padding := p.PaddedSize/quadOut*quadIn - p.Payload
	d := binary.AppendUvarint(nil, padding)
	d = append(d, byte(bits.TrailingZeros64(p.PaddedSize/nodeSize)))
	d = append(d, p.Root[:]...)
	mh, _ := multihash.Encode(d, uint64(multicodec.Fr32Sha256Trunc254Padbintree))
	return cid.NewCidV1(uint64(multicodec.Raw), mh)
}

// String is the v2 CID when the payload size is known, else the v1 CID and padded size.
func (p Piece) String() string {
	if v2 := p.V2(); v2.Defined() {
		return v2.String()
	}
	return fmt.Sprintf("%s (%d bytes padded)", p.V1(), p.PaddedSize)
}

// IsPieceCID reports whether c is a v1 or v2 PieceCID.
func IsPieceCID(c cid.Cid) bool {
	if !c.Defined() {
		return false
	}
	pre := c.Prefix()
	return (pre.Codec == uint64(multicodec.FilCommitmentUnsealed) && pre.MhType == uint64(multicodec.Sha2_256Trunc254Padded)) ||
		(pre.Codec == uint64(multicodec.Raw) && pre.MhType == uint64(multicodec.Fr32Sha256Trunc254Padbintree))
}

// Parse reads a v1 or v2 PieceCID. paddedSize is the padded piece size (a power of two
// from 128 bytes to 64 GiB): required with a v1 CID, optional with v2, where it must agree.
func Parse(s string, paddedSize uint64) (Piece, error) {
	c, err := cid.Decode(s)
	if err != nil {
		return Piece{}, fmt.Errorf("%w %q: %v", ErrBadPieceCID, s, err)
	}
	return FromCID(c, paddedSize)
}

// FromCID is Parse for a decoded CID.
func FromCID(c cid.Cid, paddedSize uint64) (Piece, error) {
	if !IsPieceCID(c) {
		return Piece{}, fmt.Errorf("%w %s: not a PieceCID (want baga… with a size, or a FRC-0069 v2 CID)", ErrBadPieceCID, c)
	}
	dm, err := multihash.Decode(c.Hash())
	if err != nil {
		return Piece{}, fmt.Errorf("%w %s: %v", ErrBadPieceCID, c, err)
	}
	var p Piece
	if dm.Code == uint64(multicodec.Sha2_256Trunc254Padded) {
		if len(dm.Digest) != nodeSize {
			return Piece{}, fmt.Errorf("%w %s: digest is %d bytes, want %d", ErrBadPieceCID, c, len(dm.Digest), nodeSize)
		}
		if paddedSize == 0 {
			return Piece{}, fmt.Errorf("%w %s: a v1 PieceCID needs its padded piece size (piece_size)", ErrBadPieceCID, c)
		}
		if err := CheckPaddedSize(paddedSize); err != nil {
			return Piece{}, fmt.Errorf("%w %s: %w", ErrBadPieceCID, c, err)
		}
		copy(p.Root[:], dm.Digest)
		p.PaddedSize = paddedSize
		return p, nil
	}
	padding, n := binary.Uvarint(dm.Digest)
	if n <= 0 || len(dm.Digest) != n+1+nodeSize {
		return Piece{}, fmt.Errorf("%w %s: malformed v2 digest", ErrBadPieceCID, c)
	}
	height := int(dm.Digest[n])
	if height < leafLevels || height > bits.TrailingZeros64(MaxPieceSize/nodeSize) {
		return Piece{}, fmt.Errorf("%w %s: tree height %d is outside %d..%d", ErrBadPieceCID, c, height, leafLevels, bits.TrailingZeros64(MaxPieceSize/nodeSize))
	}
	p.PaddedSize = nodeSize << height
	capacity := p.PaddedSize / quadOut * quadIn
	if padding >= capacity || capacity-padding < MinPiecePayload {
		return Piece{}, fmt.Errorf("%w %s: padding %d leaves no payload in a %d-byte piece", ErrBadPieceCID, c, padding, p.PaddedSize)
	}
	p.Payload = capacity - padding
	if paddedSize != 0 && paddedSize != p.PaddedSize {
		return Piece{}, fmt.Errorf("%w %s: it encodes a %d-byte piece, but the size given is %d", ErrBadPieceCID, c, p.PaddedSize, paddedSize)
	}
	copy(p.Root[:], dm.Digest[n+1:])
	return p, nil
}
