package gateway_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/shaleprotocol/shale/gateway"
	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/internal/testsupport/gwtest"
)

// Five leases on one gateway, twenty concurrent sessions on the first: every session gets
// its own output from its own lease's container, and the meters count each lease apart.
func TestConcurrentSessionsAndLeases(t *testing.T) {
	tg := gwtest.Start(t, func(c *gateway.Config) { c.MaxConnsPerSource = 64 })
	key := gwtest.NewClientKey(t)
	var leases []gateway.Lease
	for i := 0; i < 5; i++ {
		leases = append(leases, tg.LeaseFor(testsupport.BusyboxImage, key))
	}
	// Each container learns its lease index, so a session that reached the wrong one shows.
	for i, l := range leases {
		c := tg.GoClient(key, l.ID.String())
		s, err := c.NewSession()
		if err != nil {
			t.Fatal(err)
		}
		if out, err := s.CombinedOutput(fmt.Sprintf("echo %d > /tmp/lease", i)); err != nil {
			t.Fatalf("lease %d: %v %s", i, err, out)
		}
	}

	type job struct{ lease, session int }
	var jobs []job
	for s := 0; s < 20; s++ {
		jobs = append(jobs, job{0, s})
	}
	for l := 1; l < 5; l++ {
		for s := 0; s < 4; s++ {
			jobs = append(jobs, job{l, s})
		}
	}
	const payload = 256 << 10
	var wg sync.WaitGroup
	errs := make(chan error, len(jobs))
	for _, j := range jobs {
		c := tg.GoClient(key, leases[j.lease].ID.String()) // dialled here: it may t.Fatal
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, err := c.NewSession()
			if err != nil {
				errs <- err
				return
			}
			defer s.Close()
			cmd := fmt.Sprintf("echo lease=$(cat /tmp/lease) session=%d; head -c %d /dev/zero", j.session, payload)
			out, err := s.CombinedOutput(cmd)
			want := fmt.Sprintf("lease=%d session=%d\n", j.lease, j.session)
			if err != nil || !strings.HasPrefix(string(out), want) || len(out) != len(want)+payload {
				errs <- fmt.Errorf("lease %d session %d: %v: got %d bytes starting %q, want %q and %d bytes", j.lease, j.session, err, len(out), out[:min(len(out), 40)], want, payload)
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	// Each lease is metered apart: the first carried 20 sessions' payload, the others 4 each.
	for i, l := range leases {
		u, ok := tg.Usage(l.ID)
		n := uint64(4)
		if i == 0 {
			n = 20
		}
		if !ok || u.BytesOut < n*payload || u.BytesOut > n*payload+64<<10 {
			t.Errorf("lease %d metered %+v, want about %d bytes out", i, u, n*payload)
		}
	}
}
