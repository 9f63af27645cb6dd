package wire

import (
	"errors"
	"math/big"
	"testing"
	"time"
)

func sampleUsage() *Usage {
	return &Usage{At: time.Unix(1700000090, 0), Elapsed: 90 * time.Second,
		Due: big.NewInt(15e15), Paid: big.NewInt(1e17), Escrow: new(big.Int).Lsh(big.NewInt(1), 255),
		PaidThrough: time.Unix(1700000600, 0), EscrowEnds: time.Unix(1700003600, 0),
		BytesIn: 1 << 40, BytesOut: 12345, Bandwidth: 1 << 20}
}

func TestOpenCapabilities(t *testing.T) {
	tests := []struct {
		name string
		data []byte
		want Capabilities
		bad  bool
	}{
		{"old client sends nothing", nil, 0, false},
		{"usage", EncodeOpen(CapUsage), CapUsage, false},
		{"unknown bits are kept", []byte{0x80, 0, 0, 1}, CapUsage | 1<<31, false},
		{"zero flags", []byte{0, 0, 0, 0}, 0, false},
		{"three bytes", []byte{0, 0, 1}, 0, true},
		{"five bytes", []byte{0, 0, 0, 1, 0}, 0, true},
		{"huge", make([]byte, 1<<16), 0, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := DecodeOpen(tc.data)
			if tc.bad {
				if !errors.Is(err, ErrFrame) {
					t.Fatalf("DecodeOpen(%x) = %v, %v; want ErrFrame", tc.data, got, err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("DecodeOpen(%x) = %v, %v; want %v", tc.data, got, err, tc.want)
			}
		})
	}
	if EncodeOpen(0) != nil {
		t.Fatal("no capabilities must encode as no data, as old clients send")
	}
}

func TestUsageRejectsMalformed(t *testing.T) {
	good, err := EncodeFrame(sampleUsage())
	if err != nil {
		t.Fatal(err)
	}
	req, _ := EncodeFrame(&UsageRequest{})
	mut := func(b []byte, f func([]byte) []byte) []byte { return f(append([]byte(nil), b...)) }
	tests := []struct {
		name string
		b    []byte
	}{
		{"request with a payload", mut(req, func(b []byte) []byte { b[3]++; return append(b, 7) })},
		{"usage truncated", mut(good, func(b []byte) []byte { b[3]--; return b[:len(b)-1] })},
		{"usage trailing byte", mut(good, func(b []byte) []byte { b[3]++; return append(b, 0) })},
		{"usage empty", []byte{0, 0, 0, 2, 1, msgUsage}},
		// Elapsed of 2^63 s does not fit a time.Duration.
		{"elapsed out of range", mut(good, func(b []byte) []byte { b[14] = 0x80; return b })},
		// Due's length byte (after At and Elapsed) claims 40 bytes.
		{"amount too long", mut(good, func(b []byte) []byte { b[22] = 40; return b })},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if m, err := DecodeFrame(tc.b); !errors.Is(err, ErrFrame) {
				t.Fatalf("decoded %+v, err %v; want ErrFrame", m, err)
			}
		})
	}
}

func TestUsageRefusesBadAmounts(t *testing.T) {
	for name, mod := range map[string]func(*Usage){
		"nil due":         func(u *Usage) { u.Due = nil },
		"negative paid":   func(u *Usage) { u.Paid = big.NewInt(-1) },
		"escrow 257 bits": func(u *Usage) { u.Escrow = new(big.Int).Lsh(big.NewInt(1), 256) },
	} {
		t.Run(name, func(t *testing.T) {
			u := sampleUsage()
			mod(u)
			if _, err := EncodeFrame(u); !errors.Is(err, ErrFrame) {
				t.Fatalf("encoded a usage with a bad amount: %v", err)
			}
		})
	}
}

func TestUsageDerivedAmounts(t *testing.T) {
	tests := []struct {
		due, paid, escrow int64
		left, arrears     int64
	}{
		{due: 10, paid: 4, escrow: 100, left: 96, arrears: 6},
		{due: 10, paid: 30, escrow: 100, left: 70, arrears: 0},
		{due: 100, paid: 100, escrow: 100, left: 0, arrears: 0},
		// A gateway's figures are shown, not trusted: paid above escrow clamps at zero.
		{due: 0, paid: 150, escrow: 100, left: 0, arrears: 0},
	}
	for _, tc := range tests {
		u := &Usage{Due: big.NewInt(tc.due), Paid: big.NewInt(tc.paid), Escrow: big.NewInt(tc.escrow)}
		if l, a := u.EscrowLeft(), u.Arrears(); l.Int64() != tc.left || a.Int64() != tc.arrears {
			t.Errorf("%+v: left %s arrears %s, want %d %d", tc, l, a, tc.left, tc.arrears)
		}
	}
}
