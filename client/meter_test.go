package client_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/shaleprotocol/shale/client"
	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/lease"
)

// meterWorld is a running lease behind a real gateway that nothing pays for yet.
func meterWorld(t *testing.T) (*world, *provider, lease.LeaseID, string) {
	t.Helper()
	w := newWorld(t, 10)
	sp := w.provider("f01000", providerOpts{gateway: true})
	done := w.order("--miner=f01000", "--price=0.01fil/min", "--image=shale/busybox:bookworm", "--prepay=4s", "--no-pay")
	ev := w.created(0)
	id := sp.start(ev)
	(<-done).wantOK(t)
	return w, sp, id, ev.Escrow.String()
}

// background runs `shale args...` with stdout until stop is called, which returns the result.
func (w *world) background(stdout io.Writer, args ...string) (stop func() int) {
	ctx, cancel := context.WithCancel(w.ctx)
	res := make(chan int, 1)
	go func() {
		var errb testsupport.SyncBuffer
		res <- client.Execute(ctx, w.env(strings.NewReader(""), stdout, &errb), append([]string{"--config", w.config}, args...))
	}()
	return func() int {
		cancel()
		return <-res
	}
}

func TestPayMeter(t *testing.T) {
	w, sp, id, escrow := meterWorld(t)
	lid := id.String()

	t.Run("json lines", func(t *testing.T) {
		var out testsupport.SyncBuffer
		stop := w.background(&out, "pay", "-o", "json", lid)
		var last client.MeterRecord
		testsupport.Eventually(t, time.Minute, "a JSON meter line with the prepay acked and bytes", func() error {
			lines := strings.Split(strings.TrimSpace(out.String()), "\n")
			for _, l := range lines {
				if l == "" {
					continue
				}
				var rec client.MeterRecord
				dec := json.NewDecoder(strings.NewReader(l))
				dec.DisallowUnknownFields()
				if err := dec.Decode(&rec); err != nil {
					t.Fatalf("not a JSON meter line: %q: %v", l, err)
				}
				last = rec
			}
			// 4 s of prepay at 0.01 FIL/min is 6.67e14 attoFIL.
			if !last.BytesKnown || len(last.PaidAtto) < 15 {
				return fmt.Errorf("last line %+v", last)
			}
			return nil
		})
		if code := stop(); code != 0 {
			t.Fatalf("pay exit %d", code)
		}
		if last.Lease != lid || last.EscrowAtto != escrow || last.Price != "0.01 FIL/min" {
			t.Fatalf("record %+v: want lease %s, escrow %s, the order's price", last, lid, escrow)
		}
		if last.RunsOutInS <= 0 || last.RunsOutInS > 3600 {
			t.Fatalf("escrow runs out in %d s; the lease is an hour", last.RunsOutInS)
		}
	})

	t.Run("lines when not a terminal", func(t *testing.T) {
		var out testsupport.SyncBuffer
		stop := w.background(&out, "pay", "--every", "1s", lid)
		testsupport.Eventually(t, time.Minute, "two meter lines", func() error {
			if n := strings.Count(out.String(), "\n"); n < 2 {
				return fmt.Errorf("%d lines: %q", n, out.String())
			}
			return nil
		})
		stop()
		line := strings.SplitN(out.String(), "\n", 2)[0]
		for _, want := range []string{"lease " + lid, "elapsed ", "rate 0.01 FIL/min", "paid ", "due ", "escrow left ", "runs out in ", "bandwidth in "} {
			if !strings.Contains(line, want) {
				t.Errorf("line lacks %q: %q", want, line)
			}
		}
		if strings.Contains(out.String(), "\x1b") {
			t.Errorf("escape sequences in a non-terminal meter: %q", out.String())
		}
	})

	t.Run("block redrawn on a terminal", func(t *testing.T) {
		ptmx, tty, err := pty.Open()
		if err != nil {
			t.Fatal(err)
		}
		defer ptmx.Close()
		defer tty.Close()
		var screen testsupport.SyncBuffer
		go func() { _, _ = io.Copy(&screen, ptmx) }()
		stop := w.background(tty, "pay", lid)
		testsupport.Eventually(t, time.Minute, "the block redrawn in place", func() error {
			// Seven rows: the redraw moves up seven lines and clears.
			if !strings.Contains(screen.String(), "\x1b[7A\x1b[J") || !regexp.MustCompile(`escrow left +\d`).MatchString(screen.String()) {
				return fmt.Errorf("screen %q", screen.String())
			}
			return nil
		})
		stop()
	})

	t.Run("leases --live", func(t *testing.T) {
		out := w.run("leases", "--live").wantOK(t).stdout
		if !regexp.MustCompile(`LEASE\s+STATE\s+ELAPSED\s+RATE\s+PAID \(ACKED\)\s+DUE\s+ESCROW LEFT\s+RUNS OUT IN\s+BYTES IN/OUT\s+PAYER\n`).MatchString(out) ||
			!regexp.MustCompile(regexp.QuoteMeta(lid)+`\s+Running\s+\d+\S*s\s+0\.01 FIL/min\s+0\.\d+ FIL\s+\S+ FIL\s+0\.\d+ FIL\s+\S+\s+\d+(\.\d)? \S*B / \d+(\.\d)? \S*B\s+not running\n`).MatchString(out) {
			t.Fatalf("leases --live:\n%s", out)
		}
		var recs []client.LeaseRecord
		if err := json.Unmarshal([]byte(w.run("leases", "--live", "-o", "json").wantOK(t).stdout), &recs); err != nil {
			t.Fatal(err)
		}
		if len(recs) != 1 || recs[0].Meter == nil || recs[0].Meter.EscrowAtto != escrow || recs[0].Meter.PaidAtto == "0" {
			t.Fatalf("leases --live -o json: %+v", recs)
		}
		// Without --live no gateway is asked.
		if strings.Contains(w.run("leases").wantOK(t).stdout, "ESCROW LEFT") {
			t.Fatal("plain leases shows the live columns")
		}
	})

	// A gateway that no longer serves the lease: the listing still succeeds and says why.
	t.Run("leases --live, gateway refuses", func(t *testing.T) {
		sp.gw.Unregister(id)
		out := w.run("leases", "--live").wantOK(t).stdout
		if !regexp.MustCompile(regexp.QuoteMeta(lid) + `\s+Running \(gateway unreachable: .*handshake.*\)`).MatchString(out) {
			t.Fatalf("leases --live:\n%s", out)
		}
		var recs []client.LeaseRecord
		if err := json.Unmarshal([]byte(w.run("leases", "--live", "-o", "json").wantOK(t).stdout), &recs); err != nil {
			t.Fatal(err)
		}
		if len(recs) != 1 || recs[0].Meter != nil || recs[0].MeterError == "" {
			t.Fatalf("leases --live -o json: %+v", recs)
		}
	})
}

func TestPayEveryBounds(t *testing.T) {
	w := newWorld(t, 0)
	lid := "31337-0x" + strings.Repeat("00", 32)
	for _, tc := range []struct{ every, want string }{
		{"0s", "--every 0s is out of range: give a duration from 1s to 24h0m0s"},
		{"-5s", "--every -5s is out of range"},
		{"999ms", "--every 999ms is out of range"},
		{"25h", "--every 25h0m0s is out of range"},
		{"9223372036854775807ns", "out of range"},
		{"soon", `invalid argument "soon" for "--every"`},
	} {
		t.Run(tc.every, func(t *testing.T) {
			w.run("pay", "--every", tc.every, lid).wantErr(t, tc.want)
		})
	}
}

func TestSSHTitleMeter(t *testing.T) {
	w, sp, id, _ := meterWorld(t)
	lid := id.String()
	session := func(t *testing.T, args ...string) *testsupport.SyncBuffer {
		ptmx, tty, err := pty.Open()
		if err != nil {
			t.Fatal(err)
		}
		defer ptmx.Close()
		defer tty.Close()
		res := make(chan int, 1)
		go func() {
			var errb testsupport.SyncBuffer
			res <- client.Execute(w.ctx, w.env(tty, tty, &errb), append([]string{"--config", w.config, "ssh"}, args...))
		}()
		var screen testsupport.SyncBuffer
		go func() { _, _ = io.Copy(&screen, ptmx) }()
		// Two vouchers a second apart: the payment channel has been up through usage reports.
		var seqs []uint64
		testsupport.Eventually(t, time.Minute, "two vouchers from this session", func() error {
			if v := sp.gw.LastVoucher(id); v != nil && (len(seqs) == 0 || seqs[len(seqs)-1] != v.Seq) {
				seqs = append(seqs, v.Seq)
			}
			if len(seqs) < 3 {
				return fmt.Errorf("vouchers %v", seqs)
			}
			return nil
		})
		if _, err := ptmx.Write([]byte("echo done-$((2*21))\n")); err != nil {
			t.Fatal(err)
		}
		testsupport.Eventually(t, time.Minute, "shell output", func() error {
			if !strings.Contains(screen.String(), "done-42") {
				return fmt.Errorf("screen %q", screen.String())
			}
			return nil
		})
		if _, err := ptmx.Write([]byte("exit\n")); err != nil {
			t.Fatal(err)
		}
		if code := <-res; code != 0 {
			t.Fatalf("ssh exit %d", code)
		}
		return &screen
	}

	t.Run("title", func(t *testing.T) {
		sb := session(t, lid)
		// Restoring the title is the session's last write.
		testsupport.Eventually(t, time.Minute, "the title restored", func() error {
			if !strings.HasSuffix(strings.TrimRight(sb.String(), "\r\n"), "\x1b[23;0t") {
				return fmt.Errorf("screen ends %q", sb.String()[max(0, len(sb.String())-80):])
			}
			return nil
		})
		screen := sb.String()
		if !regexp.MustCompile(`\x1b\]0;shale ` + regexp.QuoteMeta(lid) + ` · \d+\S*s · paid \S+ FIL · escrow left \S+ FIL\x07`).MatchString(screen) {
			t.Fatalf("no meter title on the screen: %q", screen)
		}
		if !strings.Contains(screen, "\x1b[22;0t") {
			t.Fatalf("the title before the session is not saved: %q", screen)
		}
	})
	t.Run("no-title", func(t *testing.T) {
		if screen := session(t, "--no-title", lid).String(); strings.Contains(screen, "\x1b]0;") {
			t.Fatalf("a title despite --no-title: %q", screen)
		}
	})
}
