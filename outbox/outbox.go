package outbox

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"net"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"

	ethereum "github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// Backend is what the outbox needs from a chain node; *ethclient.Client and
// ethclient/simulated's client satisfy it.
type Backend interface {
	PendingNonceAt(ctx context.Context, account common.Address) (uint64, error)
	NonceAt(ctx context.Context, account common.Address, blockNumber *big.Int) (uint64, error)
	HeaderByNumber(ctx context.Context, number *big.Int) (*types.Header, error)
	SuggestGasTipCap(ctx context.Context) (*big.Int, error)
	EstimateGas(ctx context.Context, call ethereum.CallMsg) (uint64, error)
	SendTransaction(ctx context.Context, tx *types.Transaction) error
	TransactionReceipt(ctx context.Context, txHash common.Hash) (*types.Receipt, error)
}

// Options tune an Outbox; zero values take the defaults noted.
type Options struct {
	// Confirmations is how deep a transaction's block must be before the outbox forgets it: 1.
	Confirmations uint64
	// StuckAfter is how many blocks a transaction may wait unmined before it is re-priced: 3.
	StuckAfter uint64
	// FeeBump is the percentage a re-priced transaction adds to both fee caps: 30 (nodes
	// refuse a replacement below +10%).
	FeeBump int64
	// MaxFeeCap bounds the fee per gas (attoFIL, or wei) any version may offer: 1000 gwei.
	MaxFeeCap *big.Int
	// Parallel bounds concurrent receipt lookups in Sync: 16.
	Parallel int
	// Explain turns a mined revert into an error naming its reason (best effort); nil: ErrReverted.
	Explain func(ctx context.Context, r Record, rcpt *types.Receipt) error
}

// DefaultMaxFeeCap is 1000 gwei (1000 nanoFIL) per gas.
var DefaultMaxFeeCap = big.NewInt(1000_000_000_000)

// State is where a transaction is.
type State int

const (
	// Pending: broadcast (or about to be rebroadcast), not included yet.
	Pending State = iota
	// Mined: included, not yet Confirmations deep.
	Mined
	// Confirmed: included deep enough that the outbox forgot it.
	Confirmed
	// Failed: reverted, or its nonce was taken; Err says which. Reported once, then forgotten,
	// so the action may be sent again.
	Failed
)

func (s State) String() string {
	return [...]string{"pending", "mined", "confirmed", "failed"}[s]
}

// Status is an action's transaction as the outbox last saw it.
type Status struct {
	State State
	Hash  common.Hash // the newest version sent, or the one mined
	Block uint64      // where it was mined
	Err   error       // for Failed
	// New: this Submit broadcast it (not an action already in flight).
	New bool
}

// Health is what the outbox reports for /healthz: how much is in flight and what is wrong.
type Health struct {
	Pending  int      `json:"pending"`
	Oldest   string   `json:"oldest_pending,omitempty"` // how long the oldest unmined one has waited
	Problems []string `json:"problems,omitempty"`
	// Blocked: a problem that does not go away by itself (a fee at its maximum, a base fee
	// above it) holds transactions back until the operator acts.
	Blocked bool `json:"blocked,omitempty"`
	// Repriced counts stuck transactions replaced with a higher fee since the process started.
	Repriced int `json:"repriced,omitempty"`
}

// problemTTL is how long a one-off problem (a failed send, a taken nonce) stays reported.
const problemTTL = 10 * time.Minute

// doneTTL is how long a confirmed or failed action's status stays answerable by Lookup.
const doneTTL = time.Hour

type problem struct {
	msg string
	at  time.Time
	// sticky problems stay until cleared by their key; others expire after problemTTL.
	sticky bool
}

type done struct {
	st Status
	at time.Time
}

// Outbox sends transactions of one account. Submit is idempotent per action key: an action
// already in flight (in this process or journaled by a previous one) is never sent twice.
type Outbox struct {
	b       Backend
	from    common.Address
	chainID *big.Int
	signer  bind.SignerFn
	journal Journal
	opt     Options

	sendMu    sync.Mutex // nonce assignment and broadcast, in nonce order
	next      uint64
	nextKnown bool

	mu       sync.Mutex
	recs     map[string]*Record
	done     map[string]done
	problems map[string]problem
	repriced int
}

// New returns an outbox sending as opts.From (signed by opts.Signer) and resumes every
// transaction j holds.
func New(b Backend, chainID *big.Int, opts *bind.TransactOpts, j Journal, o Options) (*Outbox, error) {
	if o.Confirmations == 0 {
		o.Confirmations = 1
	}
	if o.StuckAfter == 0 {
		o.StuckAfter = 3
	}
	if o.FeeBump < 10 {
		o.FeeBump = 30
	}
	if o.MaxFeeCap == nil || o.MaxFeeCap.Sign() <= 0 {
		o.MaxFeeCap = DefaultMaxFeeCap
	}
	if o.Parallel <= 0 {
		o.Parallel = 16
	}
	recs, err := j.Txs()
	if err != nil {
		return nil, fmt.Errorf("outbox: read journal: %w", err)
	}
	ob := &Outbox{b: b, from: opts.From, chainID: chainID, signer: opts.Signer, journal: j, opt: o,
		recs: map[string]*Record{}, done: map[string]done{}, problems: map[string]problem{}}
	for i := range recs {
		r := recs[i]
		ob.recs[r.Key] = &r
	}
	return ob, nil
}

// SetMaxFeeCap changes the highest fee per gas offered from now on (an operator raising it
// unblocks transactions stuck at the old maximum at the next Sync).
func (o *Outbox) SetMaxFeeCap(v *big.Int) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.opt.MaxFeeCap = new(big.Int).Set(v)
}

func (o *Outbox) maxFeeCap() *big.Int {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.opt.MaxFeeCap
}

// Call is a transaction's content.
type Call struct {
	To    common.Address
	Data  []byte
	Value *big.Int
}

// Lookup reports key's transaction; ok is false when the outbox knows nothing of it (never
// sent, or confirmed or failed more than an hour ago). A failure is reported once.
func (o *Outbox) Lookup(key string) (Status, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if r, ok := o.recs[key]; ok {
		return r.status(), true
	}
	d, ok := o.done[key]
	if ok && d.st.State == Failed {
		delete(o.done, key)
	}
	return d.st, ok
}

func (r *Record) status() Status {
	if r.MinedBlock != 0 {
		return Status{State: Mined, Hash: r.MinedTx, Block: r.MinedBlock}
	}
	return Status{State: Pending, Hash: r.Hashes[len(r.Hashes)-1]}
}

// Submit sends call as the action key, unless key is already known: then it reports what
// Lookup does, and a failure (reported once) is returned as the error. A call the chain
// would revert is refused before it takes a nonce.
func (o *Outbox) Submit(ctx context.Context, key string, call Call) (Status, error) {
	if st, ok := o.Lookup(key); ok {
		if st.State == Failed {
			return st, st.Err
		}
		return st, nil
	}
	value := call.Value
	if value == nil {
		value = new(big.Int)
	}
	gas, err := o.b.EstimateGas(ctx, ethereum.CallMsg{From: o.from, To: &call.To, Value: value, Data: call.Data})
	if err != nil {
		return Status{}, err
	}
	// A margin: the state may change between the estimate and the inclusion (an earlier
	// transaction of ours in the same block).
	gas += gas / 5
	tip, feeCap, head, err := o.fees(ctx)
	if err != nil {
		return Status{}, err
	}
	o.sendMu.Lock()
	defer o.sendMu.Unlock()
	for attempt := 0; ; attempt++ {
		nonce, err := o.nonce(ctx)
		if err != nil {
			return Status{}, err
		}
		r := &Record{Key: key, Nonce: nonce, To: call.To, Data: call.Data, Value: value, Gas: gas, TipCap: tip, FeeCap: feeCap,
			SentAt: time.Now().UTC(), SentBlock: head}
		if err := o.sign(r); err != nil {
			return Status{}, err
		}
		// Journaled first: a crash after the broadcast must find the transaction.
		if err := o.journal.SaveTx(*r); err != nil {
			return Status{}, fmt.Errorf("outbox: journal %s: %w", key, err)
		}
		o.mu.Lock()
		o.recs[key] = r
		o.mu.Unlock()
		err = o.broadcast(ctx, r)
		switch {
		case err == nil:
			o.next = nonce + 1
			o.clear("send")
			st := r.status()
			st.New = true
			return st, nil
		case transient(err):
			// It may or may not have reached the node: keep it, Sync rebroadcasts it.
			o.next = nonce + 1
			o.report("send", false, "sending %s: %v (kept; it is rebroadcast)", key, err)
			st := r.status()
			st.New = true
			return st, nil
		}
		o.forget(key)
		if nonceClash(err) && attempt < 3 {
			// Another sender used this nonce: start again from what the node says.
			o.nextKnown = false
			o.report("nonce", false, "nonce %d of %s already used by another transaction (%v); re-read the account's nonce", nonce, o.from.Hex(), err)
			continue
		}
		o.report("send", false, "sending %s refused: %v", key, err)
		return Status{}, fmt.Errorf("outbox: send %s: %w", key, err)
	}
}

// nonce is the next nonce to use: the node's pending nonce when not known, never below a
// journaled one.
func (o *Outbox) nonce(ctx context.Context) (uint64, error) {
	if !o.nextKnown {
		n, err := o.b.PendingNonceAt(ctx, o.from)
		if err != nil {
			return 0, fmt.Errorf("outbox: account nonce: %w", err)
		}
		o.mu.Lock()
		for _, r := range o.recs {
			n = max(n, r.Nonce+1)
		}
		o.mu.Unlock()
		o.next, o.nextKnown = n, true
	}
	return o.next, nil
}

// fees is an EIP-1559 price that survives a few blocks of rising base fee: twice the base fee
// plus the suggested tip, within MaxFeeCap. FEVM accepts the same type-2 transactions. head is
// the block it was priced at, where a transaction's stuck clock starts.
func (o *Outbox) fees(ctx context.Context) (tip, feeCap *big.Int, head uint64, err error) {
	h, err := o.b.HeaderByNumber(ctx, nil)
	if err != nil {
		return nil, nil, 0, fmt.Errorf("outbox: chain head: %w", err)
	}
	tip, err = o.b.SuggestGasTipCap(ctx)
	if err != nil {
		return nil, nil, 0, fmt.Errorf("outbox: gas tip: %w", err)
	}
	base := h.BaseFee
	if base == nil {
		base = new(big.Int)
	}
	feeCap = new(big.Int).Add(new(big.Int).Mul(base, big.NewInt(2)), tip)
	maxCap := o.maxFeeCap()
	if tip.Cmp(maxCap) > 0 {
		tip = new(big.Int).Set(maxCap)
	}
	if feeCap.Cmp(maxCap) > 0 {
		feeCap = new(big.Int).Set(maxCap)
		if feeCap.Cmp(base) < 0 {
			o.report("fee", true, "base fee %s is above the maximum fee per gas %s: transactions wait until it falls (raise the maximum fee)", base, maxCap)
		}
	} else {
		o.clear("fee")
	}
	return tip, feeCap, h.Number.Uint64(), nil
}

// sign signs r's newest version and records its hash and bytes.
func (o *Outbox) sign(r *Record) error {
	tx := types.NewTx(&types.DynamicFeeTx{ChainID: o.chainID, Nonce: r.Nonce, GasTipCap: r.TipCap, GasFeeCap: r.FeeCap,
		Gas: r.Gas, To: &r.To, Value: r.Value, Data: r.Data})
	signed, err := o.signer(o.from, tx)
	if err != nil {
		return fmt.Errorf("outbox: sign %s: %w", r.Key, err)
	}
	raw, err := signed.MarshalBinary()
	if err != nil {
		return err
	}
	r.Hashes, r.Raw = append(r.Hashes, signed.Hash()), raw
	return nil
}

// broadcast sends r's newest version; a node that already has it is not an error.
func (o *Outbox) broadcast(ctx context.Context, r *Record) error {
	tx := new(types.Transaction)
	if err := tx.UnmarshalBinary(r.Raw); err != nil {
		return err
	}
	err := o.b.SendTransaction(ctx, tx)
	if err != nil && strings.Contains(err.Error(), "already known") {
		return nil
	}
	return err
}

// forget drops key from memory and the journal.
func (o *Outbox) forget(key string) {
	o.mu.Lock()
	delete(o.recs, key)
	o.mu.Unlock()
	_ = o.journal.DeleteTx(key)
}

// transient reports whether a send failed on the way (the node may have the transaction)
// rather than being refused by the node.
func transient(err error) bool {
	var ne net.Error
	var ue *url.Error
	return errors.As(err, &ne) || errors.As(err, &ue) || errors.Is(err, context.DeadlineExceeded)
}

func nonceClash(err error) bool {
	s := err.Error()
	return strings.Contains(s, "nonce too low") || strings.Contains(s, "replacement transaction underpriced")
}

func (o *Outbox) report(key string, sticky bool, format string, args ...any) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.problems[key] = problem{msg: fmt.Sprintf(format, args...), at: time.Now(), sticky: sticky}
}

func (o *Outbox) clear(key string) {
	o.mu.Lock()
	defer o.mu.Unlock()
	delete(o.problems, key)
}

// Health reports what is in flight and what is wrong.
func (o *Outbox) Health() Health {
	o.mu.Lock()
	defer o.mu.Unlock()
	h := Health{Repriced: o.repriced}
	var oldest time.Time
	for _, r := range o.recs {
		if r.MinedBlock != 0 {
			continue
		}
		h.Pending++
		if oldest.IsZero() || r.SentAt.Before(oldest) {
			oldest = r.SentAt
		}
	}
	if !oldest.IsZero() {
		h.Oldest = time.Since(oldest).Round(time.Second).String()
	}
	for k, p := range o.problems {
		if !p.sticky && time.Since(p.at) > problemTTL {
			delete(o.problems, k)
			continue
		}
		h.Problems = append(h.Problems, p.msg)
		h.Blocked = h.Blocked || p.sticky
	}
	sort.Strings(h.Problems)
	return h
}
