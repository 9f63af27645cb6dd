package provider

import (
	"context"
	"crypto/ecdsa"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"os"
	"time"

	gnarklog "github.com/consensys/gnark/logger"

	"github.com/ethereum/go-ethereum/accounts/abi/bind"
	"github.com/ethereum/go-ethereum/common"
	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/nomad/api"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/shaleprotocol/shale/bridge"
	"github.com/shaleprotocol/shale/contracts"
	"github.com/shaleprotocol/shale/lease"
	"github.com/shaleprotocol/shale/leasejob"
	"github.com/shaleprotocol/shale/outbox"
	"github.com/shaleprotocol/shale/prover"
)

// newLogger builds the structured logger the config asks for, on stderr.
func newLogger(cfg *Config, out *os.File) hclog.Logger {
	return hclog.New(&hclog.LoggerOptions{Name: "shale-bridge", Level: cfg.LogLevel, JSONFormat: cfg.LogJSON, Output: out})
}

// nomadConfig is the Nomad API configuration of the nomad block.
func nomadConfig(cfg *Config) *api.Config {
	return &api.Config{Address: cfg.NomadAddress, SecretID: cfg.NomadToken, Region: cfg.NomadRegion, Namespace: cfg.NomadNS}
}

// runDeps are the parts `run` connects to; the binary dials them from the config, tests pass
// a simulated chain.
type runDeps struct {
	Backend chainBackend
	Cluster bridge.Cluster
	Log     hclog.Logger
	// Ready, when set, is called with the address /metrics, /healthz and /v1/orders are served
	// on once the bridge is running (tests listen on port 0).
	Ready func(addr string)
}

// runBridge runs the bridge until stop ends (the first SIGINT/SIGTERM): the round in progress
// then finishes under work (cancelled only by a second signal), the HTTP server drains and
// the store is closed. Transitions are persisted before their effects either way; finishing
// the round just avoids leaving work for the next start. The bridge serves and moves orders
// within seconds of starting; the prover keys load in the background (see loadProver).
func runBridge(stop, work context.Context, cfg *Config, d runDeps) error {
	log := d.Log
	// The start-up checks end at the first signal; only the rounds run under work.
	mk, err := checkMarketplace(stop, cfg, d.Backend)
	if err != nil {
		return err
	}
	keys := bridge.NewKeyLoader(mk.k)
	store, err := bridge.OpenStore(cfg.StorePath(), 5*time.Second)
	if err != nil {
		return err
	}
	defer store.Close()

	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	b, err := newBridge(stop, cfg, d, mk, store, keys, bridge.NewMetrics(reg))
	if err != nil {
		return err
	}

	ln, err := net.Listen("tcp", cfg.Listen)
	if err != nil {
		return cfg.errorAt("listen", "%v", err)
	}
	// Only settlement needs the keys, and it can wait minutes: they load while orders move.
	loadDone := make(chan struct{})
	go func() {
		defer close(loadDone)
		loadProver(stop, cfg, keys, func(ctx context.Context, pr *prover.Prover) error {
			return checkVerifier(ctx, d.Backend, cfg.Contract, pr)
		}, log.Named("prover"))
	}()
	srv := &http.Server{Handler: handler(b, reg, store), ReadHeaderTimeout: 10 * time.Second}
	srvDone := make(chan error, 1)
	go func() { srvDone <- srv.Serve(ln) }()
	log.Info("bridge running", "provider", mk.addr.Hex(), "miner", cfg.MinerID, "chain_id", mk.chainID, "contract", cfg.Contract.Hex(),
		"k", mk.k, "collateral", lease.FormatFIL(mk.coll), "listen", ln.Addr().String(), "state", cfg.StorePath(), "nomad", cfg.NomadAddress)
	if d.Ready != nil {
		d.Ready(ln.Addr().String())
	}

	runErr := loop(stop, work, b, cfg.PollInterval, keys.Loaded(), log)
	if err := shutdown(srv, srvDone); err != nil && runErr == nil {
		runErr = err
	}
	select {
	case <-loadDone:
	case <-time.After(keyLoadGrace):
		// gnark's key derivation cannot be interrupted; exiting ends it with the process.
		log.Warn("stopping while the prover keys are still loading or being derived")
	}
	log.Info("bridge stopped")
	return runErr
}

// marketTerms is what run needs from the chain before it starts: who the provider is, the
// marketplace's terms and a signer for the provider's transactions.
type marketTerms struct {
	addr    common.Address
	chainID *big.Int
	m       *contracts.Marketplace
	coll    *big.Int
	k       int           // the marketplace's settlement batch size
	window  time.Duration // the marketplace's settle window
	opts    *bind.TransactOpts
}

// checkMarketplace reads the marketplace's terms and refuses to run for a provider that is
// not registered, or registered under another miner id.
func checkMarketplace(ctx context.Context, cfg *Config, backend chainBackend) (*marketTerms, error) {
	key, addr, err := loadKey(cfg)
	if err != nil {
		return nil, err
	}
	m, chainID, err := marketplace(ctx, cfg, backend)
	if err != nil {
		return nil, err
	}
	p, err := provider(ctx, m, addr)
	if err != nil {
		return nil, err
	}
	if !p.Registered() {
		return nil, fmt.Errorf("provider %s is not registered on marketplace %s (chain %s): run `shale-bridge register -config %s` first",
			addr.Hex(), cfg.Contract.Hex(), chainID, cfg.Path)
	}
	if p.MinerID != cfg.MinerID {
		return nil, cfg.errorAt("provider.miner_id", "provider %s is registered as miner %s, not %s", addr.Hex(), p.MinerID, cfg.MinerID)
	}
	t := &marketTerms{addr: addr, chainID: chainID, m: m}
	if t.coll, err = collateral(ctx, cfg, m); err != nil {
		return nil, err
	}
	if t.k, err = m.BatchSize(ctx); err != nil {
		return nil, err
	}
	if t.window, err = m.SettleWindow(ctx); err != nil {
		return nil, err
	}
	if t.opts, err = signer(key, chainID); err != nil {
		return nil, err
	}
	return t, nil
}

// newBridge builds the bridge for cfg's policy over the marketplace's terms.
func newBridge(ctx context.Context, cfg *Config, d runDeps, mk *marketTerms, store *bridge.Store, keys *bridge.KeyLoader, metrics *bridge.Metrics) (*bridge.Bridge, error) {
	chain, err := bridge.NewOnChain(ctx, mk.m, d.Backend, mk.opts, store, outbox.Options{
		Confirmations: cfg.Confirmations, StuckAfter: cfg.StuckBlocks, MaxFeeCap: cfg.MaxFee,
	})
	if err != nil {
		return nil, err
	}
	return bridge.New(bridge.Options{
		Provider: mk.addr, ChainID: mk.chainID, Contract: cfg.Contract,
		Confirmations: cfg.Confirmations, StartBlock: cfg.StartBlock, PollInterval: cfg.PollInterval,
		Policy:       bridge.Policy{MinPrice: cfg.MinPrice, MaxDuration: cfg.MaxDuration, MaxGrace: cfg.MaxGrace, MaxPrepay: cfg.MaxPrepay, Images: cfg.Images, MaxLeases: cfg.MaxLeases, MaxExposes: cfg.MaxExposes, Collateral: mk.coll},
		Job:          leasejob.Options{Region: cfg.NomadRegion, Namespace: cfg.NomadNS, Datacenters: cfg.Datacenters, MHzPerCore: cfg.MHzPerCore},
		StartTimeout: cfg.StartTimeout, MaxBatchWait: cfg.MaxWait, SettleWindow: mk.window,
		Log: d.Log.Named("bridge"),
	}, store, chain, d.Cluster, keys, metrics)
}

// shutdown drains the HTTP server and returns the error it stopped serving with, if any.
func shutdown(srv *http.Server, served <-chan error) error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = srv.Shutdown(ctx)
	if err := <-served; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// keyLoadGrace bounds how long a stop waits for the key loader to notice it.
const keyLoadGrace = 2 * time.Second

// loadProver loads (or derives) the prover keys into keys, reporting progress, and hands them
// over once check accepts them; a failure leaves the bridge serving everything but
// settlement, with the reason in /healthz.
func loadProver(ctx context.Context, cfg *Config, keys *bridge.KeyLoader, check func(context.Context, *prover.Prover) error, log hclog.Logger) {
	// gnark logs to the console in its own format; the bridge's structured log says enough.
	gnarklog.Disable()
	started := time.Now()
	log.Info("loading settlement prover keys in the background", "k", keys.K(), "keys", proverSource(cfg))
	lastLogged := time.Time{}
	pr, err := prover.Open(ctx, keys.K(), prover.Options{
		Dir: cfg.ProverKeys,
		Progress: func(p prover.Progress) {
			keys.Progress(p.String())
			if p.Total == 0 || time.Since(lastLogged) > 5*time.Second {
				lastLogged = time.Now()
				log.Info("prover keys", "step", p.String())
			}
		},
		Warn: func(err error) {
			keys.Warn(err)
			log.Warn("prover keys", "problem", err)
		},
	})
	for delay := time.Second; err == nil; delay = min(2*delay, time.Minute) {
		keys.Progress("checking the keys against the marketplace's verifier")
		if err = check(ctx, pr); err == nil || errors.Is(err, errForeignKeys) {
			break
		}
		// The chain not answering is no reason to give up on settlement.
		keys.Progress("checking the keys against the marketplace's verifier: retrying: " + err.Error())
		log.Warn("checking the prover keys against the verifier; will retry", "error", err)
		select {
		case <-ctx.Done():
			return
		case <-time.After(delay):
			err = nil
		}
	}
	if err == nil {
		err = keys.Ready(pr)
	}
	if err != nil {
		if ctx.Err() != nil {
			return
		}
		keys.Fail(err)
		log.Error("SETTLEMENT DISABLED: the prover keys did not load; orders are still accepted and run, "+
			"fix the keys and restart to settle", "error", err)
		return
	}
	log.Info("settlement prover ready", "k", pr.K(), "took", time.Since(started).Round(time.Millisecond).String())
}

// loop is Bridge.Run with a graceful stop: a round runs under work, which a stop does not
// cancel, so the round in progress completes before the bridge exits.
// A round also starts as soon as the prover is ready, so waiting batches are proved at once.
func loop(stop, work context.Context, b *bridge.Bridge, every time.Duration, proverReady <-chan struct{}, log hclog.Logger) error {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if err := b.Step(work); errors.Is(err, bridge.ErrKilled) {
			return err
		} else if err != nil && work.Err() == nil {
			log.Warn("bridge round failed; retrying", "error", err)
		}
		select {
		case <-stop.Done():
			return nil
		case <-work.Done():
			return work.Err()
		case <-t.C:
		case <-proverReady:
			proverReady = nil
		}
	}
}

func proverSource(cfg *Config) string {
	if cfg.ProverKeys == "" {
		return "development (deterministic, insecure)"
	}
	return cfg.ProverKeys
}

// handler serves the bridge's operator page, /metrics, /healthz and /readyz plus /v1/orders, every order record in
// its readable JSON form, which `status` reads while the running bridge holds the store's lock.
func handler(b *bridge.Bridge, gatherer prometheus.Gatherer, store *bridge.Store) http.Handler {
	mux := http.NewServeMux()
	bh := b.Handler(gatherer)
	mux.Handle("/metrics", bh)
	mux.Handle("/healthz", bh)
	mux.Handle("/readyz", bh)
	mux.Handle("/v1/orders", ordersHandler(store))
	mux.Handle("/", bh) // the operator page (bridge/page.go); other paths are 404 there
	return mux
}

// ordersHandler serves every order record in the store, readable form, as a JSON array.
func ordersHandler(store *bridge.Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		orders, err := store.Orders()
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(bridge.Views(orders))
	})
}

// signer returns transaction options for the provider's key. They carry no context: the
// marketplace binds each call's own.
func signer(key *ecdsa.PrivateKey, chainID *big.Int) (*bind.TransactOpts, error) {
	return bind.NewKeyedTransactorWithChainID(key, chainID)
}
