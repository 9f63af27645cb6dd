package voucher

import (
	"bytes"
	"errors"
	"math/big"
	"math/rand"
	"os"
	"path/filepath"
	"testing"
)

// testKey is deterministic so failures reproduce.
func testKey(t testing.TB, seed int64) *PrivateKey {
	t.Helper()
	k, err := GenerateKey(rand.New(rand.NewSource(seed)))
	if err != nil {
		t.Fatal(err)
	}
	return k
}

func testOrderID(b byte) [32]byte {
	var id [32]byte
	id[0] = 0x01 // below the BN254 scalar modulus
	id[31] = b
	return id
}

func TestSignVerify(t *testing.T) {
	k, other := testKey(t, 1), testKey(t, 2)
	v, err := Sign(k, testOrderID(1), 3, big.NewInt(1000))
	if err != nil {
		t.Fatal(err)
	}
	tampered := func(f func(*Voucher)) *Voucher { c := v.Clone(); f(c); return c }
	cases := []struct {
		name string
		v    *Voucher
		pub  PublicKey
		want error
	}{
		{"valid", v, k.Public(), nil},
		{"other key", v, other.Public(), ErrBadSignature},
		{"seq changed", tampered(func(c *Voucher) { c.Seq++ }), k.Public(), ErrBadSignature},
		{"amount changed", tampered(func(c *Voucher) { c.Amount.Add(c.Amount, big.NewInt(1)) }), k.Public(), ErrBadSignature},
		{"order changed", tampered(func(c *Voucher) { c.OrderID[31] ^= 1 }), k.Public(), ErrBadSignature},
		{"sig flipped", tampered(func(c *Voucher) { c.Sig[40] ^= 1 }), k.Public(), ErrBadSignature},
		{"amount too large", tampered(func(c *Voucher) { c.Amount = new(big.Int).Set(MaxAmount) }), k.Public(), ErrInvalidAmount},
		{"order id not a field element", tampered(func(c *Voucher) { c.OrderID[0] = 0xff }), k.Public(), ErrInvalidOrderID},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.v.Verify(tc.pub)
			if !errors.Is(err, tc.want) {
				t.Fatalf("Verify = %v, want %v", err, tc.want)
			}
		})
	}
}

func TestTerminateNotAVoucher(t *testing.T) {
	k := testKey(t, 1)
	term, err := SignTerminate(k, testOrderID(1), 3, big.NewInt(1000))
	if err != nil {
		t.Fatal(err)
	}
	if err := term.Verify(k.Public()); err != nil {
		t.Fatal(err)
	}
	// The same fields and signature must not pass as a voucher, nor the reverse.
	asVoucher := &Voucher{OrderID: term.OrderID, Seq: term.Seq, Amount: term.FinalAmount, Sig: term.Sig}
	if err := asVoucher.Verify(k.Public()); !errors.Is(err, ErrBadSignature) {
		t.Fatalf("terminate accepted as voucher: %v", err)
	}
	v, _ := Sign(k, testOrderID(1), 3, big.NewInt(1000))
	asTerm := &Terminate{OrderID: v.OrderID, Seq: v.Seq, FinalAmount: v.Amount, Sig: v.Sig}
	if err := asTerm.Verify(k.Public()); !errors.Is(err, ErrBadSignature) {
		t.Fatalf("voucher accepted as terminate: %v", err)
	}
}

func TestLedger(t *testing.T) {
	k, other := testKey(t, 1), testKey(t, 2)
	id := testOrderID(7)
	sign := func(key *PrivateKey, id [32]byte, seq uint64, amount int64) *Voucher {
		v, err := Sign(key, id, seq, big.NewInt(amount))
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	l, err := NewLedger(k.Public(), id, big.NewInt(500), nil)
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name string
		v    *Voucher
		want error
	}{
		{"seq zero", sign(k, id, 0, 0), ErrSeqNotIncreasing},
		{"first", sign(k, id, 1, 100), nil},
		{"same seq", sign(k, id, 1, 200), ErrSeqNotIncreasing},
		{"decrease", sign(k, id, 2, 99), ErrAmountDecreased},
		{"equal amount ok", sign(k, id, 2, 100), nil},
		{"over escrow", sign(k, id, 3, 501), ErrOverEscrow},
		{"exactly escrow", sign(k, id, 5, 500), nil},
		{"other key", sign(other, id, 6, 500), ErrBadSignature},
		{"other order", sign(k, testOrderID(8), 6, 500), ErrWrongOrder},
	}
	for _, s := range steps {
		if err := l.Accept(s.v); !errors.Is(err, s.want) {
			t.Fatalf("%s: Accept = %v, want %v", s.name, err, s.want)
		}
	}
	if last := l.Last(); last.Seq != 5 || last.Amount.Int64() != 500 {
		t.Fatalf("last = seq %d amount %s", last.Seq, last.Amount)
	}
	// A ledger reloaded from its last voucher keeps enforcing monotonicity.
	l2, err := NewLedger(k.Public(), id, big.NewInt(500), l.Last())
	if err != nil {
		t.Fatal(err)
	}
	if err := l2.Accept(sign(k, id, 5, 500)); !errors.Is(err, ErrSeqNotIncreasing) {
		t.Fatalf("reloaded ledger accepted a replay: %v", err)
	}
}

func TestKeyFile(t *testing.T) {
	k := testKey(t, 3)
	dir := t.TempDir()
	path := filepath.Join(dir, "payment.key")
	if err := k.SaveKey(path); err != nil {
		t.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Fatalf("mode %#o, want 0600", st.Mode().Perm())
	}
	got, err := LoadKey(path)
	if err != nil {
		t.Fatal(err)
	}
	if got.Public() != k.Public() {
		t.Fatal("loaded key differs")
	}
	// The loaded key signs the same way as the original (deterministic EdDSA nonces).
	v1, _ := Sign(k, testOrderID(1), 1, big.NewInt(1))
	v2, _ := Sign(got, testOrderID(1), 1, big.NewInt(1))
	if v1.Sig != v2.Sig {
		t.Fatal("loaded key signs differently")
	}
	if err := os.Chmod(path, 0o640); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadKey(path); !errors.Is(err, ErrKeyPermissions) {
		t.Fatalf("LoadKey on 0640 = %v, want ErrKeyPermissions", err)
	}
	bad := filepath.Join(dir, "bad.key")
	if err := os.WriteFile(bad, []byte("not a key\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := LoadKey(bad); err == nil {
		t.Fatal("LoadKey accepted garbage")
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Fatalf("temporary files left behind: %v", entries)
	}
}

func TestParsePublicKey(t *testing.T) {
	k := testKey(t, 4)
	s := k.Public().String()
	if len(s) != 66 || s[:2] != "0x" {
		t.Fatalf("hex form %q", s)
	}
	p, err := ParsePublicKey(s)
	if err != nil || p != k.Public() {
		t.Fatalf("ParsePublicKey(%q) = %v, %v", s, p, err)
	}
	if _, _, err := p.Point(); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"", s[2:], s[:65], s + "00", "0x" + string(bytes.Repeat([]byte("zz"), 32)), "0x" + string(bytes.Repeat([]byte("00"), 32))} {
		if _, err := ParsePublicKey(bad); !errors.Is(err, ErrBadPublicKey) {
			t.Errorf("ParsePublicKey(%q) = %v, want ErrBadPublicKey", bad, err)
		}
	}
}
