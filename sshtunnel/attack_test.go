package sshtunnel

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/shaleprotocol/shale/internal/testsupport"
)

// TestAttackHugeBandwidthSpin registers a lease whose bandwidth is 2⁶⁴−1 bytes per second,
// which an unchecked int conversion turns into a negative burst and a wait loop that never
// sleeps nor ends, and moves 4 MiB through the real gateway with OpenSSH: it must arrive
// whole and promptly.
func TestAttackHugeBandwidthSpin(t *testing.T) {
	tg := startGateway(t)
	key := newClientKey(t)
	l := tg.leaseFor(testsupport.BusyboxImage, key, func(l *Lease) { l.Bandwidth = math.MaxUint64 })

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	out, errOut, code := run(t, tg.ssh(ctx, key, l.ID.String(), "head -c 4194304 /dev/zero"), nil)
	if code != 0 || len(out) != 4<<20 {
		t.Fatalf("code %d, %d of %d bytes (ctx %v), stderr %q", code, len(out), 4<<20, ctx.Err(), errOut)
	}
	if u, ok := tg.Usage(l.ID); !ok || u.BytesOut < 4<<20 {
		t.Fatalf("usage %+v", u)
	}
}
