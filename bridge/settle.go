package bridge

import (
	"context"
	"fmt"
	"math/big"
	"sort"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/shaleprotocol/shale/contracts"
	"github.com/shaleprotocol/shale/outbox"
	"github.com/shaleprotocol/shale/prover"
	"github.com/shaleprotocol/shale/voucher"
)

// settle resumes batches interrupted by a crash, then forms and settles new ones: K collected
// leases, or fewer once the oldest has waited MaxBatchWait or a settle deadline is near.
// While the prover is not ready nothing is formed or sent: collected leases wait (and keep
// filling batches), and those whose deadline nears are reported.
func (b *Bridge) settle(ctx context.Context, orders []*Order) error {
	if ps := b.proverPart(); ps.State != PartOK {
		b.blockedSettlements(orders, ps)
		return nil
	}
	b.blockedSettlements(nil, PartStatus{})
	batches := map[uint64][]*Order{}
	var ready []*Order
	for _, o := range orders {
		switch o.State {
		case Settling:
			batches[o.Batch] = append(batches[o.Batch], o)
		case Collected:
			if o.Amount != nil && o.Amount.Sign() > 0 {
				ready = append(ready, o)
			}
		}
	}
	nums := make([]uint64, 0, len(batches))
	for n := range batches {
		nums = append(nums, n)
	}
	sort.Slice(nums, func(i, j int) bool { return nums[i] < nums[j] })
	for _, n := range nums {
		if err := b.settleBatch(ctx, n, batches[n]); err != nil {
			return err
		}
	}

	sort.Slice(ready, func(i, j int) bool { return ready[i].CollectedAt.Before(ready[j].CollectedAt) })
	k := b.prover.K()
	for len(ready) > 0 {
		if len(ready) < k && !b.urgent(ready) {
			return nil
		}
		n := min(k, len(ready))
		batch := ready[:n]
		ready = ready[n:]
		var num uint64
		err := b.store.Update(func(tx *Tx) error {
			var err error
			if num, err = tx.NextBatch(); err != nil {
				return err
			}
			for _, o := range batch {
				o.State, o.Batch = Settling, num
				if err := tx.Put(o); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return fmt.Errorf("persist batch: %w", err)
		}
		b.log.Info("settlement batch formed", "batch", num, "leases", len(batch))
		if err := b.kill("persisted:settling"); err != nil {
			return err
		}
		if err := b.settleBatch(ctx, num, batch); err != nil {
			return err
		}
	}
	return nil
}

// urgent reports whether a partial batch should go now.
func (b *Bridge) urgent(ready []*Order) bool {
	if time.Since(ready[0].CollectedAt) >= b.opt.MaxBatchWait {
		return true
	}
	now := b.now()
	for _, o := range ready {
		deadline := o.EndTime.Add(b.opt.SettleWindow)
		if b.opt.SettleWindow > 0 && !o.EndTime.IsZero() && now.Add(b.opt.SettleMargin).After(deadline) {
			return true
		}
	}
	return false
}

// settleBatch proves and settles one persisted batch. Orders the chain already shows settled
// are recorded so (with the settlement's transaction); while the batch's transaction is in
// flight nothing is sent again; a settlement that failed on chain is proved and sent again.
func (b *Bridge) settleBatch(ctx context.Context, num uint64, batch []*Order) error {
	st, inFlight := b.chain.Settlement(num)
	if inFlight && st.State == outbox.Failed {
		b.metrics.errors.WithLabelValues("settle").Inc()
		b.log.Warn("settlement transaction failed on chain; proving it again", "batch", num, "error", st.Err)
		inFlight = false
	}
	todo, err := b.unsettled(ctx, batch, st.Hash)
	if err != nil || len(todo) == 0 {
		return err
	}
	if inFlight && (st.State == outbox.Pending || st.State == outbox.Mined) {
		return nil // the chain will show it settled; nothing to send meanwhile
	}
	ids, amounts, proof, err := b.prove(ctx, num, todo)
	if err != nil {
		return err
	}
	st, err = b.chain.SettleBatch(ctx, num, ids, amounts, proof)
	if err != nil {
		b.metrics.errors.WithLabelValues("settle").Inc()
		b.log.Warn("settlement failed; will retry", "batch", num, "error", err)
		return nil
	}
	if st.New {
		b.metrics.batches.Inc()
		b.metrics.settled.Add(float64(len(todo)))
	}
	if err := b.kill("effect:settle"); err != nil {
		return err
	}
	b.log.Info("settlement sent", "batch", num, "leases", len(todo), "tx", st.Hash.Hex())
	// Synchronous chains (and a sequential bridge) show the effect at once.
	_, err = b.unsettled(ctx, todo, st.Hash)
	return err
}

// unsettled reads each order of a batch on chain and returns those still to settle; the
// others move on: settled (what the chain paid), or failed past their deadline or in a state
// settlement does not accept. A failed read returns nothing: the batch is persisted and
// retried next round.
func (b *Bridge) unsettled(ctx context.Context, batch []*Order, tx common.Hash) ([]*Order, error) {
	var todo []*Order
	for _, o := range batch {
		co, err := b.chain.Order(ctx, o.ID)
		if err != nil {
			b.metrics.errors.WithLabelValues("read_order").Inc()
			return nil, nil
		}
		switch co.State {
		case contracts.StateSettled:
			// The chain's record is what was paid.
			o.Paid = co.Paid
			o.SettledAt = time.Now().UTC()
			if tx != (common.Hash{}) {
				o.SettleTx = tx.Hex()
			}
			err = b.transition(o, Settled)
		case contracts.StateAccepted, contracts.StateRunning, contracts.StateTerminated:
			if deadline := co.SettleDeadline(b.opt.SettleWindow); b.pastDeadline(deadline) {
				// The contract would refuse the whole batch; this lease is the client's to reclaim.
				o.Reason = fmt.Sprintf("settle deadline %s passed before settlement", deadline.Format(time.RFC3339))
				b.metrics.errors.WithLabelValues("deadline_passed").Inc()
				err = b.transition(o, Failed)
				break
			}
			todo = append(todo, o)
		default:
			o.Reason = fmt.Sprintf("cannot settle: order is %s on chain", co.State)
			err = b.transition(o, Failed)
		}
		if err != nil {
			return nil, err
		}
	}
	return todo, nil
}

// pastDeadline reports whether chain time is past a settle deadline (never without a
// configured window or a chain time).
func (b *Bridge) pastDeadline(deadline time.Time) bool {
	now := b.now()
	return b.opt.SettleWindow > 0 && !now.IsZero() && now.After(deadline)
}

// prove builds the batch's proof over each order's final voucher.
func (b *Bridge) prove(ctx context.Context, num uint64, todo []*Order) ([][32]byte, []*big.Int, []byte, error) {
	items := make([]prover.Item, len(todo))
	ids := make([][32]byte, len(todo))
	amounts := make([]*big.Int, len(todo))
	for i, o := range todo {
		v, err := voucher.DecodeBinary(o.Voucher)
		if err != nil {
			return nil, nil, nil, fmt.Errorf("order %s: stored voucher: %w", o.Hex(), err)
		}
		items[i] = prover.Item{ChainID: b.opt.ChainID, Contract: b.opt.Contract, Client: o.Client, Nonce: o.Nonce,
			PaymentKey: voucher.PublicKey(o.PaymentKey), Voucher: v}
		ids[i], amounts[i] = o.ID, v.Amount
	}
	started := time.Now()
	proof, _, err := b.prover.Prove(ctx, items)
	if err != nil {
		b.metrics.errors.WithLabelValues("prove").Inc()
		return nil, nil, nil, fmt.Errorf("prove batch %d: %w", num, err)
	}
	b.metrics.proveSeconds.Observe(time.Since(started).Seconds())
	return ids, amounts, proof, nil
}
