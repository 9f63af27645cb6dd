package deals

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/ipfs/boxo/ipld/merkledag"
	"github.com/ipfs/boxo/ipld/unixfs"
	unixfspb "github.com/ipfs/boxo/ipld/unixfs/pb"
	"github.com/ipfs/go-cid"
	format "github.com/ipfs/go-ipld-format"
	"github.com/ipld/go-car/v2/blockstore"
	"github.com/multiformats/go-multihash"
)

// TestAttackDAGBomb resolves crafted CARs whose UnixFS file links one 256 KiB block 174
// times per level, two levels deep: three blocks that unpack to 7.4 GiB, into a 64 MiB
// cache. Whether the root claims the true size or lies low, the unpack must stop before
// filling the cache's file system: an honest claim is refused against free space before
// any data block is read, a low claim as soon as the bytes pass it. Nothing stays behind.
func TestAttackDAGBomb(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Fatal("mounting a tmpfs needs root (the test machine runs tests as root)")
	}
	tests := []struct {
		name     string
		rootSize uint64 // the root's claimed file size; 0 = the true size
		want     error
	}{
		{"claims its true size", 0, ErrNoSpace},
		{"claims one mebibyte", 1 << 20, ErrVerification},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			carDir := t.TempDir()
			root, rootBlock := writeBombCAR(t, filepath.Join(carDir, "bomb.car"), tt.rootSize)
			cacheDir := filepath.Join(t.TempDir(), "cache")
			if err := os.Mkdir(cacheDir, 0o755); err != nil {
				t.Fatal(err)
			}
			if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", cacheDir).CombinedOutput(); err != nil {
				t.Fatalf("mount tmpfs: %v\n%s", err, out)
			}
			t.Cleanup(func() {
				if out, err := exec.Command("umount", cacheDir).CombinedOutput(); err != nil {
					t.Errorf("umount %s: %v\n%s", cacheDir, err, out)
				}
			})
			s := openStore(t, Config{CarDir: carDir, CacheDir: cacheDir})
			var read int64
			_, _, err := s.Resolve(ctxTimeout(t, 2*time.Minute), root, func(done, _ int64) { read = done })
			t.Logf("error: %v", err)
			if !errors.Is(err, tt.want) {
				t.Fatalf("error %v, want %v", err, tt.want)
			}
			if tt.want == ErrNoSpace && read > int64(rootBlock) {
				t.Fatalf("read %d block bytes before refusing; the %d-byte root alone shows the claim", read, rootBlock)
			}
			if tt.want == ErrVerification && read > 2<<20 {
				t.Fatalf("read %d block bytes; the claim of 1 MiB was passed long before", read)
			}
			assertNothingHalfDone(t, cacheDir)
		})
	}
}

// writeBombCAR writes a CAR whose root file is 174 links to a node of 174 links to one
// 256 KiB raw block. It returns the root and the root block's size.
func writeBombCAR(t *testing.T, path string, rootSize uint64) (cid.Cid, int) {
	t.Helper()
	const fanout, leafSize = 174, 256 << 10
	leaf, err := merkledag.NewRawNodeWPrefix(pseudoRandom(21, leafSize), cid.V1Builder{Codec: cid.Raw, MhType: multihash.SHA2_256})
	if err != nil {
		t.Fatal(err)
	}
	mid := fileNode(t, leaf, fanout, leafSize, 0)
	root := fileNode(t, mid, fanout, fanout*leafSize, rootSize)
	bs, err := blockstore.OpenReadWrite(path, []cid.Cid{root.Cid()})
	if err != nil {
		t.Fatal(err)
	}
	for _, n := range []format.Node{root, mid, leaf} {
		if err := bs.Put(context.Background(), n); err != nil {
			t.Fatal(err)
		}
	}
	if err := bs.Finalize(); err != nil {
		t.Fatal(err)
	}
	return root.Cid(), len(root.RawData())
}

// fileNode is a UnixFS file linking child n times; it claims n×childSize bytes, or claim.
func fileNode(t *testing.T, child format.Node, n int, childSize, claim uint64) *merkledag.ProtoNode {
	t.Helper()
	fs := unixfs.NewFSNode(unixfspb.Data_File)
	if claim == 0 {
		for i := 0; i < n; i++ {
			fs.AddBlockSize(childSize)
		}
	} else {
		fs.AddBlockSize(claim)
	}
	data, err := fs.GetBytes()
	if err != nil {
		t.Fatal(err)
	}
	pn := merkledag.NodeWithData(data)
	if err := pn.SetCidBuilder(cid.V1Builder{Codec: cid.DagProtobuf, MhType: multihash.SHA2_256}); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		if err := pn.AddNodeLink("", child); err != nil {
			t.Fatal(err)
		}
	}
	return pn
}
