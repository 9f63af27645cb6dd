package bridge_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/shaleprotocol/shale/internal/testsupport/sptest"

	"github.com/hashicorp/nomad/api"

	"github.com/shaleprotocol/shale/bridge"
	"github.com/shaleprotocol/shale/contracts"
	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/lease"
)

// gate is a TCP proxy in front of Nomad's HTTP API that can be taken down (listener closed,
// live connections cut) and brought back on the same address: a real outage as the bridge's
// HTTP client sees one.
type gate struct {
	t      *testing.T
	addr   string
	target string
	mu     sync.Mutex
	ln     net.Listener
	conns  map[net.Conn]struct{}
	wg     sync.WaitGroup
}

func newGate(t *testing.T, target string) *gate {
	g := &gate{t: t, target: target, conns: map[net.Conn]struct{}{}}
	g.addr = fmt.Sprintf("127.0.0.1:%d", testsupport.FreePort(t))
	g.up()
	t.Cleanup(func() { g.down(); g.wg.Wait() })
	return g
}

func (g *gate) up() {
	g.t.Helper()
	var ln net.Listener
	testsupport.Eventually(g.t, 30*time.Second, "gate listening", func() error {
		var err error
		ln, err = net.Listen("tcp", g.addr)
		return err
	})
	g.mu.Lock()
	g.ln = ln
	g.mu.Unlock()
	g.wg.Add(1)
	go func() {
		defer g.wg.Done()
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			g.wg.Add(1)
			go func() {
				defer g.wg.Done()
				g.pipe(c)
			}()
		}
	}()
}

func (g *gate) pipe(c net.Conn) {
	u, err := net.Dial("tcp", g.target)
	if err != nil {
		c.Close()
		return
	}
	g.mu.Lock()
	g.conns[c], g.conns[u] = struct{}{}, struct{}{}
	g.mu.Unlock()
	done := make(chan struct{}, 2)
	go func() { _, _ = io.Copy(u, c); done <- struct{}{} }()
	go func() { _, _ = io.Copy(c, u); done <- struct{}{} }()
	<-done
	c.Close()
	u.Close()
	<-done
	g.mu.Lock()
	delete(g.conns, c)
	delete(g.conns, u)
	g.mu.Unlock()
}

func (g *gate) down() {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.ln != nil {
		g.ln.Close()
		g.ln = nil
	}
	for c := range g.conns {
		c.Close()
	}
}

// flakyChain fails every call while down. It is a fake fault, used because an in-process
// simulated chain cannot be made unreachable; the Nomad outage above is a real one.
type flakyChain struct {
	bridge.Chain
	down atomic.Bool
}

var errChainDown = errors.New("dial tcp 127.0.0.1:8545: connect: connection refused")

func (f *flakyChain) Head(ctx context.Context) (uint64, time.Time, error) {
	if f.down.Load() {
		return 0, time.Time{}, errChainDown
	}
	return f.Chain.Head(ctx)
}

func (f *flakyChain) Order(ctx context.Context, id [32]byte) (contracts.Order, error) {
	if f.down.Load() {
		return contracts.Order{}, errChainDown
	}
	return f.Chain.Order(ctx, id)
}

// While Nomad or the chain is unreachable the bridge waits, reports itself unhealthy and
// counts the failures; when they are back it catches up and nothing is lost.
func TestNomadAndChainOutages(t *testing.T) {
	n := testsupport.StartNomad(t)
	e := newEnv(t, n, n)
	g := newGate(t, n.Addr[len("http://"):])
	cluster, err := bridge.NewNomadCluster(&api.Config{Address: "http://" + g.addr})
	if err != nil {
		t.Fatal(err)
	}
	chain := &flakyChain{Chain: bridge.NewOnChain(e.chain.Market, e.chain.Backend, e.sp.Opts)}
	r := e.start(chain, cluster, nil)

	// Nomad down: the order is seen but cannot be checked, so it is not accepted yet.
	g.down()
	c := e.newClient()
	o := e.order(c, spec(t, "outage"))
	testsupport.Eventually(t, time.Minute, "check retried while Nomad is down", func() error {
		rec, err := r.store.Get(o.ID)
		if err != nil {
			return err
		}
		if rec.State != bridge.Seen || rec.Attempts < 2 {
			return fmt.Errorf("state %s after %d attempts", rec.State, rec.Attempts)
		}
		return nil
	})
	if ok, _, lastErr := r.b.Health(); lastErr == "" {
		t.Fatalf("health ok=%v with no error while Nomad is down", ok)
	}
	if e.metric("shale_bridge_errors_total") == 0 {
		t.Fatal("no failures counted while Nomad is down")
	}
	if co, _ := e.chain.Market.Order(e.ctx, o.ID); co.State != contracts.StateCreated {
		t.Fatalf("order %s while Nomad was down: the bridge must not accept what it cannot run", co.State)
	}
	g.up()
	e.waitChain(o.ID, contracts.StateRunning, 3*time.Minute)

	// Chain down: orders created meanwhile are picked up when it is back.
	chain.down.Store(true)
	o2 := e.order(e.newClient(), spec(t, "while-chain-down"))
	testsupport.Eventually(t, time.Minute, "bridge notices the chain is down", func() error {
		if _, _, lastErr := r.b.Health(); lastErr == "" {
			return errors.New("no error reported")
		}
		return nil
	})
	if _, err := r.store.Get(o2.ID); !errors.Is(err, bridge.ErrNotFound) {
		t.Fatalf("order recorded while the chain was unreachable: %v", err)
	}
	chain.down.Store(false)
	e.waitChain(o2.ID, contracts.StateRunning, 3*time.Minute)
	testsupport.Eventually(t, time.Minute, "healthy again", func() error {
		if ok, _, lastErr := r.b.Health(); !ok || lastErr != "" {
			return fmt.Errorf("ok=%v err=%q", ok, lastErr)
		}
		return nil
	})
	countEvents(t, e, o.ID, map[string]int{"OrderAccepted": 1, "LeaseStarted": 1})
	countEvents(t, e, o2.ID, map[string]int{"OrderAccepted": 1, "LeaseStarted": 1})
}

// With a server and two client nodes holding different datasets, each order lands on the node
// with its data and the lease starts at that node's gateway.
func TestOrdersLandNextToTheirData(t *testing.T) {
	dirA, dirB := t.TempDir(), t.TempDir()
	for dir, text := range map[string]string{dirA: "dataset A\n", dirB: "dataset B\n"} {
		if err := os.WriteFile(filepath.Join(dir, "readme.txt"), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	carA, cidA := sptest.ImportDataset(t, dirA)
	carB, cidB := sptest.ImportDataset(t, dirB)
	hostKey := filepath.Join(t.TempDir(), "host_key")
	cl := testsupport.StartCluster(t,
		testsupport.NomadOptions{ExtraPluginConfig: sptest.DealsConfig(carA), HostKeyFile: hostKey},
		testsupport.NomadOptions{ExtraPluginConfig: sptest.DealsConfig(carB), HostKeyFile: hostKey},
	)
	e := newEnv(t, cl.Server, cl.Clients[0])
	r := e.start(nil, nil, nil)
	for i, d := range []struct {
		cid  string
		node *testsupport.Nomad
	}{{cidB, cl.Clients[1]}, {cidA, cl.Clients[0]}} {
		s := spec(t, fmt.Sprintf("data-%d", i))
		s.Mounts = []lease.Mount{{CID: d.cid, Path: "/data"}}
		o := e.order(e.newClient(), s)
		e.waitChain(o.ID, contracts.StateRunning, 3*time.Minute)
		rec := waitStore(t, r, o.ID, bridge.Running, time.Minute)
		if rec.NodeID != d.node.NodeID || rec.Endpoint != d.node.GatewayAddr {
			t.Fatalf("order for %s ran on node %s at %s, want %s at %s", d.cid, rec.NodeID, rec.Endpoint, d.node.NodeID, d.node.GatewayAddr)
		}
	}
}
