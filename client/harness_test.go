package client_test

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"fmt"
	"io"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shaleprotocol/shale/internal/testsupport/sptest"

	"github.com/shaleprotocol/shale/client"
	"github.com/shaleprotocol/shale/contracts"
	"github.com/shaleprotocol/shale/contracts/bindings"
	"github.com/shaleprotocol/shale/gateway"
	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/lease"
	"github.com/shaleprotocol/shale/voucher"
)

// world is a simulated chain with the marketplace, a funded client whose config, wallet,
// payment key and SSH key are on disk, and the means to run `shale` in process.
type world struct {
	t      *testing.T
	ctx    context.Context
	chain  *testsupport.Chain
	dir    string
	config string
	client testsupport.Account
	pay    *voucher.PrivateKey
	sshKey string // private key file; its .pub is next to it
	sshPub string
}

func newWorld(t *testing.T, fil int64) *world {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	t.Cleanup(cancel)
	chain := testsupport.StartChain(t, testsupport.ChainOptions{})
	w := &world{t: t, ctx: ctx, chain: chain, dir: t.TempDir()}
	if fil > 0 {
		w.client = chain.Fund(fil)
	} else {
		w.client = testsupport.NewAccount(t)
	}
	ks, pw := w.client.Keystore(t, w.dir, "correct horse")
	var err error
	if w.pay, err = voucher.GenerateKey(rand.Reader); err != nil {
		t.Fatal(err)
	}
	payPath := filepath.Join(w.dir, "payment.key")
	if err := w.pay.SaveKey(payPath); err != nil {
		t.Fatal(err)
	}
	w.sshKey = testsupport.SSHKeyFile(t, 1)
	w.sshPub = testsupport.SSHKey(t, 1, "client")
	if err := os.WriteFile(w.sshKey+".pub", []byte(w.sshPub+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	w.config = filepath.Join(w.dir, "config.hcl")
	w.writeConfig(fmt.Sprintf(`
rpc           = "simulated://test"
contract      = %q
keystore      = %q
password_file = %q
payment_key   = "payment.key"
ssh_key       = %q
state_dir     = "state"
`, chain.Market.Address.Hex(), ks, pw, w.sshKey))
	return w
}

func (w *world) writeConfig(body string) {
	w.t.Helper()
	if err := os.WriteFile(w.config, []byte(body), 0o600); err != nil {
		w.t.Fatal(err)
	}
}

// result is one CLI run.
type result struct {
	stdout, stderr string
	code           int
}

// run executes `shale --config <world config> args...` in process against the chain.
func (w *world) run(args ...string) result {
	return w.runIn("", args...)
}

// runCtx is run until ctx ends (for commands that run until stopped, like pay).
func (w *world) runCtx(ctx context.Context, args ...string) result {
	var out, errb testsupport.SyncBuffer
	env := w.env(strings.NewReader(""), &out, &errb)
	code := client.Execute(ctx, env, append([]string{"--config", w.config}, args...))
	return result{stdout: out.String(), stderr: errb.String(), code: code}
}

func (w *world) runIn(stdin string, args ...string) result {
	var out, errb testsupport.SyncBuffer
	env := w.env(strings.NewReader(stdin), &out, &errb)
	code := client.Execute(w.ctx, env, append([]string{"--config", w.config}, args...))
	return result{stdout: out.String(), stderr: errb.String(), code: code}
}

// wantOK fails unless r succeeded.
func (r result) wantOK(t *testing.T) result {
	t.Helper()
	if r.code != 0 {
		t.Fatalf("exit %d\nstdout: %s\nstderr: %s", r.code, r.stdout, r.stderr)
	}
	return r
}

// wantErr fails unless r failed with stderr containing every piece of want.
func (r result) wantErr(t *testing.T, want ...string) result {
	t.Helper()
	if r.code == 0 {
		t.Fatalf("succeeded, want error %q\nstdout: %s\nstderr: %s", want, r.stdout, r.stderr)
	}
	for _, s := range want {
		if !strings.Contains(r.stderr, s) {
			t.Fatalf("stderr does not contain %q:\n%s", s, r.stderr)
		}
	}
	return r
}

// provider is a test SP: a funded account registered on the marketplace, optionally with a
// real SSH gateway in front of Docker containers.
type provider struct {
	w     *world
	acct  testsupport.Account
	miner string
	gw    *gateway.Server
}

type providerOpts struct {
	gateway  bool
	wrongKey bool   // register a fingerprint that is not the gateway's
	meta     string // registry metadata JSON
}

func (w *world) provider(miner string, o providerOpts) *provider {
	w.t.Helper()
	p := &provider{w: w, acct: w.chain.Fund(100), miner: miner}
	endpoint := "127.0.0.1:1"
	var fp [32]byte
	if o.gateway {
		p.gw = sptest.StartGateway(w.t)
		endpoint = p.gw.Addr().String()
		fp = sha256.Sum256(p.gw.HostKey().Marshal())
	}
	if o.wrongKey {
		fp = sha256.Sum256([]byte("not the gateway's key"))
	}
	if _, err := w.chain.Market.RegisterProvider(w.ctx, p.acct.Opts, miner, endpoint, fp, o.meta); err != nil {
		w.t.Fatal(err)
	}
	return p
}

// created waits for the next order the world's client created and returns its event.
func (w *world) created(after int) *bindings.MarketplaceOrderCreated {
	w.t.Helper()
	var got *bindings.MarketplaceOrderCreated
	testsupport.Eventually(w.t, time.Minute, "order created", func() error {
		evs, err := w.chain.Market.Events(w.ctx, 0, nil)
		if err != nil {
			return err
		}
		n := 0
		for _, ev := range evs {
			if v, ok := ev.Value.(*bindings.MarketplaceOrderCreated); ok && v.Client == w.client.Addr {
				if n == after {
					got = v
					return nil
				}
				n++
			}
		}
		return fmt.Errorf("%d orders so far", n)
	})
	return got
}

// start accepts the order, starts a container for it, registers it on the gateway with the
// order's own terms and confirms the lease on chain, as the bridge and driver would.
func (p *provider) start(ev *bindings.MarketplaceOrderCreated, mod ...func(*gateway.Lease)) lease.LeaseID {
	p.w.t.Helper()
	return sptest.Serve(p.w.ctx, p.w.t, p.w.chain.Market, p.acct.Opts, p.gw, p.w.chain.ChainID.Uint64(), ev, mod...)
}

// order runs give-me-container in the background and returns its result channel. In-process
// runs have no shale binary to start as the background payer: tests that let an order start
// one run the real binary (cmd/shale), the others pass --no-pay.
func (w *world) order(args ...string) <-chan result {
	done := make(chan result, 1)
	go func() { done <- w.run(append([]string{"give-me-container"}, args...)...) }()
	return done
}

func (w *world) onChainState(id lease.LeaseID) contracts.OrderState {
	w.t.Helper()
	o, err := w.chain.Market.Order(w.ctx, id.Order)
	if err != nil {
		w.t.Fatal(err)
	}
	return o.State
}

func minCollateral() *big.Int { return new(big.Int).Div(testsupport.FIL, big.NewInt(2)) }

// env is the in-process environment of a CLI run against the world's chain.
func (w *world) env(stdin io.Reader, stdout, stderr io.Writer) client.Env {
	return client.Env{
		Stdin: stdin, Stdout: stdout, Stderr: stderr,
		Getenv: func(string) string { return "" }, Home: w.dir,
		Dial: func(context.Context, string) (client.Backend, error) {
			return w.chain.Backend, nil
		},
		PollInterval: 50 * time.Millisecond,
		Executable:   "/usr/local/bin/shale",
	}
}
