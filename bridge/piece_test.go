package bridge_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	mrand "math/rand"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shaleprotocol/shale/bridge"
	"github.com/shaleprotocol/shale/contracts"
	"github.com/shaleprotocol/shale/deals"
	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/internal/testsupport/sptest"
	"github.com/shaleprotocol/shale/lease"
	"github.com/shaleprotocol/shale/leasejob"
)

// Leases ordered by PieceCID — v1 with its padded size, v2 together with the payload CID —
// are accepted, placed on the node holding the piece, and their containers read the deal's
// bytes; a v1 PieceCID with the wrong size is rejected before acceptance with a reason naming
// it, and never becomes a job.
func TestLeasesMountByPieceCID(t *testing.T) {
	src := t.TempDir()
	data := make([]byte, 1<<20)
	mrand.New(mrand.NewSource(18)).Read(data)
	if err := os.WriteFile(filepath.Join(src, "weights.bin"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	carDir, payload := sptest.ImportDataset(t, src)
	cars, err := filepath.Glob(filepath.Join(carDir, "*.car"))
	if err != nil || len(cars) != 1 {
		t.Fatalf("car store holds %v (%v), want one CAR", cars, err)
	}
	piece, err := deals.PieceOfFile(context.Background(), cars[0])
	if err != nil {
		t.Fatal(err)
	}
	v1, v2 := piece.V1().String(), piece.V2().String()

	n := testsupport.StartNomad(t, testsupport.NomadOptions{ExtraPluginConfig: sptest.DealsConfig(carDir)})
	// The store hashes its CARs after the driver starts; orders before that would be refused.
	testsupport.Eventually(t, time.Minute, "node fingerprints the piece", func() error {
		node, _, err := n.API.Nodes().Info(n.NodeID, nil)
		if err != nil {
			return err
		}
		if got := node.Attributes[leasejob.PieceAttr(v1)]; got != strconv.FormatUint(piece.PaddedSize, 10) {
			return fmt.Errorf("%s = %q", leasejob.PieceAttr(v1), got)
		}
		return nil
	})
	e := newEnv(t, n, n)
	r := e.start(nil, nil, nil)

	for _, tc := range []struct {
		name  string
		mount lease.Mount
	}{
		{"v1 PieceCID with size", lease.Mount{PieceCID: v1, PieceSize: piece.PaddedSize, Path: "/data"}},
		{"v2 PieceCID with payload CID", lease.Mount{CID: payload, PieceCID: v2, Path: "/data"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e.t = t
			c := e.newClient()
			s := spec(t, "piece")
			s.Mounts = []lease.Mount{tc.mount}
			o := e.order(c, s)
			e.waitChain(o.ID, contracts.StateRunning, 3*time.Minute)
			rec := waitStore(t, r, o.ID, bridge.Running, time.Minute)
			cc := e.dial(c, s, o, rec.Endpoint)
			var out strings.Builder
			ctx, cancel := context.WithTimeout(e.ctx, time.Minute)
			defer cancel()
			if code, err := cc.c.Exec(ctx, "sha256sum /data/weights.bin", nil, &out, &out); err != nil || code != 0 {
				t.Fatalf("exec: %d %v %q", code, err, out.String())
			}
			if want := hex.EncodeToString(sum[:]) + "  /data/weights.bin\n"; out.String() != want {
				t.Fatalf("container sees %q, want %q", out.String(), want)
			}
			cc.terminate()
			e.waitChain(o.ID, contracts.StateSettled, 3*time.Minute)
		})
	}

	t.Run("v1 PieceCID with a wrong size", func(t *testing.T) {
		e.t = t
		c := e.newClient()
		s := spec(t, "wrong-size")
		s.Mounts = []lease.Mount{{PieceCID: v1, PieceSize: 2 * piece.PaddedSize, Path: "/data"}}
		o := e.order(c, s)
		e.waitChain(o.ID, contracts.StateCancelled, 2*time.Minute)
		rec := waitStore(t, r, o.ID, bridge.Rejected, time.Minute)
		want := fmt.Sprintf("piece %s is held by this provider as a %d-byte piece, not %d (wrong piece_size)", v1, piece.PaddedSize, 2*piece.PaddedSize)
		if rec.Reason != want {
			t.Fatalf("reason %q, want %q", rec.Reason, want)
		}
		if got := rejectionReason(t, e, o.ID); got != rec.Reason {
			t.Fatalf("on-chain reason %q, bridge's %q", got, rec.Reason)
		}
		jobID := lease.LeaseID{ChainID: e.chain.ChainID.Uint64(), Order: o.ID}.JobID()
		if _, _, err := n.API.Jobs().Info(jobID, nil); err == nil {
			t.Fatalf("a job %s was registered for a rejected order", jobID)
		}
	})
}
