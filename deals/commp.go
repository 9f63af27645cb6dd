package deals

import (
	"errors"
	"fmt"
	"math/bits"
	"runtime"
	"sync"

	sha256 "github.com/minio/sha256-simd"

	"github.com/shaleprotocol/shale/deals/piececid"
)

// Filecoin piece commitment (CommP): the payload is zero-padded to 127·2^k bytes, fr32-expanded
// (every 254 bits become a 32-byte leaf whose top two bits are zero) to 128·2^k bytes, and the
// leaves are hashed pairwise with sha256 truncated to 254 bits up to a single root.
const (
	// MinPiecePayload is the smallest payload a piece commits to (as in Lotus and Curio).
	MinPiecePayload = piececid.MinPiecePayload
	// MaxPieceSize bounds a padded piece: Filecoin's largest sector holds 64 GiB.
	MaxPieceSize = piececid.MaxPieceSize
	// MinPieceSize is the smallest padded piece (one fr32 quad, four leaves).
	MinPieceSize = piececid.MinPieceSize

	quadIn  = 127 // payload bytes per fr32 quad
	quadOut = 128 // padded bytes per quad

	// A slab is the unit hashed on its own goroutine: 8192 quads, a 1 MiB padded subtree.
	slabQuads  = 8192
	slabIn     = slabQuads * quadIn
	slabLevel  = 15 // log2(slabQuads*quadOut/32)
	maxLevels  = 64
	nodeSize   = 32
	leafLevels = 2 // a quad is a subtree of height 2
)

// ErrPieceSize: a payload does not fit the piece size asked for, or is below MinPiecePayload.
var ErrPieceSize = piececid.ErrPieceSize

// zeroComm[h] is the root of a subtree of height h over zero leaves (zero payload
// fr32-expands to zero leaves).
var zeroComm = func() (z [maxLevels][nodeSize]byte) {
	for h := 1; h < maxLevels; h++ {
		z[h] = hashPair(&z[h-1], &z[h-1])
	}
	return z
}()

func hashPair(l, r *[nodeSize]byte) [nodeSize]byte {
	var buf [2 * nodeSize]byte
	copy(buf[:nodeSize], l[:])
	copy(buf[nodeSize:], r[:])
	out := sha256.Sum256(buf[:])
	out[nodeSize-1] &= 0x3f
	return out
}

// PaddedPieceSize is the smallest padded piece size holding payload bytes: 128·2^k with
// 127·2^k >= payload.
func PaddedPieceSize(payload uint64) uint64 {
	quads := (payload + quadIn - 1) / quadIn
	if quads <= 1 {
		return MinPieceSize
	}
	return MinPieceSize << bits.Len64(quads-1)
}

// CommP computes a piece commitment while bytes are written to it (an io.Writer), hashing
// 1 MiB subtrees on up to GOMAXPROCS goroutines. Memory stays at a few slabs per goroutine
// whatever the piece size. Each helper goroutine ends after its slab, so an abandoned CommP
// leaves nothing running.
type CommP struct {
	buf      []byte // payload bytes not yet dispatched, < slabIn
	written  uint64
	stack    tree
	pending  []chan [nodeSize]byte // slab roots in order, not yet merged
	sem      chan struct{}
	finished bool
}

// NewCommP returns a CommP ready for writes.
func NewCommP() *CommP {
	return &CommP{buf: make([]byte, 0, slabIn), sem: make(chan struct{}, runtime.GOMAXPROCS(0))}
}

// Write never fails before Sum; it blocks while every worker is busy, so a fast reader
// cannot queue unbounded slabs.
func (c *CommP) Write(p []byte) (int, error) {
	if c.finished {
		return 0, errors.New("commp: write after Sum")
	}
	n := len(p)
	c.written += uint64(n)
	for len(p) > 0 {
		k := copy(c.buf[len(c.buf):cap(c.buf)], p)
		c.buf = c.buf[:len(c.buf)+k]
		p = p[k:]
		if len(c.buf) == slabIn {
			c.dispatch()
		}
	}
	return n, nil
}

// Written is the payload bytes written so far.
func (c *CommP) Written() uint64 { return c.written }

func (c *CommP) dispatch() {
	slab := c.buf
	c.buf = make([]byte, 0, slabIn)
	ch := make(chan [nodeSize]byte, 1)
	// Merge finished slabs first so pending stays within a couple of slabs per worker.
	for len(c.pending) >= 2*cap(c.sem) {
		c.stack.push(<-c.pending[0], slabLevel)
		c.pending = c.pending[1:]
	}
	c.sem <- struct{}{}
	c.pending = append(c.pending, ch)
	go func() {
		defer func() { <-c.sem }()
		ch <- hashSlab(slab)
	}()
}

var slabBufs = sync.Pool{New: func() any { return new([slabQuads * quadOut]byte) }}

// hashSlab expands a full slab into its leaves and hashes them level by level in place (a
// parent at i overwrites bytes already read for children 2i and 2i+1), so the hot loop
// hashes contiguous 64-byte pairs without copying.
func hashSlab(in []byte) [nodeSize]byte {
	buf := slabBufs.Get().(*[slabQuads * quadOut]byte)
	defer slabBufs.Put(buf)
	for q := 0; q < slabQuads; q++ {
		fr32Quad((*[quadOut]byte)(buf[q*quadOut:]), in[q*quadIn:(q+1)*quadIn])
	}
	for n := len(buf) / nodeSize; n > 1; n /= 2 {
		for i := 0; i < n/2; i++ {
			h := sha256.Sum256(buf[2*i*nodeSize : 2*(i+1)*nodeSize])
			h[nodeSize-1] &= 0x3f
			copy(buf[i*nodeSize:], h[:])
		}
	}
	return [nodeSize]byte(buf[:nodeSize])
}

// Sum finishes the commitment over the written payload zero-padded to paddedSize, or to the
// smallest piece that holds it when paddedSize is 0. It returns the root and the padded size.
func (c *CommP) Sum(paddedSize uint64) ([nodeSize]byte, uint64, error) {
	c.finished = true
	for _, ch := range c.pending {
		c.stack.push(<-ch, slabLevel)
	}
	c.pending = nil
	if c.written < MinPiecePayload {
		return [nodeSize]byte{}, 0, fmt.Errorf("%w: %d bytes is below the %d-byte minimum of a piece", ErrPieceSize, c.written, MinPiecePayload)
	}
	need := PaddedPieceSize(c.written)
	if paddedSize == 0 {
		paddedSize = need
	}
	if err := checkPaddedSize(paddedSize); err != nil {
		return [nodeSize]byte{}, 0, err
	}
	if need > paddedSize {
		return [nodeSize]byte{}, 0, fmt.Errorf("%w: %d payload bytes need a %d-byte piece, larger than %d", ErrPieceSize, c.written, need, paddedSize)
	}
	if rem := len(c.buf) % quadIn; rem != 0 {
		c.buf = append(c.buf, make([]byte, quadIn-rem)...)
	}
	hashQuads(&c.stack, c.buf)
	c.buf = nil
	return c.stack.finish(levelOf(paddedSize)), paddedSize, nil
}

func checkPaddedSize(p uint64) error { return piececid.CheckPaddedSize(p) }

// tree is a binary counter of pending left subtrees, one per level.
type tree struct {
	nodes [maxLevels][nodeSize]byte
	have  uint64 // bit h: nodes[h] holds a pending left subtree
}

func (t *tree) push(n [nodeSize]byte, h int) {
	for t.have&(1<<h) != 0 {
		n = hashPair(&t.nodes[h], &n)
		t.have &^= 1 << h
		h++
	}
	t.nodes[h] = n
	t.have |= 1 << h
}

// finish pads the pushed leaves with zero subtrees up to a root at level root.
func (t *tree) finish(root int) [nodeSize]byte {
	for h := 0; h < root; h++ {
		if t.have&(1<<h) != 0 {
			t.push(zeroComm[h], h)
		}
	}
	if t.have&(1<<root) == 0 {
		return zeroComm[root]
	}
	return t.nodes[root]
}

// hashQuads fr32-expands whole quads of in and pushes each as a height-2 subtree.
func hashQuads(t *tree, in []byte) {
	var out [quadOut]byte
	for len(in) >= quadIn {
		fr32Quad(&out, in[:quadIn])
		in = in[quadIn:]
		var l [4][nodeSize]byte
		for i := range l {
			copy(l[i][:], out[i*nodeSize:])
		}
		a, b := hashPair(&l[0], &l[1]), hashPair(&l[2], &l[3])
		t.push(hashPair(&a, &b), leafLevels)
	}
}

// fr32Quad spreads 127 bytes (four 254-bit little-endian field elements) over 128 bytes,
// leaving the top two bits of every 32nd byte zero.
func fr32Quad(out *[quadOut]byte, in []byte) {
	copy(out[:31], in[:31])
	out[31] = in[31] & 0x3f
	carry := in[31] >> 6
	for i := 32; i < 64; i++ {
		out[i] = in[i]<<2 | carry
		carry = in[i] >> 6
	}
	out[63] &= 0x3f
	carry = in[63] >> 4
	for i := 64; i < 96; i++ {
		out[i] = in[i]<<4 | carry
		carry = in[i] >> 4
	}
	out[95] &= 0x3f
	carry = in[95] >> 2
	for i := 96; i < 127; i++ {
		out[i] = in[i]<<6 | carry
		carry = in[i] >> 2
	}
	out[127] = carry
}

// levelOf is the tree level of a padded size's root.
func levelOf(paddedSize uint64) int { return bits.TrailingZeros64(paddedSize / nodeSize) }
