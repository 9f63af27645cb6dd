package deals

import (
	"bytes"
	"context"
	"errors"
	"fmt"

	blocks "github.com/ipfs/go-block-format"
	"github.com/ipfs/go-cid"
	format "github.com/ipfs/go-ipld-format"
	"github.com/multiformats/go-multihash"
)

// acceptedHashes are the multihash functions a deal's blocks may use. Anything else (sha1,
// md5, truncated digests, ...) is refused: a weak hash anywhere in the DAG would let the
// source swap that block's content while the root CID still matches.
var acceptedHashes = map[uint64]bool{
	multihash.SHA2_256:         true,
	multihash.SHA2_512:         true,
	multihash.SHA3_256:         true,
	multihash.SHA3_512:         true,
	multihash.BLAKE2B_MIN + 31: true, // blake2b-256
	multihash.BLAKE3:           true,
	multihash.IDENTITY:         true,
}

// maxIdentityLen bounds identity "hashes" (data inlined in the CID) the way Kubo does.
const maxIdentityLen = 128

// verifyBlock recomputes the multihash of data and compares it with c's: the single check
// that makes every byte we unpack trustworthy.
func verifyBlock(c cid.Cid, data []byte) error {
	p := c.Prefix()
	if !acceptedHashes[p.MhType] {
		return fmt.Errorf("%w: block %s uses hash function %s, not accepted", ErrVerification, c, multihash.Codes[p.MhType])
	}
	dec, err := multihash.Decode(c.Hash())
	if err != nil {
		return fmt.Errorf("%w: block %s: %v", ErrVerification, c, err)
	}
	if p.MhType == multihash.IDENTITY && dec.Length > maxIdentityLen {
		return fmt.Errorf("%w: block %s: identity CID longer than %d bytes", ErrVerification, c, maxIdentityLen)
	}
	// Hash with the digest length the CID declares, so a truncated-digest CID cannot pass.
	sum, err := multihash.Sum(data, p.MhType, dec.Length)
	if err != nil {
		return fmt.Errorf("%w: block %s: %v", ErrVerification, c, err)
	}
	if !bytes.Equal(sum, c.Hash()) {
		return fmt.Errorf("%w: block %s: content hashes to %s", ErrVerification, c, cid.NewCidV1(p.Codec, sum))
	}
	return nil
}

// blockGetter is what the unpacker reads from: a CAR blockstore, local or just downloaded.
type blockGetter interface {
	Get(ctx context.Context, c cid.Cid) (blocks.Block, error)
}

// verifiedGetter returns only blocks whose bytes hash to their CID, and turns a missing block
// into ErrIncomplete.
type verifiedGetter struct {
	bs blockGetter
}

func (g verifiedGetter) get(ctx context.Context, c cid.Cid) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	blk, err := g.bs.Get(ctx, c)
	if err != nil {
		var nf format.ErrNotFound
		if errors.As(err, &nf) || format.IsNotFound(err) {
			return nil, fmt.Errorf("%w: block %s missing", ErrIncomplete, c)
		}
		return nil, fmt.Errorf("read block %s: %w", c, err)
	}
	data := blk.RawData()
	if err := verifyBlock(c, data); err != nil {
		return nil, err
	}
	return data, nil
}
