package contracts_test

import (
	"errors"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/params"

	"github.com/shaleprotocol/shale/contracts"
)

// The naive baseline (test/EcdsaBaseline.sol) is the marketplace itself (it inherits
// Marketplace) settling each lease with an ECDSA voucher signed by the order's client instead
// of a Groth16 proof over the batch. Its gas per settled lease is what batching must beat.

// naiveChain is a chain whose marketplace (c.m) is an EcdsaBaseline, with sp registered.
type naiveChain struct {
	*chain
	baseline *EcdsaBaseline
}

func newNaiveChain(t *testing.T, cfg *params.ChainConfig, k int) *naiveChain {
	t.Helper()
	c := newChainWith(t, cfg)
	addr, tx, b, err := DeployEcdsaBaseline(c.deployer.opts, c.backend, big.NewInt(int64(k)), c.verifierAt,
		uint64(testSettleWindow.Seconds()), minCollateral)
	must(t, err)
	_, err = bind.WaitMined(c.ctx, c.backend, tx)
	must(t, err)
	c.m, err = contracts.New(addr, c.backend)
	must(t, err)
	c.must(c.m.RegisterProvider(c.ctx, c.sp.opts, "f01000", "sp1.example:2222", [32]byte{1}, ""))
	return &naiveChain{chain: c, baseline: b}
}

// naiveLease is an accepted order of the baseline with its client's final voucher.
type naiveLease struct {
	client account
	id     [32]byte
	seq    uint64
	amount *big.Int
	escrow *big.Int
}

var hashedIDs uint64

// hashedID is a fresh order id that looks like a real one (a hash: 32 nonzero bytes, which
// cost calldata gas like real MiMC ids do), unlike request()'s mostly-zero ids.
func hashedID() [32]byte {
	hashedIDs++
	return crypto.Keccak256Hash([]byte("shale/contracts/test-order"), new(big.Int).SetUint64(hashedIDs).Bytes())
}

// order creates and accepts an order for a fresh client and signs a voucher for a third of it.
func (c *naiveChain) order() naiveLease {
	c.t.Helper()
	cl := c.fundedAccount()
	req := request()
	req.ID = hashedID()
	c.must(c.m.CreateOrder(c.ctx, cl.opts, req))
	c.must(c.m.AcceptOrder(c.ctx, c.sp.opts, req.ID, minCollateral))
	c.must(c.m.StartLease(c.ctx, c.sp.opts, req.ID, "sp1.example:2222"))
	return naiveLease{client: cl, id: req.ID, seq: 5, amount: new(big.Int).Div(req.Escrow(), big.NewInt(3)), escrow: req.Escrow()}
}

// sign is the EIP-2098 compact ECDSA signature (r, yParity·2^255 | s) of key over the voucher.
func (c *naiveChain) sign(key account, l naiveLease) (r, vs [32]byte) {
	c.t.Helper()
	digest, err := c.baseline.VoucherDigest(&bind.CallOpts{Context: c.ctx}, l.id, l.seq, l.amount)
	must(c.t, err)
	sig, err := crypto.Sign(digest[:], key.key)
	must(c.t, err)
	copy(r[:], sig[:32])
	copy(vs[:], sig[32:64])
	vs[0] |= sig[64] << 7
	return r, vs
}

// settle sends settleSigned for ls, vouchers signed by signers[i] (nil: each lease's client).
func (c *naiveChain) settle(ls []naiveLease, signers []account) (*types.Receipt, error) {
	c.t.Helper()
	var ids, rs, vss [][32]byte
	var amounts []*big.Int
	var seqs []uint64
	for i, l := range ls {
		signer := l.client
		if signers != nil {
			signer = signers[i]
		}
		r, vs := c.sign(signer, l)
		ids, amounts, seqs, rs, vss = append(ids, l.id), append(amounts, l.amount), append(seqs, l.seq), append(rs, r), append(vss, vs)
	}
	tx, err := c.baseline.SettleSigned(c.sp.opts, ids, amounts, seqs, rs, vss)
	if err != nil {
		return nil, contracts.DecodeError(err)
	}
	return bind.WaitMined(c.ctx, c.backend, tx)
}

// naiveSettleGas settles n leases, each of its own client (every refund credit a fresh slot,
// the SP's credit slot fresh too, as in settleWithRealProof), in one settleSigned transaction
// and returns its gas.
func naiveSettleGas(t *testing.T, cfg *params.ChainConfig, n int) uint64 {
	t.Helper()
	c := newNaiveChain(t, cfg, n)
	ls := make([]naiveLease, n)
	for i := range ls {
		ls[i] = c.order()
	}
	c.advance(time.Hour + time.Minute) // the leases ran their hour: their vouchers are owed in full
	rcpt, err := c.settle(ls, nil)
	must(t, err)
	if rcpt.Status != types.ReceiptStatusSuccessful {
		t.Fatalf("settleSigned of %d leases reverted", n)
	}
	return rcpt.GasUsed
}

// TestNaiveBaseline checks the baseline does the work it is credited for: it pays exactly
// what the marketplace pays, and refuses a voucher not signed by the order's client.
func TestNaiveBaseline(t *testing.T) {
	c := newNaiveChain(t, nil, testK)
	a, b := c.order(), c.order()
	c.advance(time.Hour + time.Minute) // both ran their hour: their vouchers are owed in full
	if _, err := c.settle([]naiveLease{a, b}, []account{a.client, c.client2}); !errors.Is(err, contracts.ErrReverted) {
		t.Fatalf("voucher signed by another key: err = %v, want a revert", err)
	}
	c.state(a.id, contracts.StateRunning)
	over := a
	over.amount = new(big.Int).Add(a.escrow, big.NewInt(1))
	if _, err := c.settle([]naiveLease{over}, nil); !errors.Is(err, contracts.ErrEscrowExceeded) {
		t.Fatalf("amount above escrow: err = %v, want ErrEscrowExceeded", err)
	}
	if _, err := c.settle([]naiveLease{a, a}, nil); !errors.Is(err, contracts.ErrAlreadySettled) {
		t.Fatalf("duplicate: err = %v, want ErrAlreadySettled", err)
	}
	rcpt, err := c.settle([]naiveLease{a, b}, nil)
	must(t, err)
	c.wantEvents("settleSigned", rcpt, "OrderSettled", "OrderSettled", "BatchSettled")
	for _, l := range []naiveLease{a, b} {
		if o := c.state(l.id, contracts.StateSettled); o.Paid.Cmp(l.amount) != 0 {
			t.Fatalf("paid %s, want %s", o.Paid, l.amount)
		}
	}
	sp := new(big.Int).Add(a.amount, b.amount)
	sp.Add(sp, new(big.Int).Mul(minCollateral, big.NewInt(2)))
	c.credits("settled", map[common.Address]*big.Int{
		a.client.addr: new(big.Int).Sub(a.escrow, a.amount),
		b.client.addr: new(big.Int).Sub(b.escrow, b.amount),
		c.sp.addr:     sp,
	})
}
