package contracts_test

import (
	"bytes"
	"crypto/rand"
	"errors"
	"math/big"
	"testing"
	"time"

	ethereum "github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/params"

	"github.com/shaleprotocol/shale/contracts"
	"github.com/shaleprotocol/shale/contracts/bindings"
)

// withRealVerifier redeploys c's marketplace on top of the gnark verifier in
// src/SettlementVerifier.sol instead of the MockVerifier.
func withRealVerifier(t *testing.T, cfg *params.ChainConfig) (*chain, common.Address) {
	t.Helper()
	c := newChainWith(t, cfg)
	v, _, err := contracts.DeployVerifier(c.ctx, c.backend, c.deployer.opts)
	must(t, err)
	c.m, _, err = contracts.Deploy(c.ctx, c.backend, c.deployer.opts, contracts.Config{
		BatchSize: testK, Verifier: v, SettleWindow: testSettleWindow, MinCollateral: minCollateral,
	})
	must(t, err)
	c.must(c.m.RegisterProvider(c.ctx, c.sp.opts, "f01000", "sp1.example:2222", [32]byte{1}, ""))
	return c, v
}

// TestRealVerifierRejectsGarbage runs settleBatch against the real verifier: proofs that are
// malformed, off the curve, or well-formed but wrong must all end in InvalidProof and leave
// the order untouched.
func TestRealVerifierRejectsGarbage(t *testing.T) {
	random := make([]byte, 384)
	if _, err := rand.Read(random); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		proof []byte
	}{
		{"empty", nil},
		{"short", []byte("not a proof")},
		{"random 384 bytes", random},
		// Points at infinity pass every curve check and the commitment's proof of knowledge,
		// so only the final pairing equation rejects this one.
		{"zero points", make([]byte, 384)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, _ := withRealVerifier(t, nil)
			id := c.running(request())
			_, err := c.m.SettleBatch(c.ctx, c.sp.opts, [][32]byte{id}, []*big.Int{big.NewInt(1)}, tc.proof)
			if !errors.Is(err, contracts.ErrInvalidProof) {
				t.Fatalf("err = %v, want ErrInvalidProof", err)
			}
			c.state(id, contracts.StateRunning)
		})
	}
}

// TestZeroProofFailsAtFinalPairing pins down the premise of the gas measurement below: the
// all-zero proof gets through the commitment check and fails only at the last pairing.
func TestZeroProofFailsAtFinalPairing(t *testing.T) {
	c, v := withRealVerifier(t, nil)
	a, err := bindings.SettlementVerifierMetaData.GetAbi()
	must(t, err)
	data, err := a.Pack("verifyProof", make([]byte, 384), [1]*big.Int{big.NewInt(12345)})
	must(t, err)
	_, err = c.backend.CallContract(c.ctx, ethereum.CallMsg{To: &v, Data: data}, nil)
	var de interface{ ErrorData() interface{} }
	if !errors.As(err, &de) {
		t.Fatalf("err = %v, want a revert with data", err)
	}
	got, _ := de.ErrorData().(string)
	want := "0x" + common.Bytes2Hex(crypto.Keccak256([]byte("ProofInvalid()"))[:4])
	if got != want {
		t.Fatalf("revert data %s, want ProofInvalid() %s", got, want)
	}
}

// realSettleGas measures settleBatch of n leases on the real verifier. Without the prover
// at hand it sends the all-zero proof with a fixed gas limit: that proof runs the whole
// verification (commitment check, MSM, final pairing) and fails only at the very end, and
// precompile gas depends on input sizes only, so gasUsed matches a valid proof's within the
// cost of the BatchSettled event that a success would add.
func realSettleGas(t *testing.T, cfg *params.ChainConfig, n int) uint64 {
	t.Helper()
	c, _ := withRealVerifier(t, cfg)
	var ids [][32]byte
	var amounts []*big.Int
	for i := 0; i < n; i++ {
		cl := c.fundedAccount()
		req := request()
		req.ID = hashedID()
		c.must(c.m.CreateOrder(c.ctx, cl.opts, req))
		c.must(c.m.AcceptOrder(c.ctx, c.sp.opts, req.ID, minCollateral))
		c.must(c.m.StartLease(c.ctx, c.sp.opts, req.ID, "sp1.example:2222"))
		ids, amounts = append(ids, req.ID), append(amounts, new(big.Int).Div(req.Escrow(), big.NewInt(3)))
	}
	c.advance(30 * time.Minute) // each ran longer than its voucher pays for
	opts := *c.sp.opts
	opts.GasLimit = 3_000_000
	rcpt, err := c.m.SettleBatch(c.ctx, &opts, ids, amounts, make([]byte, 384))
	if !errors.Is(err, contracts.ErrInvalidProof) || rcpt == nil || rcpt.Status != types.ReceiptStatusFailed {
		t.Fatalf("want a mined InvalidProof revert, got %v", err)
	}
	if rcpt.GasUsed >= opts.GasLimit {
		t.Fatalf("settleBatch ran out of gas (%d)", rcpt.GasUsed)
	}
	return rcpt.GasUsed
}

// TestRealVerifierIsTheCommittedOne guards against testing a verifier other than the one
// the prover exports: the bindings' bytecode must be build/SettlementVerifier.bin.
func TestRealVerifierIsTheCommittedOne(t *testing.T) {
	bin := bytes.TrimSpace(readFile(t, "build/SettlementVerifier.bin"))
	if got := bindings.SettlementVerifierMetaData.Bin; got != "0x"+string(bin) {
		t.Fatal("bindings/settlementverifier.go does not embed build/SettlementVerifier.bin; run go generate")
	}
}
