package bridge

import (
	"encoding/json"
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/shaleprotocol/shale/lease"
)

// OrderView is an order record as operators and their tools read it (`shale-bridge status -o
// json`, GET /v1/orders). The stored record keeps Go's encoding of its fields; this form has
// ids, keys and addresses as 0x-hex, money as exact FIL strings (no float can round it), the
// spec as the JSON the client signed, and times that have not happened left out.
type OrderView struct {
	ID          string          `json:"id"`
	LeaseID     string          `json:"lease_id"`
	State       State           `json:"state"`
	Client      string          `json:"client"` // EIP-55 checksummed
	MinerID     string          `json:"miner_id"`
	Nonce       string          `json:"nonce"` // decimal
	PaymentKey  string          `json:"payment_key"`
	Price       string          `json:"price"`        // e.g. "0.01 FIL/min"
	PriceAmount string          `json:"price_amount"` // per price_period
	PricePeriod uint64          `json:"price_period"` // seconds
	Duration    uint64          `json:"duration"`     // seconds
	Escrow      string          `json:"escrow"`
	Spec        json.RawMessage `json:"spec,omitempty"`
	SpecHex     string          `json:"spec_hex,omitempty"` // the spec bytes when they are not JSON
	Block       uint64          `json:"block"`
	SeenAt      time.Time       `json:"seen_at"`

	Reason       string     `json:"reason,omitempty"`
	JobID        string     `json:"job_id,omitempty"`
	ExpiresAt    *time.Time `json:"expires_at,omitempty"`
	AcceptedAt   *time.Time `json:"accepted_at,omitempty"`
	RegisteredAt *time.Time `json:"registered_at,omitempty"`
	AllocID      string     `json:"alloc_id,omitempty"`
	NodeID       string     `json:"node_id,omitempty"`
	Endpoint     string     `json:"endpoint,omitempty"`
	StartedAt    *time.Time `json:"started_at,omitempty"`
	EndTime      *time.Time `json:"end_time,omitempty"`
	Terminated   bool       `json:"terminated,omitempty"`
	EndedAt      *time.Time `json:"ended_at,omitempty"`
	Voucher      string     `json:"voucher,omitempty"` // the final voucher's binary encoding
	Amount       string     `json:"amount,omitempty"`  // what the final voucher proves
	Paid         string     `json:"paid,omitempty"`    // what settlement paid: at most amount, capped at the time the lease ran
	CollectedAt  *time.Time `json:"collected_at,omitempty"`
	Batch        uint64     `json:"batch,omitempty"`
	SettledAt    *time.Time `json:"settled_at,omitempty"`
	SettleTx     string     `json:"settle_tx,omitempty"`

	Attempts  int        `json:"attempts,omitempty"`
	NextTry   *time.Time `json:"next_try,omitempty"`
	LastError string     `json:"last_error,omitempty"`
}

// View is o in its readable form.
func (o *Order) View() OrderView {
	v := OrderView{
		ID:          o.Hex(),
		LeaseID:     o.LeaseID,
		State:       o.State,
		Client:      common.Address(o.Client).Hex(),
		MinerID:     o.MinerID,
		Nonce:       decimal(o.Nonce),
		PaymentKey:  fmt.Sprintf("0x%x", o.PaymentKey),
		PriceAmount: fil(o.PriceAmount),
		PricePeriod: o.PricePeriod,
		Duration:    o.Duration,
		Escrow:      fil(o.Escrow),
		Block:       o.Block,
		SeenAt:      o.SeenAt,

		Reason:       o.Reason,
		JobID:        o.JobID,
		ExpiresAt:    optTime(o.ExpiresAt),
		AcceptedAt:   optTime(o.AcceptedAt),
		RegisteredAt: optTime(o.RegisteredAt),
		AllocID:      o.AllocID,
		NodeID:       o.NodeID,
		Endpoint:     o.Endpoint,
		StartedAt:    optTime(o.StartedAt),
		EndTime:      optTime(o.EndTime),
		Terminated:   o.Terminated,
		EndedAt:      optTime(o.EndedAt),
		CollectedAt:  optTime(o.CollectedAt),
		Batch:        o.Batch,
		SettledAt:    optTime(o.SettledAt),
		SettleTx:     o.SettleTx,
		Attempts:     o.Attempts,
		NextTry:      optTime(o.NextTry),
		LastError:    o.LastError,
	}
	if o.PriceAmount != nil && o.PricePeriod != 0 {
		v.Price = lease.Price{Amount: o.PriceAmount, Period: time.Duration(o.PricePeriod) * time.Second}.Display()
	}
	if json.Valid(o.Spec) {
		v.Spec = json.RawMessage(o.Spec)
	} else if len(o.Spec) > 0 {
		v.SpecHex = fmt.Sprintf("0x%x", o.Spec)
	}
	if len(o.Voucher) > 0 {
		v.Voucher = fmt.Sprintf("0x%x", o.Voucher)
	}
	if o.Amount != nil {
		v.Amount = fil(o.Amount)
	}
	if o.Paid != nil {
		v.Paid = fil(o.Paid)
	}
	return v
}

// Views is every order's View, in order.
func Views(orders []*Order) []OrderView {
	vs := make([]OrderView, len(orders))
	for i, o := range orders {
		vs[i] = o.View()
	}
	return vs
}

func fil(a *big.Int) string {
	if a == nil {
		return ""
	}
	return lease.FormatFIL(a)
}

func decimal(n *big.Int) string {
	if n == nil {
		return ""
	}
	return n.String()
}

func optTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}
