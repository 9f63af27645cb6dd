package main

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	mrand "math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/shaleprotocol/shale/bridge"
	"github.com/shaleprotocol/shale/contracts"
	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/lease"
	"github.com/shaleprotocol/shale/prover"
	"github.com/shaleprotocol/shale/tunnel"
	"github.com/shaleprotocol/shale/voucher"
)

const testMiner = "f01946720"

// spEnv is a real geth --dev chain with the contracts deployed by shale-devnet, a Nomad
// agent with the shale driver, a registered provider and the shale-bridge binary's config.
type spEnv struct {
	t      *testing.T
	ctx    context.Context
	dir    string
	bin    string
	cfg    string
	listen string
	geth   *testsupport.Geth
	market *contracts.Marketplace
	nomad  *testsupport.Nomad
	spAddr common.Address
}

func startSP(t *testing.T) *spEnv {
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	p := &spEnv{t: t, ctx: ctx, dir: t.TempDir(), bin: testsupport.GoBinary(t, "shale-bridge")}
	devnet := testsupport.GoBinary(t, "shale-devnet")
	p.geth = testsupport.StartGeth(t, testsupport.GethOptions{Period: 1})
	deployer := p.geth.FundedAccount(100)
	depKey, depPw := deployer.Keystore(t, p.dir, "deployer secret")
	deployJSON := filepath.Join(p.dir, "deploy.json")
	if out, err := exec.Command(devnet, "deploy", "--rpc", p.geth.RPC, "--keystore", depKey, "--password-file", depPw, "--out", deployJSON).CombinedOutput(); err != nil {
		t.Fatalf("shale-devnet deploy: %v\n%s", err, out)
	}
	var dep struct {
		Contract string `json:"contract"`
		Block    uint64 `json:"block"`
	}
	raw, err := os.ReadFile(deployJSON)
	if err != nil || json.Unmarshal(raw, &dep) != nil {
		t.Fatalf("deploy output %s: %v", raw, err)
	}
	if p.market, err = contracts.New(common.HexToAddress(dep.Contract), p.geth.Client); err != nil {
		t.Fatal(err)
	}
	p.nomad = testsupport.StartNomad(t)
	sp := p.geth.FundedAccount(100)
	p.spAddr = sp.Addr
	spKey, spPw := sp.Keystore(t, p.dir, "provider secret")
	p.listen = fmt.Sprintf("127.0.0.1:%d", testsupport.FreePort(t))
	p.cfg = filepath.Join(p.dir, "shale-bridge.hcl")
	src := fmt.Sprintf(`chain {
  rpc           = %q
  contract      = %q
  keystore      = %q
  password_file = %q
  confirmations = 1
  start_block   = %d
  poll_interval = "500ms"
}
nomad {
  address = %q
}
provider {
  miner_id = %q
}
policy {
  min_price    = "1000attofil/1s"
  max_duration = "24h"
  images       = ["shale/*"]
}
settlement {
  max_wait = "1s"
}
state_dir = %q
listen    = %q
`, p.geth.RPC, dep.Contract, spKey, spPw, dep.Block, p.nomad.Addr, testMiner, filepath.Join(p.dir, "state"), p.listen)
	if err := os.WriteFile(p.cfg, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	if out, err := exec.Command(p.bin, "register", "-config", p.cfg).CombinedOutput(); err != nil {
		t.Fatalf("shale-bridge register: %v\n%s", err, out)
	}
	return p
}

// proc is one run of the bridge binary; exited is closed when it has exited, with its
// Wait result in err.
type proc struct {
	cmd     *exec.Cmd
	log     string
	started time.Time
	exited  chan struct{}
	err     error
}

// run starts `shale-bridge run` with its prover cache in cache.
func (p *spEnv) run(cache string) *proc {
	p.t.Helper()
	log, err := os.CreateTemp(p.dir, "bridge-*.log")
	if err != nil {
		p.t.Fatal(err)
	}
	cmd := exec.Command(p.bin, "run", "-config", p.cfg)
	cmd.Env = append(os.Environ(), "SHALE_CACHE="+cache)
	cmd.Stdout, cmd.Stderr = log, log
	r := &proc{cmd: cmd, log: log.Name(), started: time.Now(), exited: make(chan struct{})}
	if err := cmd.Start(); err != nil {
		p.t.Fatal(err)
	}
	go func() { r.err = cmd.Wait(); log.Close(); close(r.exited) }()
	p.t.Cleanup(func() {
		_ = cmd.Process.Kill()
		<-r.exited
		if p.t.Failed() {
			b, _ := os.ReadFile(r.log)
			p.t.Logf("shale-bridge log %s:\n%s", r.log, b)
		}
	})
	return r
}

// waitLog waits for a log line containing every one of parts.
func (r *proc) waitLog(t *testing.T, within time.Duration, parts ...string) {
	t.Helper()
	testsupport.Eventually(t, within, fmt.Sprintf("log line with %q", parts), func() error {
		b, err := os.ReadFile(r.log)
		if err != nil {
			return err
		}
		for _, line := range strings.Split(string(b), "\n") {
			all := true
			for _, s := range parts {
				all = all && strings.Contains(line, s)
			}
			if all {
				return nil
			}
		}
		return fmt.Errorf("not yet")
	})
}

// health reads /healthz or /readyz.
func (p *spEnv) health(path string) (int, *bridge.HealthReport, error) {
	// Bounded: a bridge that has bound its port but does not serve yet must not hang the poll.
	client := http.Client{Timeout: 5 * time.Second}
	resp, err := client.Get("http://" + p.listen + path)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	var h bridge.HealthReport
	if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&h); err != nil {
		return resp.StatusCode, nil, err
	}
	return resp.StatusCode, &h, nil
}

// live waits for /healthz to report a successful round and returns how long after the
// process started that was.
func (p *spEnv) live(r *proc, within time.Duration) time.Duration {
	p.t.Helper()
	testsupport.Eventually(p.t, within, "/healthz ok", func() error {
		code, h, err := p.health("/healthz")
		if err != nil {
			return err
		}
		if code != http.StatusOK || !h.OK {
			return fmt.Errorf("%d %+v", code, h)
		}
		return nil
	})
	return time.Since(r.started)
}

type buyer struct {
	acct testsupport.Account
	key  *voucher.PrivateKey
	spec lease.Spec
	ord  lease.Order
}

// order creates an order for a small Debian lease from a fresh client.
func (p *spEnv) order(name string) *buyer {
	p.t.Helper()
	k, err := voucher.GenerateKey(rand.Reader)
	if err != nil {
		p.t.Fatal(err)
	}
	b := &buyer{acct: p.geth.FundedAccount(10), key: k, spec: lease.Spec{
		Provider: testMiner, Image: testsupport.DebianImage,
		Resources: lease.Resources{CPU: 200, Memory: 64 << 20},
		SSHKeys:   []string{testsupport.SSHKey(p.t, 1, name)},
		Price:     lease.MustParsePrice("1000attofil/1s"), Duration: time.Hour, Prepay: 5 * time.Second, Grace: time.Minute,
	}}
	nonce, err := rand.Int(rand.Reader, big.NewInt(1<<62))
	if err != nil {
		p.t.Fatal(err)
	}
	if b.ord, err = b.spec.Order(p.geth.ChainID, p.market.Address, b.acct.Addr, k.Public(), nonce); err != nil {
		p.t.Fatal(err)
	}
	o := b.ord
	if _, err := p.market.CreateOrder(p.ctx, b.acct.Opts, contracts.OrderRequest{ID: o.ID, Provider: o.Provider, Nonce: o.Nonce,
		PaymentKey: o.PaymentKey, PriceAmount: o.PriceAmount, PricePeriod: o.PricePeriod, Duration: o.Duration, Spec: o.SpecBytes}); err != nil {
		p.t.Fatal(err)
	}
	return b
}

func (p *spEnv) waitChain(id [32]byte, state contracts.OrderState, within time.Duration) contracts.Order {
	p.t.Helper()
	var o contracts.Order
	testsupport.Eventually(p.t, within, fmt.Sprintf("order %x %s on chain", id[:4], state), func() error {
		var err error
		if o, err = p.market.Order(p.ctx, id); err != nil {
			return err
		}
		if o.State != state {
			return fmt.Errorf("state %s", o.State)
		}
		return nil
	})
	return o
}

// payAndTerminate pays over the lease's SSH connection as a client does, then terminates it;
// it returns the last voucher the gateway acknowledged.
func (p *spEnv) payAndTerminate(b *buyer) *voucher.Voucher {
	p.t.Helper()
	prov, err := p.market.Provider(p.ctx, p.spAddr)
	if err != nil {
		p.t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(p.ctx, 2*time.Minute)
	defer cancel()
	c, err := tunnel.Dial(ctx, tunnel.Config{
		Addr: prov.Endpoint, Lease: lease.LeaseID{ChainID: p.geth.ChainID.Uint64(), Order: b.ord.ID}, Signer: testsupport.SSHSigner(p.t, 1),
		HostKeyFingerprint: contracts.FormatHostKeyFingerprint(prov.HostKeyFingerprint), PaymentKey: b.key,
		Price: b.spec.Price, Escrow: b.ord.Escrow, Prepay: b.spec.Prepay,
	})
	if err != nil {
		p.t.Fatal(err)
	}
	defer c.Close()
	pctx, stopPay := context.WithCancel(ctx)
	payErr := make(chan error, 1)
	go func() { payErr <- c.Pay(pctx) }()
	testsupport.Eventually(p.t, time.Minute, "a voucher acknowledged", func() error {
		if v := c.Paid(); v == nil || v.Seq < 1 {
			return fmt.Errorf("last acknowledged %+v", v)
		}
		return nil
	})
	stopPay()
	<-payErr
	if err := c.Terminate(ctx); err != nil {
		p.t.Fatalf("terminate: %v", err)
	}
	return c.Paid()
}

// events counts the marketplace's events for one order.
func (p *spEnv) events(id [32]byte) map[string]int {
	p.t.Helper()
	evs, err := p.market.Events(p.ctx, 0, nil)
	if err != nil {
		p.t.Fatal(err)
	}
	got := map[string]int{}
	for _, ev := range evs {
		if len(ev.Log.Topics) > 1 && ev.Log.Topics[1] == id {
			got[ev.Name]++
		}
	}
	return got
}

// killWhileAccepting starts the bridge, orders, and SIGKILLs the bridge as soon as it logs
// the order's move to accepting (the acceptOrder transaction may or may not be out).
func (p *spEnv) killWhileAccepting(cache, name string) *buyer {
	p.t.Helper()
	r := p.run(cache)
	p.live(r, time.Minute)
	b := p.order(name)
	r.waitLog(p.t, 2*time.Minute, "order transition", fmt.Sprintf("%#x", b.ord.ID), "to=accepting")
	if err := r.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		p.t.Fatal(err)
	}
	<-r.exited
	return b
}

// The scenario with the real binary: the bridge is SIGKILLed while an order is being
// accepted and restarted, first with the prover keys cached, then with them absent (derived
// anew, which takes minutes). Both times it serves and moves the order within seconds, and
// the lease paid meanwhile is settled once the keys are there; every order is accepted once.
func TestRestartMovesOrdersAtOnce(t *testing.T) {
	cached := testsupport.CacheDir(t) // holds (or gets, on first use) the K=4 development keys
	if _, err := prover.Load(context.Background(), prover.DefaultK); err != nil {
		t.Fatal(err)
	}
	p := startSP(t)

	for _, tc := range []struct {
		name   string
		cache  string
		settle time.Duration // how long settlement may wait for the keys
	}{
		{"keys cached", cached, 3 * time.Minute},
		{"keys absent", t.TempDir(), 30 * time.Minute},
	} {
		b := p.killWhileAccepting(cached, "restart-"+strings.ReplaceAll(tc.name, " ", "-"))
		r := p.run(tc.cache)
		liveAfter := p.live(r, 30*time.Second)
		p.waitChain(b.ord.ID, contracts.StateAccepted, time.Minute)
		acceptedAfter := time.Since(r.started)
		p.waitChain(b.ord.ID, contracts.StateRunning, 2*time.Minute)
		t.Logf("%s: live %s after the restart, order accepted after %s, running after %s",
			tc.name, liveAfter.Round(time.Millisecond), acceptedAfter.Round(time.Millisecond), time.Since(r.started).Round(time.Millisecond))
		if acceptedAfter > 30*time.Second {
			t.Errorf("%s: the order was accepted %s after the restart, want seconds", tc.name, acceptedAfter)
		}
		if tc.name == "keys absent" {
			code, h, err := p.health("/readyz")
			// Without cached keys the loader compiles the circuit, then derives the keys: either
			// phase may be under way when the lease is running.
			making := strings.Contains(h.Prover.Progress, "compiling") || strings.Contains(h.Prover.Progress, "deriving")
			if err != nil || code != http.StatusServiceUnavailable || h.Prover.State != bridge.PartLoading || !making {
				t.Fatalf("/readyz while deriving: %d %+v %v", code, h, err)
			}
		}
		last := p.payAndTerminate(b)
		settled := p.waitChain(b.ord.ID, contracts.StateSettled, tc.settle)
		if want, _ := testsupport.FairPay(p.ctx, t, p.market, p.geth.Client, b.ord.ID, last.Amount); settled.Paid.Cmp(want) != 0 {
			t.Fatalf("%s: settled for %s, want %s (last voucher %s)", tc.name, settled.Paid, want, last.Amount)
		}
		if ev := p.events(b.ord.ID); ev["OrderAccepted"] != 1 || ev["LeaseStarted"] != 1 || ev["OrderSettled"] != 1 {
			t.Fatalf("%s: events %v, want one accept, one start, one settlement", tc.name, ev)
		}
		if err := r.cmd.Process.Signal(syscall.SIGTERM); err != nil {
			t.Fatal(err)
		}
		<-r.exited
		if r.err != nil {
			t.Fatalf("%s: exit after SIGTERM: %v", tc.name, r.err)
		}
	}
}

// SIGTERM, and sometimes SIGKILL after it, at random points while orders arrive: a SIGTERM
// alone ends the bridge cleanly within a bounded time, and whatever the signals interrupted,
// every order ends up running after a restart, accepted and started exactly once.
func TestStopAtRandomPoints(t *testing.T) {
	if _, err := prover.Load(context.Background(), prover.DefaultK); err != nil {
		t.Fatal(err)
	}
	cache := testsupport.CacheDir(t)
	p := startSP(t)
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d", seed)
	rng := mrand.New(mrand.NewPCG(seed, seed))
	var orders []*buyer
	for i := 0; i < 4; i++ {
		r := p.run(cache)
		p.live(r, time.Minute)
		orders = append(orders, p.order(fmt.Sprintf("stop-%d", i)))
		time.Sleep(time.Duration(rng.Int64N(int64(3 * time.Second)))) // the random point, not synchronisation
		if err := r.cmd.Process.Signal(syscall.SIGTERM); err != nil {
			t.Fatal(err)
		}
		termAt := time.Now()
		killed := rng.IntN(2) == 0
		if killed {
			time.Sleep(time.Duration(rng.Int64N(int64(time.Second))))
			_ = r.cmd.Process.Signal(syscall.SIGKILL)
		}
		select {
		case <-r.exited:
			t.Logf("run %d: SIGTERM%s, exited after %s: %v", i, map[bool]string{true: " then SIGKILL"}[killed], time.Since(termAt).Round(time.Millisecond), r.err)
			if !killed && r.err != nil {
				t.Fatalf("run %d: exit after SIGTERM alone: %v", i, r.err)
			}
		case <-time.After(stopGrace + 20*time.Second):
			t.Fatalf("run %d: still running %s after SIGTERM", i, stopGrace+20*time.Second)
		}
		if !killed {
			r.waitLog(t, time.Second, "bridge stopped")
		}
	}
	r := p.run(cache)
	p.live(r, time.Minute)
	for _, b := range orders {
		p.waitChain(b.ord.ID, contracts.StateRunning, 3*time.Minute)
	}
	testsupport.Eventually(t, time.Minute, "every order accepted and started exactly once", func() error {
		for _, b := range orders {
			if ev := p.events(b.ord.ID); ev["OrderAccepted"] != 1 || ev["LeaseStarted"] != 1 {
				return fmt.Errorf("order %x: events %v", b.ord.ID[:4], ev)
			}
		}
		return nil
	})
}
