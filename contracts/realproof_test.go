//go:build realproof

// Settlement with real proofs from ../prover. Behind a build tag because it couples these
// tests to the prover and costs a key derivation (about a minute, cached per machine) plus
// seconds of proving:
//
//	go test -tags realproof ./contracts -run 'TestRealProof|TestGasReport' -v

package contracts_test

import (
	"errors"
	"math/big"
	"math/rand"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/params"

	"github.com/shaleprotocol/shale/contracts"
	"github.com/shaleprotocol/shale/lease"
	"github.com/shaleprotocol/shale/prover"
	"github.com/shaleprotocol/shale/voucher"
)

func init() { realProofGas = settleWithRealProof }

// settleWithRealProof creates n orders whose ids derive (MiMC) from real clients, payment
// keys and this marketplace, proves their final vouchers with the prover and settles them;
// it returns settleBatch's gas.
func settleWithRealProof(t *testing.T, cfg *params.ChainConfig, n int) uint64 {
	t.Helper()
	c, _ := withRealVerifier(t, cfg)
	var items []prover.Item
	var ids [][32]byte
	var amounts []*big.Int
	paid, refunds := new(big.Int), map[common.Address]*big.Int{}
	for i := 0; i < n; i++ {
		cl := c.fundedAccount()
		key, err := voucher.GenerateKey(rand.New(rand.NewSource(int64(i + 1))))
		must(t, err)
		it := prover.Item{ChainID: big.NewInt(1337), Nonce: big.NewInt(int64(100 + i)), PaymentKey: key.Public()}
		it.Contract, it.Client = c.m.Address, cl.addr
		id, err := lease.OrderID(it.ChainID, it.Contract, it.Client, it.PaymentKey, it.Nonce)
		must(t, err)
		req := request()
		req.ID, req.Nonce, req.PaymentKey = id, it.Nonce, [32]byte(it.PaymentKey)
		c.must(c.m.CreateOrder(c.ctx, cl.opts, req))
		c.must(c.m.AcceptOrder(c.ctx, c.sp.opts, id, minCollateral))
		amount := new(big.Int).Div(req.Escrow(), big.NewInt(int64(i+2)))
		it.Voucher, err = voucher.Sign(key, id, uint64(7+i), amount)
		must(t, err)
		items = append(items, it)
		ids, amounts = append(ids, id), append(amounts, amount)
		paid.Add(paid, amount)
		refunds[cl.addr] = new(big.Int).Sub(req.Escrow(), amount)
	}
	proof, commitment, err := prover.Prove(c.ctx, items)
	must(t, err)
	mine, err := contracts.BatchCommitment(testK, ids, amounts)
	must(t, err)
	if mine.Cmp(commitment) != 0 {
		t.Fatalf("contracts.BatchCommitment %s != prover commitment %s", mine, commitment)
	}

	// The proof binds the amounts: one attoFIL more on any lease must fail.
	bumped := append([]*big.Int(nil), amounts...)
	bumped[0] = new(big.Int).Add(bumped[0], big.NewInt(1))
	if _, err := c.m.SettleBatch(c.ctx, c.sp.opts, ids, bumped, proof); !errors.Is(err, contracts.ErrInvalidProof) {
		t.Fatalf("settling other amounts with the proof: err = %v, want ErrInvalidProof", err)
	}

	rcpt := c.must(c.m.SettleBatch(c.ctx, c.sp.opts, ids, amounts, proof))
	for i, id := range ids {
		if o := c.state(id, contracts.StateSettled); o.Paid.Cmp(amounts[i]) != 0 {
			t.Fatalf("lease %d paid %s, want %s", i, o.Paid, amounts[i])
		}
	}
	c.credits("settled", refunds)
	sp, err := c.m.Balance(c.ctx, c.sp.addr)
	must(t, err)
	if want := new(big.Int).Add(paid, new(big.Int).Mul(minCollateral, big.NewInt(int64(n)))); sp.Cmp(want) != 0 {
		t.Fatalf("SP credit %s, want %s", sp, want)
	}
	return rcpt.GasUsed
}

func TestRealProofSettles(t *testing.T) {
	for _, n := range []int{testK, 1} {
		t.Logf("settleBatch of %d leases with a real proof: %d gas", n, settleWithRealProof(t, nil, n))
	}
}
