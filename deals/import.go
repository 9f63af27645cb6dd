package deals

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"

	chunker "github.com/ipfs/boxo/chunker"
	"github.com/ipfs/boxo/ipld/merkledag"
	"github.com/ipfs/boxo/ipld/unixfs"
	"github.com/ipfs/boxo/ipld/unixfs/importer/balanced"
	"github.com/ipfs/boxo/ipld/unixfs/importer/helpers"
	uio "github.com/ipfs/boxo/ipld/unixfs/io"
	blocks "github.com/ipfs/go-block-format"
	"github.com/ipfs/go-cid"
	format "github.com/ipfs/go-ipld-format"
	car "github.com/ipld/go-car/v2"
	"github.com/ipld/go-car/v2/blockstore"
	"github.com/multiformats/go-multihash"
	"github.com/shaleprotocol/shale/internal/fsutil"
)

// importPrefix is CIDv1, dag-pb, sha2-256: with raw leaves and 256 KiB chunks this is what
// `ipfs add --cid-version=1 --raw-leaves` produces, so Kubo and Import agree on CIDs.
var importPrefix = cid.Prefix{Version: 1, Codec: cid.DagProtobuf, MhType: multihash.SHA2_256, MhLength: -1}

// Import turns the file or directory src into a UnixFS DAG (CIDv1, raw leaves, sha2-256,
// 256 KiB chunks, balanced layout) written as an indexed CARv2 into carDir, and returns its
// root CID. The CAR appears under its final name only when complete; importing the same data
// again is a no-op.
func Import(ctx context.Context, carDir, src string) (cid.Cid, error) {
	info, err := os.Stat(src)
	if err != nil {
		return cid.Undef, fmt.Errorf("import: %w", err)
	}
	if err := os.MkdirAll(carDir, 0o755); err != nil {
		return cid.Undef, fmt.Errorf("import: %w", err)
	}
	// The root is known only at the end, but a CARv2 header wants roots first: write a
	// placeholder of the same encoded length and replace it in place once the DAG is built.
	placeholder, err := importPrefix.Sum(nil)
	if err != nil {
		return cid.Undef, err
	}
	f, err := os.CreateTemp(carDir, ".import-*.car.tmp")
	if err != nil {
		return cid.Undef, fmt.Errorf("import: %w", err)
	}
	tmp := f.Name()
	defer os.Remove(tmp) // no-op after the rename
	defer f.Close()
	rw, err := blockstore.OpenReadWriteFile(f, []cid.Cid{placeholder})
	if err != nil {
		return cid.Undef, fmt.Errorf("import: %w", err)
	}
	im := &importer{ctx: ctx, bs: rw}
	var root format.Node
	if info.IsDir() {
		root, err = im.dir(src)
	} else {
		root, err = im.file(src, info)
	}
	if err != nil {
		rw.Discard()
		return cid.Undef, fmt.Errorf("import %s: %w", src, err)
	}
	if err := rw.Finalize(); err != nil {
		return cid.Undef, fmt.Errorf("import %s: %w", src, err)
	}
	if err := car.ReplaceRootsInFile(tmp, []cid.Cid{root.Cid()}); err != nil {
		return cid.Undef, fmt.Errorf("import %s: %w", src, err)
	}
	if err := f.Sync(); err != nil {
		return cid.Undef, fmt.Errorf("import %s: %w", src, err)
	}
	if err := os.Chmod(tmp, 0o444); err != nil {
		return cid.Undef, fmt.Errorf("import %s: %w", src, err)
	}
	dst := filepath.Join(carDir, carFileName(src, root.Cid()))
	if err := os.Rename(tmp, dst); err != nil {
		return cid.Undef, fmt.Errorf("import %s: %w", src, err)
	}
	if err := fsutil.SyncDir(carDir); err != nil {
		return cid.Undef, fmt.Errorf("import %s: %w", src, err)
	}
	return root.Cid(), nil
}

// ImportedPath is where Import puts the CAR of src with root c.
func ImportedPath(carDir, src string, c cid.Cid) string {
	return filepath.Join(carDir, carFileName(src, c))
}

var unsafeNameChars = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// carFileName keeps the source's base name for operators (`deals list`) and the CID for
// uniqueness: <base>.<cid>.car.
func carFileName(src string, c cid.Cid) string {
	base := unsafeNameChars.ReplaceAllString(filepath.Base(filepath.Clean(src)), "_")
	for len(base) > 0 && base[0] == '.' {
		base = base[1:]
	}
	if base == "" {
		return c.String() + ".car"
	}
	return base + "." + c.String() + ".car"
}

// importer writes UnixFS nodes into the CAR blockstore through boxo's DAG builders.
type importer struct {
	ctx context.Context
	bs  *blockstore.ReadWrite
}

func (im *importer) file(path string, info os.FileInfo) (format.Node, error) {
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("%s: not a regular file, directory or symlink", path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	params := helpers.DagBuilderParams{
		Maxlinks:   helpers.DefaultLinksPerBlock,
		RawLeaves:  true,
		CidBuilder: importPrefix,
		Dagserv:    dagService{im.bs},
	}
	db, err := params.New(chunker.NewSizeSplitter(&ctxReader{im.ctx, f}, chunker.DefaultBlockSize))
	if err != nil {
		return nil, err
	}
	return balanced.Layout(db)
}

func (im *importer) dir(path string) (format.Node, error) {
	ds := dagService{im.bs}
	d, err := uio.NewDirectory(ds, uio.WithCidBuilder(importPrefix))
	if err != nil {
		return nil, err
	}
	ents, err := os.ReadDir(path)
	if err != nil {
		return nil, err
	}
	for _, e := range ents {
		if err := im.ctx.Err(); err != nil {
			return nil, err
		}
		p := filepath.Join(path, e.Name())
		info, err := os.Lstat(p)
		if err != nil {
			return nil, err
		}
		var n format.Node
		switch {
		case info.IsDir():
			n, err = im.dir(p)
		case info.Mode()&os.ModeSymlink != 0:
			n, err = im.symlink(p)
		default:
			n, err = im.file(p, info)
		}
		if err != nil {
			return nil, err
		}
		if err := d.AddChild(im.ctx, e.Name(), n); err != nil {
			return nil, err
		}
	}
	n, err := d.GetNode()
	if err != nil {
		return nil, err
	}
	return n, ds.Add(im.ctx, n)
}

func (im *importer) symlink(path string) (format.Node, error) {
	target, err := os.Readlink(path)
	if err != nil {
		return nil, err
	}
	data, err := unixfs.SymlinkData(target)
	if err != nil {
		return nil, err
	}
	n := merkledag.NodeWithData(data)
	if err := n.SetCidBuilder(importPrefix); err != nil {
		return nil, err
	}
	return n, dagService{im.bs}.Add(im.ctx, n)
}

// dagService is the small DAGService the boxo builders need, over a CAR blockstore.
type dagService struct {
	bs *blockstore.ReadWrite
}

func (d dagService) Add(ctx context.Context, n format.Node) error { return d.bs.Put(ctx, n) }

func (d dagService) AddMany(ctx context.Context, ns []format.Node) error {
	bs := make([]blocks.Block, len(ns))
	for i, n := range ns {
		bs[i] = n
	}
	return d.bs.PutMany(ctx, bs)
}

func (d dagService) Get(ctx context.Context, c cid.Cid) (format.Node, error) {
	b, err := d.bs.Get(ctx, c)
	if err != nil {
		return nil, err
	}
	if c.Type() == cid.Raw {
		return merkledag.DecodeRawBlock(b)
	}
	return merkledag.DecodeProtobufBlock(b)
}

func (d dagService) GetMany(ctx context.Context, cs []cid.Cid) <-chan *format.NodeOption {
	out := make(chan *format.NodeOption, len(cs))
	for _, c := range cs {
		n, err := d.Get(ctx, c)
		out <- &format.NodeOption{Node: n, Err: err}
	}
	close(out)
	return out
}

// Remove and RemoveMany: a CAR is append-only; the builders never remove while importing.
func (d dagService) Remove(context.Context, cid.Cid) error       { return nil }
func (d dagService) RemoveMany(context.Context, []cid.Cid) error { return nil }

// ctxReader lets a long import stop when its context is cancelled.
type ctxReader struct {
	ctx context.Context
	r   *os.File
}

func (r *ctxReader) Read(p []byte) (int, error) {
	if err := r.ctx.Err(); err != nil {
		return 0, err
	}
	return r.r.Read(p)
}
