package bridge

import (
	"context"
	"errors"
	"math/big"
	"time"

	"github.com/hashicorp/nomad/api"

	"github.com/shaleprotocol/shale/contracts"
	"github.com/shaleprotocol/shale/outbox"
	"github.com/shaleprotocol/shale/prover"
)

// Chain is what the bridge needs from the marketplace, as the provider's account.
// OnChain implements it over the contracts package.
//
// Transactions are submitted, not awaited: each returns once its transaction is sent (Pending)
// and the bridge reads the chain's state to learn when it took effect. Submitting an action
// already in flight sends nothing and reports its transaction; one that failed on chain is
// reported once as the error, and may then be submitted again.
type Chain interface {
	// Head is the latest block's number and timestamp (the chain's clock).
	Head(ctx context.Context) (uint64, time.Time, error)
	Events(ctx context.Context, from, to uint64) ([]contracts.Event, error)
	// Order reads an order; one the chain does not know comes back in StateNone, not as an error.
	Order(ctx context.Context, id [32]byte) (contracts.Order, error)
	Accept(ctx context.Context, id [32]byte, collateral *big.Int) (outbox.Status, error)
	Reject(ctx context.Context, id [32]byte, reason string) (outbox.Status, error)
	StartLease(ctx context.Context, id [32]byte, endpoint string) (outbox.Status, error)
	// Release settles id for nothing owed; reason tells the client why (OrderReleased).
	Release(ctx context.Context, id [32]byte, reason string) (outbox.Status, error)
	// SettleBatch settles batch's ids with one proof; the contract pays each lease at most
	// its amount (less when the lease ran for less time than the voucher prepaid).
	SettleBatch(ctx context.Context, batch uint64, ids [][32]byte, amounts []*big.Int, proof []byte) (outbox.Status, error)
	// Settlement is batch's settlement transaction, if one is in flight or recently final.
	Settlement(batch uint64) (outbox.Status, bool)
	// Sync follows every transaction in flight (receipts, re-pricing, rebroadcasts).
	Sync(ctx context.Context) error
	// Transactions is what is in flight and what is wrong with it, for health.
	Transactions() outbox.Health
}

// Node is a Nomad client node able to run leases.
type Node struct {
	ID         string
	Name       string
	Attributes map[string]string
}

// Alloc is the part of a lease's allocation the bridge follows.
type Alloc struct {
	ID           string
	NodeID       string
	ClientStatus string // pending, running, complete, failed, lost
	TaskState    string // the lease task's state: pending, running, dead
	Failed       bool
	Events       []string // the lease task's event messages, oldest first
	// Failure is the driver's (or Nomad's) message when the task failed to start; a lease
	// never restarts, so it is final even before the allocation is.
	Failure string
}

// Terminal reports whether the allocation will not run (again).
func (a *Alloc) Terminal() bool {
	switch a.ClientStatus {
	case api.AllocClientStatusComplete, api.AllocClientStatusFailed, api.AllocClientStatusLost:
		return true
	}
	return false
}

// ErrNoFile means the file is not in the allocation's directory.
var ErrNoFile = errors.New("no such file in the allocation")

// Cluster is what the bridge needs from Nomad. NomadCluster implements it over the Nomad API;
// the bridge never talks to Docker or to nodes directly.
type Cluster interface {
	// Nodes lists the ready nodes whose shale driver is healthy.
	Nodes(ctx context.Context) ([]Node, error)
	// Plan dry-runs job; reason says why it would not be placed now ("" when it would).
	Plan(ctx context.Context, job *api.Job) (reason string, err error)
	// Register submits job unless a job with its id exists (it may only be submitted once:
	// re-registering a finished lease would run it again).
	Register(ctx context.Context, job *api.Job) error
	// Allocation is the job's latest allocation, nil when none was placed yet.
	Allocation(ctx context.Context, jobID string) (*Alloc, error)
	// Stop stops the job (idempotent).
	Stop(ctx context.Context, jobID string) error
	// ReadFile reads a file from an allocation's directory; ErrNoFile when absent.
	ReadFile(ctx context.Context, allocID, path string) ([]byte, error)
}

// Prover produces settlement proofs; *prover.Prover implements it.
type Prover interface {
	K() int
	Prove(ctx context.Context, items []prover.Item) ([]byte, *big.Int, error)
}
