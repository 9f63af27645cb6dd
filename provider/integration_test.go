package provider

import (
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/shaleprotocol/shale/internal/testsupport/sptest"

	"github.com/ethereum/go-ethereum/crypto"
	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/nomad/api"

	"github.com/shaleprotocol/shale/bridge"
	"github.com/shaleprotocol/shale/contracts"
	"github.com/shaleprotocol/shale/contracts/bindings"
	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/lease"
	"github.com/shaleprotocol/shale/leasejob"
)

const testMiner = "f01946720"

// spConfig writes a configuration for sp on chain (and a Nomad agent at nomadAddr) into a
// fresh directory and loads it. chain.rpc is never dialed: tests inject the simulated chain.
func spConfig(t *testing.T, chain *testsupport.Chain, sp testsupport.Account, nomadAddr, extra string) *Config {
	t.Helper()
	dir := t.TempDir()
	keyFile, pwFile := sp.Keystore(t, dir, "correct horse")
	src := fmt.Sprintf(`chain {
  rpc           = "http://127.0.0.1:1"
  contract      = %q
  keystore      = %q
  password_file = %q
  confirmations = 1
  poll_interval = "200ms"
}
nomad {
  address = %q
}
provider {
  miner_id = %q
}
policy {
  min_price    = "0.01fil/min"
  max_duration = "24h"
  images       = ["shale/*"]
}
state_dir = "state"
listen    = "127.0.0.1:0"
%s`, chain.Market.Address.Hex(), filepath.Base(keyFile), filepath.Base(pwFile), nomadAddr, testMiner, extra)
	path := filepath.Join(dir, "shale-bridge.hcl")
	if err := os.WriteFile(path, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	cfg, diags := LoadConfig(path)
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	return cfg
}

func testLogger(t *testing.T, also ...io.Writer) hclog.Logger {
	return hclog.New(&hclog.LoggerOptions{Name: "shale-bridge", Level: hclog.Trace, Output: io.MultiWriter(append(also, testWriter{t})...)})
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

// containsAll reports whether s contains every part.
func containsAll(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}

// errHas reports whether err is an error whose message contains every part.
func errHas(err error, parts ...string) bool {
	return err != nil && containsAll(err.Error(), parts...)
}

// startRun runs runBridge in the background and returns the address it serves on once it
// does, and the channel its result arrives on.
func startRun(t *testing.T, stop, work context.Context, cfg *Config, d runDeps, within time.Duration) (string, <-chan error) {
	t.Helper()
	addrs := make(chan string, 1)
	done := make(chan error, 1)
	d.Ready = func(a string) { addrs <- a }
	go func() { done <- runBridge(stop, work, cfg, d) }()
	select {
	case addr := <-addrs:
		return addr, done
	case err := <-done:
		t.Fatalf("run ended: %v", err)
	case <-time.After(within):
		t.Fatalf("bridge did not serve within %s", within)
	}
	return "", nil
}

// get fetches path from the bridge serving on addr.
func get(addr, path string) (int, string, error) {
	resp, err := http.Get("http://" + addr + path)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), err
}

// run refuses to start for an SP that is not registered, and says what to do.
func TestRunRefusesUnregisteredProvider(t *testing.T) {
	chain := testsupport.StartChain(t, testsupport.ChainOptions{})
	cfg := spConfig(t, chain, chain.Fund(10), "http://127.0.0.1:1", "")
	ctx := context.Background()

	// A chain_id that is not the RPC's chain is caught before anything else.
	cfg.ChainID = 314
	err := runBridge(ctx, ctx, cfg, runDeps{Backend: chain.Backend, Log: testLogger(t)})
	if err == nil || !strings.HasSuffix(err.Error(), "http://127.0.0.1:1 serves chain 1337, not chain 314") {
		t.Fatalf("wrong chain: %v", err)
	}
	cfg.ChainID = 0

	err = runBridge(ctx, ctx, cfg, runDeps{Backend: chain.Backend, Log: testLogger(t)})
	if !errHas(err, "is not registered on marketplace", "run `shale-bridge register -config "+cfg.Path+"` first") {
		t.Fatalf("run: %v", err)
	}
	if _, statErr := os.Stat(cfg.StorePath()); !os.IsNotExist(statErr) {
		t.Fatalf("a refused run created its state: %v", statErr)
	}
}

// A registered SP's bridge runs: it serves /healthz, /metrics and /v1/orders, status reads
// the orders through the API while run holds the store, and a stop ends it cleanly. A
// collateral below the marketplace minimum is refused first.
func TestRunServesAndStops(t *testing.T) {
	chain := testsupport.StartChain(t, testsupport.ChainOptions{})
	sp := chain.Fund(10)
	ctx := context.Background()
	if _, err := chain.Market.RegisterProvider(ctx, sp.Opts, testMiner, "127.0.0.1:2222", [32]byte{1}, "{}"); err != nil {
		t.Fatal(err)
	}

	low := spConfig(t, chain, sp, "http://127.0.0.1:1", "")
	low.Collateral, _ = lease.ParseAmount("0.1fil")
	err := runBridge(ctx, ctx, low, runDeps{Backend: chain.Backend, Log: testLogger(t)})
	if !errHas(err, "collateral 0.1 FIL is below the marketplace's minimum 0.5 FIL") {
		t.Fatalf("low collateral: %v", err)
	}

	cfg := spConfig(t, chain, sp, "http://127.0.0.1:1", "")
	cluster, err := bridge.NewNomadCluster(nomadConfig(cfg))
	if err != nil {
		t.Fatal(err)
	}
	stop, stopRun := context.WithCancel(ctx)
	defer stopRun()
	logs := &testsupport.SyncBuffer{}
	// Ten minutes: the prover keys are derived on first use.
	addr, done := startRun(t, stop, ctx, cfg, runDeps{Backend: chain.Backend, Cluster: cluster, Log: testLogger(t, logs)}, 10*time.Minute)
	checkServing(t, addr)
	cfg.Listen = addr // status finds the bridge where it listens
	orders, err := readOrders(ctx, cfg)
	if err != nil || len(orders) != 0 {
		t.Fatalf("status while running: %v %v", orders, err)
	}

	stopRun()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run after stop: %v", err)
		}
	case <-time.After(time.Minute):
		t.Fatal("run did not stop")
	}
	// Neither the password nor the key ever reaches the logs.
	keyHex := hex.EncodeToString(crypto.FromECDSA(sp.Key))
	if l := logs.String(); !strings.Contains(l, "bridge running") || containsAny(strings.ToLower(l), "correct horse", keyHex) {
		t.Fatalf("logs:\n%s", l)
	}
	// The store was closed: status opens it directly now.
	if _, err := readOrders(ctx, cfg); err != nil {
		t.Fatalf("status after stop: %v", err)
	}
}

// containsAny reports whether s contains any of parts.
func containsAny(s string, parts ...string) bool {
	for _, p := range parts {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}

// checkServing asserts the running bridge on addr serves /healthz with a successful round,
// /metrics, an empty /v1/orders and the operator page.
func checkServing(t *testing.T, addr string) {
	t.Helper()
	testsupport.Eventually(t, time.Minute, "a successful round reported by /healthz", func() error {
		code, body, err := get(addr, "/healthz")
		if err != nil {
			return err
		}
		if code != http.StatusOK || !strings.Contains(body, `"ok":true`) {
			return fmt.Errorf("%d %s", code, body)
		}
		return nil
	})
	if code, body, err := get(addr, "/metrics"); err != nil || code != 200 || !strings.Contains(body, "shale_bridge_") {
		t.Fatalf("/metrics: %d %v", code, err)
	}
	if code, body, err := get(addr, "/v1/orders"); err != nil || code != 200 || strings.TrimSpace(body) != "[]" {
		t.Fatalf("/v1/orders: %d %q %v", code, body, err)
	}
	if code, body, err := get(addr, "/"); err != nil || code != 200 || !strings.Contains(body, "Orders by state") {
		t.Fatalf("operator page: %d %v\n%s", code, err, body)
	}
	if code, _, err := get(addr, "/no-such-page"); err != nil || code != http.StatusNotFound {
		t.Fatalf("/no-such-page: %d %v", code, err)
	}
}

// register and lease-container against a real Nomad agent running the shale driver.
func TestWithNomad(t *testing.T) {
	data := t.TempDir()
	if err := os.WriteFile(filepath.Join(data, "readme.txt"), []byte("shale-bridge register test data\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	carDir, cid := sptest.ImportDataset(t, data)
	n := testsupport.StartNomad(t, testsupport.NomadOptions{ExtraPluginConfig: sptest.DealsConfig(carDir)})

	t.Run("register", func(t *testing.T) { testRegister(t, n, cid) })
	t.Run("lease-container", func(t *testing.T) { testLeaseContainer(t, n) })
}

func testRegister(t *testing.T, n *testsupport.Nomad, cid string) {
	ctx := context.Background()
	chain := testsupport.StartChain(t, testsupport.ChainOptions{})
	sp := chain.Fund(10)
	cfg := spConfig(t, chain, sp, n.Addr, "")
	cluster, err := bridge.NewNomadCluster(nomadConfig(cfg))
	if err != nil {
		t.Fatal(err)
	}
	reg := func(ro registerOptions) string {
		t.Helper()
		var out bytes.Buffer
		if err := register(ctx, cfg, chain.Backend, n.API, cluster, ro, &out); err != nil {
			t.Fatalf("register: %v\n%s", err, out.String())
		}
		t.Log(out.String())
		return out.String()
	}

	// Each CAR is announced twice: by its payload CID and by its v2 PieceCID.
	if out := reg(registerOptions{DryRun: true}); !containsAll(out, "would register provider", "would announce 2 dataset(s): ", cid) {
		t.Fatalf("dry run said:\n%s", out)
	}
	if p, err := chain.Market.Provider(ctx, sp.Addr); !errors.Is(err, contracts.ErrNotRegistered) {
		t.Fatalf("a dry run registered: %+v %v", p, err)
	}

	out := reg(registerOptions{})
	if !containsAll(out, "\nregister provider\n", "announce 2 dataset(s): ", cid) {
		t.Fatalf("register said:\n%s", out)
	}
	checkRecord(t, chain, sp, n)
	evs, err := chain.Market.Events(ctx, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	if announced := countAnnounced(t, evs, sp, cid); announced != 2 {
		t.Fatalf("%d DatasetAnnounced events, want 2 (payload CID and PieceCID)", announced)
	}

	// Nothing changed: the second run sends nothing and says so.
	if out := reg(registerOptions{}); !strings.Contains(out, "already up to date: nothing to change") {
		t.Fatalf("second register said:\n%s", out)
	}
	after, err := chain.Market.Events(ctx, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(evs) {
		t.Fatalf("second register emitted %d events", len(after)-len(evs))
	}

	// A changed policy updates the record; an announced dataset no node holds is retracted.
	cfg.MaxDuration = 12 * time.Hour
	if _, err := chain.Market.AnnounceDatasets(ctx, sp.Opts, "bafkreigone"); err != nil {
		t.Fatal(err)
	}
	out = reg(registerOptions{})
	if !containsAll(out, "update provider record", "retract 1 dataset(s) no node holds any more: bafkreigone") || strings.Contains(out, "announce") {
		t.Fatalf("third register said:\n%s", out)
	}
	if p, _ := chain.Market.Provider(ctx, sp.Addr); !strings.Contains(p.Metadata, `"max_duration":"12h0m0s"`) {
		t.Fatalf("metadata not updated: %s", p.Metadata)
	}
}

// checkRecord asserts sp's registry record holds the node's gateway and the configured policy.
func checkRecord(t *testing.T, chain *testsupport.Chain, sp testsupport.Account, n *testsupport.Nomad) {
	t.Helper()
	p, err := chain.Market.Provider(context.Background(), sp.Addr)
	if err != nil {
		t.Fatal(err)
	}
	node, _, err := n.API.Nodes().Info(n.NodeID, nil)
	if err != nil {
		t.Fatal(err)
	}
	meta, err := contracts.ParseProviderMeta(p.Metadata)
	if err != nil {
		t.Fatal(err)
	}
	if p.MinerID != testMiner || p.Endpoint != n.GatewayAddr || contracts.FormatHostKeyFingerprint(p.HostKeyFingerprint) != node.Attributes[attrHostKey] {
		t.Fatalf("provider record %+v, node %s %s", p, n.GatewayAddr, node.Attributes[attrHostKey])
	}
	if meta.CPUs == "" || meta.Memory == "" {
		t.Fatalf("metadata without the nodes' resources: %+v", meta)
	}
	for _, f := range []struct{ name, got, want string }{
		{"min_price", meta.MinPrice, "0.01 FIL/min"},
		{"max_duration", meta.MaxDuration, "24h0m0s"},
		{"collateral", meta.Collateral, "0.5 FIL"},
		{"nodes", strconv.Itoa(meta.Nodes), "1"},
		{"max_grace", meta.MaxGrace, "10m0s"},
		{"max_prepay", meta.MaxPrepay, "1h0m0s"},
		{"images", strings.Join(meta.Images, ","), "shale/*"},
	} {
		if f.got != f.want {
			t.Fatalf("metadata %s = %q, want %q (%+v)", f.name, f.got, f.want, meta)
		}
	}
}

// countAnnounced counts the DatasetAnnounced events in evs, each of which must be sp's for
// cid or a PieceCID.
func countAnnounced(t *testing.T, evs []contracts.Event, sp testsupport.Account, cid string) int {
	t.Helper()
	announced := 0
	for _, e := range evs {
		if e.Name != "DatasetAnnounced" {
			continue
		}
		announced++
		if v := e.Value.(*bindings.MarketplaceDatasetAnnounced); v.Provider != sp.Addr || (v.Cid != cid && !strings.HasPrefix(v.Cid, "bafkzcib")) {
			t.Errorf("DatasetAnnounced %s by %s", v.Cid, v.Provider)
		}
	}
	return announced
}

func testLeaseContainer(t *testing.T, n *testsupport.Nomad) {
	dir := t.TempDir()
	file := filepath.Join(dir, "box.hcl")
	src := fmt.Sprintf(`lease "box" {
  provider = %q
  image    = %q
  duration = "1h"
  ssh_keys = [%q]
  resources {
    cpus   = 0.2
    memory = "64Mi"
  }
  payment {
    price = "1attofil/s"
    grace = "10m" # the gateway's bound: nothing pays this lease while the test runs
  }
}
`, testMiner, testsupport.DebianImage, testsupport.SSHKey(t, 1, "lease-container"))
	if err := os.WriteFile(file, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	root := NewRootCmd(context.Background(), context.Background(), &out, &out)
	root.SetArgs(goStyleFlags(root, []string{"lease-container", "-nomad", n.Addr, file, "--payment-key-out", filepath.Join(dir, "pay.key"), "--expires", "30m"}))
	if err := root.Execute(); err != nil {
		t.Fatalf("lease-container: %v\n%s", err, out.String())
	}
	t.Log(out.String())
	var leaseID string
	for _, l := range strings.Split(out.String(), "\n") {
		if v, ok := strings.CutPrefix(l, "lease        "); ok {
			leaseID = v
		}
	}
	id, err := lease.ParseLeaseID(leaseID)
	if err != nil || id.ChainID != 0 {
		t.Fatalf("lease id %q: %v", leaseID, err)
	}
	node, _, err := n.API.Nodes().Info(n.NodeID, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"endpoint     " + n.GatewayAddr, "host key     " + node.Attributes[attrHostKey], "connect      ssh -p "} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q", want)
		}
	}
	allocs, _, err := n.API.Jobs().Allocations(id.JobID(), false, nil)
	if err != nil || len(allocs) != 1 || allocs[0].ClientStatus != api.AllocClientStatusRunning {
		t.Fatalf("allocations of %s: %v %v", id.JobID(), allocs, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "pay.key")); err != nil {
		t.Fatalf("generated payment key: %v", err)
	}
	if _, _, err := n.API.Jobs().Deregister(id.JobID(), true, nil); err != nil {
		t.Fatal(err)
	}
}

// register against a real two-node cluster whose gateways have different host keys (each
// node generated its own): the registry records one fingerprint per provider, so register
// refuses before sending anything, naming each node's key and the fix.
func TestRegisterRefusesDifferentHostKeys(t *testing.T) {
	cl := testsupport.StartCluster(t, testsupport.NomadOptions{}, testsupport.NomadOptions{})
	ctx := context.Background()
	chain := testsupport.StartChain(t, testsupport.ChainOptions{})
	sp := chain.Fund(10)
	cfg := spConfig(t, chain, sp, cl.Server.Addr, "")
	cluster, err := bridge.NewNomadCluster(nomadConfig(cfg))
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, c := range cl.Clients {
		node, _, err := cl.Server.API.Nodes().Info(c.NodeID, nil)
		if err != nil {
			t.Fatal(err)
		}
		key := node.Attributes[leasejob.AttrGatewayHostKey]
		if key == "" {
			t.Fatalf("node %s fingerprints no gateway host key", node.Name)
		}
		want = append(want, key+" on "+node.Name)
	}
	if want[0][:strings.Index(want[0], " on ")] == want[1][:strings.Index(want[1], " on ")] {
		t.Fatalf("the two nodes share a host key (%v): the test needs different ones", want)
	}
	before := chain.Balance(sp.Addr)

	var out bytes.Buffer
	err = register(ctx, cfg, chain.Backend, cl.Server.API, cluster, registerOptions{}, &out)
	if err == nil || !containsAll(err.Error(), append(want, "different host keys", "host_key_file")...) {
		t.Fatalf("register = %v\nwant an error naming %v and host_key_file; output:\n%s", err, want, out.String())
	}
	if _, err := chain.Market.Provider(ctx, sp.Addr); !errors.Is(err, contracts.ErrNotRegistered) {
		t.Fatalf("a refused register left a provider record (%v)", err)
	}
	if after := chain.Balance(sp.Addr); after.Cmp(before) != 0 {
		t.Fatalf("a refused register spent %s attoFIL", new(big.Int).Sub(before, after))
	}
}
