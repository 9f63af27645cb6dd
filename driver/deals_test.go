package driver

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shaleprotocol/shale/deals"
	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/leasejob"
)

// dealsHarness is a driver whose deal store is a real CAR directory holding one imported
// dataset; it returns the dataset's CID and the sha256 of its file.
func dealsHarness(t *testing.T) (*harness, string, string) {
	t.Helper()
	src := t.TempDir()
	data := []byte(strings.Repeat("fashion-mnist is a dataset of zalando article images\n", 20000))
	if err := os.WriteFile(filepath.Join(src, "train.txt"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	carDir, state := t.TempDir(), t.TempDir()
	c, err := deals.Import(context.Background(), carDir, src)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(data)
	h := newHarness(t, func(cfg *Config) {
		cfg.StateDir = state
		cfg.Deals = &DealsConfig{CarDir: carDir, CacheMax: "1Gi"}
	})
	t.Cleanup(func() { unmountUnder(t, state) })
	return h, c.String(), hex.EncodeToString(sum[:])
}

func TestDealDataMountedReadOnlyAndVerified(t *testing.T) {
	h, cid, sum := dealsHarness(t)
	task := h.newTask(&TaskConfig{Image: testsupport.BusyboxImage, Mounts: []MountConfig{{CID: cid, Path: "/data/mnist"}}}, 64)
	h.start(task)

	out, code := h.exec(task.ID, "sha256sum", "/data/mnist/train.txt")
	if code != 0 || !strings.HasPrefix(out, sum) {
		t.Fatalf("sha256sum in the container: %q (exit %d), want %s", out, code, sum)
	}
	if out, code := h.exec(task.ID, "sh", "-c", "echo x > /data/mnist/new"); code == 0 {
		t.Fatalf("wrote into the deal mount: %q", out)
	}
	mounts, code := h.exec(task.ID, "cat", "/proc/self/mountinfo")
	if code != 0 {
		t.Fatalf("cat /proc/self/mountinfo: exit %d: %s", code, mounts)
	}
	line := grepField(mounts, " /data/mnist ")
	for _, flag := range []string{"ro", "nosuid", "nodev"} {
		if !strings.Contains(line, flag) {
			t.Errorf("deal mount lacks %s: %q", flag, line)
		}
	}
}

func TestDealDataFingerprintAttribute(t *testing.T) {
	h, cid, _ := dealsHarness(t)
	fp := h.firstFingerprint()
	if b, ok := fp.Attributes[leasejob.DatasetAttr(cid)].GetBool(); !ok || !b {
		t.Fatalf("dataset attribute missing: %v", fp.Attributes)
	}
	var v2, v1 int
	for k, a := range fp.Attributes {
		name, ok := strings.CutPrefix(k, leasejob.PieceAttrPrefix)
		if !ok {
			continue
		}
		p, err := deals.ParsePiece(name, 0)
		if b, isBool := a.GetBool(); err == nil && isBool && b {
			if ds, _ := fp.Attributes[leasejob.DatasetAttr(name)].GetBool(); !ds {
				t.Errorf("piece %s is not also a dataset attribute", name)
			}
			v2++
			if size, ok := fp.Attributes[leasejob.PieceAttr(p.V1().String())].GetInt(); ok && uint64(size) == p.PaddedSize {
				v1++
			}
		}
	}
	if v2 != 1 || v1 != 1 {
		t.Fatalf("want one piece attribute pair (v2 = true, v1 = padded size), got %d and %d: %v", v2, v1, fp.Attributes)
	}
}

func TestDealDataRefusals(t *testing.T) {
	h, _, _ := dealsHarness(t)
	unknown := testsupport.CID(t, "no such dataset")
	cases := []struct {
		name string
		h    *harness
		want string
	}{
		{"unknown CID", h, "deal data for /data/x: resolve " + unknown + ": deal data not found"},
		{"no deals block", newHarness(t, nil), `task "lease" mounts deal data but this node's plugin config has no deals {} block`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			task := c.h.newTask(&TaskConfig{Image: testsupport.BusyboxImage, Mounts: []MountConfig{{CID: unknown, Path: "/data/x"}}}, 64)
			_, _, err := c.h.StartTask(task)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("StartTask = %v, want %q", err, c.want)
			}
			list, err := c.h.docker.ContainerList(context.Background(), containerListByAlloc(task.AllocID))
			if err != nil {
				t.Fatalf("listing containers: %v", err)
			}
			if len(list) != 0 {
				t.Fatalf("container created for a refused task: %+v", list)
			}
			if _, err := c.h.InspectTask(task.ID); err == nil {
				t.Fatal("refused task is known to the driver")
			}
		})
	}
}

func TestDealDataThroughTrustlessGateway(t *testing.T) {
	src := t.TempDir()
	data := []byte(strings.Repeat("served by a real trustless gateway\n", 5000))
	if err := os.WriteFile(filepath.Join(src, "part-0"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	k := testsupport.StartKubo(t)
	cid := k.Add(t, src)
	state := t.TempDir()
	h := newHarness(t, func(cfg *Config) {
		cfg.StateDir = state
		cfg.Deals = &DealsConfig{GatewayURL: k.GatewayURL}
	})
	t.Cleanup(func() { unmountUnder(t, state) })

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	events, err := h.TaskEvents(ctx)
	if err != nil {
		t.Fatal(err)
	}
	task := h.newTask(&TaskConfig{Image: testsupport.BusyboxImage, Mounts: []MountConfig{{CID: cid, Path: "/data"}}}, 64)
	h.start(task)
	sum := sha256.Sum256(data)
	if out, code := h.exec(task.ID, "sha256sum", "/data/part-0"); code != 0 || !strings.HasPrefix(out, hex.EncodeToString(sum[:])) {
		t.Fatalf("sha256sum through the gateway-backed mount: %q (exit %d)", out, code)
	}
	want := "Resolving deal data " + cid + " for /data"
	for {
		select {
		case ev := <-events:
			if ev.TaskID == task.ID && ev.Message == want {
				return
			}
		case <-ctx.Done():
			t.Fatalf("no task event %q", want)
		}
	}
}

// pieceServer is another SP node's deal store serving one imported dataset over /piece on
// loopback; it returns the server URL, the piece and the sha256 of the dataset's file.
func pieceServer(t *testing.T) (string, deals.Piece, string) {
	t.Helper()
	src := t.TempDir()
	data := []byte(strings.Repeat("pieces travel between SP nodes as CAR files\n", 30000))
	if err := os.WriteFile(filepath.Join(src, "train.txt"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	carDir := t.TempDir()
	p := importPiece(t, carDir, src)
	s, err := deals.Open(context.Background(), deals.Config{CarDir: carDir, CacheDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	addr, done, err := s.ServePieces(ctx, deals.PieceServerConfig{Listen: "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); <-done; s.Close() })
	sum := sha256.Sum256(data)
	return "http://" + addr.String(), p, hex.EncodeToString(sum[:])
}

// A task mounts a piece fetched from another node's /piece server, by v2 PieceCID alone or
// by v1 PieceCID with its size; a wrong size is refused before any container exists.
func TestDealDataMountedByPiece(t *testing.T) {
	url, p, sum := pieceServer(t)
	state := t.TempDir()
	h := newHarness(t, func(cfg *Config) {
		cfg.StateDir = state
		cfg.Deals = &DealsConfig{PieceURL: url, PieceStall: "10s"}
	})
	t.Cleanup(func() { unmountUnder(t, state) })

	for _, m := range []MountConfig{
		{PieceCID: p.V2().String(), Path: "/data"},
		{CID: p.V2().String(), Path: "/data"}, // as a lease's mount { cid } names it
		{PieceCID: p.V1().String(), PieceSize: fmt.Sprint(p.PaddedSize), Path: "/data"},
	} {
		task := h.newTask(&TaskConfig{Image: testsupport.BusyboxImage, Mounts: []MountConfig{m}}, 64)
		h.start(task)
		if out, code := h.exec(task.ID, "sha256sum", "/data/train.txt"); code != 0 || !strings.HasPrefix(out, sum) {
			t.Fatalf("%+v: sha256sum in the container: %q (exit %d), want %s", m, out, code, sum)
		}
		// Destroyed here, not at cleanup: the first task's alloc-dir cleanup closes the plugin client, after
		// which the later tasks' containers and task-directory mounts could not be destroyed.
		if err := h.DestroyTask(task.ID, true); err != nil {
			t.Fatal(err)
		}
	}

	wrong := MountConfig{PieceCID: p.V1().String(), PieceSize: fmt.Sprint(p.PaddedSize * 2), Path: "/data"}
	task := h.newTask(&TaskConfig{Image: testsupport.BusyboxImage, Mounts: []MountConfig{wrong}}, 64)
	_, _, err := h.StartTask(task)
	// Through the plugin's RPC only the message survives.
	if err == nil || !strings.Contains(err.Error(), p.V1().String()) || !strings.Contains(err.Error(), deals.ErrVerification.Error()) {
		t.Fatalf("StartTask with a wrong piece size = %v; want a verification error naming %s", err, p.V1())
	}
	list, err := h.docker.ContainerList(context.Background(), containerListByAlloc(task.AllocID))
	if err != nil {
		t.Fatalf("listing the task's containers: %v", err)
	}
	if len(list) != 0 {
		t.Fatalf("container created for a refused piece: %+v", list)
	}
}

// deals.piece_listen serves the node's car store as /piece/{pieceCid} for other nodes.
func TestDealDataServedOnPieceListen(t *testing.T) {
	src := t.TempDir()
	if err := os.WriteFile(filepath.Join(src, "x.bin"), []byte(strings.Repeat("piece me\n", 1000)), 0o644); err != nil {
		t.Fatal(err)
	}
	carDir, state := t.TempDir(), t.TempDir()
	p := importPiece(t, carDir, src)
	// A free loopback port for the plugin config (the driver logs, not returns, its address).
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	newHarness(t, func(cfg *Config) {
		cfg.StateDir = state
		cfg.Deals = &DealsConfig{CarDir: carDir, PieceListen: addr}
	})
	t.Cleanup(func() { unmountUnder(t, state) })
	resp, err := http.Head("http://" + addr + "/piece/" + p.V2().String())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || uint64(resp.ContentLength) != p.Payload {
		t.Fatalf("HEAD /piece/%s: %s, %d bytes; want 200 and %d", p.V2(), resp.Status, resp.ContentLength, p.Payload)
	}
}

// importPiece imports src as a CAR into carDir and returns its piece.
func importPiece(t *testing.T, carDir, src string) deals.Piece {
	t.Helper()
	c, err := deals.Import(context.Background(), carDir, src)
	if err != nil {
		t.Fatal(err)
	}
	p, err := deals.PieceOfFile(context.Background(), deals.ImportedPath(carDir, src, c))
	if err != nil {
		t.Fatal(err)
	}
	return p
}
