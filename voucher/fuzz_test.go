package voucher

import (
	"bytes"
	"encoding/json"
	"math/big"
	"testing"
)

// FuzzDecodeBinary checks the decoder never panics and that whatever it accepts is the one
// canonical encoding: re-encoding gives back the exact input bytes.
func FuzzDecodeBinary(f *testing.F) {
	for _, a := range []int64{0, 1, 255, 1 << 40} {
		b, err := sampleVoucher(f, big.NewInt(a)).MarshalBinary()
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte{})
	f.Add([]byte{1, 1})
	f.Fuzz(func(t *testing.T, in []byte) {
		v, err := DecodeBinary(in)
		if err != nil {
			return
		}
		out, err := v.MarshalBinary()
		if err != nil {
			t.Fatalf("decoded voucher does not encode: %v", err)
		}
		if !bytes.Equal(in, out) {
			t.Fatalf("non-canonical input accepted:\n in %x\nout %x", in, out)
		}
	})
}

// FuzzDecodeJSON checks the JSON decoder never panics and that what it accepts re-encodes to
// a form that decodes to the same voucher.
func FuzzDecodeJSON(f *testing.F) {
	for _, a := range []int64{0, 1000} {
		b, err := json.Marshal(sampleVoucher(f, big.NewInt(a)))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"v":1,"orderId":"0x00","seq":"0","amount":"0","sig":"0x"}`))
	f.Fuzz(func(t *testing.T, in []byte) {
		v, err := DecodeJSON(in)
		if err != nil {
			return
		}
		out, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("decoded voucher does not encode: %v", err)
		}
		w, err := DecodeJSON(out)
		if err != nil {
			t.Fatalf("canonical form rejected: %v\n%s", err, out)
		}
		if w.OrderID != v.OrderID || w.Seq != v.Seq || w.Amount.Cmp(v.Amount) != 0 || w.Sig != v.Sig {
			t.Fatalf("round trip changed the voucher")
		}
	})
}
