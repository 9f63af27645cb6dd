package outbox_test

import (
	"context"
	"crypto/ecdsa"
	"errors"
	"fmt"
	"math/big"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient/simulated"

	"github.com/shaleprotocol/shale/outbox"
)

// chain is go-ethereum's simulated chain (a real EVM and transaction pool) that mines only
// when a test commits, so transactions stay pending as long as a test wants.
type chain struct {
	t    *testing.T
	sim  *simulated.Backend
	cl   simulated.Client
	key  *ecdsa.PrivateKey
	opts *bind.TransactOpts
	id   *big.Int
	to   common.Address
}

func newChain(t *testing.T) *chain {
	t.Helper()
	key, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	from := crypto.PubkeyToAddress(key.PublicKey)
	eth := new(big.Int).Exp(big.NewInt(10), big.NewInt(18), nil)
	sim := simulated.NewBackend(types.GenesisAlloc{from: {Balance: new(big.Int).Mul(eth, big.NewInt(1000))}})
	t.Cleanup(func() { _ = sim.Close() })
	cl := sim.Client()
	id, err := cl.ChainID(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	opts, err := bind.NewKeyedTransactorWithChainID(key, id)
	if err != nil {
		t.Fatal(err)
	}
	return &chain{t: t, sim: sim, cl: cl, key: key, opts: opts, id: id, to: common.HexToAddress("0x5a1e")}
}

func (c *chain) outbox(b outbox.Backend, j outbox.Journal, o outbox.Options) *outbox.Outbox {
	c.t.Helper()
	if b == nil {
		b = c.cl
	}
	ob, err := outbox.New(b, c.id, c.opts, j, o)
	if err != nil {
		c.t.Fatal(err)
	}
	return ob
}

// mined is the account's nonce in the latest block: how many of its transactions were mined.
func (c *chain) mined() uint64 {
	c.t.Helper()
	n, err := c.cl.NonceAt(context.Background(), c.opts.From, nil)
	if err != nil {
		c.t.Fatal(err)
	}
	return n
}

// pendingNonce is the account's nonce counting the pool, once the pool has taken in what
// was sent (it promotes transactions asynchronously): it polls until want or a deadline.
func (c *chain) pendingNonce(want uint64) uint64 {
	c.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		n, err := c.cl.PendingNonceAt(context.Background(), c.opts.From)
		if err != nil {
			c.t.Fatal(err)
		}
		if n == want || time.Now().After(deadline) {
			return n
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (c *chain) balanceOf(a common.Address) *big.Int {
	c.t.Helper()
	b, err := c.cl.BalanceAt(context.Background(), a, nil)
	if err != nil {
		c.t.Fatal(err)
	}
	return b
}

func call(c *chain) outbox.Call { return outbox.Call{To: c.to, Value: big.NewInt(1)} }

func submit(t *testing.T, ob *outbox.Outbox, key string, cl outbox.Call) outbox.Status {
	t.Helper()
	st, err := ob.Submit(context.Background(), key, cl)
	if err != nil {
		t.Fatalf("submit %s: %v", key, err)
	}
	return st
}

func syncOK(t *testing.T, ob *outbox.Outbox) {
	t.Helper()
	if err := ob.Sync(context.Background()); err != nil {
		t.Fatalf("sync: %v", err)
	}
}

func wantState(t *testing.T, ob *outbox.Outbox, key string, want outbox.State) outbox.Status {
	t.Helper()
	st, ok := ob.Lookup(key)
	if !ok || st.State != want {
		t.Fatalf("%s: lookup = %v (known %v), want %v", key, st.State, ok, want)
	}
	return st
}

// Many actions are in flight at once, each with its own nonce, and submitting one again
// sends nothing: the pool holds exactly one transaction per action.
func TestManyInFlight(t *testing.T) {
	c := newChain(t)
	j := &outbox.MemJournal{}
	ob := c.outbox(nil, j, outbox.Options{Confirmations: 2})
	const n = 20
	hashes := map[common.Hash]bool{}
	for i := range n {
		st := submit(t, ob, fmt.Sprintf("a%d", i), call(c))
		if st.State != outbox.Pending || hashes[st.Hash] {
			t.Fatalf("a%d: %v %s (duplicate hash?)", i, st.State, st.Hash)
		}
		hashes[st.Hash] = true
	}
	for i := range n {
		if st := submit(t, ob, fmt.Sprintf("a%d", i), call(c)); !hashes[st.Hash] {
			t.Fatalf("re-submitting a%d sent a new transaction %s", i, st.Hash)
		}
	}
	if got := c.pendingNonce(n); got != n {
		t.Fatalf("pending nonce %d, want %d: one transaction per action", got, n)
	}
	if h := ob.Health(); h.Pending != n {
		t.Fatalf("health pending = %d, want %d", h.Pending, n)
	}
	c.sim.Commit()
	syncOK(t, ob)
	wantState(t, ob, "a0", outbox.Mined)
	c.sim.Commit()
	syncOK(t, ob)
	wantState(t, ob, "a7", outbox.Confirmed)
	if recs, _ := j.Txs(); len(recs) != 0 {
		t.Fatalf("journal still holds %d confirmed transactions", len(recs))
	}
	if got := c.mined(); got != n {
		t.Fatalf("%d transactions mined, want %d", got, n)
	}
	if got := c.balanceOf(c.to); got.Int64() != n {
		t.Fatalf("recipient got %s, want %d: an action ran twice or not at all", got, n)
	}
}

// A process that stops with several transactions pending and restarts on the same journal
// finds them: submitting those actions again sends nothing, and new ones continue the nonces.
func TestCrashWithSeveralPending(t *testing.T) {
	c := newChain(t)
	j := &outbox.MemJournal{}
	first := c.outbox(nil, j, outbox.Options{})
	sent := map[string]common.Hash{}
	for i := range 5 {
		key := fmt.Sprintf("k%d", i)
		sent[key] = submit(t, first, key, call(c)).Hash
	}
	// The "crash": the first outbox is abandoned; only the journal survives.
	second := c.outbox(nil, j, outbox.Options{})
	for key, h := range sent {
		if st := submit(t, second, key, call(c)); st.Hash != h || st.State != outbox.Pending {
			t.Fatalf("after restart %s = %v %s, want pending %s", key, st.State, st.Hash, h)
		}
	}
	submit(t, second, "k5", call(c))
	if got := c.pendingNonce(6); got != 6 {
		t.Fatalf("pending nonce %d, want 6", got)
	}
	c.sim.Commit()
	syncOK(t, second)
	for key := range sent {
		wantState(t, second, key, outbox.Confirmed)
	}
	if got := c.balanceOf(c.to); got.Int64() != 6 {
		t.Fatalf("recipient got %s, want 6", got)
	}
}

// A transaction the pool dropped is sent again, the same bytes, by the next Sync.
func TestDroppedFromPool(t *testing.T) {
	c := newChain(t)
	ob := c.outbox(nil, &outbox.MemJournal{}, outbox.Options{})
	h := submit(t, ob, "drop", call(c)).Hash
	c.sim.Rollback() // empties the pool
	if got := c.pendingNonce(0); got != 0 {
		t.Fatalf("pool still holds the transaction (pending nonce %d)", got)
	}
	syncOK(t, ob)
	c.sim.Commit()
	syncOK(t, ob)
	if st := wantState(t, ob, "drop", outbox.Confirmed); st.Hash != h {
		t.Fatalf("mined %s, want the original %s", st.Hash, h)
	}
	if got := c.mined(); got != 1 {
		t.Fatalf("%d mined, want 1", got)
	}
}

// foreign sends a transfer signed with the outbox's own key, as another program would.
func (c *chain) foreign(nonce uint64, tip int64) {
	c.t.Helper()
	head, err := c.cl.HeaderByNumber(context.Background(), nil)
	if err != nil {
		c.t.Fatal(err)
	}
	fee := new(big.Int).Add(new(big.Int).Mul(head.BaseFee, big.NewInt(4)), big.NewInt(tip))
	tx := types.NewTx(&types.DynamicFeeTx{ChainID: c.id, Nonce: nonce, GasTipCap: big.NewInt(tip), GasFeeCap: fee, Gas: 21000,
		To: &common.Address{0xf0}, Value: big.NewInt(1)})
	signed, err := types.SignTx(tx, types.LatestSignerForChainID(c.id), c.key)
	if err != nil {
		c.t.Fatal(err)
	}
	if err := c.cl.SendTransaction(context.Background(), signed); err != nil {
		c.t.Fatal(err)
	}
}

// Another program using the same account takes a nonce: the action it displaced fails with
// ErrNonceTaken (and is reported), is sent again on a fresh nonce, and runs exactly once; an
// action sent while a foreign transaction sits at the next nonce skips past it.
func TestForeignTransaction(t *testing.T) {
	c := newChain(t)
	ob := c.outbox(nil, &outbox.MemJournal{}, outbox.Options{})
	submit(t, ob, "mine", call(c))
	c.foreign(0, 50_000_000_000) // replaces ours in the pool: a far higher tip
	c.sim.Commit()
	for range 2 {
		syncOK(t, ob)
	}
	st, err := ob.Submit(context.Background(), "mine", call(c))
	if !errors.Is(err, outbox.ErrNonceTaken) || st.State != outbox.Failed {
		t.Fatalf("displaced action: %v %v, want failed with ErrNonceTaken", st.State, err)
	}
	if h := ob.Health(); len(h.Problems) == 0 || !strings.Contains(strings.Join(h.Problems, "\n"), "nonce 0") {
		t.Fatalf("health problems %q do not name the taken nonce", h.Problems)
	}
	c.foreign(1, 50_000_000_000) // the next nonce, unknown to the outbox
	again := submit(t, ob, "mine", call(c))
	c.sim.Commit()
	syncOK(t, ob)
	if st := wantState(t, ob, "mine", outbox.Confirmed); st.Hash != again.Hash {
		t.Fatalf("mined %s, want %s", st.Hash, again.Hash)
	}
	if got := c.balanceOf(c.to); got.Int64() != 1 {
		t.Fatalf("recipient got %s, want exactly 1", got)
	}
}

// A base fee above the configured maximum holds a transaction back and says so; once stuck
// for StuckAfter blocks it cannot be re-priced past the maximum (Blocked, ErrFeeCap), and when
// the operator raises the maximum it is replaced by one paying more, which is mined.
func TestFeeRisesSharply(t *testing.T) {
	c := newChain(t)
	head, err := c.cl.HeaderByNumber(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	low := new(big.Int).Div(head.BaseFee, big.NewInt(4))
	ob := c.outbox(nil, &outbox.MemJournal{}, outbox.Options{MaxFeeCap: low, StuckAfter: 2})
	first := submit(t, ob, "pay", call(c))
	if h := ob.Health(); !h.Blocked || !strings.Contains(strings.Join(h.Problems, "\n"), "raise the maximum fee") {
		t.Fatalf("health %+v does not say the fee cap holds transactions back", h)
	}
	for range 2 {
		c.sim.Commit()
	}
	syncOK(t, ob)
	if got := c.mined(); got != 0 {
		t.Fatalf("mined below the base fee?")
	}
	if h := ob.Health(); !h.Blocked || !strings.Contains(strings.Join(h.Problems, "\n"), outbox.ErrFeeCap.Error()) {
		t.Fatalf("health %+v does not report the fee cap", h)
	}
	ob.SetMaxFeeCap(outbox.DefaultMaxFeeCap)
	syncOK(t, ob)
	if h := ob.Health(); h.Repriced != 1 {
		t.Fatalf("repriced = %d, want 1", h.Repriced)
	}
	c.sim.Commit()
	syncOK(t, ob)
	st := wantState(t, ob, "pay", outbox.Confirmed)
	if st.Hash == first.Hash {
		t.Fatal("mined the first version; want the re-priced one")
	}
	if got := c.balanceOf(c.to); got.Int64() != 1 {
		t.Fatalf("recipient got %s, want 1", got)
	}
}

// A call the node refuses (here: more value than the account holds) takes no nonce, so the
// next action is not stuck behind a gap.
func TestRefusedSendLosesNoNonce(t *testing.T) {
	c := newChain(t)
	ob := c.outbox(nil, &outbox.MemJournal{}, outbox.Options{})
	huge := new(big.Int).Exp(big.NewInt(10), big.NewInt(30), nil)
	if _, err := ob.Submit(context.Background(), "too-much", outbox.Call{To: c.to, Value: huge}); err == nil {
		t.Fatal("a transfer beyond the balance was accepted")
	}
	if _, known := ob.Lookup("too-much"); known {
		t.Fatal("a refused action is still tracked")
	}
	submit(t, ob, "ok", call(c))
	c.sim.Commit()
	syncOK(t, ob)
	wantState(t, ob, "ok", outbox.Confirmed)
}

// A reorg that removes a mined transaction puts it back to pending; it is sent again and mined
// once on the new chain.
func TestReorgWithActionsInFlight(t *testing.T) {
	c := newChain(t)
	ob := c.outbox(nil, &outbox.MemJournal{}, outbox.Options{Confirmations: 3})
	parent, err := c.cl.HeaderByNumber(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	submit(t, ob, "r", call(c))
	c.sim.Commit()
	syncOK(t, ob)
	wantState(t, ob, "r", outbox.Mined)
	if err := c.sim.Fork(parent.Hash()); err != nil {
		t.Fatal(err)
	}
	// Two empty blocks on the fork: longer than the old chain, so canonical.
	c.sim.Rollback()
	c.sim.Commit()
	c.sim.Commit()
	if got := c.mined(); got != 0 {
		t.Fatalf("the fork still holds the transaction (nonce %d)", got)
	}
	syncOK(t, ob)
	wantState(t, ob, "r", outbox.Pending)
	c.sim.Commit()
	syncOK(t, ob)
	wantState(t, ob, "r", outbox.Mined)
	for range 2 {
		c.sim.Commit()
	}
	syncOK(t, ob)
	wantState(t, ob, "r", outbox.Confirmed)
	if got := c.balanceOf(c.to); got.Int64() != 1 {
		t.Fatalf("recipient got %s, want 1", got)
	}
}

// flakySends fails some sends of a real backend the way an RPC over a network does: before
// the node saw the transaction, or after (the answer lost). A fake for a fault the simulated
// chain cannot produce; everything else is the real chain.
type flakySends struct {
	outbox.Backend
	mu    sync.Mutex
	n     int
	after bool
}

func (f *flakySends) SendTransaction(ctx context.Context, tx *types.Transaction) error {
	f.mu.Lock()
	f.n++
	fail := f.n%3 == 0
	f.mu.Unlock()
	if !fail {
		return f.Backend.SendTransaction(ctx, tx)
	}
	lost := &url.Error{Op: "Post", URL: "http://127.0.0.1:8545", Err: errors.New("connection reset by peer")}
	if f.after {
		if err := f.Backend.SendTransaction(ctx, tx); err != nil {
			return err
		}
	}
	return lost
}

// An RPC failing every third send mid-burst loses no action and runs none twice, whether the
// node had the transaction or not; health says sends failed.
func TestRPCFailsMidBurst(t *testing.T) {
	for _, after := range []bool{false, true} {
		t.Run(fmt.Sprintf("node-received=%v", after), func(t *testing.T) {
			c := newChain(t)
			ob := c.outbox(&flakySends{Backend: c.cl, after: after}, &outbox.MemJournal{}, outbox.Options{})
			const n = 12
			for i := range n {
				submit(t, ob, fmt.Sprintf("b%d", i), call(c))
			}
			if h := ob.Health(); !strings.Contains(strings.Join(h.Problems, "\n"), "connection reset") {
				t.Fatalf("health problems %q do not report the failed sends", h.Problems)
			}
			for range 4 {
				_ = ob.Sync(context.Background())
				c.sim.Commit()
			}
			syncOK(t, ob)
			for i := range n {
				wantState(t, ob, fmt.Sprintf("b%d", i), outbox.Confirmed)
			}
			if got := c.balanceOf(c.to); got.Int64() != n {
				t.Fatalf("recipient got %s, want %d", got, n)
			}
		})
	}
}
