package deals

import (
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/ipfs/go-cid"

	"github.com/shaleprotocol/shale/internal/testsupport"
)

// fashionMNIST is where Debian's dataset-fashion-mnist puts the data (scripts/datasets.sh).
const fashionMNIST = "/usr/share/datasets/fashion-mnist"

func requireFashionMNIST(t *testing.T) {
	t.Helper()
	ents, err := os.ReadDir(fashionMNIST)
	if err != nil || len(ents) != 4 {
		t.Fatalf("Fashion-MNIST missing at %s (run scripts/datasets.sh): %v", fashionMNIST, err)
	}
}

// The real dataset the demo mounts: imported into a CAR, resolved, byte-identical.
func TestFashionMNISTImportResolve(t *testing.T) {
	requireFashionMNIST(t)
	carDir := t.TempDir()
	c := importTree(t, carDir, fashionMNIST)
	list, err := List(context.Background(), carDir)
	if err != nil || len(list) != 1 || len(list[0].Roots) != 1 || !list[0].Roots[0].Equals(c) {
		t.Fatalf("List = %+v, %v; want one CAR with root %s", list, err, c)
	}
	if !strings.HasPrefix(list[0].Path, carDir+"/fashion-mnist.") {
		t.Fatalf("CAR named %s, want fashion-mnist.<cid>.car", list[0].Path)
	}
	s := openStore(t, Config{CarDir: carDir})
	path, release, err := s.Resolve(ctxTimeout(t, 5*time.Minute), c, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	assertSameTree(t, fashionMNIST, path)
	assertReadOnly(t, path)
}

// A real trustless gateway: Kubo, offline on loopback, holding data added with
// `ipfs add --cid-version=1 --raw-leaves`.
func TestKuboGateway(t *testing.T) {
	requireFashionMNIST(t)
	kubo := testsupport.StartKubo(t)
	tree := makeTree(t, 11)

	for _, tc := range []struct{ name, src string }{
		{"synthetic tree", tree},
		{"fashion-mnist", fashionMNIST},
		{"HAMT-sharded directory", makeWideDir(t)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := cid.Decode(kubo.Add(t, tc.src))
			if err != nil {
				t.Fatal(err)
			}
			// Import and Kubo build the same DAG, so an SP can import with either tool.
			if ours := importTree(t, t.TempDir(), tc.src); !ours.Equals(c) {
				t.Fatalf("Import gave %s, kubo add gave %s", ours, c)
			}
			s := openStore(t, Config{GatewayURL: kubo.GatewayURL})
			var last, lastTotal int64
			path, release, err := s.Resolve(ctxTimeout(t, 5*time.Minute), c, func(done, total int64) { last, lastTotal = done, total })
			if err != nil {
				t.Fatal(err)
			}
			defer release()
			assertSameTree(t, tc.src, path)
			assertReadOnly(t, path)
			if last == 0 || last != lastTotal {
				t.Fatalf("progress ended at %d/%d", last, lastTotal)
			}
		})
	}

	t.Run("unknown CID", func(t *testing.T) {
		unknown, err := cid.Decode(testsupport.CID(t, "kubo does not have this"))
		if err != nil {
			t.Fatal(err)
		}
		s := openStore(t, Config{GatewayURL: kubo.GatewayURL})
		_, _, err = s.Resolve(ctxTimeout(t, time.Minute), unknown, nil)
		t.Logf("error: %v", err)
		if !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), unknown.String()) {
			t.Fatalf("error %v: want ErrNotFound naming %s", err, unknown)
		}
		assertNothingHalfDone(t, s.cfg.CacheDir)
	})
}
