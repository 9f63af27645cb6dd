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
	"strconv"
	"strings"
	"time"

	"github.com/ipfs/go-cid"
	car "github.com/ipld/go-car/v2"
	"github.com/ipld/go-car/v2/blockstore"
)

// pieceRetries bounds the Range requests that resume a piece download cut off mid-stream.
const pieceRetries = 3

// ResolvePiece returns a read-only local path holding the UnixFS DAG inside piece p: a CAR
// whose bytes must hash to p's CommP. payload, if defined, must be a root of that CAR; if
// undefined the CAR must have exactly one root. The piece comes from the car store (a file
// whose CommP is p) or else from PieceURL, and is verified in full before it is unpacked,
// every block verified again. Concurrent calls for one piece share one fetch; release as for
// Resolve.
func (s *Store) ResolvePiece(ctx context.Context, p Piece, payload cid.Cid, progress func(done, total int64)) (path string, release func(), err error) {
	key := p.V1()
	path, info, release, err := s.resolveKey(ctx, key, func() (string, entryInfo, func(), error) {
		return s.fetchPiece(ctx, p, payload, progress)
	})
	if err != nil {
		return "", nil, err
	}
	// The root fixes the tree's height, so a v1 CID with another size is no piece at all.
	if info.pieceSize != p.PaddedSize {
		release()
		return "", nil, fmt.Errorf("resolve piece %s: %w: this CommP belongs to a %d-byte piece, not %d (wrong piece size)", p, ErrVerification, info.pieceSize, p.PaddedSize)
	}
	if payload.Defined() && !info.root.Equals(payload) {
		release()
		return "", nil, fmt.Errorf("resolve piece %s: %w: its CAR holds root %s, not %s", p, ErrVerification, info.root, payload)
	}
	return path, release, nil
}

func (s *Store) fetchPiece(ctx context.Context, p Piece, payload cid.Cid, progress func(done, total int64)) (string, entryInfo, func(), error) {
	fail := func(err error) (string, entryInfo, func(), error) {
		return "", entryInfo{}, nil, fmt.Errorf("resolve piece %s: %w", p, classify(err))
	}
	var local string
	if s.cars != nil {
		local = s.cars.lookupPiece(p.Root)
		if local == "" {
			// A CAR added since the last poll may be this piece: index and hash it now.
			if _, err := s.cars.refresh(ctx); err != nil {
				return fail(err)
			}
			if _, err := s.cars.hashPieces(ctx); err != nil {
				return fail(err)
			}
			local = s.cars.lookupPiece(p.Root)
		}
	}
	if local == "" && s.pieces == nil {
		return fail(fmt.Errorf("%w: no CAR in the car store has this CommP and no piece_url is configured", ErrNotFound))
	}
	tmp, err := s.cache.tempDir(p.V1())
	if err != nil {
		return fail(err)
	}
	path, info, rel, err := s.fetchPieceInto(ctx, p, payload, local, tmp, progress)
	if err == nil {
		return path, info, rel, nil
	}
	// Nothing half-done stays behind: the temp dir is the only thing written so far.
	if rerr := removeAll(tmp); rerr != nil {
		err = errors.Join(err, rerr)
	}
	return fail(err)
}

func (s *Store) fetchPieceInto(ctx context.Context, p Piece, payload cid.Cid, local, tmp string, progress func(done, total int64)) (string, entryInfo, func(), error) {
	carPath, source := local, local
	if local != "" {
		// The index hashed this file once; hash it again, since a file can change under
		// the same size and mtime and the mount must hold exactly the piece named.
		if err := verifyPieceFile(ctx, local, p); err != nil {
			return "", entryInfo{}, nil, err
		}
	} else {
		carPath = filepath.Join(tmp, "piece.car")
		source = s.pieces.url(p)
		if err := s.pieces.fetch(ctx, p, carPath, progress); err != nil {
			return "", entryInfo{}, nil, err
		}
	}
	root, size, err := unpackPiece(ctx, carPath, payload, filepath.Join(tmp, contentName), progress)
	if carPath != local {
		if rerr := os.Remove(carPath); rerr != nil && err == nil {
			err = rerr
		}
	}
	if err != nil {
		return "", entryInfo{}, nil, err
	}
	info := entryInfo{root: root, pieceSize: p.PaddedSize}
	path, rel, err := s.cache.install(p.V1(), tmp, size, source, info)
	return path, info, rel, err
}

// unpackPiece unpacks a verified piece's CAR (trailing zero padding allowed) into dst.
func unpackPiece(ctx context.Context, carPath string, payload cid.Cid, dst string, progress func(done, total int64)) (cid.Cid, int64, error) {
	bs, err := blockstore.OpenReadOnly(carPath, car.ZeroLengthSectionAsEOF(true))
	if err != nil {
		return cid.Undef, 0, fmt.Errorf("%w: the piece is not a CAR: %v", ErrUnsupported, err)
	}
	defer bs.Close()
	roots, err := bs.Roots()
	if err != nil {
		return cid.Undef, 0, fmt.Errorf("%w: CAR roots: %v", ErrVerification, err)
	}
	var root cid.Cid
	switch {
	case payload.Defined():
		for _, r := range roots {
			if r.Equals(payload) {
				root = r
			}
		}
		if !root.Defined() {
			return cid.Undef, 0, fmt.Errorf("%w: its CAR has roots %v, not %s", ErrVerification, roots, payload)
		}
	case len(roots) == 1:
		root = roots[0]
	default:
		return cid.Undef, 0, fmt.Errorf("%w: its CAR has %d roots %v; name the one to mount (mount cid)", ErrUnsupported, len(roots), roots)
	}
	n, err := unpack(ctx, bs, root, dst, progress)
	return root, n, err
}

// verifyPieceFile checks that a local file's bytes are piece p.
func verifyPieceFile(ctx context.Context, path string, p Piece) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	cp := NewCommP()
	if _, err := io.Copy(cp, io.LimitReader(&ctxReader{ctx, f}, int64(maxPayload(p))+1)); err != nil {
		return err
	}
	return checkCommP(cp, p)
}

// maxPayload is the most payload bytes piece p can hold.
func maxPayload(p Piece) uint64 {
	if p.Payload != 0 {
		return p.Payload
	}
	return p.PaddedSize / quadOut * quadIn
}

// checkCommP compares what cp hashed against piece p.
func checkCommP(cp *CommP, p Piece) error {
	n := cp.Written()
	if n > maxPayload(p) {
		return fmt.Errorf("%w: more than the %d payload bytes a %d-byte piece holds", ErrVerification, maxPayload(p), p.PaddedSize)
	}
	if p.Payload != 0 && n != p.Payload {
		return fmt.Errorf("%w: %d bytes, but the PieceCID says %d (a truncated or wrong piece)", ErrIncomplete, n, p.Payload)
	}
	root, _, err := cp.Sum(p.PaddedSize)
	if err != nil {
		return fmt.Errorf("%w: %w", ErrVerification, err)
	}
	if root != p.Root {
		got := Piece{Root: root, PaddedSize: p.PaddedSize}
		return fmt.Errorf("%w: the %d bytes received hash to CommP %s, not %s (wrong bytes, or a wrong piece size)", ErrVerification, n, got.V1(), p.V1())
	}
	return nil
}

// pieceSource downloads pieces from a /piece/{pieceCid} server (FRC-0066).
type pieceSource struct {
	base    *url.URL
	client  *http.Client
	stall   time.Duration
	minRate int64
}

var (
	errStalled = errors.New("piece server sent nothing")
	errTooSlow = errors.New("piece server too slow")
)

func newPieceSource(cfg Config) (*pieceSource, error) {
	u, err := url.Parse(strings.TrimRight(cfg.PieceURL, "/"))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("deals: piece URL %q: want http(s)://host[:port][/path]", cfg.PieceURL)
	}
	ps := &pieceSource{base: u, client: cfg.HTTPClient, stall: cfg.PieceStall, minRate: cfg.PieceMinRate}
	if ps.client == nil {
		ps.client = &http.Client{}
	}
	if ps.stall <= 0 {
		ps.stall = 30 * time.Second
	}
	if ps.minRate <= 0 {
		ps.minRate = 1 << 20
	}
	return ps, nil
}

// url asks for the v2 CID when the payload size is known (Curio serves both forms), else v1.
func (ps *pieceSource) url(p Piece) string {
	c := p.V2()
	if !c.Defined() {
		c = p.V1()
	}
	u := *ps.base
	u.Path += "/piece/" + c.String()
	return u.String()
}

// fetch downloads piece p into dst, hashing while it streams, and fails unless the bytes are
// exactly p. It never writes more than p can hold, gives up when the server sends nothing for
// the stall time or falls behind the minimum rate, and resumes a cut-off stream with Range.
func (ps *pieceSource) fetch(ctx context.Context, p Piece, dst string, progress func(done, total int64)) error {
	limit := int64(maxPayload(p))
	ctx, cancel := context.WithTimeoutCause(ctx, ps.stall+time.Duration(float64(limit)/float64(ps.minRate)*float64(time.Second)), errTooSlow)
	defer cancel()
	f, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	defer f.Close()
	cp := NewCommP()
	var done int64
	total := int64(-1)
	if p.Payload != 0 {
		total = limit
	}
	for attempt := 0; ; attempt++ {
		n, size, err := ps.get(ctx, p, done, limit, io.MultiWriter(f, cp), func(n int64, size int64) {
			if progress != nil {
				if size >= 0 {
					total = size
				}
				progress(done+n, total)
			}
		})
		done += n
		if size >= 0 {
			total = size
		}
		if err == nil {
			break
		}
		if cause := context.Cause(ctx); cause != nil {
			return fmt.Errorf("%w: %w after %d bytes from %s", ErrIncomplete, cause, done, ps.base.Redacted())
		}
		// A stream cut off mid-way is resumed where it stopped; anything else is final.
		if !errors.Is(err, io.ErrUnexpectedEOF) || attempt == pieceRetries {
			return err
		}
	}
	if total >= 0 && done != total {
		return fmt.Errorf("%w: the server announced %d bytes and sent %d", ErrIncomplete, total, done)
	}
	if err := checkCommP(cp, p); err != nil {
		return fmt.Errorf("from %s: %w", ps.base.Redacted(), err)
	}
	if err := f.Sync(); err != nil {
		return err
	}
	return f.Close()
}

// get streams one response from offset into w. It returns the body bytes written, the
// piece's total size when the server told it (-1 if not), and why it stopped.
func (ps *pieceSource) get(ctx context.Context, p Piece, offset, limit int64, w io.Writer, progress func(n, size int64)) (int64, int64, error) {
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, ps.url(p), nil)
	if err != nil {
		return 0, -1, err
	}
	if offset > 0 {
		req.Header.Set("Range", fmt.Sprintf("bytes=%d-", offset))
	}
	// The stall timer also covers waiting for the response headers.
	stall := time.AfterFunc(ps.stall, func() { cancel(fmt.Errorf("%w for %s", errStalled, ps.stall)) })
	defer stall.Stop()
	resp, err := ps.client.Do(req)
	if err != nil {
		if cause := context.Cause(ctx); cause != nil && !errors.Is(cause, context.Canceled) {
			return 0, -1, fmt.Errorf("%w: %w from %s", ErrIncomplete, cause, ps.base.Redacted())
		}
		return 0, -1, fmt.Errorf("%w: piece server %s: %w", ErrIncomplete, ps.base.Redacted(), err)
	}
	defer resp.Body.Close()
	size := int64(-1)
	switch {
	case resp.StatusCode == http.StatusOK && offset == 0:
		size = resp.ContentLength
	case resp.StatusCode == http.StatusPartialContent && offset > 0:
		start, total, ok := parseContentRange(resp.Header.Get("Content-Range"))
		if !ok || start != offset {
			return 0, -1, fmt.Errorf("%w: piece server %s answered a Range from %d with %q", ErrIncomplete, ps.base.Redacted(), offset, resp.Header.Get("Content-Range"))
		}
		size = total
	case resp.StatusCode == http.StatusOK:
		return 0, -1, fmt.Errorf("%w: piece server %s ignored a Range request from byte %d (it must support Range to resume)", ErrIncomplete, ps.base.Redacted(), offset)
	case resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusGone:
		return 0, -1, fmt.Errorf("%w at piece server %s", ErrNotFound, ps.base.Redacted())
	default:
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		return 0, -1, fmt.Errorf("piece server %s: %s: %s", ps.base.Redacted(), resp.Status, strings.TrimSpace(string(msg)))
	}
	if size > limit {
		return 0, size, fmt.Errorf("%w: the server offers %d bytes, more than the piece's %d", ErrVerification, size, limit)
	}
	var n int64
	buf := make([]byte, 256<<10)
	for {
		k, rerr := resp.Body.Read(buf)
		if k > 0 {
			stall.Reset(ps.stall)
			if offset+n+int64(k) > limit {
				return n, size, fmt.Errorf("%w: the server sent more than the piece's %d bytes", ErrVerification, limit)
			}
			if _, err := w.Write(buf[:k]); err != nil {
				return n, size, err
			}
			n += int64(k)
			progress(n, size)
		}
		if rerr == io.EOF {
			return n, size, nil
		}
		if rerr != nil {
			if cause := context.Cause(ctx); cause != nil && !errors.Is(cause, context.Canceled) {
				return n, size, fmt.Errorf("%w: %w after %d bytes from %s", ErrIncomplete, cause, offset+n, ps.base.Redacted())
			}
			return n, size, fmt.Errorf("%w: piece server %s after %d bytes: %w", ErrIncomplete, ps.base.Redacted(), offset+n, rerr)
		}
	}
}

// parseContentRange reads "bytes start-end/total"; total is -1 for "*".
func parseContentRange(v string) (start, total int64, ok bool) {
	rest, found := strings.CutPrefix(v, "bytes ")
	if !found {
		return 0, 0, false
	}
	rng, tot, found := strings.Cut(rest, "/")
	if !found {
		return 0, 0, false
	}
	s, _, found := strings.Cut(rng, "-")
	if !found {
		return 0, 0, false
	}
	start, err := strconv.ParseInt(s, 10, 64)
	if err != nil || start < 0 {
		return 0, 0, false
	}
	total = -1
	if tot != "*" {
		if total, err = strconv.ParseInt(tot, 10, 64); err != nil {
			return 0, 0, false
		}
	}
	return start, total, true
}
