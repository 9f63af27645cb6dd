package outbox

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"

	ethereum "github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/core/types"
)

// Sync brings every transaction in flight up to date with the chain, looking up receipts
// concurrently: mined ones are followed until Confirmations deep (and back to pending if a
// reorg removes them), dropped ones are rebroadcast, stuck ones re-priced, and ones whose nonce
// another transaction took are failed so their action can be sent again.
func (o *Outbox) Sync(ctx context.Context) error {
	o.mu.Lock()
	recs := make([]*Record, 0, len(o.recs))
	for _, r := range o.recs {
		recs = append(recs, r)
	}
	o.mu.Unlock()
	if len(recs) == 0 {
		o.clear("fee") // nothing is held back
		return nil
	}
	head, err := o.b.HeaderByNumber(ctx, nil)
	if err != nil {
		return fmt.Errorf("outbox: chain head: %w", err)
	}
	if head.BaseFee == nil || head.BaseFee.Cmp(o.maxFeeCap()) <= 0 {
		o.clear("fee")
	}
	used, err := o.b.NonceAt(ctx, o.from, nil)
	if err != nil {
		return fmt.Errorf("outbox: account nonce: %w", err)
	}
	pooled, err := o.b.PendingNonceAt(ctx, o.from)
	if err != nil {
		return fmt.Errorf("outbox: account nonce: %w", err)
	}
	// Lower nonces first, so rebroadcasts and replacements fill gaps in order.
	sort.Slice(recs, func(i, j int) bool { return recs[i].Nonce < recs[j].Nonce })
	found := make([]*types.Receipt, len(recs))
	errs := make([]error, len(recs))
	sem := make(chan struct{}, o.opt.Parallel)
	var wg sync.WaitGroup
	for i, r := range recs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			found[i], errs[i] = o.receipt(ctx, r)
		}()
	}
	wg.Wait()
	var firstErr error
	for i, r := range recs {
		if errs[i] != nil {
			firstErr = cmpErr(firstErr, errs[i])
			continue
		}
		if err := o.update(ctx, r, found[i], head, used, pooled); err != nil {
			firstErr = cmpErr(firstErr, err)
		}
	}
	o.expire()
	return firstErr
}

func cmpErr(first, err error) error {
	if first != nil {
		return first
	}
	return err
}

// receipt looks for a receipt of any version of r, newest first; nil when none is mined.
func (o *Outbox) receipt(ctx context.Context, r *Record) (*types.Receipt, error) {
	o.mu.Lock()
	hashes := append(r.Hashes[:0:0], r.Hashes...)
	o.mu.Unlock()
	for i := len(hashes) - 1; i >= 0; i-- {
		rcpt, err := o.b.TransactionReceipt(ctx, hashes[i])
		switch {
		case err == nil:
			return rcpt, nil
		case errors.Is(err, ethereum.NotFound) || indexing(err):
		default:
			return nil, fmt.Errorf("outbox: receipt of %s: %w", r.Key, err)
		}
	}
	return nil, nil
}

// indexing is geth's answer while its transaction index is still being built: not known yet.
func indexing(err error) bool {
	return err != nil && strings.Contains(err.Error(), "transaction indexing is in progress")
}

// update applies one record's receipt (or its absence) at head, with used the account's
// nonce as of head and pooled its nonce counting the node's pool.
func (o *Outbox) update(ctx context.Context, r *Record, rcpt *types.Receipt, head *types.Header, used, pooled uint64) error {
	headNum := head.Number.Uint64()
	if rcpt != nil {
		o.mu.Lock()
		r.MinedBlock, r.MinedTx, r.Reverted, r.Unseen = rcpt.BlockNumber.Uint64(), rcpt.TxHash, rcpt.Status != types.ReceiptStatusSuccessful, 0
		deep := headNum+1 >= r.MinedBlock+o.opt.Confirmations
		o.mu.Unlock()
		o.clear("stuck:" + r.Key)
		if !deep {
			return o.journal.SaveTx(*r)
		}
		st := Status{State: Confirmed, Hash: r.MinedTx, Block: r.MinedBlock}
		if r.Reverted {
			st.State, st.Err = Failed, ErrReverted
			if o.opt.Explain != nil {
				st.Err = o.opt.Explain(ctx, *r, rcpt)
			}
		}
		return o.finish(r.Key, st)
	}
	o.mu.Lock()
	wasMined := r.MinedBlock != 0
	r.MinedBlock, r.MinedTx, r.Reverted = 0, [32]byte{}, false
	o.mu.Unlock()
	if wasMined {
		// A reorg took it out: it is pending again, and its stuck clock restarts.
		r.SentBlock = headNum
		o.report("reorg:"+r.Key, false, "%s was removed by a reorg; sent again", r.Key)
		if err := o.journal.SaveTx(*r); err != nil {
			return err
		}
		return o.rebroadcast(ctx, r)
	}
	if r.Nonce < used {
		// The nonce is used, by none of our versions (once the index has caught up).
		r.Unseen++
		if r.Unseen < 2 {
			return o.journal.SaveTx(*r)
		}
		o.report("taken:"+r.Key, false, "%s: nonce %d %v; the action will be sent again", r.Key, r.Nonce, ErrNonceTaken)
		return o.finish(r.Key, Status{State: Failed, Err: fmt.Errorf("%s: nonce %d: %w", r.Key, r.Nonce, ErrNonceTaken)})
	}
	if headNum >= r.SentBlock+o.opt.StuckAfter {
		return o.reprice(ctx, r, head)
	}
	if r.Nonce >= pooled {
		// The pool holds nothing at this nonce: dropped, or never reached the node. The same
		// bytes again.
		return o.rebroadcast(ctx, r)
	}
	return nil
}

// finish forgets a record whose outcome is final and keeps the outcome for Lookup.
func (o *Outbox) finish(key string, st Status) error {
	if err := o.journal.DeleteTx(key); err != nil {
		return err
	}
	o.mu.Lock()
	delete(o.recs, key)
	delete(o.problems, "stuck:"+key)
	o.done[key] = done{st: st, at: time.Now()}
	o.mu.Unlock()
	return nil
}

func (o *Outbox) rebroadcast(ctx context.Context, r *Record) error {
	if err := o.broadcast(ctx, r); err != nil {
		if nonceClash(err) {
			return nil // another version (or a foreign transaction) holds the nonce: Sync decides
		}
		o.report("send", false, "rebroadcasting %s: %v", r.Key, err)
		return err
	}
	return nil
}

// reprice replaces a stuck transaction with one paying FeeBump percent more (both caps), at
// least today's price, within MaxFeeCap.
func (o *Outbox) reprice(ctx context.Context, r *Record, head *types.Header) error {
	bump := func(v *big.Int) *big.Int {
		return new(big.Int).Div(new(big.Int).Mul(v, big.NewInt(100+o.opt.FeeBump)), big.NewInt(100))
	}
	tip, feeCap := bump(r.TipCap), bump(r.FeeCap)
	if head.BaseFee != nil {
		if floor := new(big.Int).Add(new(big.Int).Mul(head.BaseFee, big.NewInt(2)), tip); feeCap.Cmp(floor) < 0 {
			feeCap = floor
		}
	}
	// A replacement must add at least 10% to both caps; past MaxFeeCap that is impossible.
	minCap := new(big.Int).Div(new(big.Int).Mul(r.FeeCap, big.NewInt(110)), big.NewInt(100))
	maxCap := o.maxFeeCap()
	if feeCap.Cmp(maxCap) > 0 {
		feeCap = new(big.Int).Set(maxCap)
	}
	if tip.Cmp(feeCap) > 0 {
		tip = new(big.Int).Set(feeCap)
	}
	if feeCap.Cmp(minCap) < 0 {
		o.report("stuck:"+r.Key, true, "%s (nonce %d) unmined for %d blocks and its fee is at the maximum %s per gas (%v): raise the maximum fee",
			r.Key, r.Nonce, head.Number.Uint64()-r.SentBlock, maxCap, ErrFeeCap)
		return o.rebroadcast(ctx, r)
	}
	next := *r
	next.TipCap, next.FeeCap, next.SentBlock = tip, feeCap, head.Number.Uint64()
	next.Hashes = slices.Clone(r.Hashes)
	if err := o.sign(&next); err != nil {
		return err
	}
	if err := o.journal.SaveTx(next); err != nil {
		return fmt.Errorf("outbox: journal %s: %w", r.Key, err)
	}
	o.mu.Lock()
	*r = next
	o.mu.Unlock()
	o.mu.Lock()
	o.repriced++
	o.mu.Unlock()
	return o.rebroadcast(ctx, r)
}

// expire drops outcomes nobody looked up within doneTTL.
func (o *Outbox) expire() {
	o.mu.Lock()
	defer o.mu.Unlock()
	for k, d := range o.done {
		if time.Since(d.at) > doneTTL {
			delete(o.done, k)
		}
	}
}
