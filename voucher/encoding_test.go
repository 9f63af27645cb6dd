package voucher

import (
	"bytes"
	"encoding/json"
	"errors"
	"math/big"
	"strings"
	"testing"
)

func sampleVoucher(t testing.TB, amount *big.Int) *Voucher {
	t.Helper()
	v, err := Sign(testKey(t, 1), testOrderID(9), 42, amount)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestBinaryRoundTrip(t *testing.T) {
	for _, a := range []*big.Int{big.NewInt(0), big.NewInt(1), big.NewInt(256), new(big.Int).Sub(MaxAmount, big.NewInt(1))} {
		v := sampleVoucher(t, a)
		b, err := v.MarshalBinary()
		if err != nil {
			t.Fatal(err)
		}
		got, err := DecodeBinary(b)
		if err != nil {
			t.Fatalf("amount %s: %v", a, err)
		}
		if got.OrderID != v.OrderID || got.Seq != v.Seq || got.Amount.Cmp(v.Amount) != 0 || got.Sig != v.Sig {
			t.Fatalf("round trip changed the voucher")
		}
		if err := got.Verify(testKey(t, 1).Public()); err != nil {
			t.Fatal(err)
		}
	}
}

func TestBinaryRejects(t *testing.T) {
	good, err := sampleVoucher(t, big.NewInt(1000)).MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	mut := func(f func([]byte) []byte) []byte { return f(bytes.Clone(good)) }
	cases := map[string][]byte{
		"empty":          nil,
		"trailing byte":  append(bytes.Clone(good), 0),
		"truncated":      good[:len(good)-1],
		"version 2":      mut(func(b []byte) []byte { b[0] = 2; return b }),
		"terminate kind": mut(func(b []byte) []byte { b[1] = kindTerminate; return b }),
		"order id >= r":  mut(func(b []byte) []byte { b[2] = 0xff; return b }),
		"amount len 17":  mut(func(b []byte) []byte { b[42] = 17; return b }),
		"leading zero": func() []byte {
			b := append([]byte{}, good[:42]...)
			b = append(b, byte(good[42]+1), 0)
			return append(b, good[43:]...)
		}(),
		"oversize": make([]byte, MaxBinarySize+1),
	}
	for name, b := range cases {
		if _, err := DecodeBinary(b); !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: DecodeBinary = %v, want ErrMalformed", name, err)
		}
	}
}

func TestJSONRoundTripAndRejects(t *testing.T) {
	v := sampleVoucher(t, big.NewInt(1000))
	good, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	got, err := DecodeJSON(good)
	if err != nil {
		t.Fatal(err)
	}
	if got.Amount.Cmp(v.Amount) != 0 || got.Sig != v.Sig || got.Seq != v.Seq || got.OrderID != v.OrderID {
		t.Fatal("json round trip changed the voucher")
	}
	s := string(good)
	repl := func(old, new string) string { return strings.Replace(s, old, new, 1) }
	cases := map[string]string{
		"trailing":        s + "{}",
		"unknown key":     repl(`"v":1`, `"v":1,"x":1`),
		"duplicate key":   repl(`"v":1`, `"v":1,"v":1`),
		"case folded key": repl(`"seq"`, `"SEQ"`),
		"missing key":     repl(`"v":1,`, ``),
		"version 2":       repl(`"v":1`, `"v":2`),
		"leading zero":    repl(`"amount":"1000"`, `"amount":"01000"`),
		"negative":        repl(`"amount":"1000"`, `"amount":"-1000"`),
		"number amount":   repl(`"amount":"1000"`, `"amount":1000`),
		"amount 2^128":    repl(`"amount":"1000"`, `"amount":"`+MaxAmount.String()+`"`),
		"seq overflow":    repl(`"seq":"42"`, `"seq":"18446744073709551616"`),
		"uppercase hex":   repl(`"orderId":"0x01`, `"orderId":"0X01`),
		"oversize":        s + strings.Repeat(" ", MaxJSONSize),
		"not an object":   `[]`,
	}
	for name, in := range cases {
		if _, err := DecodeJSON([]byte(in)); !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: DecodeJSON = %v, want ErrMalformed", name, err)
		}
	}
}

func TestTerminateEncodings(t *testing.T) {
	term, err := SignTerminate(testKey(t, 1), testOrderID(9), 42, big.NewInt(77))
	if err != nil {
		t.Fatal(err)
	}
	b, err := term.MarshalBinary()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := DecodeBinary(b); !errors.Is(err, ErrMalformed) {
		t.Fatalf("terminate decoded as voucher: %v", err)
	}
	tb, err := DecodeTerminateBinary(b)
	if err != nil || tb.Verify(testKey(t, 1).Public()) != nil {
		t.Fatalf("binary terminate: %v", err)
	}
	j, err := json.Marshal(term)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := DecodeJSON(j); !errors.Is(err, ErrMalformed) {
		t.Fatalf("json terminate decoded as voucher: %v", err)
	}
	tj, err := DecodeTerminateJSON(j)
	if err != nil || tj.Verify(testKey(t, 1).Public()) != nil {
		t.Fatalf("json terminate: %v", err)
	}
}

// TestEmbeddedByValue checks a Voucher inside another message, by value, keeps its JSON form.
func TestEmbeddedByValue(t *testing.T) {
	v := sampleVoucher(t, big.NewInt(5))
	msg := struct{ V Voucher }{*v}
	b, err := json.Marshal(msg)
	if err != nil {
		t.Fatal(err)
	}
	var back struct{ V Voucher }
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatalf("%v\n%s", err, b)
	}
	if back.V.Sig != v.Sig || back.V.Amount.Cmp(v.Amount) != 0 {
		t.Fatal("embedded round trip changed the voucher")
	}
	if !bytes.Contains(b, []byte(`"amount":"5"`)) {
		t.Fatalf("embedded voucher not in canonical form: %s", b)
	}
}
