package contracts

import (
	"context"
	"fmt"
	"math/big"

	ethereum "github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// Event is one decoded marketplace log. Value is the generated binding type named after the
// event, e.g. *bindings.MarketplaceOrderCreated for Name "OrderCreated".
type Event struct {
	Name  string
	Log   types.Log
	Value interface{}
}

// parsers decode each event by name with the generated Parse* functions.
func (m *Marketplace) parsers() map[string]func(types.Log) (interface{}, error) {
	f := m.Filterer()
	return map[string]func(types.Log) (interface{}, error){
		"ProviderRegistered": func(l types.Log) (interface{}, error) { return f.ParseProviderRegistered(l) },
		"ProviderUpdated":    func(l types.Log) (interface{}, error) { return f.ParseProviderUpdated(l) },
		"DatasetAnnounced":   func(l types.Log) (interface{}, error) { return f.ParseDatasetAnnounced(l) },
		"DatasetRetracted":   func(l types.Log) (interface{}, error) { return f.ParseDatasetRetracted(l) },
		"OrderCreated":       func(l types.Log) (interface{}, error) { return f.ParseOrderCreated(l) },
		"OrderCancelled":     func(l types.Log) (interface{}, error) { return f.ParseOrderCancelled(l) },
		"OrderRejected":      func(l types.Log) (interface{}, error) { return f.ParseOrderRejected(l) },
		"OrderAccepted":      func(l types.Log) (interface{}, error) { return f.ParseOrderAccepted(l) },
		"LeaseStarted":       func(l types.Log) (interface{}, error) { return f.ParseLeaseStarted(l) },
		"LeaseTerminated":    func(l types.Log) (interface{}, error) { return f.ParseLeaseTerminated(l) },
		"OrderSettled":       func(l types.Log) (interface{}, error) { return f.ParseOrderSettled(l) },
		"OrderReleased":      func(l types.Log) (interface{}, error) { return f.ParseOrderReleased(l) },
		"BatchSettled":       func(l types.Log) (interface{}, error) { return f.ParseBatchSettled(l) },
		"OrderReclaimed":     func(l types.Log) (interface{}, error) { return f.ParseOrderReclaimed(l) },
		"ProviderRated":      func(l types.Log) (interface{}, error) { return f.ParseProviderRated(l) },
		"Withdrawn":          func(l types.Log) (interface{}, error) { return f.ParseWithdrawn(l) },
	}
}

// ParseLog decodes one log emitted by the marketplace.
func (m *Marketplace) ParseLog(l types.Log) (Event, error) {
	if l.Address != m.Address || len(l.Topics) == 0 {
		return Event{}, fmt.Errorf("log %s#%d is not from marketplace %s", l.TxHash, l.Index, m.Address)
	}
	ev, err := marketplaceABI.EventByID(l.Topics[0])
	if err != nil {
		return Event{}, fmt.Errorf("log %s#%d: %w", l.TxHash, l.Index, err)
	}
	parse, ok := m.parse[ev.Name]
	if !ok {
		return Event{}, fmt.Errorf("log %s#%d: no parser for event %s", l.TxHash, l.Index, ev.Name)
	}
	v, err := parse(l)
	if err != nil {
		return Event{}, fmt.Errorf("log %s#%d: decoding %s: %w", l.TxHash, l.Index, ev.Name, err)
	}
	return Event{Name: ev.Name, Log: l, Value: v}, nil
}

// Events returns the marketplace's events in blocks [from, to] in chain order (to nil: up to
// the head). A bridge polls it from a persisted cursor, minus its confirmation depth.
func (m *Marketplace) Events(ctx context.Context, from uint64, to *uint64) ([]Event, error) {
	q := ethereum.FilterQuery{FromBlock: new(big.Int).SetUint64(from), Addresses: []common.Address{m.Address}}
	if to != nil {
		q.ToBlock = new(big.Int).SetUint64(*to)
	}
	logs, err := m.backend.FilterLogs(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("filtering marketplace logs from block %d: %w", from, err)
	}
	out := make([]Event, 0, len(logs))
	for _, l := range logs {
		ev, err := m.ParseLog(l)
		if err != nil {
			return nil, err
		}
		out = append(out, ev)
	}
	return out, nil
}

// ReceiptEvents decodes the marketplace events of one receipt.
func (m *Marketplace) ReceiptEvents(rcpt *types.Receipt) ([]Event, error) {
	var out []Event
	for _, l := range rcpt.Logs {
		if l.Address != m.Address {
			continue
		}
		ev, err := m.ParseLog(*l)
		if err != nil {
			return nil, err
		}
		out = append(out, ev)
	}
	return out, nil
}
