package testsupport

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/rpc"
)

// GethOptions configures StartGeth; zero values take the defaults shown.
type GethOptions struct {
	// Period is --dev.period in whole seconds: 0 mines a block as soon as a transaction is
	// pending (and none otherwise), N mines a block every N seconds.
	Period uint64
}

// Geth is a real `geth --dev` node: a single-node proof-of-stake chain (simulated beacon)
// with a pre-funded, unlocked developer account, HTTP JSON-RPC on loopback and no P2P.
type Geth struct {
	RPC     string // HTTP JSON-RPC URL, e.g. http://127.0.0.1:41235
	ChainID *big.Int
	Client  *ethclient.Client
	// Dev is the unlocked developer account (eth_accounts[0]) holding almost 2²⁵⁶ attoFIL.
	// StartGeth has sent one zero-value transaction from it, so the chain starts at block 1.
	Dev     common.Address
	DataDir string
	LogPath string

	t    testing.TB
	proc *daemon
}

// GethBinary is the geth built by scripts/geth.sh ($SHALE_GETH overrides).
func GethBinary(t testing.TB) string {
	t.Helper()
	return cachedBinary(t, "SHALE_GETH", "geth", "scripts/geth.sh")
}

// RequireGethBinary fails the test when scripts/geth.sh has not built geth; it returns its path.
func RequireGethBinary(t testing.TB) string {
	t.Helper()
	return GethBinary(t)
}

// httpEndpoint finds the address geth bound for HTTP RPC in its log ("HTTP server started
// endpoint=127.0.0.1:41235 ..."): geth logs the listener's real address, so with port 0 the
// kernel picks a free port and no other process can take it between choosing and binding.
var httpEndpoint = regexp.MustCompile(`HTTP server started\s+endpoint=(127\.0\.0\.1:[0-9]+)`)

// StartGeth starts `geth --dev` with its data dir in a temp dir, waits until its RPC answers
// and stops it when the test ends.
func StartGeth(t testing.TB, opts GethOptions) *Geth {
	t.Helper()
	bin := RequireGethBinary(t)
	dir := t.TempDir()
	g := &Geth{DataDir: filepath.Join(dir, "data"), LogPath: filepath.Join(dir, "geth.log"), t: t}
	cmd := exec.Command(bin,
		"--dev",
		"--dev.period", strconv.FormatUint(opts.Period, 10),
		"--datadir", g.DataDir,
		// --dev already turns P2P off; say so explicitly. --nat none stops the UPnP/NAT-PMP
		// probes geth otherwise sends from UDP sockets on every interface.
		"--nodiscover", "--maxpeers", "0", "--nat", "none",
		// Tests talk HTTP only; no IPC socket at all (not even inside the data dir).
		"--ipcdisable",
		"--http", "--http.addr", "127.0.0.1", "--http.port", "0", "--http.api", "eth,net,web3",
		// A small cache: many tests may run a node at once on a small machine.
		"--cache", "64",
	)
	g.proc = startDaemon(t, cmd, g.LogPath)
	t.Cleanup(g.Stop)
	var url string
	Eventually(t, 60*time.Second, "geth HTTP RPC", func() error {
		g.proc.failIfExited(t, "geth")
		if url == "" {
			m := httpEndpoint.FindSubmatch(mustRead(g.LogPath))
			if m == nil {
				return errors.New("HTTP server not started yet")
			}
			url = "http://" + string(m[1])
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		c, err := ethclient.DialContext(ctx, url)
		if err != nil {
			return err
		}
		id, err := c.ChainID(ctx)
		if err != nil {
			c.Close()
			return err
		}
		var accounts []common.Address
		if err := c.Client().CallContext(ctx, &accounts, "eth_accounts"); err != nil {
			c.Close()
			return err
		}
		if len(accounts) == 0 {
			c.Close()
			return errors.New("eth_accounts is empty (no developer account yet)")
		}
		g.RPC, g.ChainID, g.Client, g.Dev = url, id, c, accounts[0]
		return nil
	})
	t.Cleanup(g.Client.Close)
	// Until geth's transaction indexer has run, receipt lookups fail with "transaction
	// indexing is in progress", and it only runs on a new head, which --dev.period 0 never
	// makes on its own. Mine one block (a zero-value self-transfer of the dev account), wait
	// for its receipt and for eth_syncing to report done, so code under test never sees
	// that start-up window.
	g.Fund(g.Dev, new(big.Int))
	Eventually(t, 30*time.Second, "geth transaction index", func() error {
		p, err := g.Client.SyncProgress(context.Background())
		if err != nil {
			return err
		}
		if p != nil {
			return fmt.Errorf("eth_syncing: %d blocks left to index", p.TxIndexRemainingBlocks)
		}
		return nil
	})
	return g
}

// Stop interrupts geth and waits for it to exit (killing it after 20 s).
func (g *Geth) Stop() { g.proc.stop(20 * time.Second) }

// Fund sends amount attoFIL from the developer account to addr with eth_sendTransaction
// (geth signs with the unlocked key) and waits until it is mined successfully.
func (g *Geth) Fund(addr common.Address, amount *big.Int) *types.Receipt {
	g.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	rcpt, err := SendFromDev(ctx, g.Client.Client(), addr, amount)
	if err != nil {
		g.t.Fatal(err)
	}
	return rcpt
}

// FundedAccount returns a new account holding fil whole FIL, with transact opts for this chain.
func (g *Geth) FundedAccount(fil int64) Account {
	g.t.Helper()
	a := NewAccount(g.t)
	g.Fund(a.Addr, new(big.Int).Mul(FIL, big.NewInt(fil)))
	a.Opts = transactor(g.t, a.Key, g.ChainID)
	return a
}

// Balance is addr's balance in attoFIL at the latest block.
func (g *Geth) Balance(addr common.Address) *big.Int {
	g.t.Helper()
	return balance(g.t, g.Client, addr)
}

// SendFromDev transfers amount attoFIL from a dev node's first account (eth_accounts[0],
// unlocked by `geth --dev`) to addr via eth_sendTransaction, and waits for a successful receipt.
func SendFromDev(ctx context.Context, c *rpc.Client, to common.Address, amount *big.Int) (*types.Receipt, error) {
	var accounts []common.Address
	if err := c.CallContext(ctx, &accounts, "eth_accounts"); err != nil {
		return nil, fmt.Errorf("eth_accounts: %w", err)
	}
	if len(accounts) == 0 {
		return nil, errors.New("the node has no unlocked account (eth_accounts is empty); is it `geth --dev`?")
	}
	var hash common.Hash
	tx := map[string]any{"from": accounts[0], "to": to, "value": (*hexutil.Big)(amount)}
	if err := c.CallContext(ctx, &hash, "eth_sendTransaction", tx); err != nil {
		return nil, fmt.Errorf("eth_sendTransaction from %s: %w", accounts[0], err)
	}
	rcpt, err := WaitReceipt(ctx, ethclient.NewClient(c), hash)
	if err != nil {
		return nil, err
	}
	if rcpt.Status != types.ReceiptStatusSuccessful {
		return rcpt, fmt.Errorf("transfer %s to %s failed (status %d)", hash, to, rcpt.Status)
	}
	return rcpt, nil
}

// WaitReceipt polls for the receipt of hash until it exists or ctx ends. It polls every
// 50 ms rather than bind.WaitMined's 1 s: a dev node mines within milliseconds.
func WaitReceipt(ctx context.Context, c *ethclient.Client, hash common.Hash) (*types.Receipt, error) {
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for {
		rcpt, err := c.TransactionReceipt(ctx, hash)
		if err == nil {
			return rcpt, nil
		}
		// Keep polling on any error, as bind.WaitMined does: besides NotFound, a node that
		// just started answers "transaction indexing is in progress" for a while.
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("waiting for tx %s to be mined: %w (last: %v)", hash, ctx.Err(), err)
		case <-tick.C:
		}
	}
}
