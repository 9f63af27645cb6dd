package deals

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/ipfs/boxo/ipld/merkledag"
	"github.com/ipfs/go-cid"
	car "github.com/ipld/go-car/v2"
	"github.com/ipld/go-car/v2/blockstore"
)

// gateway fetches a DAG as a CAR from a trustless gateway (IPIP-402 / the trustless gateway
// spec): GET <base>/ipfs/<cid>?format=car&dag-scope=all.
type gateway struct {
	base   *url.URL
	client *http.Client
}

func newGateway(raw string, client *http.Client) (*gateway, error) {
	u, err := url.Parse(strings.TrimRight(raw, "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("deals: gateway URL %q: want http(s)://host[:port][/path]", raw)
	}
	if client == nil {
		client = &http.Client{}
	}
	return &gateway{base: u, client: client}, nil
}

func (g *gateway) url(c cid.Cid) string {
	u := *g.base
	u.Path += "/ipfs/" + c.String()
	u.RawQuery = "format=car&dag-scope=all"
	return u.String()
}

// fetch streams c's DAG into a temp CAR inside tmp, verifying each block as it arrives (a
// wrong block stops the download at once), then unpacks it from there into tmp/content and
// deletes the CAR. Blocks may arrive in any order, so the unpack needs them all first.
func (g *gateway) fetch(ctx context.Context, c cid.Cid, tmp string, progress func(done, total int64)) (int64, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, g.url(c), nil)
	if err != nil {
		return 0, err
	}
	req.Header.Set("Accept", "application/vnd.ipld.car")
	resp, err := g.client.Do(req)
	if err != nil {
		return 0, fmt.Errorf("gateway: %w", err)
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusOK:
	case resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusGone:
		return 0, fmt.Errorf("%w at gateway %s", ErrNotFound, g.base.Redacted())
	default:
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		return 0, fmt.Errorf("gateway %s: %s: %s", g.base.Redacted(), resp.Status, strings.TrimSpace(string(msg)))
	}

	carPath := filepath.Join(tmp, "fetch.car")
	rw, err := blockstore.OpenReadWrite(carPath, []cid.Cid{c})
	if err != nil {
		return 0, err
	}
	defer func() {
		rw.Discard()
		_ = os.Remove(carPath)
	}()
	// We hash every block ourselves (verifyBlock, with its hash-function policy), so the
	// reader's own check would only hash everything twice.
	br, err := car.NewBlockReader(resp.Body, car.WithTrustedCAR(true))
	if err != nil {
		if ctx.Err() != nil {
			return 0, ctx.Err()
		}
		return 0, fmt.Errorf("%w: gateway response is not a CAR: %v", ErrIncomplete, err)
	}
	var done, total int64 = 0, -1
	for {
		blk, err := br.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			if ctx.Err() != nil {
				return 0, ctx.Err()
			}
			if errors.Is(err, io.ErrUnexpectedEOF) {
				return 0, fmt.Errorf("%w: gateway stream cut off after %d bytes of blocks", ErrIncomplete, done)
			}
			return 0, fmt.Errorf("%w: gateway stream after %d bytes of blocks: %v", ErrIncomplete, done, err)
		}
		if err := verifyBlock(blk.Cid(), blk.RawData()); err != nil {
			return 0, fmt.Errorf("from gateway: %w", err)
		}
		if total < 0 && blk.Cid().Equals(c) {
			total = dagTotal(blk.Cid(), blk.RawData())
		}
		if err := rw.Put(ctx, blk); err != nil {
			return 0, err
		}
		done += int64(len(blk.RawData()))
		if progress != nil {
			progress(done, total)
		}
	}
	if done == 0 {
		// What an offline Kubo answers for a CID it does not hold: 200 and a CAR header
		// naming the root, then no blocks at all.
		return 0, fmt.Errorf("%w at gateway %s (it sent no blocks)", ErrNotFound, g.base.Redacted())
	}
	// Missing blocks (a stream that stopped cleanly at a block boundary) surface here as
	// ErrIncomplete naming the first missing block.
	n, err := unpack(ctx, rw, c, filepath.Join(tmp, contentName), nil)
	if err != nil {
		return 0, err
	}
	if progress != nil {
		progress(done, done)
	}
	return n, nil
}

// dagTotal estimates the DAG's bytes from its root block (dag-pb link sizes are cumulative).
func dagTotal(c cid.Cid, data []byte) int64 {
	if c.Type() != cid.DagProtobuf {
		return int64(len(data))
	}
	pn, err := merkledag.DecodeProtobuf(data)
	if err != nil {
		return -1
	}
	total := int64(len(data))
	for _, l := range pn.Links() {
		total += int64(l.Size)
	}
	return total
}
