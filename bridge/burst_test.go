//go:build bench

package bridge_test

import (
	"context"
	"crypto/rand"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"

	"github.com/shaleprotocol/shale/bench"
	"github.com/shaleprotocol/shale/bridge"
	"github.com/shaleprotocol/shale/contracts"
	"github.com/shaleprotocol/shale/contracts/bindings"
	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/lease"
	"github.com/shaleprotocol/shale/outbox"
	"github.com/shaleprotocol/shale/voucher"
)

const burstOrders = 100

// burstRun is one burst of orders through one bridge on one chain.
type burstRun struct {
	period     uint64 // geth --dev.period, seconds
	sequential bool
	// From the block holding the last order: blocks and seconds until every order was
	// accepted, and until every lease was started on chain.
	acceptBlocks, runBlocks uint64
	acceptSecs, runSecs     float64
	// Per order, from its own block: the most blocks until its acceptance (the bridge waits one
	// confirmation first), and the p50 and p99 seconds until its lease started on chain.
	maxAcceptLag uint64
	p50, p99     float64
	// neverStarted counts leases released before the bridge started them on chain (cut off
	// unpaid while it was still busy with others); the figures above are over the rest.
	neverStarted int
}

// TestBenchBurst sends 100 orders in one burst to a bridge on geth --dev, at 1 s and at 5 s
// blocks, once through the outbox (many transactions in flight) and once sequentially (each
// transaction awaited before the next: the baseline), all in one run on one Nomad agent.
func TestBenchBurst(t *testing.T) {
	mach := bench.StartMachine()
	n := testsupport.StartNomad(t)
	e := newEnv(t, n, n)
	periods := burstPeriods(t)
	var runs []burstRun
	for _, period := range periods {
		for _, sequential := range []bool{true, false} {
			r := runBurst(t, e, n, period, sequential)
			t.Logf("%+v", r)
			runs = append(runs, r)
		}
	}
	var b strings.Builder
	cmd := "go test -tags bench -run TestBenchBurst ./bridge"
	if v := os.Getenv("SHALE_BENCH_BURST_PERIODS"); v != "" {
		cmd = "SHALE_BENCH_BURST_PERIODS=" + v + " " + cmd
	}
	fmt.Fprintf(&b, "Command: `make bench` (`%s`)\n\n%s  \n", cmd, mach)
	var ps []string
	for _, p := range periods {
		ps = append(ps, fmt.Sprintf("%d s", p))
	}
	fmt.Fprintf(&b, "Chain: `geth --dev` with `--dev.period` %s, a fresh node per run; Nomad v1.6.3 `-dev` with the shale driver; "+
		"bridge poll interval 200 ms, 1 confirmation. %d orders (tiny leases: 10 MHz, 16 MiB) are sent by one client in one burst "+
		"(its own outbox, so they land in one or two blocks) while the bridge runs. Baseline: the same bridge sending each "+
		"transaction and awaiting its receipt before the next (`OnChain.Sequential`), in the same run. Nobody pays the leases: one released "+
		"before the bridge started it on chain (cut off unpaid while the bridge was busy with others) counts under \"never started\".\n\n", strings.Join(ps, " and "), burstOrders)
	b.WriteString("| block period | bridge | last order → all accepted | last order → all started | most blocks order → its acceptance | order → started p50 | p99 | never started |\n")
	b.WriteString("|---|---|---|---|---|---|---|---|\n")
	for _, r := range runs {
		mode := "outbox (many in flight)"
		if r.sequential {
			mode = "sequential (baseline)"
		}
		fmt.Fprintf(&b, "| %d s | %s | %d blocks, %.0f s | %d blocks, %.0f s | %d | %.1f s | %.1f s | %d |\n",
			r.period, mode, r.acceptBlocks, r.acceptSecs, r.runBlocks, r.runSecs, r.maxAcceptLag, r.p50, r.p99, r.neverStarted)
	}
	b.WriteString("\n")
	for _, period := range periods {
		var seq, par burstRun
		for _, r := range runs {
			if r.period == period && r.sequential {
				seq = r
			} else if r.period == period {
				par = r
			}
		}
		fmt.Fprintf(&b, "**%d s blocks: all started %.1f× sooner than sequential** (%.0f s vs %.0f s); every order accepted within %d blocks of its own "+
			"(target: 3 blocks after its confirmation, i.e. 4 here).  \n", period, seq.runSecs/max(par.runSecs, 1), par.runSecs, seq.runSecs, par.maxAcceptLag)
	}
	if err := bench.WriteSection(filepath.Join(testsupport.Root(t), "bench", "RESULTS.md"), "Bridge: a burst of 100 orders on geth --dev", b.String()); err != nil {
		t.Fatal(err)
	}
}

func runBurst(t *testing.T, e *env, n *testsupport.Nomad, period uint64, sequential bool) burstRun {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	g := testsupport.StartGeth(t, testsupport.GethOptions{Period: period})
	defer g.Stop()
	deployer := g.FundedAccount(100)
	verifier, _, err := contracts.DeployVerifier(ctx, g.Client, deployer.Opts)
	if err != nil {
		t.Fatal(err)
	}
	m, _, err := contracts.Deploy(ctx, g.Client, deployer.Opts, contracts.Config{
		BatchSize: 4, Verifier: verifier, SettleWindow: time.Hour, MinCollateral: new(big.Int).Div(testsupport.FIL, big.NewInt(2)),
	})
	if err != nil {
		t.Fatal(err)
	}
	sp := g.FundedAccount(1000)
	registerProvider(t, ctx, m, sp, n)

	store, err := bridge.OpenStore(filepath.Join(t.TempDir(), "bridge.db"), 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	chain, err := bridge.NewOnChain(ctx, m, g.Client, sp.Opts, store, outbox.Options{Confirmations: 1})
	if err != nil {
		t.Fatal(err)
	}
	if sequential {
		chain.Sequential()
	}
	opts := e.options()
	opts.Provider, opts.ChainID, opts.Contract = sp.Addr, g.ChainID, m.Address
	opts.StartTimeout = 30 * time.Minute
	opts.Log = hclog.NewNullLogger()
	b, err := bridge.New(opts, store, chain, e.cluster, sharedProver(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- b.Run(ctx) }()
	defer func() { cancel(); <-done }()

	// The burst: one client, its own outbox, so every order is in flight at once.
	client := g.FundedAccount(100)
	cob, err := outbox.New(g.Client, g.ChainID, client.Opts, &outbox.MemJournal{}, outbox.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var ids [][32]byte
	for i := range burstOrders {
		s := spec(t, fmt.Sprintf("burst-%d", i))
		s.Resources, s.Grace = lease.Resources{CPU: 10, Memory: 16 << 20}, bridge.DefaultMaxGrace
		pk, err := voucher.GenerateKey(rand.Reader)
		if err != nil {
			t.Fatal(err)
		}
		nonce, err := rand.Int(rand.Reader, big.NewInt(1<<62))
		if err != nil {
			t.Fatal(err)
		}
		o, err := s.Order(g.ChainID, m.Address, client.Addr, pk.Public(), nonce)
		if err != nil {
			t.Fatal(err)
		}
		req := contracts.OrderRequest{ID: o.ID, Provider: o.Provider, Nonce: o.Nonce, PaymentKey: o.PaymentKey,
			PriceAmount: o.PriceAmount, PricePeriod: o.PricePeriod, Duration: o.Duration, Spec: o.SpecBytes}
		data, err := contracts.Pack("createOrder", req.ID, req.Provider, req.Nonce, req.PaymentKey, req.PriceAmount, req.PricePeriod, req.Duration, req.Spec)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := cob.Submit(ctx, fmt.Sprintf("order-%d", i), outbox.Call{To: m.Address, Data: data, Value: req.Escrow()}); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, o.ID)
	}
	testsupport.Eventually(t, 10*time.Minute, "the burst's orders mined", func() error {
		if err := cob.Sync(ctx); err != nil {
			return err
		}
		if h := cob.Health(); h.Pending > 0 {
			return fmt.Errorf("%d orders pending", h.Pending)
		}
		return nil
	})
	// Started or given up, not running: nobody pays these leases, so a slow bridge may see
	// the first ones cut off for it, and released, before it starts the last.
	testsupport.Eventually(t, 45*time.Minute, "every lease started or released on chain", func() error {
		for _, id := range ids {
			o, err := m.Order(ctx, id)
			if err != nil {
				return err
			}
			if o.StartedAt.IsZero() && (o.State == contracts.StateCreated || o.State == contracts.StateAccepted) {
				return fmt.Errorf("order %x %s, not started", id[:4], o.State)
			}
		}
		return nil
	})
	r := burstMeasure(t, ctx, g, m, ids)
	r.period, r.sequential = period, sequential
	var jobs []string
	for _, id := range ids {
		job := lease.LeaseID{ChainID: g.ChainID.Uint64(), Order: id}.JobID()
		if _, _, err := n.API.Jobs().Deregister(job, true, nil); err != nil {
			t.Fatal(err)
		}
		jobs = append(jobs, job)
		countEventsOn(t, ctx, m, id, map[string]int{"OrderAccepted": 1})
	}
	waitNoLeaseContainers(t, jobs)
	return r
}

// burstMeasure reads, from the chain's events and block times, how the burst went.
func burstMeasure(t *testing.T, ctx context.Context, g *testsupport.Geth, m *contracts.Marketplace, ids [][32]byte) burstRun {
	evs, err := m.Events(ctx, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	created, accepted, started := map[[32]byte]uint64{}, map[[32]byte]uint64{}, map[[32]byte]uint64{}
	for _, ev := range evs {
		switch v := ev.Value.(type) {
		case *bindings.MarketplaceOrderCreated:
			created[v.OrderId] = ev.Log.BlockNumber
		case *bindings.MarketplaceOrderAccepted:
			accepted[v.OrderId] = ev.Log.BlockNumber
		case *bindings.MarketplaceLeaseStarted:
			started[v.OrderId] = ev.Log.BlockNumber
		}
	}
	times := map[uint64]time.Time{}
	at := func(block uint64) time.Time {
		if tm, ok := times[block]; ok {
			return tm
		}
		h, err := g.Client.HeaderByNumber(ctx, new(big.Int).SetUint64(block))
		if err != nil {
			t.Fatal(err)
		}
		times[block] = time.Unix(int64(h.Time), 0)
		return times[block]
	}
	var r burstRun
	var lastOrder, lastAccept, lastStart uint64
	var toRunning []float64
	for _, id := range ids {
		c, a, s := created[id], accepted[id], started[id]
		if c == 0 || a == 0 {
			t.Fatalf("order %x: created %d, accepted %d", id[:4], c, a)
		}
		lastOrder, lastAccept = max(lastOrder, c), max(lastAccept, a)
		r.maxAcceptLag = max(r.maxAcceptLag, a-c)
		if s == 0 {
			r.neverStarted++
			continue
		}
		lastStart = max(lastStart, s)
		toRunning = append(toRunning, at(s).Sub(at(c)).Seconds())
	}
	if len(toRunning) == 0 {
		t.Fatal("no lease started")
	}
	r.acceptBlocks, r.runBlocks = lastAccept-lastOrder, lastStart-lastOrder
	r.acceptSecs, r.runSecs = at(lastAccept).Sub(at(lastOrder)).Seconds(), at(lastStart).Sub(at(lastOrder)).Seconds()
	slices.Sort(toRunning)
	r.p50, r.p99 = toRunning[len(toRunning)/2], toRunning[(len(toRunning)*99+99)/100-1]
	return r
}

// burstPeriods are the block periods to measure: SHALE_BENCH_BURST_PERIODS (seconds, comma
// separated, each 1–30), default 1 and 5. The sequential baseline at 5 s takes about 20 minutes.
func burstPeriods(t *testing.T) []uint64 {
	v := os.Getenv("SHALE_BENCH_BURST_PERIODS")
	if v == "" {
		return []uint64{1, 5}
	}
	var out []uint64
	for _, f := range strings.Split(v, ",") {
		p, err := strconv.ParseUint(strings.TrimSpace(f), 10, 64)
		if err != nil || p < 1 || p > 30 {
			t.Fatalf("SHALE_BENCH_BURST_PERIODS=%q: want block periods in seconds, 1 to 30, comma separated", v)
		}
		out = append(out, p)
	}
	return out
}
