package wire

import (
	"encoding/binary"
	"fmt"
	"math/big"
	"time"
)

// Capabilities are the optional parts of the payment protocol a client understands. The
// client names them in the payment channel's open data; a gateway sends a client only the
// messages it named, so a client built before a capability existed never sees its frames.
type Capabilities uint32

// CapUsage: the client reads Usage messages and may send UsageRequest.
const CapUsage Capabilities = 1 << 0

// openDataLen is the size of the payment channel's open data when capabilities are named.
const openDataLen = 4

// EncodeOpen is the payment channel's open data naming caps; no capabilities is no data,
// exactly what clients before capabilities send.
func EncodeOpen(caps Capabilities) []byte {
	if caps == 0 {
		return nil
	}
	return binary.BigEndian.AppendUint32(nil, uint32(caps))
}

// DecodeOpen reads the capabilities from a payment channel's open data. Empty data is an old
// client (none); bits this version does not know are kept, and the gateway ignores them.
func DecodeOpen(b []byte) (Capabilities, error) {
	switch len(b) {
	case 0:
		return 0, nil
	case openDataLen:
		return Capabilities(binary.BigEndian.Uint32(b)), nil
	}
	return 0, fmt.Errorf("%w: payment channel open data of %d bytes, want 0 or %d", ErrFrame, len(b), openDataLen)
}

// UsageRequest asks the gateway for a Usage now (it also sends one with every invoice and
// once a second); it has no payload.
type UsageRequest struct{}

// Usage is the gateway's meter for the lease: time, money and bytes, all in integers.
type Usage struct {
	At          time.Time     // the gateway's clock when it measured
	Elapsed     time.Duration // metered lease time, whole seconds
	Due         *big.Int      // attoFIL owed for Elapsed, at most Escrow
	Paid        *big.Int      // attoFIL of the last accepted (acked) voucher
	Escrow      *big.Int      // attoFIL the order escrowed: the most any voucher may claim
	PaidThrough time.Time     // when Paid stops covering the lease
	EscrowEnds  time.Time     // when Due reaches Escrow
	BytesIn     uint64        // client → container, every session and forward
	BytesOut    uint64        // container → client
	Bandwidth   uint64        // the lease's cap in bytes a second, both directions each; 0 is none
}

// EscrowLeft is what the escrow still holds beyond what was paid; never negative.
func (u *Usage) EscrowLeft() *big.Int {
	left := new(big.Int).Sub(u.Escrow, u.Paid)
	if left.Sign() < 0 {
		left.SetInt64(0)
	}
	return left
}

// Arrears is what is due and not yet paid; never negative.
func (u *Usage) Arrears() *big.Int {
	a := new(big.Int).Sub(u.Due, u.Paid)
	if a.Sign() < 0 {
		a.SetInt64(0)
	}
	return a
}

const (
	msgUsageRequest = 6 // client → gateway, with CapUsage
	msgUsage        = 7 // gateway → client, with CapUsage
)

func (*UsageRequest) msgType() byte { return msgUsageRequest }
func (*Usage) msgType() byte        { return msgUsage }

func appendUsage(p []byte, u *Usage) ([]byte, error) {
	p = binary.BigEndian.AppendUint64(p, uint64(u.At.Unix()))
	p = binary.BigEndian.AppendUint64(p, durSecs(u.Elapsed))
	var err error
	for _, a := range []*big.Int{u.Due, u.Paid, u.Escrow} {
		if p, err = appendAmount(p, a); err != nil {
			return nil, err
		}
	}
	p = binary.BigEndian.AppendUint64(p, uint64(u.PaidThrough.Unix()))
	p = binary.BigEndian.AppendUint64(p, uint64(u.EscrowEnds.Unix()))
	p = binary.BigEndian.AppendUint64(p, u.BytesIn)
	p = binary.BigEndian.AppendUint64(p, u.BytesOut)
	return binary.BigEndian.AppendUint64(p, u.Bandwidth), nil
}

func decodeUsage(d *decoder) *Usage {
	u := &Usage{At: time.Unix(int64(d.u64()), 0), Elapsed: d.dur()}
	u.Due, u.Paid, u.Escrow = d.amount(), d.amount(), d.amount()
	u.PaidThrough = time.Unix(int64(d.u64()), 0)
	u.EscrowEnds = time.Unix(int64(d.u64()), 0)
	u.BytesIn, u.BytesOut, u.Bandwidth = d.u64(), d.u64(), d.u64()
	return u
}
