package bridge

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"sync"
	"time"

	"github.com/shaleprotocol/shale/prover"
)

// ErrProverNotReady means the prover's keys are still loading, or failed to load.
var ErrProverNotReady = errors.New("settlement prover not ready")

// PartState is the health of one part the bridge depends on.
type PartState string

// Part states. A prover is loading, ready (ok) or failed; the chain and Nomad are ok or down.
const (
	PartUnknown PartState = "unknown" // not checked yet
	PartOK      PartState = "ok"
	PartDown    PartState = "down"
	PartLoading PartState = "loading"
	PartFailed  PartState = "failed"
)

// PartStatus is one part's health as /healthz, /readyz and `status` show it.
type PartStatus struct {
	State    PartState `json:"state"`
	Since    time.Time `json:"since"`
	Progress string    `json:"progress,omitempty"` // the prover's loading step
	Error    string    `json:"error,omitempty"`    // why it is down or failed, or a warning while ok
}

// KeyLoader is the Prover the bridge runs with while the keys load in the background, so
// orders move from the first second: K is the marketplace's batch size from the start, and
// Prove fails with ErrProverNotReady until Ready hands over the loaded prover.
type KeyLoader struct {
	k      int
	loaded chan struct{}

	mu     sync.Mutex
	p      Prover
	status PartStatus
}

// NewKeyLoader returns a loader for a prover of batch size k, in state loading.
func NewKeyLoader(k int) *KeyLoader {
	return &KeyLoader{k: k, loaded: make(chan struct{}),
		status: PartStatus{State: PartLoading, Since: time.Now().UTC(), Progress: "starting"}}
}

// K implements Prover.
func (l *KeyLoader) K() int { return l.k }

// Prove implements Prover once the keys are loaded.
func (l *KeyLoader) Prove(ctx context.Context, items []prover.Item) ([]byte, *big.Int, error) {
	l.mu.Lock()
	p, st := l.p, l.status
	l.mu.Unlock()
	if p == nil {
		return nil, nil, fmt.Errorf("%w: %s", ErrProverNotReady, describe(st))
	}
	return p.Prove(ctx, items)
}

// Progress records the loading step under way.
func (l *KeyLoader) Progress(step string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.status.State == PartLoading {
		l.status.Progress = step
	}
}

// Warn records a problem that does not stop the prover (keys that could not be cached).
func (l *KeyLoader) Warn(err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.status.Error = err.Error()
}

// Ready hands over the loaded prover; one for another batch size fails the loader instead.
func (l *KeyLoader) Ready(p Prover) error {
	if p.K() != l.k {
		err := fmt.Errorf("prover keys are for batches of %d but the marketplace settles batches of %d", p.K(), l.k)
		l.Fail(err)
		return err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.p != nil || l.status.State == PartFailed {
		return errors.New("bridge: key loader already finished")
	}
	l.p = p
	l.status.State, l.status.Since, l.status.Progress = PartOK, time.Now().UTC(), ""
	close(l.loaded)
	return nil
}

// Fail records that the keys cannot be loaded; settlement stays off until a restart.
func (l *KeyLoader) Fail(err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.p != nil {
		return
	}
	l.status = PartStatus{State: PartFailed, Since: time.Now().UTC(), Error: err.Error()}
}

// Loaded is closed once the prover is ready.
func (l *KeyLoader) Loaded() <-chan struct{} { return l.loaded }

// Status reports the loader's state.
func (l *KeyLoader) Status() PartStatus {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.status
}

func describe(st PartStatus) string {
	switch {
	case st.State == PartFailed:
		return "keys failed to load: " + st.Error
	case st.Progress != "":
		return "keys loading: " + st.Progress
	}
	return string(st.State)
}

// proverStatus is implemented by provers that may not be ready yet (KeyLoader).
type proverStatus interface{ Status() PartStatus }

// proverPart is the prover's health; a prover without a status is always ready.
func (b *Bridge) proverPart() PartStatus {
	if s, ok := b.prover.(proverStatus); ok {
		return s.Status()
	}
	return PartStatus{State: PartOK, Since: b.started}
}
