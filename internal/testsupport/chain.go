package testsupport

import (
	"context"
	"crypto/ecdsa"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/shaleprotocol/shale/internal/wallet"

	"github.com/ethereum/go-ethereum/accounts/abi/bind"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/node"

	"github.com/shaleprotocol/shale/contracts"
)

// FIL is 10^18 attoFIL.
var FIL = new(big.Int).Exp(big.NewInt(10), big.NewInt(18), nil)

// Account is a funded chain account with a signer.
type Account struct {
	Key  *ecdsa.PrivateKey
	Addr common.Address
	Opts *bind.TransactOpts
}

// Keystore writes the account as a go-ethereum keystore file (light scrypt, so tests stay
// fast) in dir with the password in a 0600 file next to it; it returns both paths.
func (a Account) Keystore(t testing.TB, dir, password string) (keyFile, passwordFile string) {
	t.Helper()
	keyFile = filepath.Join(dir, "key-"+a.Addr.Hex()+".json")
	passwordFile = filepath.Join(dir, "password-"+a.Addr.Hex())
	if _, err := wallet.Save(keyFile, a.Key, password, true); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(passwordFile, []byte(password+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	return keyFile, passwordFile
}

// ChainOptions configures StartChain; zero values take the defaults shown.
type ChainOptions struct {
	K             uint64        // settlement batch size: 4 (the committed verifier's K)
	SettleWindow  time.Duration // 1h
	MinCollateral *big.Int      // 0.5 FIL
	BlockInterval time.Duration // a block at least this often: 1s (block times follow the clock)
	// HTTP also serves the chain's JSON-RPC on a loopback port (Chain.HTTPAddr), so a test can
	// reach it the way a bridge reaches a node, and cut it.
	HTTP bool
}

// Chain is go-ethereum's in-process simulated chain (a real EVM) with the marketplace and the
// committed Groth16 settlement verifier deployed. Every transaction is mined at once and an
// empty block is mined every BlockInterval, so confirmation depths are reached without help.
type Chain struct {
	Sim      *simulated.Backend
	Backend  simulated.Client // mines each transaction at once
	ChainID  *big.Int
	Market   *contracts.Marketplace
	Deployer Account
	// HTTPAddr is host:port of the JSON-RPC endpoint with ChainOptions.HTTP; empty otherwise.
	HTTPAddr string

	t     testing.TB
	alloc sync.Mutex  // serializes the deployer's transfers
	mine  *sync.Mutex // serializes block production
}

// autoMine mines a block right after every transaction.
type autoMine struct {
	simulated.Client
	sim *simulated.Backend
	mu  *sync.Mutex
}

func (a autoMine) SendTransaction(ctx context.Context, tx *types.Transaction) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if err := a.Client.SendTransaction(ctx, tx); err != nil {
		return err
	}
	a.sim.Commit()
	return nil
}

// StartChain starts the chain, deploys the verifier and the marketplace, and stops it all when
// the test ends.
func StartChain(t testing.TB, opts ChainOptions) *Chain {
	t.Helper()
	if opts.K == 0 {
		opts.K = 4
	}
	if opts.SettleWindow == 0 {
		opts.SettleWindow = time.Hour
	}
	if opts.MinCollateral == nil {
		opts.MinCollateral = new(big.Int).Div(FIL, big.NewInt(2))
	}
	if opts.BlockInterval == 0 {
		opts.BlockInterval = time.Second
	}
	deployer := NewAccount(t)
	httpAddr := ""
	sim := simulated.NewBackend(types.GenesisAlloc{
		deployer.Addr: {Balance: new(big.Int).Mul(FIL, big.NewInt(1_000_000_000))},
	}, func(nc *node.Config, _ *ethconfig.Config) {
		if opts.HTTP {
			nc.HTTPHost, nc.HTTPPort, nc.HTTPModules = "127.0.0.1", FreePort(t), []string{"eth", "net", "web3"}
			httpAddr = fmt.Sprintf("%s:%d", nc.HTTPHost, nc.HTTPPort)
		}
	})
	mu := &sync.Mutex{}
	c := &Chain{Sim: sim, Backend: autoMine{Client: sim.Client(), sim: sim, mu: mu}, Deployer: deployer, HTTPAddr: httpAddr, t: t, mine: mu}
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		tick := time.NewTicker(opts.BlockInterval)
		defer tick.Stop()
		for {
			select {
			case <-tick.C:
				mu.Lock()
				sim.Commit()
				mu.Unlock()
			case <-ctx.Done():
				return
			}
		}
	}()
	t.Cleanup(func() {
		cancel()
		wg.Wait()
		_ = sim.Close()
	})
	id, err := c.Backend.ChainID(ctx)
	if err != nil {
		t.Fatal(err)
	}
	c.ChainID = id
	deployer.Opts = transactor(t, deployer.Key, id)
	c.Deployer = deployer
	verifier, _, err := contracts.DeployVerifier(ctx, c.Backend, deployer.Opts)
	if err != nil {
		t.Fatal(err)
	}
	c.Market, _, err = contracts.Deploy(ctx, c.Backend, deployer.Opts, contracts.Config{
		BatchSize: opts.K, Verifier: verifier, SettleWindow: opts.SettleWindow, MinCollateral: opts.MinCollateral,
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// Hold stops block production — the ticker and the mining after each transaction sent
// through Backend — until release is called: transactions sent meanwhile (through Sim's own
// client) stay pending. release is idempotent.
func (c *Chain) Hold() (release func()) {
	c.mine.Lock()
	var once sync.Once
	return func() { once.Do(c.mine.Unlock) }
}

// NewAccount returns an unfunded account (its Opts are bound by Chain.Fund).
func NewAccount(t testing.TB) Account {
	t.Helper()
	key, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	return Account{Key: key, Addr: crypto.PubkeyToAddress(key.PublicKey)}
}

// Fund returns a new account holding fil whole FIL, with transact opts for this chain.
func (c *Chain) Fund(fil int64) Account {
	c.t.Helper()
	a := NewAccount(c.t)
	c.Send(a.Addr, new(big.Int).Mul(FIL, big.NewInt(fil)))
	a.Opts = transactor(c.t, a.Key, c.ChainID)
	return a
}

// Send transfers amount attoFIL from the deployer to addr and waits until it is mined.
func (c *Chain) Send(addr common.Address, amount *big.Int) {
	c.t.Helper()
	c.alloc.Lock()
	defer c.alloc.Unlock()
	ctx := context.Background()
	nonce, err := c.Backend.PendingNonceAt(ctx, c.Deployer.Addr)
	if err != nil {
		c.t.Fatal(err)
	}
	tip := big.NewInt(1e9)
	head, err := c.Backend.HeaderByNumber(ctx, nil)
	if err != nil {
		c.t.Fatal(err)
	}
	feeCap := new(big.Int).Add(tip, new(big.Int).Mul(head.BaseFee, big.NewInt(2)))
	tx, err := types.SignTx(types.NewTx(&types.DynamicFeeTx{
		ChainID: c.ChainID, Nonce: nonce, GasTipCap: tip, GasFeeCap: feeCap, Gas: 21000, To: &addr, Value: amount,
	}), types.LatestSignerForChainID(c.ChainID), c.Deployer.Key)
	if err != nil {
		c.t.Fatal(err)
	}
	if err := c.Backend.SendTransaction(ctx, tx); err != nil {
		c.t.Fatal(err)
	}
	if _, err := bind.WaitMined(ctx, c.Backend, tx); err != nil {
		c.t.Fatal(err)
	}
	// The pool catches up with a new head on a background goroutine, so a transaction from
	// addr sent right now could still be checked against its old balance of zero ("insufficient
	// funds"). Sealing a block first syncs the pool with the head holding this transfer.
	c.mine.Lock()
	c.Sim.Commit()
	c.mine.Unlock()
}

// Balance is addr's on-chain balance in attoFIL.
func (c *Chain) Balance(addr common.Address) *big.Int {
	c.t.Helper()
	return balance(c.t, c.Backend, addr)
}

// balance reads addr's balance at the latest block from either chain.
func balance(t testing.TB, r interface {
	BalanceAt(context.Context, common.Address, *big.Int) (*big.Int, error)
}, addr common.Address) *big.Int {
	t.Helper()
	b, err := r.BalanceAt(context.Background(), addr, nil)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// Advance moves the chain clock forward by d (mining one block).
func (c *Chain) Advance(d time.Duration) {
	c.t.Helper()
	c.mine.Lock()
	defer c.mine.Unlock()
	AdjustTime(c.t, c.Sim, d)
}

// AdjustTime mines one block d after the head of sim. The simulated backend refuses to while
// its transaction pool lists pending transactions, and the pool forgets mined transactions in
// the background after each block: right after a transaction is mined it may still list it.
// So that refusal is retried until the pool settles (30 s at most); anything else fails the
// test at once. The pool is not reachable from outside the backend, so the refusal is
// recognised by go-ethereum's message; if that changes, the raw error fails the test.
func AdjustTime(t testing.TB, sim *simulated.Backend, d time.Duration) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		err := sim.AdjustTime(d)
		if err == nil {
			return
		}
		if err.Error() != errPoolNotEmpty || time.Now().After(deadline) {
			t.Fatalf("adjust time by %s: %v", d, err)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// errPoolNotEmpty is eth/catalyst.SimulatedBeacon.AdjustTime's refusal while transactions are
// pending.
const errPoolNotEmpty = "could not adjust time on non-empty block"

func transactor(t testing.TB, key *ecdsa.PrivateKey, chainID *big.Int) *bind.TransactOpts {
	t.Helper()
	opts, err := bind.NewKeyedTransactorWithChainID(key, chainID)
	if err != nil {
		t.Fatal(err)
	}
	return opts
}

// Mine mines n empty blocks (or blocks with whatever is pending).
func (c *Chain) Mine(n int) {
	c.mine.Lock()
	defer c.mine.Unlock()
	for i := 0; i < n; i++ {
		c.Sim.Commit()
	}
}

// Fork makes the block with hash parent the head, dropping its descendants; their
// transactions return to the pool and are mined again unless replaced. It is how tests cause
// a reorg: mining on from here builds the new branch.
func (c *Chain) Fork(parent common.Hash) {
	c.t.Helper()
	c.mine.Lock()
	defer c.mine.Unlock()
	if err := c.Sim.Fork(parent); err != nil {
		c.t.Fatalf("fork at %s: %v", parent, err)
	}
}

// Head is the current head block's header.
func (c *Chain) Head() *types.Header {
	c.t.Helper()
	h, err := c.Backend.HeaderByNumber(context.Background(), nil)
	if err != nil {
		c.t.Fatal(err)
	}
	return h
}
