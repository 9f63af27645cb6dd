package contracts_test

import (
	"context"
	"crypto/ecdsa"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/eth/ethconfig"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/node"
	"github.com/ethereum/go-ethereum/params"

	"github.com/shaleprotocol/shale/contracts"
	"github.com/shaleprotocol/shale/contracts/bindings"
	"github.com/shaleprotocol/shale/internal/testsupport"
)

// The harness runs the contracts on go-ethereum's in-process simulated chain (a real EVM).
// Until the prover's gnark verifier exists, settlement proofs are checked by MockVerifier,
// a test-only fake that accepts or rejects on command (and checks the public input); the
// real verifier has its own test in verifier_test.go.

const (
	testK            = 4
	testSettleWindow = time.Hour
)

var (
	fil           = new(big.Int).Exp(big.NewInt(10), big.NewInt(18), nil)
	minCollateral = new(big.Int).Div(fil, big.NewInt(2)) // 0.5 FIL
)

// autoMine mines a block right after every transaction, so bind.WaitMined finds the receipt
// on its first poll and each transaction gets its own block.
type autoMine struct {
	simulated.Client
	sim *simulated.Backend
}

func (a autoMine) SendTransaction(ctx context.Context, tx *types.Transaction) error {
	if err := a.Client.SendTransaction(ctx, tx); err != nil {
		return err
	}
	a.sim.Commit()
	return nil
}

type account struct {
	key  *ecdsa.PrivateKey
	addr common.Address
	opts *bind.TransactOpts
}

type chain struct {
	t          *testing.T
	ctx        context.Context
	sim        *simulated.Backend
	backend    autoMine
	deployer   account
	sp, sp2    account
	client     account
	client2    account
	verifier   *MockVerifier
	verifierAt common.Address
	m          *contracts.Marketplace
}

func newAccount(t *testing.T) account {
	t.Helper()
	key, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	opts, err := bind.NewKeyedTransactorWithChainID(key, big.NewInt(1337))
	if err != nil {
		t.Fatal(err)
	}
	return account{key: key, addr: crypto.PubkeyToAddress(key.PublicKey), opts: opts}
}

// newChain starts a simulated chain with funded accounts, a MockVerifier and a marketplace
// with K=4, a one-hour settle window and 0.5 FIL minimum collateral; sp registers as f01000
// and sp2 as f02000.
func newChain(t *testing.T) *chain {
	t.Helper()
	return newChainWith(t, nil)
}

// newChainWith is newChain on a given chain configuration; nil keeps the simulated default,
// which is geth --dev's (every fork go-ethereum knows, currently up to Bogota).
func newChainWith(t *testing.T, cfg *params.ChainConfig) *chain {
	t.Helper()
	c := &chain{t: t, ctx: context.Background()}
	c.deployer, c.sp, c.sp2, c.client, c.client2 = newAccount(t), newAccount(t), newAccount(t), newAccount(t), newAccount(t)
	alloc := types.GenesisAlloc{}
	funds := new(big.Int).Mul(fil, big.NewInt(1000))
	for _, a := range []account{c.deployer, c.sp, c.sp2, c.client, c.client2} {
		alloc[a.addr] = types.Account{Balance: funds}
	}
	c.sim = simulated.NewBackend(alloc, func(_ *node.Config, ec *ethconfig.Config) {
		if cfg != nil {
			ec.Genesis.Config = cfg
		}
	})
	t.Cleanup(func() { _ = c.sim.Close() })
	c.backend = autoMine{Client: c.sim.Client(), sim: c.sim}

	addr, _, v, err := DeployMockVerifier(c.deployer.opts, c.backend)
	if err != nil {
		t.Fatalf("deploying mock verifier: %v", err)
	}
	c.verifier, c.verifierAt = v, addr
	c.m, _, err = contracts.Deploy(c.ctx, c.backend, c.deployer.opts, contracts.Config{
		BatchSize: testK, Verifier: addr, SettleWindow: testSettleWindow, MinCollateral: minCollateral,
	})
	if err != nil {
		t.Fatalf("deploying marketplace: %v", err)
	}
	c.must(c.m.RegisterProvider(c.ctx, c.sp.opts, "f01000", "sp1.example:2222", [32]byte{1}, `{"cpus":32}`))
	c.must(c.m.RegisterProvider(c.ctx, c.sp2.opts, "f02000", "sp2.example:2222", [32]byte{2}, `{"cpus":8}`))
	return c
}

func (c *chain) must(rcpt *types.Receipt, err error) *types.Receipt {
	c.t.Helper()
	if err != nil {
		c.t.Fatal(err)
	}
	return rcpt
}

// advance moves the chain clock forward by d (mining one block).
func (c *chain) advance(d time.Duration) {
	c.t.Helper()
	testsupport.AdjustTime(c.t, c.sim, d)
}

// mockTx runs a MockVerifier transaction and mines it.
func (c *chain) mockTx(send func(*bind.TransactOpts) (*types.Transaction, error)) {
	c.t.Helper()
	tx, err := send(c.deployer.opts)
	if err != nil {
		c.t.Fatal(err)
	}
	if _, err := bind.WaitMined(c.ctx, c.backend, tx); err != nil {
		c.t.Fatal(err)
	}
}

var orderSeq byte

// request returns a fresh order for f01000: 1e16 attoFIL per 60 s for one hour
// (escrow 0.6 FIL). Ids only need to be unique here; the MiMC derivation is the bridge's check.
func request() contracts.OrderRequest {
	orderSeq++
	return contracts.OrderRequest{
		ID:          [32]byte{0xaa, orderSeq},
		Provider:    "f01000",
		Nonce:       big.NewInt(int64(orderSeq)),
		PaymentKey:  [32]byte{0xbb, orderSeq},
		PriceAmount: big.NewInt(1e16),
		PricePeriod: 60,
		Duration:    3600,
		Spec:        []byte(`image=debian;cpus=2`),
	}
}

// accepted creates req as client and accepts it as sp with the minimum collateral.
func (c *chain) accepted(req contracts.OrderRequest) [32]byte {
	c.t.Helper()
	c.must(c.m.CreateOrder(c.ctx, c.client.opts, req))
	c.must(c.m.AcceptOrder(c.ctx, c.sp.opts, req.ID, minCollateral))
	return req.ID
}

// running is accepted plus startLease, a minute into the lease: settlement pays at most the
// time run, and a settlement estimated in the start's own second would owe nothing.
func (c *chain) running(req contracts.OrderRequest) [32]byte {
	c.t.Helper()
	id := c.accepted(req)
	c.must(c.m.StartLease(c.ctx, c.sp.opts, id, "sp1.example:2222"))
	c.advance(time.Minute)
	return id
}

func (c *chain) balance(a common.Address) *big.Int {
	c.t.Helper()
	b, err := c.backend.BalanceAt(c.ctx, a, nil)
	if err != nil {
		c.t.Fatal(err)
	}
	return b
}

// gasCost is what the sender of rcpt paid for gas.
func gasCost(rcpt *types.Receipt) *big.Int {
	return new(big.Int).Mul(new(big.Int).SetUint64(rcpt.GasUsed), rcpt.EffectiveGasPrice)
}

func bindingsFor(c *chain) (*bindings.Marketplace, error) {
	return bindings.NewMarketplace(c.m.Address, c.backend)
}
