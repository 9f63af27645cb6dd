package bridge_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/shaleprotocol/shale/internal/testsupport/sptest"

	"github.com/hashicorp/nomad/api"

	"github.com/shaleprotocol/shale/bridge"
	"github.com/shaleprotocol/shale/contracts"
	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/lease"
)

// While Nomad or the chain is unreachable the bridge waits, reports itself unhealthy and
// counts the failures; when they are back it catches up and nothing is lost. Both outages are
// real: the bridge reaches Nomad's HTTP API and the chain's JSON-RPC through TCP gates that
// close their listener and cut live connections, so every call fails as on a network outage.
func TestNomadAndChainOutages(t *testing.T) {
	n := testsupport.StartNomad(t)
	e := newEnv(t, n, n, testsupport.ChainOptions{HTTP: true})
	g := testsupport.NewGate(t, n.Addr[len("http://"):])
	cluster, err := bridge.NewNomadCluster(&api.Config{Address: "http://" + g.Addr})
	if err != nil {
		t.Fatal(err)
	}
	rpcGate := testsupport.NewGate(t, e.chain.HTTPAddr)
	rpc, err := ethclient.Dial("http://" + rpcGate.Addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(rpc.Close)
	market, err := contracts.New(e.chain.Market.Address, rpc)
	if err != nil {
		t.Fatal(err)
	}
	r := e.start(func(s *bridge.Store) bridge.Chain { return e.onChain(s, market, rpc) }, cluster, nil)

	// Nomad down: the order is seen but cannot be checked, so it is not accepted yet.
	g.Down()
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
	g.Up()
	e.waitChain(o.ID, contracts.StateRunning, 3*time.Minute)

	// Chain down: orders created meanwhile are picked up when it is back.
	rpcGate.Down()
	failures := e.metric("shale_bridge_errors_total")
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
	if e.metric("shale_bridge_errors_total") <= failures {
		t.Fatal("no failures counted while the chain is down")
	}
	rpcGate.Up()
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
