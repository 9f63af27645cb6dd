package gateway

import (
	"math/big"
	"time"

	"github.com/shaleprotocol/shale/wire"
)

// usage is the lease's meter as a client with wire.CapUsage sees it: the same figures the
// arrears check uses, read without holding the payments lock across any write.
func (p *payments) usage(now time.Time) *wire.Usage {
	elapsed := p.ls.elapsed(now)
	paid := p.paid()
	return &wire.Usage{
		At: now, Elapsed: elapsed,
		Due: p.due(elapsed), Paid: paid, Escrow: new(big.Int).Set(p.escrow),
		PaidThrough: p.paidThrough(paid), EscrowEnds: p.paidThrough(p.escrow),
		BytesIn: p.ls.bytesIn.Load(), BytesOut: p.ls.bytesOut.Load(), Bandwidth: p.ls.lease.Bandwidth,
	}
}

// broadcastUsage queues a usage report for every channel that asked for them; channels of
// older clients never get one.
func (p *payments) broadcastUsage(now time.Time) {
	var u *wire.Usage
	for _, c := range p.conns() {
		if c.caps&wire.CapUsage == 0 {
			continue
		}
		if u == nil {
			u = p.usage(now)
		}
		c.send(u)
	}
}

// answerUsage replies to a UsageRequest: a report for a client that named the capability
// when opening the channel, a rejection that says how otherwise.
func (p *payments) answerUsage(pc *payConn) {
	if pc.caps&wire.CapUsage == 0 {
		pc.send(&wire.Notice{Code: wire.NoticeRejected,
			Text: "usage request refused: open the payment channel with the usage capability (wire.CapUsage) to receive usage reports"})
		return
	}
	pc.send(p.usage(time.Now()))
}
