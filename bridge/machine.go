package bridge

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/hashicorp/nomad/api"

	"github.com/shaleprotocol/shale/contracts"
	"github.com/shaleprotocol/shale/lease"
	"github.com/shaleprotocol/shale/leasejob"
	"github.com/shaleprotocol/shale/outbox"
	"github.com/shaleprotocol/shale/voucher"
)

// Node attributes the shale driver fingerprints for its SSH gateway.
const (
	attrEndpoint = leasejob.AttrGatewayEndpoint
	attrHostKey  = leasejob.AttrGatewayHostKey
)

// drive advances one order until it has to wait (for the chain, Nomad or time).
func (b *Bridge) drive(ctx context.Context, o *Order) error {
	if !o.NextTry.IsZero() && time.Now().Before(o.NextTry) {
		// Still failing: keep Health unhealthy until the retry succeeds.
		return fmt.Errorf("%w: order %s: %s", errBackoff, o.Hex(), o.LastError)
	}
	for i := 0; i < 16 && !o.State.Final(); i++ {
		before := o.State
		if err := b.advance(ctx, o); err != nil {
			return err
		}
		if o.State == before {
			return nil // waiting
		}
	}
	return nil
}

// step is one state's work: read what it depends on, decide, perform at most one side effect
// and persist the next state (or nothing, to wait).
type step func(b *Bridge, ctx context.Context, o *Order) error

// steps maps every non-final state to its step; settling is driven by settle, in batches.
var steps = map[State]step{
	Seen:       (*Bridge).stepSeen,
	Rejecting:  (*Bridge).stepRejecting,
	Accepting:  (*Bridge).stepAccepting,
	Accepted:   (*Bridge).stepAccepted,
	Registered: (*Bridge).stepRegistered,
	Starting:   (*Bridge).stepStarting,
	Running:    (*Bridge).stepRunning,
	Ending:     (*Bridge).stepStopping,
	Failing:    (*Bridge).stepStopping,
	Ended:      (*Bridge).stepEnded,
	Collected:  (*Bridge).stepCollected,
}

// advance performs the side effect of o's state and persists the next one.
func (b *Bridge) advance(ctx context.Context, o *Order) error {
	if s, ok := steps[o.State]; ok {
		return s(b, ctx, o)
	}
	return nil
}

// do performs one side effect: a failure is retried later and counted under op (the
// errors metric's label); after a success the bridge offers the kill point "effect:"+point,
// so crash tests stop it between the effect and the state that records it.
func (b *Bridge) do(o *Order, op, point string, effect func() error) error {
	if err := effect(); err != nil {
		return b.retryLater(o, op, err)
	}
	return b.kill("effect:" + point)
}

// send submits one transaction as do performs a side effect, without waiting for it: the
// step then reads the chain, and waits (returns with o unchanged) while the chain does not
// show the effect yet. counter counts transactions actually sent (not re-submissions of one
// in flight).
func (b *Bridge) send(o *Order, op, point string, counter interface{ Inc() }, tx func() (outbox.Status, error)) error {
	return b.do(o, op, point, func() error {
		st, err := tx()
		if err == nil && st.New && counter != nil {
			counter.Inc()
		}
		return err
	})
}

// onChain reads o as the chain holds it now; ok is false when the read failed and err is
// the retry to return.
func (b *Bridge) onChain(ctx context.Context, o *Order) (co contracts.Order, ok bool, err error) {
	co, err = b.chain.Order(ctx, o.ID)
	if err != nil {
		return co, false, b.retryLater(o, "read_order", err)
	}
	return co, true, nil
}

func (b *Bridge) stepSeen(ctx context.Context, o *Order) error {
	reason, category, err := b.check(ctx, o)
	if err != nil {
		return b.retryLater(o, "check", err)
	}
	if reason != "" {
		o.Reason = reason
		b.metrics.rejected.WithLabelValues(category).Inc()
		b.log.Warn("order rejected", "order", o.Hex(), "reason", reason, "category", category)
		return b.transition(o, Rejecting)
	}
	return b.transition(o, Accepting)
}

func (b *Bridge) stepRejecting(ctx context.Context, o *Order) error {
	co, ok, err := b.onChain(ctx, o)
	if !ok {
		return err
	}
	if co.State == contracts.StateCreated {
		if err := b.send(o, "reject", "reject", nil, func() (outbox.Status, error) { return b.chain.Reject(ctx, o.ID, o.Reason) }); err != nil {
			return err
		}
		if co, ok, err = b.onChain(ctx, o); !ok || co.State == contracts.StateCreated {
			return err // the rejection is in flight
		}
	}
	if co.State == contracts.StateNone {
		return b.transition(o, Vanished)
	}
	return b.transition(o, Rejected)
}

func (b *Bridge) stepAccepting(ctx context.Context, o *Order) error {
	co, ok, err := b.onChain(ctx, o)
	if !ok {
		return err
	}
	switch co.State {
	case contracts.StateNone:
		o.Reason = "order no longer on chain (reorg)"
		return b.transition(o, Vanished)
	case contracts.StateCancelled:
		o.Reason = "cancelled by the client"
		return b.transition(o, Cancelled)
	case contracts.StateCreated:
		err := b.send(o, "accept", "accept", b.metrics.accepted, func() (outbox.Status, error) {
			return b.chain.Accept(ctx, o.ID, b.opt.Policy.Collateral)
		})
		if err != nil {
			return err
		}
		if co, ok, err = b.onChain(ctx, o); !ok || co.State == contracts.StateCreated {
			return err // the acceptance is in flight
		}
	}
	if co.Provider != b.opt.Provider || co.AcceptedAt.IsZero() {
		o.Reason = fmt.Sprintf("order in state %s on chain, not accepted by this provider", co.State)
		return b.transition(o, Failed)
	}
	if co.State != contracts.StateAccepted {
		// Only after a long outage: the client ended or reclaimed it meanwhile.
		o.Reason = fmt.Sprintf("order already %s on chain before its job was registered", co.State)
		return b.transition(o, Failing)
	}
	o.AcceptedAt = co.AcceptedAt
	// Fixed once, so a re-submitted job is byte-identical: the driver's own deadline,
	// past the on-chain end however late within StartTimeout the lease starts.
	o.ExpiresAt = co.AcceptedAt.Add(time.Duration(o.Duration)*time.Second + b.opt.StartTimeout)
	return b.transition(o, Accepted)
}

func (b *Bridge) stepAccepted(ctx context.Context, o *Order) error {
	if o.Terminated {
		o.Reason = "terminated by the client before the lease started"
		return b.transition(o, Failing)
	}
	job, err := b.job(o, o.ExpiresAt)
	if err != nil {
		o.Reason = err.Error()
		return b.transition(o, Failing)
	}
	if err := b.do(o, "register_job", "register", func() error { return b.cluster.Register(ctx, job) }); err != nil {
		return err
	}
	o.JobID, o.RegisteredAt = *job.ID, time.Now().UTC()
	b.metrics.registerLatency.Observe(o.RegisteredAt.Sub(o.SeenAt).Seconds())
	return b.transition(o, Registered)
}

func (b *Bridge) stepRegistered(ctx context.Context, o *Order) error {
	if o.Terminated {
		o.Reason = "terminated by the client before the lease started"
		return b.transition(o, Ending)
	}
	a, err := b.cluster.Allocation(ctx, o.JobID)
	if err != nil {
		return b.retryLater(o, "allocation", err)
	}
	switch {
	case a != nil && a.TaskState != "running" && a.Failure != "":
		// The driver's own words: the client reads them on chain.
		o.Reason = a.Failure
		return b.transition(o, Failing)
	case a != nil && a.Terminal():
		o.Reason = "lease never ran: " + lastEvents(a)
		return b.transition(o, Failing)
	case a == nil || a.TaskState != "running":
		if time.Since(o.RegisteredAt) > b.opt.StartTimeout {
			o.Reason = fmt.Sprintf("lease not running %s after its job was registered", b.opt.StartTimeout)
			return b.transition(o, Failing)
		}
		return nil
	}
	ep, err := b.endpoint(ctx, a.NodeID)
	if err != nil {
		return b.retryLater(o, "endpoint", err)
	}
	o.AllocID, o.NodeID, o.Endpoint = a.ID, a.NodeID, ep
	return b.transition(o, Starting)
}

func (b *Bridge) stepStarting(ctx context.Context, o *Order) error {
	co, ok, err := b.onChain(ctx, o)
	if !ok {
		return err
	}
	switch co.State {
	case contracts.StateAccepted:
		err := b.send(o, "start_lease", "start", b.metrics.started, func() (outbox.Status, error) {
			return b.chain.StartLease(ctx, o.ID, o.Endpoint)
		})
		if err != nil {
			return err
		}
		if co, ok, err = b.onChain(ctx, o); !ok || co.State == contracts.StateAccepted {
			return err // the start is in flight
		}
		if co.State == contracts.StateTerminated {
			o.Terminated = true
		}
	case contracts.StateTerminated:
		o.Terminated = true
	case contracts.StateRunning:
	case contracts.StateNone, contracts.StateCreated:
		// The chain forgot the order or its acceptance: a reorg deeper than the confirmation
		// depth. Nobody pays for this lease, so its job stops here.
		o.Reason = fmt.Sprintf("order %s on chain after it was accepted: a reorg deeper than the confirmation depth removed its acceptance", co.State)
		return b.transition(o, Failing)
	default:
		o.Reason = fmt.Sprintf("order already %s on chain before its lease started", co.State)
		return b.transition(o, Failing)
	}
	o.StartedAt, o.EndTime = co.StartedAt, co.EndTime
	return b.transition(o, Running)
}

func (b *Bridge) stepRunning(ctx context.Context, o *Order) error {
	end, why, err := b.ended(ctx, o)
	if err != nil {
		return b.retryLater(o, "watch", err)
	}
	if !end {
		return nil
	}
	o.Reason = why
	return b.transition(o, Ending)
}

// stepStopping stops the job of an ending or failing lease; a failed one is then released.
func (b *Bridge) stepStopping(ctx context.Context, o *Order) error {
	if o.JobID != "" {
		if err := b.do(o, "stop_job", "stop", func() error { return b.cluster.Stop(ctx, o.JobID) }); err != nil {
			return err
		}
	}
	o.EndedAt = time.Now().UTC()
	if o.State == Ending {
		return b.transition(o, Ended)
	}
	return b.release(ctx, o, Failed)
}

func (b *Bridge) stepEnded(ctx context.Context, o *Order) error {
	a, err := b.cluster.Allocation(ctx, o.JobID)
	if err != nil {
		return b.retryLater(o, "allocation", err)
	}
	if a != nil && !a.Terminal() {
		return nil // vouchers may still arrive until the container is gone
	}
	v, err := b.collect(ctx, o, a)
	if err != nil {
		return b.retryLater(o, "collect", err)
	}
	o.Amount = new(big.Int)
	o.Voucher = nil
	if v != nil {
		o.Amount.Set(v.Amount)
		if o.Voucher, err = v.MarshalBinary(); err != nil {
			return err
		}
	}
	o.CollectedAt = time.Now().UTC()
	b.log.Info("final voucher collected", "order", o.Hex(), "amount_attofil", o.Amount.String())
	if err := b.transition(o, Collected); err != nil {
		return err
	}
	if o.Amount.Sign() == 0 {
		// Nothing owed: release instead of proving (the client's best outcome anyway).
		return b.release(ctx, o, Settled)
	}
	return nil
}

// stepCollected leaves a paid lease waiting for its batch (settle forms it) and releases one
// that paid nothing: this retries a release that did not land before a crash or a failed call.
func (b *Bridge) stepCollected(ctx context.Context, o *Order) error {
	if o.Amount == nil || o.Amount.Sign() > 0 {
		return nil
	}
	return b.release(ctx, o, Settled)
}

// release settles an order for nothing owed; the SP's collateral comes back and the client's
// escrow too, with o.Reason published for the client. final is the state recorded afterwards.
func (b *Bridge) release(ctx context.Context, o *Order, final State) error {
	co, ok, err := b.onChain(ctx, o)
	if !ok {
		return err
	}
	switch co.State {
	case contracts.StateAccepted, contracts.StateRunning, contracts.StateTerminated:
		if err := b.send(o, "release", "release", nil, func() (outbox.Status, error) { return b.chain.Release(ctx, o.ID, o.Reason) }); err != nil {
			return err
		}
		if co, ok, err = b.onChain(ctx, o); !ok {
			return err
		}
		switch co.State {
		case contracts.StateAccepted, contracts.StateRunning, contracts.StateTerminated:
			return nil // the release is in flight
		}
	}
	o.SettledAt = time.Now().UTC()
	return b.transition(o, final)
}

// ended decides whether a running lease is over: the client terminated on chain, the
// on-chain end passed, or the container is gone (terminated through the gateway, payment
// in arrears, or stopped by the operator).
func (b *Bridge) ended(ctx context.Context, o *Order) (bool, string, error) {
	if o.Terminated {
		return true, "terminated by the client on chain", nil
	}
	if now := b.now(); !o.EndTime.IsZero() && !now.IsZero() && !now.Before(o.EndTime) {
		return true, "lease expired", nil
	}
	a, err := b.cluster.Allocation(ctx, o.JobID)
	if err != nil {
		return false, "", err
	}
	if a == nil || a.Terminal() || a.TaskState == "dead" {
		why := "container ended"
		if a != nil {
			why += ": " + lastEvents(a)
		}
		return true, why, nil
	}
	return false, "", nil
}

// collect reads and verifies the lease's final voucher from the allocation directory;
// nil when the client never paid.
func (b *Bridge) collect(ctx context.Context, o *Order, a *Alloc) (*voucher.Voucher, error) {
	if a == nil {
		return nil, nil
	}
	raw, err := b.cluster.ReadFile(ctx, a.ID, "lease/"+o.LeaseID+".voucher")
	if errors.Is(err, ErrNoFile) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	v, err := voucher.DecodeBinary(raw)
	if err != nil {
		b.metrics.errors.WithLabelValues("bad_voucher").Inc()
		b.log.Error("final voucher unreadable; settling for nothing", "order", o.Hex(), "error", err)
		return nil, nil
	}
	led, err := voucher.NewLedger(voucher.PublicKey(o.PaymentKey), o.ID, o.Escrow, nil)
	if err == nil {
		err = led.Check(v)
	}
	if err != nil {
		// The gateway acknowledged only verified vouchers, so this is corruption; proving it
		// would fail anyway.
		b.metrics.errors.WithLabelValues("bad_voucher").Inc()
		b.log.Error("final voucher does not verify; settling for nothing", "order", o.Hex(), "error", err)
		return nil, nil
	}
	return v, nil
}

// job builds the lease's Nomad job; expires is the driver's own deadline for the container.
func (b *Bridge) job(o *Order, expires time.Time) (*api.Job, error) {
	spec, err := o.leaseOrder().Spec()
	if err != nil {
		return nil, err
	}
	opts := b.opt.Job
	opts.ExpiresAt, opts.PaymentKey, opts.Escrow = expires, o.PaymentKey, o.Escrow
	id, err := lease.ParseLeaseID(o.LeaseID)
	if err != nil {
		return nil, err
	}
	return leasejob.Job(spec, id, opts)
}

func (o *Order) leaseOrder() lease.Order {
	return lease.Order{
		ID: o.ID, Provider: o.MinerID, Client: o.Client, Nonce: o.Nonce, PaymentKey: o.PaymentKey,
		PriceAmount: o.PriceAmount, PricePeriod: o.PricePeriod, Duration: o.Duration, Escrow: o.Escrow, SpecBytes: o.Spec,
	}
}

// endpoint is the SSH gateway address of a node, as its driver fingerprinted it.
func (b *Bridge) endpoint(ctx context.Context, nodeID string) (string, error) {
	nodes, err := b.readyNodes(ctx)
	if err != nil {
		return "", err
	}
	for _, n := range nodes {
		if n.ID == nodeID {
			if ep := n.Attributes[attrEndpoint]; ep != "" {
				return ep, nil
			}
			return "", fmt.Errorf("node %s has no %s attribute (gateway disabled?)", n.Name, attrEndpoint)
		}
	}
	return "", fmt.Errorf("node %s is not a ready shale node", nodeID)
}

func (b *Bridge) readyNodes(ctx context.Context) ([]Node, error) {
	if b.nodes != nil {
		return b.nodes, nil
	}
	nodes, err := b.cluster.Nodes(ctx)
	if err != nil {
		return nil, err
	}
	b.nodes = nodes
	return nodes, nil
}

func lastEvents(a *Alloc) string {
	ev := a.Events
	if len(ev) > 3 {
		ev = ev[len(ev)-3:]
	}
	if len(ev) == 0 {
		return "allocation " + a.ClientStatus
	}
	return strings.Join(ev, "; ")
}
