package client

import (
	"bytes"
	"encoding/json"
	"math/big"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/shaleprotocol/shale/lease"
	"github.com/shaleprotocol/shale/tunnel"
	"github.com/shaleprotocol/shale/wire"
)

func TestHumanBytes(t *testing.T) {
	for n, want := range map[uint64]string{
		0: "0 B", 1023: "1023 B", 1024: "1.0 KiB", 1536: "1.5 KiB", 10 << 20: "10.0 MiB",
		1<<30 - 1: "1023.9 MiB", 1 << 40: "1.0 TiB", 1<<64 - 1: "15.9 EiB",
	} {
		if got := humanBytes(n); got != want {
			t.Errorf("humanBytes(%d) = %q, want %q", n, got, want)
		}
	}
}

func reading(at int64, paid, due int64, in, out uint64) *tunnel.Usage {
	start := time.Unix(1_700_000_000, 0)
	return &tunnel.Usage{Usage: wire.Usage{
		At: start.Add(time.Duration(at) * time.Second), Elapsed: time.Duration(at) * time.Second,
		Due: big.NewInt(due), Paid: big.NewInt(paid), Escrow: new(big.Int).Mul(big.NewInt(6), big.NewInt(1e17)),
		PaidThrough: start.Add(time.Minute), EscrowEnds: start.Add(time.Hour), BytesIn: in, BytesOut: out, Bandwidth: 1 << 20,
	}}
}

func TestMeterRecord(t *testing.T) {
	price := lease.MustParsePrice("0.01fil/min")
	tests := []struct {
		name       string
		u, prev    *tunnel.Usage
		throughput uint64
		arrears    string
		runsOut    int64
	}{
		{"first reading", reading(10, 5, 3, 100, 200), nil, 0, "0", 3590},
		{"throughput over two seconds", reading(12, 5, 3, 1100, 3200), reading(10, 5, 3, 100, 200), 2000, "0", 3588},
		// Counters that went down (a restarted gateway) give no throughput, not a huge one.
		{"counters reset", reading(12, 5, 3, 0, 0), reading(10, 5, 3, 100, 200), 0, "0", 3588},
		{"unpaid", reading(20, 3, 10, 0, 0), nil, 0, "7", 3580},
		{"past the escrow's end", reading(4000, 3, 10, 0, 0), nil, 0, "7", 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := meterRecord("314-0x01", price, tc.u, tc.prev)
			if r.ThroughputBps != tc.throughput || r.ArrearsAtto != tc.arrears || r.RunsOutInS != tc.runsOut {
				t.Fatalf("record %+v: want throughput %d, arrears %s, runs out in %d", r, tc.throughput, tc.arrears, tc.runsOut)
			}
			if r.EscrowAtto != "600000000000000000" || r.Price != "0.01 FIL/min" {
				t.Fatalf("record %+v", r)
			}
		})
	}
}

func TestMeterWriterModes(t *testing.T) {
	price := lease.MustParsePrice("0.01fil/min")
	for _, tc := range []struct {
		mode  meterMode
		every time.Duration
		check func(t *testing.T, out string)
	}{
		{meterJSON, time.Nanosecond, func(t *testing.T, out string) {
			lines := strings.Split(strings.TrimSpace(out), "\n")
			if len(lines) != 3 {
				t.Fatalf("%d JSON lines, want 3: %q", len(lines), out)
			}
			for _, l := range lines {
				var r MeterRecord
				if err := json.Unmarshal([]byte(l), &r); err != nil || r.Lease != "314-0x01" {
					t.Fatalf("line %q: %v", l, err)
				}
			}
		}},
		// An hour between lines: only the first of three readings is written.
		{meterLinesMode, time.Hour, func(t *testing.T, out string) {
			if strings.Count(out, "\n") != 1 || !strings.Contains(out, "bandwidth in 100 B, out 200 B, now 0 B/s (cap 1.0 MiB/s)") {
				t.Fatalf("lines: %q", out)
			}
		}},
		{meterBlock, time.Hour, func(t *testing.T, out string) {
			if strings.Count(out, "\x1b[7A\x1b[J") != 2 || strings.Count(out, "escrow left") != 3 {
				t.Fatalf("block: %q", out)
			}
		}},
	} {
		var b bytes.Buffer
		m := &meterWriter{w: &b, mode: tc.mode, lease: "314-0x01", price: price, every: tc.every}
		for i := int64(0); i < 3; i++ {
			m.update(*reading(10+i, 5, 3, 100, 200))
		}
		tc.check(t, b.String())
	}
}

// A notice printed below the block makes the next reading a new block under it, not a
// redraw over the notice.
func TestMeterBlockAfterNotice(t *testing.T) {
	var b bytes.Buffer
	m := &meterWriter{w: &b, mode: meterBlock, lease: "314-0x01", price: lease.MustParsePrice("1attofil/1s"), every: time.Second}
	m.update(*reading(1, 1, 1, 0, 0))
	m.interrupted()
	m.update(*reading(2, 1, 1, 0, 0))
	m.update(*reading(3, 1, 1, 0, 0))
	if n := strings.Count(b.String(), "\x1b[7A"); n != 1 {
		t.Fatalf("%d redraws over earlier output, want 1 (only the last reading): %q", n, b.String())
	}
}

func TestTitleHasNoControlCharacters(t *testing.T) {
	var b bytes.Buffer
	tw := &titleWriter{mu: new(sync.Mutex), w: &b, lease: "314-0x01\x07\x1b]0;evil", price: lease.MustParsePrice("1attofil/1s")}
	tw.update(*reading(5, 1, 1, 0, 0))
	tw.restore()
	out := b.String()
	if want := "\x1b[22;0t\x1b]0;shale 314-0x01]0;evil · 5s · paid 0.000000000000000001 FIL · escrow left 0.599999999999999999 FIL\x07\x1b[23;0t"; out != want {
		t.Fatalf("title writes %q, want %q", out, want)
	}
}
