package contracts

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"time"
	"unicode/utf8"

	ethereum "github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/shaleprotocol/shale/contracts/bindings"
)

// Backend is what the marketplace needs from a chain client; *ethclient.Client and
// ethclient/simulated's client both satisfy it.
type Backend interface {
	bind.ContractBackend
	bind.DeployBackend
}

// MaxReasonBytes is the contract's MAX_REASON_BYTES: the longest reason rejectOrder and
// release accept (ErrReasonTooLong beyond it).
const MaxReasonBytes = 1024

// TruncateReason shortens s to at most MaxReasonBytes, cutting on a UTF-8 boundary and ending
// with "…" when it cut: the start of an error names the problem, so it is what is kept.
func TruncateReason(s string) string {
	if len(s) <= MaxReasonBytes {
		return s
	}
	const mark = "…"
	cut := MaxReasonBytes - len(mark)
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + mark
}

// DefaultTxTimeout bounds how long a call waits for its transaction to be mined.
const DefaultTxTimeout = 2 * time.Minute

// Config is the constructor configuration of a marketplace deployment.
type Config struct {
	BatchSize     uint64         // K, the slots of the settlement circuit
	Verifier      common.Address // Groth16 verifier of that circuit
	SettleWindow  time.Duration  // how long after a lease ends its SP may settle (whole seconds)
	MinCollateral *big.Int       // attoFIL an SP must post per accepted order; nil means 0
}

// Marketplace is a typed handle on a deployed Marketplace contract. Transaction methods send
// with the given opts (their Value is set by the method), wait for the receipt and return it;
// reverts come back as *RevertError wrapping one of the Err* sentinels. Nonces come from
// the pending state unless opts.Nonce is set, so serialize transactions of one account.
type Marketplace struct {
	Address   common.Address
	TxTimeout time.Duration // 0 means DefaultTxTimeout

	backend  Backend
	contract *bindings.Marketplace
	parse    map[string]func(types.Log) (interface{}, error) // event decoders by name
}

// New binds to a marketplace deployed at addr.
func New(addr common.Address, backend Backend) (*Marketplace, error) {
	c, err := bindings.NewMarketplace(addr, backend)
	if err != nil {
		return nil, fmt.Errorf("binding marketplace at %s: %w", addr, err)
	}
	m := &Marketplace{Address: addr, backend: backend, contract: c}
	m.parse = m.parsers()
	return m, nil
}

// Deploy deploys a marketplace and waits until it is mined.
func Deploy(ctx context.Context, backend Backend, opts *bind.TransactOpts, cfg Config) (*Marketplace, *types.Receipt, error) {
	if cfg.SettleWindow < 0 || cfg.SettleWindow%time.Second != 0 {
		return nil, nil, fmt.Errorf("deploying marketplace: settle window %v is not whole seconds: %w", cfg.SettleWindow, ErrInvalidConfig)
	}
	minCollateral := cfg.MinCollateral
	if minCollateral == nil {
		minCollateral = new(big.Int)
	}
	o := txOpts(ctx, opts, nil)
	addr, tx, _, err := bindings.DeployMarketplace(o, backend, new(big.Int).SetUint64(cfg.BatchSize), cfg.Verifier,
		uint64(cfg.SettleWindow/time.Second), minCollateral)
	if err != nil {
		return nil, nil, fmt.Errorf("deploying marketplace: %w", DecodeError(err))
	}
	m, err := New(addr, backend)
	if err != nil {
		return nil, nil, err
	}
	rcpt, err := m.wait(ctx, "deploying marketplace", o.From, tx)
	if err != nil {
		return nil, rcpt, err
	}
	return m, rcpt, nil
}

// Filterer exposes the generated event filters and watchers (FilterOrderCreated, WatchOrderCreated, ...).
func (m *Marketplace) Filterer() *bindings.MarketplaceFilterer {
	return &m.contract.MarketplaceFilterer
}

// RegisterProvider registers the sender as the provider of minerID.
func (m *Marketplace) RegisterProvider(ctx context.Context, opts *bind.TransactOpts, minerID, endpoint string, hostKeyFingerprint [32]byte, metadata string) (*types.Receipt, error) {
	return m.transact(ctx, "registering provider "+minerID, opts, nil, func(o *bind.TransactOpts) (*types.Transaction, error) {
		return m.contract.RegisterProvider(o, minerID, endpoint, hostKeyFingerprint, metadata)
	})
}

// UpdateProvider changes the sender's endpoint, host-key fingerprint and metadata.
func (m *Marketplace) UpdateProvider(ctx context.Context, opts *bind.TransactOpts, endpoint string, hostKeyFingerprint [32]byte, metadata string) (*types.Receipt, error) {
	return m.transact(ctx, "updating provider", opts, nil, func(o *bind.TransactOpts) (*types.Transaction, error) {
		return m.contract.UpdateProvider(o, endpoint, hostKeyFingerprint, metadata)
	})
}

// AnnounceDatasets emits one DatasetAnnounced event per CID for the sender.
func (m *Marketplace) AnnounceDatasets(ctx context.Context, opts *bind.TransactOpts, cids ...string) (*types.Receipt, error) {
	return m.transact(ctx, "announcing datasets", opts, nil, func(o *bind.TransactOpts) (*types.Transaction, error) {
		return m.contract.AnnounceDatasets(o, cids)
	})
}

// RetractDatasets emits one DatasetRetracted event per CID for the sender.
func (m *Marketplace) RetractDatasets(ctx context.Context, opts *bind.TransactOpts, cids ...string) (*types.Receipt, error) {
	return m.transact(ctx, "retracting datasets", opts, nil, func(o *bind.TransactOpts) (*types.Transaction, error) {
		return m.contract.RetractDatasets(o, cids)
	})
}

// CreateOrder creates the order and escrows req.Escrow() from the sender.
func (m *Marketplace) CreateOrder(ctx context.Context, opts *bind.TransactOpts, req OrderRequest) (*types.Receipt, error) {
	nonce := req.Nonce
	if nonce == nil {
		nonce = new(big.Int)
	}
	price := req.PriceAmount
	if price == nil {
		price = new(big.Int)
	}
	return m.transact(ctx, fmt.Sprintf("creating order %x", req.ID), opts, req.Escrow(), func(o *bind.TransactOpts) (*types.Transaction, error) {
		return m.contract.CreateOrder(o, req.ID, req.Provider, nonce, req.PaymentKey, price, req.PricePeriod, req.Duration, req.Spec)
	})
}

// CancelOrder cancels an order that is not accepted yet; the escrow is credited back to the client.
func (m *Marketplace) CancelOrder(ctx context.Context, opts *bind.TransactOpts, id [32]byte) (*types.Receipt, error) {
	return m.transact(ctx, fmt.Sprintf("cancelling order %x", id), opts, nil, func(o *bind.TransactOpts) (*types.Transaction, error) {
		return m.contract.CancelOrder(o, id)
	})
}

// RejectOrder declines an order targeted at the sender; its escrow is credited back to the
// client and reason, at most MaxReasonBytes, is published in the OrderRejected event.
func (m *Marketplace) RejectOrder(ctx context.Context, opts *bind.TransactOpts, id [32]byte, reason string) (*types.Receipt, error) {
	return m.transact(ctx, fmt.Sprintf("rejecting order %x", id), opts, nil, func(o *bind.TransactOpts) (*types.Transaction, error) {
		return m.contract.RejectOrder(o, id, reason)
	})
}

// AcceptOrder accepts an order targeted at the sender, posting collateral.
func (m *Marketplace) AcceptOrder(ctx context.Context, opts *bind.TransactOpts, id [32]byte, collateral *big.Int) (*types.Receipt, error) {
	return m.transact(ctx, fmt.Sprintf("accepting order %x", id), opts, collateral, func(o *bind.TransactOpts) (*types.Transaction, error) {
		return m.contract.AcceptOrder(o, id)
	})
}

// StartLease confirms the lease runs at endpoint.
func (m *Marketplace) StartLease(ctx context.Context, opts *bind.TransactOpts, id [32]byte, endpoint string) (*types.Receipt, error) {
	return m.transact(ctx, fmt.Sprintf("starting lease %x", id), opts, nil, func(o *bind.TransactOpts) (*types.Transaction, error) {
		return m.contract.StartLease(o, id, endpoint)
	})
}

// Terminate ends an accepted or running lease on behalf of its client.
func (m *Marketplace) Terminate(ctx context.Context, opts *bind.TransactOpts, id [32]byte) (*types.Receipt, error) {
	return m.transact(ctx, fmt.Sprintf("terminating lease %x", id), opts, nil, func(o *bind.TransactOpts) (*types.Transaction, error) {
		return m.contract.Terminate(o, id)
	})
}

// SettleBatch settles up to K of the sender's leases with one proof.
func (m *Marketplace) SettleBatch(ctx context.Context, opts *bind.TransactOpts, ids [][32]byte, amounts []*big.Int, proof []byte) (*types.Receipt, error) {
	return m.transact(ctx, fmt.Sprintf("settling %d leases", len(ids)), opts, nil, func(o *bind.TransactOpts) (*types.Transaction, error) {
		return m.contract.SettleBatch(o, ids, amounts, proof)
	})
}

// Release settles one of the sender's leases for nothing owed (no proof): the client gets the
// whole escrow back and the SP its collateral. Use it when the client never signed a voucher
// or the lease never started; reason, at most MaxReasonBytes, is published in the
// OrderReleased event for the client to read.
func (m *Marketplace) Release(ctx context.Context, opts *bind.TransactOpts, id [32]byte, reason string) (*types.Receipt, error) {
	return m.transact(ctx, fmt.Sprintf("releasing order %x", id), opts, nil, func(o *bind.TransactOpts) (*types.Transaction, error) {
		return m.contract.Release(o, id, reason)
	})
}

// Reclaim takes back an unsettled lease's escrow and its SP's collateral after the settle deadline.
func (m *Marketplace) Reclaim(ctx context.Context, opts *bind.TransactOpts, id [32]byte) (*types.Receipt, error) {
	return m.transact(ctx, fmt.Sprintf("reclaiming order %x", id), opts, nil, func(o *bind.TransactOpts) (*types.Transaction, error) {
		return m.contract.Reclaim(o, id)
	})
}

// Rate rates the provider of a settled or reclaimed order, score 1..5, once.
func (m *Marketplace) Rate(ctx context.Context, opts *bind.TransactOpts, id [32]byte, score uint8) (*types.Receipt, error) {
	return m.transact(ctx, fmt.Sprintf("rating order %x", id), opts, nil, func(o *bind.TransactOpts) (*types.Transaction, error) {
		return m.contract.Rate(o, id, score)
	})
}

// Withdraw sends the sender its whole credited balance.
func (m *Marketplace) Withdraw(ctx context.Context, opts *bind.TransactOpts) (*types.Receipt, error) {
	return m.transact(ctx, "withdrawing", opts, nil, func(o *bind.TransactOpts) (*types.Transaction, error) {
		return m.contract.Withdraw(o)
	})
}

// Order returns an order; an unknown id yields ErrUnknownOrder.
func (m *Marketplace) Order(ctx context.Context, id [32]byte) (Order, error) {
	o, err := m.contract.GetOrder(&bind.CallOpts{Context: ctx}, id)
	if err != nil {
		return Order{}, fmt.Errorf("reading order %x: %w", id, DecodeError(err))
	}
	if OrderState(o.State) == StateNone {
		return Order{}, fmt.Errorf("reading order %x: %w", id, ErrUnknownOrder)
	}
	return Order{
		ID: id, Client: o.Client, Provider: o.Provider, State: OrderState(o.State), Rated: o.Rated,
		PriceAmount: o.PriceAmount, PricePeriod: o.PricePeriod, Duration: o.Duration,
		Escrow: o.Escrow, Collateral: o.Collateral, Paid: o.Paid,
		AcceptedAt: unixTime(o.AcceptedAt), StartedAt: unixTime(o.StartedAt), EndTime: unixTime(o.EndTime),
		PaymentKey: o.PaymentKey, SpecHash: o.SpecHash, Nonce: o.Nonce,
	}, nil
}

// Earned is the most settling id now would pay its provider: the lease's price for the time it
// ran (up to its on-chain end, or now while it runs), 0 if it never started, at most the
// escrow. Settlement pays the smaller of this and the final voucher's amount.
func (m *Marketplace) Earned(ctx context.Context, id [32]byte) (*big.Int, error) {
	e, err := m.contract.Earned(&bind.CallOpts{Context: ctx}, id)
	if err != nil {
		return nil, fmt.Errorf("reading what order %x earned: %w", id, DecodeError(err))
	}
	return e, nil
}

// Provider returns a provider record; an unregistered address yields ErrNotRegistered.
func (m *Marketplace) Provider(ctx context.Context, addr common.Address) (Provider, error) {
	p, err := m.contract.GetProvider(&bind.CallOpts{Context: ctx}, addr)
	if err != nil {
		return Provider{}, fmt.Errorf("reading provider %s: %w", addr, DecodeError(err))
	}
	if p.RegisteredAt == 0 {
		return Provider{}, fmt.Errorf("reading provider %s: %w", addr, ErrNotRegistered)
	}
	return Provider{
		Address: addr, MinerID: p.MinerId, Endpoint: p.Endpoint, HostKeyFingerprint: p.HostKeyFingerprint,
		Metadata: p.Metadata, RegisteredAt: unixTime(p.RegisteredAt), RatingSum: p.RatingSum, RatingCount: p.RatingCount,
	}, nil
}

// ProviderByMiner returns the provider that registered minerID; an unclaimed id yields ErrUnknownProvider.
func (m *Marketplace) ProviderByMiner(ctx context.Context, minerID string) (Provider, error) {
	addr, err := m.contract.ProviderByMinerHash(&bind.CallOpts{Context: ctx}, crypto.Keccak256Hash([]byte(minerID)))
	if err != nil {
		return Provider{}, fmt.Errorf("looking up miner %s: %w", minerID, DecodeError(err))
	}
	if addr == (common.Address{}) {
		return Provider{}, fmt.Errorf("looking up miner %s: %w", minerID, ErrUnknownProvider)
	}
	return m.Provider(ctx, addr)
}

// Balance is what addr can withdraw, in attoFIL.
func (m *Marketplace) Balance(ctx context.Context, addr common.Address) (*big.Int, error) {
	b, err := m.contract.Balances(&bind.CallOpts{Context: ctx}, addr)
	if err != nil {
		return nil, fmt.Errorf("reading balance of %s: %w", addr, err)
	}
	return b, nil
}

// BatchSize is K, the number of leases one settleBatch proof covers.
func (m *Marketplace) BatchSize(ctx context.Context) (int, error) {
	k, err := m.contract.BatchSize(&bind.CallOpts{Context: ctx})
	if err != nil {
		return 0, fmt.Errorf("reading batch size: %w", err)
	}
	return int(k.Int64()), nil
}

// SettleWindow is how long after a lease's end its SP may settle.
func (m *Marketplace) SettleWindow(ctx context.Context) (time.Duration, error) {
	w, err := m.contract.SettleWindow(&bind.CallOpts{Context: ctx})
	if err != nil {
		return 0, fmt.Errorf("reading settle window: %w", err)
	}
	return time.Duration(w) * time.Second, nil
}

// MinCollateral is the least collateral acceptOrder takes, in attoFIL.
func (m *Marketplace) MinCollateral(ctx context.Context) (*big.Int, error) {
	c, err := m.contract.MinCollateral(&bind.CallOpts{Context: ctx})
	if err != nil {
		return nil, fmt.Errorf("reading minimum collateral: %w", err)
	}
	return c, nil
}

// txOpts copies opts so the caller's value survives, binding ctx and the call's value.
func txOpts(ctx context.Context, opts *bind.TransactOpts, value *big.Int) *bind.TransactOpts {
	o := *opts
	o.Context = ctx
	o.Value = value
	return &o
}

// transact sends one transaction, waits for its receipt and decodes any revert.
func (m *Marketplace) transact(ctx context.Context, op string, opts *bind.TransactOpts, value *big.Int, send func(*bind.TransactOpts) (*types.Transaction, error)) (*types.Receipt, error) {
	o := txOpts(ctx, opts, value)
	tx, err := send(o)
	if err != nil {
		// Gas estimation runs the call first, so most reverts surface here with their data.
		return nil, fmt.Errorf("%s: %w", op, DecodeError(err))
	}
	return m.wait(ctx, op, o.From, tx)
}

// wait waits for tx within TxTimeout; a mined revert is replayed as a call to recover its reason.
func (m *Marketplace) wait(ctx context.Context, op string, from common.Address, tx *types.Transaction) (*types.Receipt, error) {
	timeout := m.TxTimeout
	if timeout <= 0 {
		timeout = DefaultTxTimeout
	}
	wctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	rcpt, err := waitMined(wctx, m.backend, tx.Hash())
	if err != nil {
		return nil, fmt.Errorf("%s: waiting for tx %s: %w", op, tx.Hash(), err)
	}
	if rcpt.Status == types.ReceiptStatusSuccessful {
		return rcpt, nil
	}
	return rcpt, fmt.Errorf("%s: tx %s reverted: %w", op, tx.Hash(), m.replay(ctx, from, tx, rcpt))
}

// unreachableFor is how long receipt lookups may fail (other than "not found yet") before
// waitMined gives up: an outage is reported within seconds instead of holding the caller, and
// its health, for the whole TxTimeout.
const unreachableFor = 10 * time.Second

// waitMined polls for hash's receipt every second, as bind.WaitMined does, but returns
// ErrUnreachable once lookups have failed for unreachableFor instead of retrying silently.
func waitMined(ctx context.Context, b bind.DeployBackend, hash common.Hash) (*types.Receipt, error) {
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	var failingSince time.Time
	for {
		rcpt, err := b.TransactionReceipt(ctx, hash)
		switch {
		case err == nil:
			return rcpt, nil
		case errors.Is(err, ethereum.NotFound) || ctx.Err() != nil:
			failingSince = time.Time{}
		case failingSince.IsZero():
			failingSince = time.Now()
		case time.Since(failingSince) >= unreachableFor:
			return nil, fmt.Errorf("%w (for %s): %w", ErrUnreachable, unreachableFor, err)
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-tick.C:
		}
	}
}

// replay re-executes a reverted transaction on the state before its block to get the revert
// data (receipts carry none).
func (m *Marketplace) replay(ctx context.Context, from common.Address, tx *types.Transaction, rcpt *types.Receipt) error {
	return m.RevertReason(ctx, ethereum.CallMsg{From: from, To: tx.To(), Gas: tx.Gas(), Value: tx.Value(), Data: tx.Data()}, rcpt)
}

// RevertReason re-executes msg, mined and reverted in rcpt, on the state before its block and
// returns the *RevertError it gives. Earlier transactions in the same block are not replayed,
// so the reason is best effort; ErrReverted is returned when none can be recovered.
func (m *Marketplace) RevertReason(ctx context.Context, msg ethereum.CallMsg, rcpt *types.Receipt) error {
	if rcpt.BlockNumber == nil || rcpt.BlockNumber.Sign() == 0 {
		return ErrReverted
	}
	_, err := m.backend.CallContract(ctx, msg, new(big.Int).Sub(rcpt.BlockNumber, common.Big1))
	if err == nil {
		return ErrReverted
	}
	var re *RevertError
	if d := DecodeError(err); errors.As(d, &re) {
		return re
	}
	return fmt.Errorf("%w (replay: %v)", ErrReverted, err)
}

// Pack encodes a call of one of the marketplace's methods, for senders that sign and track
// transactions themselves.
func Pack(method string, args ...any) ([]byte, error) {
	return marketplaceABI.Pack(method, args...)
}
