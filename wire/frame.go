package wire

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/big"
	"time"
	"unicode/utf8"

	"github.com/shaleprotocol/shale/voucher"
)

// PaymentChannel is the SSH channel type that carries the payment protocol: the client opens
// it, the gateway sends an invoice first, and both sides then exchange the frames below.
const PaymentChannel = "payment-v1@shale"

// Payment channel wire format, version 1. Every message is one frame:
//
//	u32 length of what follows (2 + payload), big-endian, at most maxFrame
//	u8  version (1)
//	u8  type
//	... payload, whose layout depends on the type (below)
//
// Amounts are u8 length + minimal big-endian bytes (at most 32; zero is length 0); times
// are i64 Unix seconds; durations are u64 seconds. Decoders accept exactly one encoding of
// each message and reject trailing bytes, so a frame is never ambiguous.
const (
	frameVersion = 1
	maxFrame     = 4096

	msgInvoice   = 1 // gateway → client
	msgVoucher   = 2 // client → gateway
	msgAck       = 3 // gateway → client
	msgTerminate = 4 // client → gateway
	msgNotice    = 5 // gateway → client
)

// ErrFrame means a payment-channel frame or message is malformed.
var ErrFrame = errors.New("wire: malformed payment frame")

// Message is one payment-channel message: *Invoice, *VoucherMessage, *Ack, *TerminateMessage,
// *Notice, or with CapUsage *UsageRequest and *Usage.
type Message interface{ msgType() byte }

// Invoice tells the client where the lease stands; it is sent on channel open, after each
// ack and periodically.
type Invoice struct {
	Due         *big.Int // cost of the metered time so far
	Paid        *big.Int // amount of the last accepted voucher
	Escrow      *big.Int // the most any voucher may claim
	PriceAmount *big.Int
	Period      time.Duration
	StartedAt   time.Time // metering starts here
	PaidThrough time.Time // when Paid stops covering the lease
	Prepay      time.Duration
	Grace       time.Duration
	LastSeq     uint64 // the next voucher must have a larger seq
}

// VoucherMessage carries a signed cumulative voucher.
type VoucherMessage struct{ Voucher *voucher.Voucher }

// Ack confirms a voucher after it was durably stored.
type Ack struct {
	Seq    uint64
	Amount *big.Int
}

// TerminateMessage carries the client's signed request to end the lease now.
type TerminateMessage struct{ Terminate *voucher.Terminate }

// NoticeCode classifies a notice.
type NoticeCode uint8

// Notice codes.
const (
	NoticeInfo        NoticeCode = 1
	NoticeLowBalance  NoticeCode = 2
	NoticeOverdue     NoticeCode = 3
	NoticeTerminating NoticeCode = 4
	NoticeRejected    NoticeCode = 5 // a voucher or terminate was refused; nothing changed
)

// Notice is a human-readable message from the gateway.
type Notice struct {
	Code NoticeCode
	Text string
}

const maxNoticeText = 1024

func (*Invoice) msgType() byte          { return msgInvoice }
func (*VoucherMessage) msgType() byte   { return msgVoucher }
func (*Ack) msgType() byte              { return msgAck }
func (*TerminateMessage) msgType() byte { return msgTerminate }
func (*Notice) msgType() byte           { return msgNotice }

// EncodeFrame encodes m as one complete frame.
func EncodeFrame(m Message) ([]byte, error) {
	var p []byte
	var err error
	switch m := m.(type) {
	case *Invoice:
		for _, a := range []*big.Int{m.Due, m.Paid, m.Escrow, m.PriceAmount} {
			if p, err = appendAmount(p, a); err != nil {
				return nil, err
			}
		}
		p = binary.BigEndian.AppendUint64(p, durSecs(m.Period))
		p = binary.BigEndian.AppendUint64(p, uint64(m.StartedAt.Unix()))
		p = binary.BigEndian.AppendUint64(p, uint64(m.PaidThrough.Unix()))
		p = binary.BigEndian.AppendUint64(p, durSecs(m.Prepay))
		p = binary.BigEndian.AppendUint64(p, durSecs(m.Grace))
		p = binary.BigEndian.AppendUint64(p, m.LastSeq)
	case *VoucherMessage:
		if m.Voucher == nil {
			return nil, fmt.Errorf("%w: nil voucher", ErrFrame)
		}
		if p, err = m.Voucher.MarshalBinary(); err != nil {
			return nil, err
		}
	case *Ack:
		p = binary.BigEndian.AppendUint64(p, m.Seq)
		if p, err = appendAmount(p, m.Amount); err != nil {
			return nil, err
		}
	case *TerminateMessage:
		if m.Terminate == nil {
			return nil, fmt.Errorf("%w: nil terminate", ErrFrame)
		}
		if p, err = m.Terminate.MarshalBinary(); err != nil {
			return nil, err
		}
	case *Notice:
		if len(m.Text) > maxNoticeText || !utf8.ValidString(m.Text) {
			return nil, fmt.Errorf("%w: notice text too long or not UTF-8", ErrFrame)
		}
		p = append(p, byte(m.Code))
		p = binary.BigEndian.AppendUint16(p, uint16(len(m.Text)))
		p = append(p, m.Text...)
	case *UsageRequest:
	case *Usage:
		if p, err = appendUsage(p, m); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("%w: unknown message %T", ErrFrame, m)
	}
	if 2+len(p) > maxFrame {
		return nil, fmt.Errorf("%w: %d bytes", ErrFrame, 2+len(p))
	}
	out := binary.BigEndian.AppendUint32(make([]byte, 0, 6+len(p)), uint32(2+len(p)))
	out = append(out, frameVersion, m.msgType())
	return append(out, p...), nil
}

// DecodeFrame decodes one complete frame (length prefix included).
func DecodeFrame(b []byte) (Message, error) {
	if len(b) < 4 {
		return nil, fmt.Errorf("%w: short frame", ErrFrame)
	}
	n := binary.BigEndian.Uint32(b)
	if n < 2 || n > maxFrame || int(n) != len(b)-4 {
		return nil, fmt.Errorf("%w: length %d for %d bytes", ErrFrame, n, len(b)-4)
	}
	return decodeBody(b[4:])
}

// WriteMessage writes m as one frame.
func WriteMessage(w io.Writer, m Message) error {
	b, err := EncodeFrame(m)
	if err != nil {
		return err
	}
	if _, err := w.Write(b); err != nil {
		return fmt.Errorf("write payment frame: %w", err)
	}
	return nil
}

// ReadMessage reads one frame. A malformed body returns an error wrapping ErrFrame with the
// stream still aligned on the next frame; a bad length prefix cannot be recovered from.
func ReadMessage(r io.Reader) (Message, error) {
	var hdr [4]byte
	if _, err := io.ReadFull(r, hdr[:]); err != nil {
		return nil, err
	}
	n := binary.BigEndian.Uint32(hdr[:])
	if n < 2 || n > maxFrame {
		return nil, fmt.Errorf("%w: length %d: %w", ErrFrame, n, ErrOutOfSync)
	}
	body := make([]byte, n)
	if _, err := io.ReadFull(r, body); err != nil {
		return nil, fmt.Errorf("read payment frame: %w", err)
	}
	return decodeBody(body)
}

// ErrOutOfSync means a frame's length prefix was unusable, so the stream cannot be read on.
var ErrOutOfSync = errors.New("wire: stream out of sync")

func decodeBody(b []byte) (Message, error) {
	if b[0] != frameVersion {
		return nil, fmt.Errorf("%w: version %d, want %d", ErrFrame, b[0], frameVersion)
	}
	d := &decoder{b: b[2:]}
	var m Message
	switch b[1] {
	case msgInvoice:
		inv := &Invoice{Due: d.amount(), Paid: d.amount(), Escrow: d.amount(), PriceAmount: d.amount()}
		inv.Period = d.dur()
		inv.StartedAt = time.Unix(int64(d.u64()), 0)
		inv.PaidThrough = time.Unix(int64(d.u64()), 0)
		inv.Prepay = d.dur()
		inv.Grace = d.dur()
		inv.LastSeq = d.u64()
		m = inv
	case msgVoucher:
		v, err := voucher.DecodeBinary(d.rest())
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrFrame, err)
		}
		m = &VoucherMessage{Voucher: v}
	case msgAck:
		m = &Ack{Seq: d.u64(), Amount: d.amount()}
	case msgTerminate:
		t, err := voucher.DecodeTerminateBinary(d.rest())
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrFrame, err)
		}
		m = &TerminateMessage{Terminate: t}
	case msgNotice:
		code := NoticeCode(d.u8())
		text := string(d.bytes(int(d.u16())))
		if d.err == nil && (len(text) > maxNoticeText || !utf8.ValidString(text)) {
			d.err = fmt.Errorf("notice text too long or not UTF-8")
		}
		m = &Notice{Code: code, Text: text}
	case msgUsageRequest:
		m = &UsageRequest{}
	case msgUsage:
		m = decodeUsage(d)
	default:
		return nil, fmt.Errorf("%w: unknown type %d", ErrFrame, b[1])
	}
	if d.err == nil && len(d.b) != 0 {
		d.err = fmt.Errorf("%d trailing bytes", len(d.b))
	}
	if d.err != nil {
		return nil, fmt.Errorf("%w: type %d: %v", ErrFrame, b[1], d.err)
	}
	return m, nil
}

// decoder reads fixed fields, remembering the first error so field lists stay readable.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) bytes(n int) []byte {
	if d.err != nil {
		return nil
	}
	if n > len(d.b) {
		d.err = fmt.Errorf("truncated")
		return nil
	}
	out := d.b[:n]
	d.b = d.b[n:]
	return out
}

func (d *decoder) rest() []byte { out := d.b; d.b = nil; return out }

func (d *decoder) u8() uint8 {
	b := d.bytes(1)
	if b == nil {
		return 0
	}
	return b[0]
}

func (d *decoder) u16() uint16 {
	b := d.bytes(2)
	if b == nil {
		return 0
	}
	return binary.BigEndian.Uint16(b)
}

func (d *decoder) u64() uint64 {
	b := d.bytes(8)
	if b == nil {
		return 0
	}
	return binary.BigEndian.Uint64(b)
}

func (d *decoder) dur() time.Duration {
	s := d.u64()
	if s > uint64(1<<63-1)/uint64(time.Second) {
		if d.err == nil {
			d.err = fmt.Errorf("duration %d s out of range", s)
		}
		return 0
	}
	return time.Duration(s) * time.Second
}

func (d *decoder) amount() *big.Int {
	n := int(d.u8())
	if d.err == nil && n > 32 {
		d.err = fmt.Errorf("amount of %d bytes", n)
	}
	b := d.bytes(n)
	if d.err != nil {
		return nil
	}
	if n > 0 && b[0] == 0 {
		d.err = fmt.Errorf("amount with a leading zero byte")
		return nil
	}
	return new(big.Int).SetBytes(b)
}

func appendAmount(p []byte, a *big.Int) ([]byte, error) {
	if a == nil || a.Sign() < 0 || a.BitLen() > 256 {
		return nil, fmt.Errorf("%w: amount %v out of range", ErrFrame, a)
	}
	b := a.Bytes()
	p = append(p, byte(len(b)))
	return append(p, b...), nil
}

func durSecs(d time.Duration) uint64 {
	if d < 0 {
		return 0
	}
	return uint64(d / time.Second)
}
