package client_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/shaleprotocol/shale/lease"
)

// An order its provider accepted and then released without starting it (the lease failed to
// start) ends the wait at once: the CLI prints the provider's reason, with control characters
// escaped, and the refund, and exits non-zero.
func TestOrderReleasedBeforeStart(t *testing.T) {
	for _, tc := range []struct {
		name, reason, want string
	}{
		{"driver message", `image "shale/absent:1" is not present on this node`, `: image "shale/absent:1" is not present on this node; `},
		{"no reason", "", ": the provider gave no reason; "},
		{"terminal control sequences", "bad\x1b[2J\nblock\xff", `: bad\x1b[2J\nblock\xff; `},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorld(t, 10)
			sp := w.provider("f01000", providerOpts{})
			done := w.order("--miner=f01000", "--price=0.01fil/min", "--image=shale/busybox:bookworm")
			ev := w.created(0)
			if _, err := w.chain.Market.AcceptOrder(w.ctx, sp.acct.Opts, ev.OrderId, minCollateral()); err != nil {
				t.Fatal(err)
			}
			if _, err := w.chain.Market.Release(w.ctx, sp.acct.Opts, ev.OrderId, tc.reason); err != nil {
				t.Fatal(err)
			}
			id := lease.LeaseID{ChainID: w.chain.ChainID.Uint64(), Order: ev.OrderId}
			r := (<-done).wantErr(t, fmt.Sprintf("shale: lease %s failed to start on f01000", id), tc.want,
				"; escrow refunded (0.6 FIL): withdraw it with `shale withdraw`")
			if strings.IndexByte(r.stderr, 0x1b) >= 0 || strings.IndexByte(r.stderr, 0xff) >= 0 {
				t.Fatalf("stderr carries the provider's raw control bytes: %q", r.stderr)
			}
		})
	}
}
