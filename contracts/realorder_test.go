//go:build realproof || bench

package contracts_test

import (
	"math/big"
	"math/rand"
	"testing"

	"github.com/shaleprotocol/shale/lease"
	"github.com/shaleprotocol/shale/prover"
	"github.com/shaleprotocol/shale/voucher"
)

// realLease is an accepted order whose id derives (MiMC, lease.OrderID) from a real client
// account, a payment key and the marketplace, as in production.
type realLease struct {
	client account
	key    *voucher.PrivateKey
	order  prover.Item // order fields; Voucher unset
	id     [32]byte
	escrow *big.Int
}

// realOrder creates, accepts and starts an order for a fresh client whose payment key is
// derived from seed.
func (c *chain) realOrder(seed int64) realLease {
	c.t.Helper()
	cl := c.fundedAccount()
	key, err := voucher.GenerateKey(rand.New(rand.NewSource(seed)))
	must(c.t, err)
	it := prover.Item{ChainID: big.NewInt(1337), Nonce: big.NewInt(100 + seed), PaymentKey: key.Public()}
	it.Contract, it.Client = c.m.Address, cl.addr
	id, err := lease.OrderID(it.ChainID, it.Contract, it.Client, it.PaymentKey, it.Nonce)
	must(c.t, err)
	req := request()
	req.ID, req.Nonce, req.PaymentKey = id, it.Nonce, [32]byte(it.PaymentKey)
	c.must(c.m.CreateOrder(c.ctx, cl.opts, req))
	c.must(c.m.AcceptOrder(c.ctx, c.sp.opts, id, minCollateral))
	c.must(c.m.StartLease(c.ctx, c.sp.opts, id, "sp1.example:2222"))
	return realLease{client: cl, key: key, order: it, id: id, escrow: req.Escrow()}
}

// voucher is the lease's order with a final voucher for (id, seq, amount) signed by signer.
func (l realLease) voucher(t *testing.T, signer *voucher.PrivateKey, seq uint64, amount *big.Int) prover.Item {
	t.Helper()
	v, err := voucher.Sign(signer, l.id, seq, amount)
	must(t, err)
	it := l.order
	it.Voucher = v
	return it
}

// final is the voucher the client itself signs.
func (l realLease) final(t *testing.T, seq uint64, amount *big.Int) prover.Item {
	t.Helper()
	return l.voucher(t, l.key, seq, amount)
}

func ids(ls ...realLease) [][32]byte {
	out := make([][32]byte, len(ls))
	for i, l := range ls {
		out[i] = l.id
	}
	return out
}
