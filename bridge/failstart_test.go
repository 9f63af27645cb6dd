package bridge_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"fmt"
	"math/big"
	mrand "math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shaleprotocol/shale/bridge"
	shale "github.com/shaleprotocol/shale/client"
	"github.com/shaleprotocol/shale/contracts"
	"github.com/shaleprotocol/shale/contracts/bindings"
	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/internal/testsupport/sptest"
	"github.com/shaleprotocol/shale/lease"
	"github.com/shaleprotocol/shale/voucher"
)

// A lease the driver refuses to start fails within seconds, not after the start timeout: the
// bridge fails the order with the driver's message, stops the job, releases it on chain with
// that message (escrow back to the client, collateral to the provider, to the attoFIL), and
// `shale lease apply` / `shale give-me-container` print the reason and exit non-zero. The
// start timeout is an hour, so only the failure itself can end these orders in time.
func TestStartFailureReachesClient(t *testing.T) {
	carDir, cid := corruptDataset(t)
	n := testsupport.StartNomad(t, testsupport.NomadOptions{ExtraPluginConfig: sptest.DealsConfig(carDir)})
	e := newEnv(t, n, n)
	r := e.start(nil, nil, func(o *bridge.Options) { o.StartTimeout = time.Hour })
	collateral := e.options().Policy.Collateral

	cases := []struct {
		name string
		args func(c *cli) []string
		// The driver's message: the bridge's reason starts with it (no Nomad framing around
		// it), and the on-chain reason and the client's error carry it.
		prefix string
		want   []string
	}{
		{
			name: "deal data with a corrupted block",
			args: func(c *cli) []string {
				return []string{"lease", "apply", c.leaseFile(cid)}
			},
			prefix: "deal data for /data: resolve " + cid + ": deal data failed verification: block ",
			want:   []string{"content hashes to "},
		},
		{
			name: "image the node does not have",
			args: func(c *cli) []string {
				return []string{"give-me-container", "--miner=" + miner, "--price=1000attofil/1s", "--duration=1h",
					"--num_cpus=0.2", "--num_rams=64Mi", "--prepay=5s", "--image=shale/absent:1"}
			},
			prefix: `image unavailable: image "shale/absent:1" is not present on this node and pulling is disabled`,
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := e.newCLI(t)
			spCredit0, err := e.chain.Market.Balance(e.ctx, e.sp.Addr)
			if err != nil {
				t.Fatal(err)
			}
			// A bounded wait: were the failure not reported, the CLI gives up long before the
			// bridge's start timeout and the checks below fail.
			res := c.run(append(tc.args(c), "--wait=2m")...)
			created := c.created()
			id := lease.LeaseID{ChainID: e.chain.ChainID.Uint64(), Order: created.OrderId}

			rec := waitStore(t, r, created.OrderId, bridge.Failed, time.Minute)
			if !strings.HasPrefix(rec.Reason, tc.prefix) {
				t.Fatalf("bridge reason %q, want the driver's message %q...", rec.Reason, tc.prefix)
			}
			for _, w := range tc.want {
				if !strings.Contains(rec.Reason, w) {
					t.Fatalf("bridge reason %q lacks %q", rec.Reason, w)
				}
			}
			if job, _, err := n.API.Jobs().Info(rec.JobID, nil); err != nil || job.Stop == nil || !*job.Stop {
				t.Fatalf("job %s not stopped after the failed start: %v", rec.JobID, err)
			}

			o := e.waitChain(created.OrderId, contracts.StateSettled, time.Minute)
			if o.Paid.Sign() != 0 {
				t.Fatalf("paid %s for a lease that never ran", o.Paid)
			}
			released := releasedEvent(t, e, created.OrderId)
			if released.Reason != contracts.TruncateReason(rec.Reason) || released.Refund.Cmp(created.Escrow) != 0 {
				t.Fatalf("OrderReleased reason %q refund %s, want %q and the escrow %s", released.Reason, released.Refund, rec.Reason, created.Escrow)
			}
			countEvents(t, e, created.OrderId, map[string]int{"OrderReleased": 1, "LeaseStarted": 0})
			clientCredit, err := e.chain.Market.Balance(e.ctx, c.acct.Addr)
			if err != nil {
				t.Fatal(err)
			}
			if clientCredit.Cmp(created.Escrow) != 0 {
				t.Fatalf("client credited %s attoFIL, want the whole escrow %s", clientCredit, created.Escrow)
			}
			spCredit, err := e.chain.Market.Balance(e.ctx, e.sp.Addr)
			if err != nil {
				t.Fatal(err)
			}
			if got := new(big.Int).Sub(spCredit, spCredit0); got.Cmp(collateral) != 0 {
				t.Fatalf("provider credited %s attoFIL, want its collateral %s back", got, collateral)
			}

			if res.code == 0 {
				t.Fatalf("CLI exited 0 for a lease that failed to start\nstdout: %s\nstderr: %s", res.stdout, res.stderr)
			}
			head := fmt.Sprintf("lease %s failed to start on %s: ", id, miner)
			tail := fmt.Sprintf("; escrow refunded (%s): withdraw it with `shale withdraw`", lease.FormatFIL(created.Escrow))
			for _, w := range append([]string{head + tc.prefix, tail}, tc.want...) {
				if !strings.Contains(res.stderr, w) {
					t.Fatalf("CLI stderr lacks %q:\n%s", w, res.stderr)
				}
			}
		})
	}
}

// corruptDataset imports a 1 MiB file as deal data and flips one byte inside one of its data
// blocks in the CAR file, as disk corruption would; the CAR's header and index stay intact, so
// the node still announces the dataset.
func corruptDataset(t *testing.T) (carDir, cid string) {
	t.Helper()
	src := t.TempDir()
	data := make([]byte, 1<<20)
	mrand.New(mrand.NewSource(11)).Read(data) // distinct chunks, so the needle below is unique
	if err := os.WriteFile(filepath.Join(src, "weights.bin"), data, 0o644); err != nil {
		t.Fatal(err)
	}
	carDir, cid = sptest.ImportDataset(t, src)
	cars, err := filepath.Glob(filepath.Join(carDir, "*.car"))
	if err != nil || len(cars) != 1 {
		t.Fatalf("CAR files %v: %v", cars, err)
	}
	raw, err := os.ReadFile(cars[0])
	if err != nil {
		t.Fatal(err)
	}
	needle := data[600<<10 : 600<<10+64]
	i := bytes.Index(raw, needle)
	if i < 0 || bytes.Contains(raw[i+1:], needle) {
		t.Fatalf("block bytes found at %d (and again later): want exactly one copy in the CAR", i)
	}
	raw[i+32] ^= 0xff
	if err := os.WriteFile(cars[0], raw, 0o644); err != nil {
		t.Fatal(err)
	}
	return carDir, cid
}

// releasedEvent is the order's OrderReleased event.
func releasedEvent(t *testing.T, e *env, id [32]byte) *bindings.MarketplaceOrderReleased {
	t.Helper()
	evs, err := e.chain.Market.Events(e.ctx, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, ev := range evs {
		if v, ok := ev.Value.(*bindings.MarketplaceOrderReleased); ok && v.OrderId == id {
			return v
		}
	}
	t.Fatalf("no OrderReleased event for %x", id[:4])
	return nil
}

// cli is a client with a funded wallet, a payment key and an SSH key on disk, running the
// `shale` CLI in process against the env's chain.
type cli struct {
	t      *testing.T
	e      *env
	acct   testsupport.Account
	dir    string
	config string
	sshPub string
}

func (e *env) newCLI(t *testing.T) *cli {
	t.Helper()
	c := &cli{t: t, e: e, acct: e.chain.Fund(100), dir: t.TempDir()}
	ks, pw := c.acct.Keystore(t, c.dir, "client secret")
	pay, err := voucher.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	if err := pay.SaveKey(filepath.Join(c.dir, "payment.key")); err != nil {
		t.Fatal(err)
	}
	sshKey := testsupport.SSHKeyFile(t, 1)
	c.sshPub = testsupport.SSHKey(t, 1, "client")
	if err := os.WriteFile(sshKey+".pub", []byte(c.sshPub+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c.config = filepath.Join(c.dir, "config.hcl")
	cfg := fmt.Sprintf(`
rpc           = "simulated://test"
contract      = %q
keystore      = %q
password_file = %q
payment_key   = "payment.key"
ssh_key       = %q
state_dir     = "state"
`, e.chain.Market.Address.Hex(), ks, pw, sshKey)
	if err := os.WriteFile(c.config, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	return c
}

// leaseFile writes a lease file mounting cid at /data.
func (c *cli) leaseFile(cid string) string {
	c.t.Helper()
	p := filepath.Join(c.dir, "lease.hcl")
	body := fmt.Sprintf(`
lease "data" {
  provider = %q
  image    = %q
  duration = "1h"
  ssh_keys = [%q]
  resources {
    cpus   = 0.2
    memory = "64Mi"
  }
  mount {
    cid  = %q
    path = "/data"
  }
  payment {
    price  = "1000attofil/1s"
    prepay = "5s"
  }
}
`, miner, testsupport.DebianImage, c.sshPub, cid)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		c.t.Fatal(err)
	}
	return p
}

type cliResult struct {
	stdout, stderr string
	code           int
}

func (c *cli) run(args ...string) cliResult {
	c.t.Helper()
	var out, errb testsupport.SyncBuffer
	env := shale.Env{
		Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		Getenv: func(string) string { return "" }, Home: c.dir,
		Dial: func(ctx context.Context, _ string) (shale.Backend, error) {
			return c.e.chain.Backend, nil
		},
		PollInterval: 100 * time.Millisecond,
	}
	code := shale.Execute(c.e.ctx, env, append([]string{"--config", c.config}, args...))
	c.t.Logf("$ shale %s: exit %d\n%s%s", strings.Join(args, " "), code, out.String(), errb.String())
	return cliResult{stdout: out.String(), stderr: errb.String(), code: code}
}

// created is the order this client created.
func (c *cli) created() *bindings.MarketplaceOrderCreated {
	c.t.Helper()
	evs, err := c.e.chain.Market.Events(c.e.ctx, 0, nil)
	if err != nil {
		c.t.Fatal(err)
	}
	for _, ev := range evs {
		if v, ok := ev.Value.(*bindings.MarketplaceOrderCreated); ok && v.Client == c.acct.Addr {
			return v
		}
	}
	c.t.Fatal("the CLI created no order")
	return nil
}
