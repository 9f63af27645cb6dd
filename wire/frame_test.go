package wire

import (
	"bytes"
	"crypto/rand"
	"errors"
	"math/big"
	"reflect"
	"testing"
	"time"

	"github.com/shaleprotocol/shale/voucher"
)

func testVoucher(t testing.TB) (*voucher.Voucher, *voucher.Terminate) {
	t.Helper()
	key, err := voucher.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	var order [32]byte
	order[31] = 7
	v, err := voucher.Sign(key, order, 3, big.NewInt(123456789))
	if err != nil {
		t.Fatal(err)
	}
	tm, err := voucher.SignTerminate(key, order, 3, big.NewInt(123456789))
	if err != nil {
		t.Fatal(err)
	}
	return v, tm
}

func sampleMessages(t testing.TB) []Message {
	v, tm := testVoucher(t)
	return []Message{
		&Invoice{Due: big.NewInt(10), Paid: big.NewInt(0), Escrow: new(big.Int).Lsh(big.NewInt(1), 200),
			PriceAmount: big.NewInt(1e16), Period: time.Minute, StartedAt: time.Unix(1700000000, 0),
			PaidThrough: time.Unix(1700000060, 0), Prepay: 5 * time.Minute, Grace: time.Minute, LastSeq: 9},
		&VoucherMessage{Voucher: v},
		&Ack{Seq: 3, Amount: big.NewInt(123456789)},
		&Ack{Seq: 0, Amount: big.NewInt(0)},
		&TerminateMessage{Terminate: tm},
		&Notice{Code: NoticeOverdue, Text: "payment overdue ✓"},
		&UsageRequest{},
		sampleUsage(),
	}
}

func TestFrameRoundTrip(t *testing.T) {
	var stream bytes.Buffer
	msgs := sampleMessages(t)
	for _, m := range msgs {
		b, err := EncodeFrame(m)
		if err != nil {
			t.Fatalf("%T: %v", m, err)
		}
		got, err := DecodeFrame(b)
		if err != nil {
			t.Fatalf("%T: decode: %v", m, err)
		}
		if !reflect.DeepEqual(normalize(got), normalize(m)) {
			t.Fatalf("round trip %T:\n got %+v\nwant %+v", m, got, m)
		}
		if err := WriteMessage(&stream, m); err != nil {
			t.Fatal(err)
		}
	}
	for _, want := range msgs {
		got, err := ReadMessage(&stream)
		if err != nil || !reflect.DeepEqual(normalize(got), normalize(want)) {
			t.Fatalf("stream: got %+v, %v; want %+v", got, err, want)
		}
	}
}

// normalize re-encodes big.Ints so DeepEqual ignores their internal representation.
func normalize(m Message) Message {
	n := func(x *big.Int) *big.Int { return new(big.Int).SetBytes(x.Bytes()) }
	switch m := m.(type) {
	case *Invoice:
		c := *m
		c.Due, c.Paid, c.Escrow, c.PriceAmount = n(m.Due), n(m.Paid), n(m.Escrow), n(m.PriceAmount)
		return &c
	case *Ack:
		return &Ack{Seq: m.Seq, Amount: n(m.Amount)}
	case *VoucherMessage:
		v := m.Voucher.Clone()
		v.Amount = n(v.Amount)
		return &VoucherMessage{Voucher: v}
	case *Usage:
		c := *m
		c.Due, c.Paid, c.Escrow = n(m.Due), n(m.Paid), n(m.Escrow)
		return &c
	case *TerminateMessage:
		t := *m.Terminate
		t.FinalAmount = n(t.FinalAmount)
		return &TerminateMessage{Terminate: &t}
	}
	return m
}

func TestFrameRejectsMalformed(t *testing.T) {
	ack, _ := EncodeFrame(&Ack{Seq: 1, Amount: big.NewInt(5)})
	notice, _ := EncodeFrame(&Notice{Code: NoticeInfo, Text: "hi"})
	mut := func(b []byte, f func([]byte) []byte) []byte { return f(append([]byte(nil), b...)) }
	tests := []struct {
		name string
		b    []byte
	}{
		{"empty", nil},
		{"short length", []byte{0, 0}},
		{"length too small", []byte{0, 0, 0, 1, 1}},
		{"length mismatch", mut(ack, func(b []byte) []byte { return b[:len(b)-1] })},
		{"trailing byte", mut(ack, func(b []byte) []byte { b[3]++; return append(b, 0) })},
		{"bad version", mut(ack, func(b []byte) []byte { b[4] = 2; return b })},
		{"unknown type", mut(ack, func(b []byte) []byte { b[5] = 99; return b })},
		{"amount leading zero", []byte{0, 0, 0, 13, 1, msgAck, 0, 0, 0, 0, 0, 0, 0, 1, 2, 0, 5}},
		{"amount too long", []byte{0, 0, 0, 11, 1, msgAck, 0, 0, 0, 0, 0, 0, 0, 1, 33}},
		{"truncated notice", mut(notice, func(b []byte) []byte { b[3]--; return b[:len(b)-1] })},
		{"notice not utf8", []byte{0, 0, 0, 6, 1, msgNotice, 1, 0, 1, 0xff}},
		{"voucher garbage", []byte{0, 0, 0, 5, 1, msgVoucher, 1, 2, 3}},
		{"oversize", append([]byte{0, 0, 0x10, 0x01, 1, msgNotice}, make([]byte, 4095)...)},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if m, err := DecodeFrame(tc.b); !errors.Is(err, ErrFrame) {
				t.Fatalf("decoded %+v, err %v; want ErrFrame", m, err)
			}
		})
	}
}

func FuzzDecodeFrame(f *testing.F) {
	for _, m := range sampleMessages(f) {
		b, err := EncodeFrame(m)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte{0, 0, 0, 2, 1, msgAck})
	f.Add([]byte{0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := DecodeFrame(b)
		if err != nil {
			if !errors.Is(err, ErrFrame) {
				t.Fatalf("error %v does not wrap ErrFrame", err)
			}
			return
		}
		// Exactly one encoding per message: what decodes re-encodes to the same bytes.
		again, err := EncodeFrame(m)
		if err != nil {
			t.Fatalf("decoded %+v does not re-encode: %v", m, err)
		}
		if !bytes.Equal(again, b) {
			t.Fatalf("re-encoding differs:\n in %x\nout %x", b, again)
		}
		if _, err := ReadMessage(bytes.NewReader(b)); err != nil {
			t.Fatalf("ReadMessage disagrees with DecodeFrame: %v", err)
		}
	})
}
