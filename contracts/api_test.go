package contracts_test

import (
	"crypto/sha256"
	"errors"
	"math/big"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ethereum/go-ethereum/ethclient"

	"github.com/shaleprotocol/shale/contracts"
)

// The bridge and the CLI talk to real nodes through ethclient.
var _ contracts.Backend = (*ethclient.Client)(nil)

func TestEscrow(t *testing.T) {
	for _, tc := range []struct {
		price            int64
		period, duration uint64
		want             int64
	}{
		{1e16, 60, 3600, 6e17},            // 0.01 FIL/min for an hour
		{1e16, 60, 61, 10166666666666666}, // pro rata to the second, rounded down
		{7, 3, 10, 23},                    // floor(70/3)
		{1, 60, 59, 0},                    // rounds to nothing: the contract rejects it
		{1e16, 0, 3600, 0},                // no period: no escrow rather than a division by zero
		{5, 1, 1 << 40, 5 << 40},          // long leases stay exact
	} {
		r := contracts.OrderRequest{PriceAmount: big.NewInt(tc.price), PricePeriod: tc.period, Duration: tc.duration}
		if got := r.Escrow(); got.Cmp(big.NewInt(tc.want)) != 0 {
			t.Errorf("Escrow(%d/%ds × %ds) = %s, want %d", tc.price, tc.period, tc.duration, got, tc.want)
		}
	}
}

func TestBatchCommitment(t *testing.T) {
	id := [32]byte{1, 2, 3}
	amount := big.NewInt(0x0102)
	// The padded form by hand: slot 0 then three (0, 0) slots, sha256, >> 3.
	buf := make([]byte, 4*64)
	copy(buf, id[:])
	buf[62], buf[63] = 0x01, 0x02
	h := sha256.Sum256(buf)
	want := new(big.Int).Rsh(new(big.Int).SetBytes(h[:]), 3)
	got, err := contracts.BatchCommitment(4, [][32]byte{id}, []*big.Int{amount})
	if err != nil || got.Cmp(want) != 0 {
		t.Fatalf("BatchCommitment = %v, %v; want %v", got, err, want)
	}
	if got.BitLen() > 253 {
		t.Fatalf("commitment has %d bits, must fit BN254's scalar field", got.BitLen())
	}

	for name, tc := range map[string]struct {
		ids     [][32]byte
		amounts []*big.Int
	}{
		"empty":            {nil, nil},
		"too many":         {make([][32]byte, 5), make([]*big.Int, 5)},
		"length mismatch":  {[][32]byte{id}, nil},
		"negative amount":  {[][32]byte{id}, []*big.Int{big.NewInt(-1)}},
		"nil amount":       {[][32]byte{id}, []*big.Int{nil}},
		"amount > 256 bit": {[][32]byte{id}, []*big.Int{new(big.Int).Lsh(big.NewInt(1), 256)}},
	} {
		if _, err := contracts.BatchCommitment(4, tc.ids, tc.amounts); !errors.Is(err, contracts.ErrBadBatch) {
			t.Errorf("%s: err = %v, want ErrBadBatch", name, err)
		}
	}
}

func TestOrderStateString(t *testing.T) {
	want := []string{"None", "Created", "Cancelled", "Accepted", "Running", "Terminated", "Settled", "Reclaimed"}
	for i, w := range want {
		if got := contracts.OrderState(i).String(); got != w {
			t.Errorf("OrderState(%d) = %q, want %q", i, got, w)
		}
	}
	if got := contracts.OrderState(42).String(); !strings.Contains(got, "42") {
		t.Errorf("OrderState(42) = %q", got)
	}
}

// TestRevertErrorMessage checks that decoded reverts read well in logs: sentinel text,
// error name and arguments, with enums and ids legible.
func TestRevertErrorMessage(t *testing.T) {
	c := newChain(t)
	id := c.accepted(request())
	_, err := c.m.CancelOrder(c.ctx, c.client.opts, id)
	var re *contracts.RevertError
	if !errors.As(err, &re) || re.Name != "WrongState" || len(re.Args) != 2 {
		t.Fatalf("err = %#v", err)
	}
	msg := err.Error()
	for _, part := range []string{"cancelling order", "order in wrong state", "WrongState(0xaa", ", 3)"} {
		if !strings.Contains(msg, part) {
			t.Errorf("message %q lacks %q", msg, part)
		}
	}
}

func TestProviderMeta(t *testing.T) {
	in := contracts.ProviderMeta{MinPrice: "1fil/h", MaxDuration: "24h", Nodes: 2, CPUs: "4", Memory: "8Gi", Images: []string{"shale/*"}, MaxExposes: 4}
	out, err := contracts.ParseProviderMeta(in.Encode())
	if err != nil {
		t.Fatal(err)
	}
	if out.Encode() != in.Encode() {
		t.Fatalf("round trip: %s != %s", out.Encode(), in.Encode())
	}
	if m, err := contracts.ParseProviderMeta(""); err != nil || m.Encode() != "{}" {
		t.Fatalf("empty metadata: %+v, %v", m, err)
	}
	if _, err := contracts.ParseProviderMeta("not json"); err == nil || !strings.Contains(err.Error(), "provider metadata") {
		t.Fatalf("bad metadata error: %v", err)
	}
}

func TestHostKeyFingerprint(t *testing.T) {
	const s = "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU" // sha256("")
	fp, err := contracts.HostKeyFingerprint(s)
	if err != nil {
		t.Fatal(err)
	}
	if got := contracts.FormatHostKeyFingerprint(fp); got != s {
		t.Fatalf("round trip %s", got)
	}
	for _, bad := range []string{"", "MD5:aa", "SHA256:!!", "SHA256:AAAA"} {
		if _, err := contracts.HostKeyFingerprint(bad); err == nil || !strings.Contains(err.Error(), "host key fingerprint") {
			t.Errorf("%q: error %v", bad, err)
		}
	}
}

func TestTruncateReason(t *testing.T) {
	for _, tc := range []struct {
		name, in string
		wantLen  int
		cut      bool
	}{
		{"short stays", "image missing", len("image missing"), false},
		{"exactly the bound stays", strings.Repeat("a", contracts.MaxReasonBytes), contracts.MaxReasonBytes, false},
		{"one byte over is cut", strings.Repeat("a", contracts.MaxReasonBytes+1), contracts.MaxReasonBytes, true},
		// The cut (the bound less the mark's 3 bytes) falls on the second byte of the first
		// three-byte rune after the a's: it backs off to that rune's start.
		{"cut never splits a rune", strings.Repeat("a", contracts.MaxReasonBytes-4) + strings.Repeat("€", 10), contracts.MaxReasonBytes - 4 + len("…"), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := contracts.TruncateReason(tc.in)
			if len(got) != tc.wantLen || !utf8.ValidString(got) || strings.HasSuffix(got, "…") != tc.cut {
				t.Fatalf("TruncateReason: %d bytes, valid UTF-8 %v, ends with … %v; want %d bytes, cut %v", len(got), utf8.ValidString(got), strings.HasSuffix(got, "…"), tc.wantLen, tc.cut)
			}
			if !strings.HasPrefix(tc.in, strings.TrimSuffix(got, "…")) {
				t.Fatalf("TruncateReason kept %q, not a prefix of the input", got)
			}
		})
	}
}
