package bridge

import (
	"encoding/json"
	"fmt"
	"math/big"
	"time"
)

// State is where an order is in the bridge's state machine:
//
//	seen ─check─▶ accepting ─acceptOrder─▶ accepted ─register job─▶ registered
//	  │                                                                │ allocation running
//	  └─▶ rejecting ─rejectOrder─▶ rejected                            ▼
//	                                             running ◀─startLease─ starting
//	                                                │ terminate / expiry / container ended
//	                                                ▼
//	                        ending ─stop job─▶ ended ─read voucher─▶ collected ─release (nothing paid)─▶ settled
//	                                                                   │ paid: batch of ≤ K (or max wait)
//	                                                                   ▼
//	                                           settling ─settleBatch─▶ settled
//
// Orders the client cancels before acceptance end as cancelled; orders whose job never
// runs end as failed after their collateral was recovered (release).
type State string

// The states, in order.
const (
	Seen       State = "seen"
	Rejecting  State = "rejecting"
	Rejected   State = "rejected"
	Accepting  State = "accepting"
	Accepted   State = "accepted"
	Registered State = "registered"
	Starting   State = "starting"
	Running    State = "running"
	Ending     State = "ending"
	Ended      State = "ended"
	Collected  State = "collected"
	Settling   State = "settling"
	Settled    State = "settled"
	Cancelled  State = "cancelled"
	Failing    State = "failing"
	Failed     State = "failed"
	Vanished   State = "vanished"
)

// Final reports whether the bridge has nothing more to do for an order in s.
func (s State) Final() bool {
	switch s {
	case Rejected, Settled, Cancelled, Failed, Vanished:
		return true
	}
	return false
}

// Order is the bridge's record of one order: what the chain said and what the bridge did.
type Order struct {
	ID          [32]byte  `json:"id"`
	LeaseID     string    `json:"lease_id"`
	State       State     `json:"state"`
	Client      [20]byte  `json:"client"`
	MinerID     string    `json:"miner_id"`
	Nonce       *big.Int  `json:"nonce"`
	PaymentKey  [32]byte  `json:"payment_key"`
	PriceAmount *big.Int  `json:"price_amount"`
	PricePeriod uint64    `json:"price_period"`
	Duration    uint64    `json:"duration"`
	Escrow      *big.Int  `json:"escrow"`
	Spec        []byte    `json:"spec"`
	Block       uint64    `json:"block"` // where OrderCreated was seen
	SeenAt      time.Time `json:"seen_at"`

	Reason       string    `json:"reason,omitempty"` // rejection or failure, for people
	JobID        string    `json:"job_id,omitempty"`
	ExpiresAt    time.Time `json:"expires_at,omitempty"` // written into the job; fixed at acceptance
	AcceptedAt   time.Time `json:"accepted_at,omitempty"`
	RegisteredAt time.Time `json:"registered_at,omitempty"`
	AllocID      string    `json:"alloc_id,omitempty"`
	NodeID       string    `json:"node_id,omitempty"`
	Endpoint     string    `json:"endpoint,omitempty"`
	StartedAt    time.Time `json:"started_at,omitempty"`
	EndTime      time.Time `json:"end_time,omitempty"` // on-chain end (expiry or termination)
	Terminated   bool      `json:"terminated,omitempty"`
	EndedAt      time.Time `json:"ended_at,omitempty"`
	Voucher      []byte    `json:"voucher,omitempty"` // final voucher, binary encoding
	Amount       *big.Int  `json:"amount,omitempty"`  // what the final voucher proves
	Paid         *big.Int  `json:"paid,omitempty"`    // what settlement paid (OrderSettled): at most Amount, capped at the time run
	CollectedAt  time.Time `json:"collected_at,omitempty"`
	Batch        uint64    `json:"batch,omitempty"`
	SettledAt    time.Time `json:"settled_at,omitempty"`
	SettleTx     string    `json:"settle_tx,omitempty"`

	Attempts  int       `json:"attempts,omitempty"` // consecutive transient failures
	NextTry   time.Time `json:"next_try,omitempty"`
	LastError string    `json:"last_error,omitempty"`
}

// Hex is the order id as 0x-prefixed hex.
func (o *Order) Hex() string { return fmt.Sprintf("0x%x", o.ID) }

func (o *Order) encode() ([]byte, error) { return json.Marshal(o) }

func decodeOrder(b []byte) (*Order, error) {
	var o Order
	if err := json.Unmarshal(b, &o); err != nil {
		return nil, fmt.Errorf("decode order record: %w", err)
	}
	return &o, nil
}
