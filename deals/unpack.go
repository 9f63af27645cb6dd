package deals

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/ipfs/boxo/ipld/merkledag"
	"github.com/ipfs/boxo/ipld/unixfs"
	unixfspb "github.com/ipfs/boxo/ipld/unixfs/pb"
	"github.com/ipfs/go-cid"
	"github.com/ipld/go-car/v2/blockstore"
	"github.com/multiformats/go-multicodec"
)

// maxDepth bounds DAG recursion: real UnixFS trees are a few levels deep per file plus the
// directory depth; a deeper DAG is hostile (it would exhaust the stack).
const maxDepth = 4096

// unpackCAR unpacks the UnixFS DAG rooted at root from the CAR file at carPath (v1 or v2;
// an index is built in memory when the file has none) into dst. It returns the bytes written.
func unpackCAR(ctx context.Context, carPath string, root cid.Cid, dst string, progress func(done, total int64)) (int64, error) {
	bs, err := blockstore.OpenReadOnly(carPath)
	if err != nil {
		return 0, fmt.Errorf("open CAR %s: %w", carPath, err)
	}
	defer bs.Close()
	return unpack(ctx, bs, root, dst, progress)
}

// unpack writes the UnixFS file or directory root into dst (which must not exist), verifying
// every block, with files 0444 and directories 0555. It returns the file bytes. The caller
// makes the tree durable (syncfs) before publishing it.
func unpack(ctx context.Context, bs blockGetter, root cid.Cid, dst string, progress func(done, total int64)) (int64, error) {
	u := &unpacker{ctx: ctx, get: verifiedGetter{bs}, progress: progress, total: -1, budget: -1, fileLimit: -1}
	if err := u.node(root, dst, 0, true); err != nil {
		return 0, err
	}
	if progress != nil {
		progress(u.done, u.done)
	}
	return u.written, nil
}

type unpacker struct {
	ctx      context.Context
	get      verifiedGetter
	progress func(done, total int64)
	done     int64 // verified block bytes
	total    int64 // DAG bytes from the root's link sizes, -1 until known
	written  int64 // file content bytes

	// The DAG is untrusted: a node may link the same child any number of times, so a few
	// blocks can unpack to any size. Every byte written is held to what the root claims
	// (budget), and that claim to the file system's free space, before anything is written;
	// each file is held to its own claimed size (fileLimit) as it is written, not after.
	budget      int64 // bytes the root claims, -1 until known
	fileLimit   int64 // claimed size of the file being written, -1 outside a UnixFS file
	fileWritten int64
}

// claim sets the bytes the root may unpack to and refuses a claim the file system holding
// dst cannot take: a file's claim is its UnixFS size, a directory's the link sizes below it
// (cumulative block bytes, never less than the content).
func (u *unpacker) claim(c cid.Cid, claimed uint64, dst string) error {
	var st syscall.Statfs_t
	if err := syscall.Statfs(filepath.Dir(dst), &st); err != nil {
		return err
	}
	free := st.Bavail * uint64(st.Bsize)
	if claimed > free {
		return fmt.Errorf("%w: %s claims %d bytes, the cache's file system has %d free: %w", ErrNoSpace, c, claimed, free, syscall.ENOSPC)
	}
	u.budget = int64(claimed) // claimed <= free fits an int64
	return nil
}

// block fetches and verifies one block and reports progress.
func (u *unpacker) block(c cid.Cid) ([]byte, error) {
	data, err := u.get.get(u.ctx, c)
	if err != nil {
		return nil, err
	}
	u.done += int64(len(data))
	if u.progress != nil {
		u.progress(u.done, u.total)
	}
	return data, nil
}

// protoNode decodes a verified dag-pb block and its UnixFS data.
func (u *unpacker) protoNode(c cid.Cid, data []byte) (*merkledag.ProtoNode, *unixfs.FSNode, error) {
	pn, err := merkledag.DecodeProtobuf(data)
	if err != nil {
		return nil, nil, fmt.Errorf("%w: block %s is not valid dag-pb: %v", ErrVerification, c, err)
	}
	fs, err := unixfs.FSNodeFromBytes(pn.Data())
	if err != nil {
		return nil, nil, fmt.Errorf("%w: block %s is not UnixFS: %v", ErrUnsupported, c, err)
	}
	return pn, fs, nil
}

// node unpacks the UnixFS node c to path dst.
func (u *unpacker) node(c cid.Cid, dst string, depth int, isRoot bool) error {
	if depth > maxDepth {
		return fmt.Errorf("%w: DAG deeper than %d at %s", ErrVerification, maxDepth, c)
	}
	switch c.Type() {
	case cid.Raw:
		data, err := u.block(c)
		if err != nil {
			return err
		}
		if isRoot {
			u.total = int64(len(data))
			if err := u.claim(c, uint64(len(data)), dst); err != nil {
				return err
			}
		}
		return u.writeFile(dst, func(f *os.File) error { return u.write(f, data) })
	case cid.DagProtobuf:
	default:
		return fmt.Errorf("%w: %s has codec %s, want dag-pb (UnixFS) or raw", ErrUnsupported, c, codecName(c))
	}
	data, err := u.block(c)
	if err != nil {
		return err
	}
	pn, fs, err := u.protoNode(c, data)
	if err != nil {
		return err
	}
	if isRoot {
		// Link sizes are the cumulative block bytes below each child: a total for progress
		// without reading ahead. Untrusted, used only for display.
		u.total = dagTotal(c, data)
		if u.progress != nil {
			u.progress(u.done, u.total)
		}
		claimed := fs.FileSize()
		if t := fs.Type(); t != unixfspb.Data_File && t != unixfspb.Data_Raw {
			claimed = uint64(max(u.total, 0))
		}
		if err := u.claim(c, claimed, dst); err != nil {
			return err
		}
	}
	switch fs.Type() {
	case unixfspb.Data_File, unixfspb.Data_Raw:
		return u.writeFile(dst, func(f *os.File) error {
			u.fileLimit, u.fileWritten = int64(min(fs.FileSize(), 1<<63-1)), 0
			defer func() { u.fileLimit = -1 }()
			n, err := u.fileData(f, c, pn, fs, depth)
			if err != nil {
				return err
			}
			if n != fs.FileSize() {
				return fmt.Errorf("%w: file %s has %d bytes, its root says %d", ErrVerification, c, n, fs.FileSize())
			}
			return nil
		})
	case unixfspb.Data_Directory:
		return u.dir(dst, func() error {
			for _, l := range pn.Links() {
				if err := u.entry(l.Name, l.Cid, dst, depth); err != nil {
					return err
				}
			}
			return nil
		})
	case unixfspb.Data_HAMTShard:
		return u.dir(dst, func() error { return u.shard(c, pn, fs, dst, depth) })
	case unixfspb.Data_Symlink:
		if isRoot {
			// The driver bind-mounts the root: a symlink there would be followed on the host.
			return fmt.Errorf("%w: %s is a symlink", ErrUnsupported, c)
		}
		if err := os.Symlink(string(fs.Data()), dst); err != nil {
			return err
		}
		return nil
	default:
		return fmt.Errorf("%w: %s is UnixFS %s", ErrUnsupported, c, fs.Type())
	}
}

// fileData writes the bytes of a UnixFS file node: its inline data, then its children in
// order (raw leaves, or dag-pb file/raw nodes). It returns the bytes written.
func (u *unpacker) fileData(f *os.File, c cid.Cid, pn *merkledag.ProtoNode, fs *unixfs.FSNode, depth int) (uint64, error) {
	if depth > maxDepth {
		return 0, fmt.Errorf("%w: DAG deeper than %d at %s", ErrVerification, maxDepth, c)
	}
	if err := u.write(f, fs.Data()); err != nil {
		return 0, err
	}
	n := uint64(len(fs.Data()))
	for _, l := range pn.Links() {
		switch l.Cid.Type() {
		case cid.Raw:
			data, err := u.block(l.Cid)
			if err != nil {
				return 0, err
			}
			if err := u.write(f, data); err != nil {
				return 0, err
			}
			n += uint64(len(data))
		case cid.DagProtobuf:
			data, err := u.block(l.Cid)
			if err != nil {
				return 0, err
			}
			cpn, cfs, err := u.protoNode(l.Cid, data)
			if err != nil {
				return 0, err
			}
			if t := cfs.Type(); t != unixfspb.Data_File && t != unixfspb.Data_Raw {
				return 0, fmt.Errorf("%w: file %s has a %s child %s", ErrVerification, c, t, l.Cid)
			}
			m, err := u.fileData(f, l.Cid, cpn, cfs, depth+1)
			if err != nil {
				return 0, err
			}
			n += m
		default:
			return 0, fmt.Errorf("%w: file %s has a child %s with codec %s", ErrUnsupported, c, l.Cid, codecName(l.Cid))
		}
	}
	return n, nil
}

// shard walks a HAMT-sharded directory (large directories): link names are a hex bucket
// prefix, followed by the entry name, or alone for a nested shard.
func (u *unpacker) shard(c cid.Cid, pn *merkledag.ProtoNode, fs *unixfs.FSNode, dst string, depth int) error {
	if depth > maxDepth {
		return fmt.Errorf("%w: DAG deeper than %d at %s", ErrVerification, maxDepth, c)
	}
	fanout := fs.Fanout()
	if fanout < 2 || fanout > 1<<16 {
		return fmt.Errorf("%w: HAMT shard %s has fanout %d", ErrVerification, c, fanout)
	}
	padLen := len(fmt.Sprintf("%X", fanout-1))
	for _, l := range pn.Links() {
		if len(l.Name) < padLen {
			return fmt.Errorf("%w: HAMT shard %s has link name %q", ErrVerification, c, l.Name)
		}
		if len(l.Name) > padLen {
			if err := u.entry(l.Name[padLen:], l.Cid, dst, depth); err != nil {
				return err
			}
			continue
		}
		data, err := u.block(l.Cid)
		if err != nil {
			return err
		}
		if l.Cid.Type() != cid.DagProtobuf {
			return fmt.Errorf("%w: HAMT shard %s links to %s with codec %s", ErrVerification, c, l.Cid, codecName(l.Cid))
		}
		cpn, cfs, err := u.protoNode(l.Cid, data)
		if err != nil {
			return err
		}
		if cfs.Type() != unixfspb.Data_HAMTShard {
			return fmt.Errorf("%w: HAMT shard %s links to a %s", ErrVerification, c, cfs.Type())
		}
		if err := u.shard(l.Cid, cpn, cfs, dst, depth+1); err != nil {
			return err
		}
	}
	return nil
}

// entry unpacks one named directory entry after checking the name cannot escape dst.
func (u *unpacker) entry(name string, c cid.Cid, dir string, depth int) error {
	if name == "" || name == "." || name == ".." || strings.ContainsAny(name, "/\x00") {
		return fmt.Errorf("%w: directory entry name %q (%s) is unsafe", ErrVerification, name, c)
	}
	return u.node(c, filepath.Join(dir, name), depth+1, false)
}

// writeFile creates dst read-only (0444; the open descriptor may still write) and fills it.
// O_EXCL turns a duplicate directory entry into an error instead of an overwrite. No fsync
// per file: the cache makes the whole tree durable with one syncfs before publishing it,
// which matters for datasets of millions of small files.
func (u *unpacker) writeFile(dst string, fill func(*os.File) error) error {
	f, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o444)
	if err != nil {
		if os.IsExist(err) {
			return fmt.Errorf("%w: duplicate directory entry %s", ErrVerification, filepath.Base(dst))
		}
		return err
	}
	if err := fill(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func (u *unpacker) write(f *os.File, data []byte) error {
	n := int64(len(data))
	if u.fileLimit >= 0 && u.fileWritten+n > u.fileLimit {
		return fmt.Errorf("%w: file %s unpacks to more than the %d bytes its root claims (repeated or oversized children)", ErrVerification, filepath.Base(f.Name()), u.fileLimit)
	}
	if u.budget >= 0 && u.written+n > u.budget {
		return fmt.Errorf("%w: the DAG unpacks to more than the %d bytes its root claims (repeated or oversized children)", ErrVerification, u.budget)
	}
	if _, err := f.Write(data); err != nil {
		return err
	}
	u.written += n
	u.fileWritten += n
	return nil
}

// dir creates dst, fills it, then makes it read-only (0555).
func (u *unpacker) dir(dst string, fill func() error) error {
	if err := os.Mkdir(dst, 0o755); err != nil {
		if os.IsExist(err) {
			return fmt.Errorf("%w: duplicate directory entry %s", ErrVerification, filepath.Base(dst))
		}
		return err
	}
	if err := fill(); err != nil {
		return err
	}
	return os.Chmod(dst, 0o555)
}

func codecName(c cid.Cid) string {
	return multicodec.Code(c.Type()).String()
}
