package contracts

import (
	"testing"

	"github.com/shaleprotocol/shale/contracts/bindings"
)

// TestEveryEventHasAParser keeps ParseLog/Events complete when the contract gains an event.
func TestEveryEventHasAParser(t *testing.T) {
	parsers := (&Marketplace{contract: &bindings.Marketplace{}}).parsers()
	for name := range marketplaceABI.Events {
		if _, ok := parsers[name]; !ok {
			t.Errorf("event %s has no parser in events.go", name)
		}
	}
	for name := range parsers {
		if _, ok := marketplaceABI.Events[name]; !ok {
			t.Errorf("parser for %s, which the ABI does not have", name)
		}
	}
}

// TestEveryErrorHasASentinel keeps revert decoding complete when the contract gains an error.
// OpenZeppelin's errors that guard invariants (they cannot fire unless the contract is
// broken) decode by name onto ErrReverted.
func TestEveryErrorHasASentinel(t *testing.T) {
	invariants := map[string]bool{"InsufficientBalance": true, "ReentrancyGuardReentrantCall": true}
	for name := range marketplaceABI.Errors {
		if _, ok := sentinels[name]; !ok && !invariants[name] {
			t.Errorf("custom error %s has no Go sentinel in errors.go", name)
		}
	}
}
