package provider

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/shaleprotocol/shale/bridge"
	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/prover"
)

// devKeysDir is the K=4 development key directory, derived on first use.
func devKeysDir(t *testing.T) string {
	t.Helper()
	if _, err := prover.Load(context.Background(), prover.DefaultK); err != nil {
		t.Fatal(err)
	}
	dir, err := prover.CacheDir(prover.DefaultK)
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// copyKeys copies a key directory's files into a fresh directory and returns it.
func copyKeys(t *testing.T, src string) string {
	t.Helper()
	dst := t.TempDir()
	for _, name := range []string{"pk.bin", "vk.bin", "keys.sha256"} {
		in, err := os.Open(filepath.Join(src, name))
		if err != nil {
			t.Fatal(err)
		}
		out, err := os.Create(filepath.Join(dst, name))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(out, in); err != nil {
			t.Fatal(err)
		}
		in.Close()
		if err := out.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return dst
}

// Damaged keys, keys for another K and a full disk under the key cache: the bridge says so,
// keeps serving everything but settlement, and /healthz names the problem.
func TestBadProverKeys(t *testing.T) {
	good := devKeysDir(t)
	for _, tc := range []badKeysCase{
		{name: "pk.bin corrupted", keys: func(t *testing.T) string {
			dir := copyKeys(t, good)
			f, err := os.OpenFile(filepath.Join(dir, "pk.bin"), os.O_RDWR, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			if _, err := f.WriteAt([]byte{0xff, 0x00, 0xff}, 1<<20); err != nil {
				t.Fatal(err)
			}
			return dir
		}, state: bridge.PartFailed, errHas: []string{"corrupted or truncated", "pk.bin", "has sha256"}},
		{name: "pk.bin truncated", keys: func(t *testing.T) string {
			dir := copyKeys(t, good)
			if err := os.Truncate(filepath.Join(dir, "pk.bin"), 80<<20); err != nil {
				t.Fatal(err)
			}
			return dir
		}, state: bridge.PartFailed, errHas: []string{"corrupted or truncated", "pk.bin"}},
		{name: "no keys at all", keys: func(t *testing.T) string { return t.TempDir() },
			state: bridge.PartFailed, errHas: []string{"no keys.sha256 in", "p2-seal"}},
		{name: "keys for another K", k: 2, keys: func(t *testing.T) string { return copyKeys(t, good) },
			state: bridge.PartFailed, errHas: []string{"do not match the circuit", "Settlement(2)", "another K"}},
		{name: "full disk under the key cache", keys: func(t *testing.T) string { return copyKeys(t, good) },
			cache: func(t *testing.T) string {
				dir := t.TempDir()
				if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size=1m"); err != nil {
					t.Fatalf("mounting a tmpfs (the test needs root): %v", err)
				}
				t.Cleanup(func() { _ = syscall.Unmount(dir, 0) })
				return dir
			}, state: bridge.PartOK, errHas: []string{"fast copy of the proving key not cached", "no space left on device"}},
	} {
		t.Run(tc.name, func(t *testing.T) { testBadKeys(t, tc) })
	}
}

// badKeysCase is one way the prover keys can be wrong.
type badKeysCase struct {
	name   string
	k      uint64                    // the marketplace's batch size (0: 4)
	keys   func(t *testing.T) string // the prover_keys directory
	cache  func(t *testing.T) string // SHALE_CACHE ("": a fresh directory)
	state  bridge.PartState
	errHas []string
}

func testBadKeys(t *testing.T, tc badKeysCase) {
	cache := t.TempDir()
	if tc.cache != nil {
		cache = tc.cache(t)
	}
	t.Setenv("SHALE_CACHE", cache)
	chain := testsupport.StartChain(t, testsupport.ChainOptions{K: tc.k})
	sp := chain.Fund(10)
	ctx := context.Background()
	if _, err := chain.Market.RegisterProvider(ctx, sp.Opts, testMiner, "127.0.0.1:2222", [32]byte{1}, "{}"); err != nil {
		t.Fatal(err)
	}
	cfg := spConfig(t, chain, sp, "http://127.0.0.1:1", "")
	cfg.ProverKeys = tc.keys(t)
	stop, stopRun := context.WithCancel(ctx)
	defer stopRun()
	started := time.Now()
	addr, done := startRun(t, stop, ctx, cfg, runDeps{Backend: chain.Backend, Log: testLogger(t)}, time.Minute)
	t.Logf("serving %s after start", time.Since(started).Round(time.Millisecond))
	h := waitProver(t, addr, tc.state)
	for _, s := range tc.errHas {
		if !strings.Contains(h.Prover.Error, s) {
			t.Fatalf("prover error %q does not say %q", h.Prover.Error, s)
		}
	}
	// status shows the same, from the running bridge.
	out := statusOf(t, cfg, addr)
	if !containsAll(out, "prover  "+string(tc.state)+" since", tc.errHas[0]) {
		t.Fatalf("status output:\n%s", out)
	}
	t.Logf("status:\n%s", out)
	stopRun()
	if err := <-done; err != nil {
		t.Fatalf("run after stop: %v", err)
	}
}

// waitProver waits until the bridge on addr reports a healthy chain and the prover in state.
func waitProver(t *testing.T, addr string, state bridge.PartState) bridge.HealthReport {
	t.Helper()
	var h bridge.HealthReport
	testsupport.Eventually(t, 3*time.Minute, "/healthz names the prover's outcome", func() error {
		resp, err := http.Get("http://" + addr + "/healthz")
		if err != nil {
			return err
		}
		defer resp.Body.Close()
		h = bridge.HealthReport{}
		if err := json.NewDecoder(resp.Body).Decode(&h); err != nil {
			return err
		}
		if resp.StatusCode != http.StatusOK || !h.OK || h.Chain.State != bridge.PartOK {
			return fmt.Errorf("%d %+v", resp.StatusCode, h)
		}
		if h.Prover.State != state {
			return fmt.Errorf("prover %+v", h.Prover)
		}
		return nil
	})
	return h
}

// statusOf runs `status` with cfg pointed at the bridge serving on addr.
func statusOf(t *testing.T, cfg *Config, addr string) string {
	t.Helper()
	src, err := os.ReadFile(cfg.Path)
	if err != nil {
		t.Fatal(err)
	}
	statusCfg := filepath.Join(filepath.Dir(cfg.Path), "status.hcl")
	src = []byte(strings.Replace(string(src), `listen    = "127.0.0.1:0"`, fmt.Sprintf("listen    = %q", addr), 1))
	if err := os.WriteFile(statusCfg, src, 0o600); err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	ctx := context.Background()
	root := NewRootCmd(ctx, ctx, &out, &out)
	root.SetArgs([]string{"status", "--config", statusCfg})
	if err := root.Execute(); err != nil {
		t.Fatalf("status: %v\n%s", err, out.String())
	}
	return out.String()
}

// The verifier check tells the marketplace's real verifier from code that is not it.
func TestMatchVerifierCode(t *testing.T) {
	// Keys first: a cold cache derives them with crypto/rand swapped for the dev seed, and a
	// running chain drawing randomness meanwhile would derive (and cache) other keys.
	pr, err := prover.Load(context.Background(), prover.DefaultK)
	if err != nil {
		t.Fatal(err)
	}
	chain := testsupport.StartChain(t, testsupport.ChainOptions{})
	ctx := context.Background()
	if err := checkVerifier(ctx, chain.Backend, chain.Market.Address, pr); err != nil {
		t.Fatalf("the committed verifier with the dev keys: %v", err)
	}
	market, err := chain.Backend.CodeAt(ctx, chain.Market.Address, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := matchVerifierCode(market, pr); !errors.Is(err, errForeignKeys) || !strings.Contains(err.Error(), "ALPHA_X") {
		t.Fatalf("the marketplace's code taken for the verifier: %v", err)
	}
}
