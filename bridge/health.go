package bridge

import (
	"time"

	"github.com/shaleprotocol/shale/outbox"
)

// HealthReport is what /healthz and /readyz serve and `shale-bridge status` prints.
type HealthReport struct {
	// OK (liveness): rounds complete, so orders move. A prover still loading or failed does
	// not clear it; Nomad being down does not either (orders wait and are retried).
	OK bool `json:"ok"`
	// Ready: OK, Nomad answers and the prover is ready, so settlement works too.
	Ready     bool       `json:"ready"`
	LastRound string     `json:"last_successful_round,omitempty"`
	Error     string     `json:"last_error,omitempty"`
	Chain     PartStatus `json:"chain"`
	Nomad     PartStatus `json:"nomad"`
	Prover    PartStatus `json:"prover"`
	// SettleBlocked lists orders whose settle deadline is near while the prover is not ready.
	SettleBlocked []string `json:"settle_blocked,omitempty"`
	// Transactions are the provider account's transactions in flight and their problems.
	Transactions outbox.Health `json:"transactions"`
}

// Report is the bridge's health, part by part.
func (b *Bridge) Report() HealthReport {
	ok, last, lastErr := b.Health()
	b.mu.Lock()
	r := HealthReport{OK: ok, Error: lastErr, Chain: b.chainPart, Nomad: b.nomadPart, SettleBlocked: append([]string(nil), b.blocked...)}
	b.mu.Unlock()
	r.Prover = b.proverPart()
	r.Transactions = b.chain.Transactions()
	if !last.IsZero() {
		r.LastRound = last.UTC().Format(time.RFC3339)
	}
	// Transactions held back by the fee cap need the operator; other problems clear themselves.
	r.Ready = r.OK && r.Chain.State == PartOK && r.Nomad.State == PartOK && r.Prover.State == PartOK && !r.Transactions.Blocked
	return r
}

// setPart records a part's outcome; Since moves only when the state changes.
func (b *Bridge) setPart(part *PartStatus, err error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	state, msg := PartOK, ""
	if err != nil {
		state, msg = PartDown, err.Error()
	}
	if part.State != state {
		part.State, part.Since = state, time.Now().UTC()
	}
	part.Error = msg
}

// blockedSettlements reports, loudly and at most once a minute per order, the collected
// leases whose settle deadline is within SettleMargin while the prover cannot prove: the
// operator has that long to fix the keys before the client may reclaim the payment.
func (b *Bridge) blockedSettlements(orders []*Order, ps PartStatus) {
	now := b.now()
	var blocked []string
	for _, o := range orders {
		if (o.State != Collected && o.State != Settling) || o.EndTime.IsZero() || b.opt.SettleWindow <= 0 || now.IsZero() {
			continue
		}
		deadline := o.EndTime.Add(b.opt.SettleWindow)
		if now.Add(b.opt.SettleMargin).Before(deadline) {
			continue
		}
		blocked = append(blocked, o.Hex())
		if last, ok := b.warnedAt[o.ID]; ok && time.Since(last) < time.Minute {
			continue
		}
		b.warnedAt[o.ID] = time.Now()
		b.log.Error("SETTLE DEADLINE NEAR AND THE PROVER IS NOT READY: this lease's payment is lost if it is not settled in time",
			"order", o.Hex(), "deadline", deadline.Format(time.RFC3339), "left", deadline.Sub(now).Round(time.Second).String(),
			"prover", describe(ps))
	}
	b.metrics.settleBlocked.Set(float64(len(blocked)))
	b.mu.Lock()
	b.blocked = blocked
	b.mu.Unlock()
}
