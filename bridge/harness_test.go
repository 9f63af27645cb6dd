package bridge_test

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"math/big"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/nomad/api"
	"github.com/prometheus/client_golang/prometheus"

	"github.com/shaleprotocol/shale/bridge"
	"github.com/shaleprotocol/shale/contracts"
	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/lease"
	"github.com/shaleprotocol/shale/leasejob"
	"github.com/shaleprotocol/shale/outbox"
	"github.com/shaleprotocol/shale/prover"
	"github.com/shaleprotocol/shale/voucher"
)

const miner = "f01946720"

var (
	proverOnce sync.Once
	proverK4   *prover.Prover
	proverErr  error
)

// sharedProver loads the K=4 development keys once per test binary (seconds, cached on disk).
func sharedProver(t *testing.T) *prover.Prover {
	t.Helper()
	proverOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
		defer cancel()
		proverK4, proverErr = prover.Load(ctx, 4)
	})
	if proverErr != nil {
		t.Fatal(proverErr)
	}
	return proverK4
}

// env is one provider: a simulated chain with the marketplace, a Nomad agent (or cluster)
// running the shale driver, and the bridge's state directory.
type env struct {
	t       *testing.T
	ctx     context.Context
	chain   *testsupport.Chain
	sp      testsupport.Account
	nomad   *testsupport.Nomad // the API endpoint (a dev agent or a cluster's server)
	cluster bridge.Cluster
	state   string
	metrics *bridge.Metrics
	reg     *prometheus.Registry
}

// metric is the current value of one of the bridge's series (summed over labels).
func (e *env) metric(name string) float64 {
	e.t.Helper()
	mfs, err := e.reg.Gather()
	if err != nil {
		e.t.Fatal(err)
	}
	var sum float64
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
		for _, m := range mf.GetMetric() {
			if c := m.GetCounter(); c != nil {
				sum += c.GetValue()
			}
			if g := m.GetGauge(); g != nil {
				sum += g.GetValue()
			}
		}
	}
	return sum
}

// labelled is the value of a counter with one label value.
func (e *env) labelled(name, label, value string) float64 {
	e.t.Helper()
	mfs, err := e.reg.Gather()
	if err != nil {
		e.t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() != name {
			continue
		}
		for _, m := range mf.GetMetric() {
			for _, l := range m.GetLabel() {
				if l.GetName() == label && l.GetValue() == value {
					return m.GetCounter().GetValue()
				}
			}
		}
	}
	return 0
}

func newEnv(t *testing.T, n *testsupport.Nomad, gatewayNode *testsupport.Nomad, chainOpts ...testsupport.ChainOptions) *env {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	var co testsupport.ChainOptions
	if len(chainOpts) > 0 {
		co = chainOpts[0]
	}
	e := &env{t: t, ctx: ctx, chain: testsupport.StartChain(t, co), nomad: n,
		state: filepath.Join(t.TempDir(), "bridge.db"), reg: prometheus.NewRegistry()}
	e.metrics = bridge.NewMetrics(e.reg)
	e.sp = e.chain.Fund(1000)
	registerProvider(t, ctx, e.chain.Market, e.sp, gatewayNode)
	c, err := bridge.NewNomadCluster(&api.Config{Address: n.Addr})
	if err != nil {
		t.Fatal(err)
	}
	e.cluster = c
	return e
}

// registerProvider registers sp on m as the test's miner, with gatewayNode's SSH gateway.
func registerProvider(t *testing.T, ctx context.Context, m *contracts.Marketplace, sp testsupport.Account, gatewayNode *testsupport.Nomad) {
	t.Helper()
	node, _, err := gatewayNode.API.Nodes().Info(gatewayNode.NodeID, nil)
	if err != nil {
		t.Fatal(err)
	}
	fp, err := contracts.HostKeyFingerprint(node.Attributes[leasejob.AttrGatewayHostKey])
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.RegisterProvider(ctx, sp.Opts, miner, gatewayNode.GatewayAddr, fp, "{}"); err != nil {
		t.Fatal(err)
	}
}

func (e *env) options() bridge.Options {
	return bridge.Options{
		Provider: e.sp.Addr, ChainID: e.chain.ChainID, Contract: e.chain.Market.Address,
		Confirmations: 1, PollInterval: 200 * time.Millisecond, StartTimeout: 2 * time.Minute,
		MaxBatchWait: time.Second, SettleWindow: time.Hour,
		Policy: bridge.Policy{Collateral: new(big.Int).Div(testsupport.FIL, big.NewInt(2))},
		Log:    hclog.New(&hclog.LoggerOptions{Name: "bridge", Level: hclog.Info, Output: testWriter{e.t}}),
	}
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(string(p[:len(p)-1]))
	return len(p), nil
}

// running is a bridge in the background; stop waits for it.
type running struct {
	b     *bridge.Bridge
	store *bridge.Store
	done  chan error
	stop  func() error
}

// start runs a bridge over the env's state until stopped, the test ends or a kill point fires.
// chain, when set, builds the bridge's chain port over its store (the outbox's journal).
func (e *env) start(chain func(*bridge.Store) bridge.Chain, cluster bridge.Cluster, mut func(*bridge.Options)) *running {
	e.t.Helper()
	store, err := bridge.OpenStore(e.state, 10*time.Second)
	if err != nil {
		e.t.Fatal(err)
	}
	opts := e.options()
	if mut != nil {
		mut(&opts)
	}
	var port bridge.Chain
	if chain == nil {
		port = e.onChain(store, e.chain.Market, e.chain.Backend)
	} else {
		port = chain(store)
	}
	if cluster == nil {
		cluster = e.cluster
	}
	b, err := bridge.New(opts, store, port, cluster, sharedProver(e.t), e.metrics)
	if err != nil {
		e.t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(e.ctx)
	r := &running{b: b, store: store, done: make(chan error, 1)}
	go func() { r.done <- b.Run(ctx) }()
	var once sync.Once
	var runErr error
	r.stop = func() error {
		once.Do(func() {
			cancel()
			runErr = <-r.done
			if err := store.Close(); err != nil && runErr == nil {
				runErr = err
			}
			if errors.Is(runErr, context.Canceled) {
				runErr = nil
			}
		})
		return runErr
	}
	e.t.Cleanup(func() { _ = r.stop() })
	return r
}

// client is a funded client with a payment key.
type client struct {
	acct testsupport.Account
	key  *voucher.PrivateKey
}

func (e *env) newClient() client {
	e.t.Helper()
	k, err := voucher.GenerateKey(rand.Reader)
	if err != nil {
		e.t.Fatal(err)
	}
	return client{acct: e.chain.Fund(100), key: k}
}

// spec is a small interactive lease: 1000 attoFIL/s for an hour, 5 s prepay.
func spec(t *testing.T, name string) lease.Spec {
	return lease.Spec{
		Provider:  miner,
		Image:     testsupport.DebianImage,
		Resources: lease.Resources{CPU: 200, Memory: 64 << 20},
		SSHKeys:   []string{testsupport.SSHKey(t, 1, name)},
		Price:     lease.MustParsePrice("1000attofil/1s"),
		Duration:  time.Hour,
		Prepay:    5 * time.Second,
		Grace:     time.Minute,
	}
}

// order creates s on chain for c with a fresh nonce and a correctly derived id.
func (e *env) order(c client, s lease.Spec) lease.Order {
	e.t.Helper()
	o := e.newOrder(c, s)
	e.create(c, o)
	return o
}

// newOrder is s as c's order with a fresh nonce and a correctly derived id, not yet on chain.
func (e *env) newOrder(c client, s lease.Spec) lease.Order {
	e.t.Helper()
	nonce, err := rand.Int(rand.Reader, big.NewInt(1<<62))
	if err != nil {
		e.t.Fatal(err)
	}
	o, err := s.Order(e.chain.ChainID, e.chain.Market.Address, c.acct.Addr, c.key.Public(), nonce)
	if err != nil {
		e.t.Fatal(err)
	}
	return o
}

func (e *env) create(c client, o lease.Order) {
	e.t.Helper()
	_, err := e.chain.Market.CreateOrder(e.ctx, c.acct.Opts, contracts.OrderRequest{
		ID: o.ID, Provider: o.Provider, Nonce: o.Nonce, PaymentKey: o.PaymentKey, PriceAmount: o.PriceAmount,
		PricePeriod: o.PricePeriod, Duration: o.Duration, Spec: o.SpecBytes,
	})
	if err != nil {
		e.t.Fatal(err)
	}
}

// waitChain waits until the order reaches state on chain.
func (e *env) waitChain(id [32]byte, state contracts.OrderState, within time.Duration) contracts.Order {
	e.t.Helper()
	var o contracts.Order
	testsupport.Eventually(e.t, within, fmt.Sprintf("order %x %s on chain", id[:4], state), func() error {
		var err error
		if o, err = e.chain.Market.Order(e.ctx, id); err != nil {
			return err
		}
		if o.State != state {
			return fmt.Errorf("state %s", o.State)
		}
		return nil
	})
	return o
}

// waitStore waits until the bridge's record of the order reaches state.
func waitStore(t *testing.T, r *running, id [32]byte, state bridge.State, within time.Duration) *bridge.Order {
	t.Helper()
	var o *bridge.Order
	testsupport.Eventually(t, within, fmt.Sprintf("order %x %s in the bridge", id[:4], state), func() error {
		var err error
		if o, err = r.store.Get(id); err != nil {
			return err
		}
		if o.State != state {
			return fmt.Errorf("state %s (%s %s)", o.State, o.Reason, o.LastError)
		}
		return nil
	})
	return o
}

// payer dials the lease as its client would and pays until stopped.
func (e *env) dial(c client, s lease.Spec, o lease.Order, endpoint string) *clientConn {
	e.t.Helper()
	p, err := e.chain.Market.Provider(e.ctx, e.sp.Addr)
	if err != nil {
		e.t.Fatal(err)
	}
	return dialLease(e.t, endpoint, contracts.FormatHostKeyFingerprint(p.HostKeyFingerprint), c, s, o, e.chain.ChainID.Uint64())
}

// onChain is the provider's chain port over m and be, journaling its transactions in store.
func (e *env) onChain(store *bridge.Store, m *contracts.Marketplace, be bridge.ChainBackend) *bridge.OnChain {
	e.t.Helper()
	c, err := bridge.NewOnChain(e.ctx, m, be, e.sp.Opts, store, outbox.Options{Confirmations: e.options().Confirmations})
	if err != nil {
		e.t.Fatal(err)
	}
	return c
}
