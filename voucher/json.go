package voucher

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"strconv"
)

// MaxJSONSize bounds a JSON voucher or terminate message; valid ones are about 300 bytes.
const MaxJSONSize = 1024

// JSON form (version 1). Numbers are decimal strings so 64-bit seqs and 128-bit amounts
// survive JavaScript; hex is lowercase with 0x:
//
//	{"v":1,"orderId":"0x…64","seq":"7","amount":"1000","sig":"0x…128"}
//	{"v":1,"type":"terminate","orderId":"0x…64","seq":"7","finalAmount":"1000","sig":"0x…128"}
type jsonVoucher struct {
	V       int    `json:"v"`
	Type    string `json:"type,omitempty"`
	OrderID string `json:"orderId"`
	Seq     string `json:"seq"`
	Amount  string `json:"amount,omitempty"`
	Final   string `json:"finalAmount,omitempty"`
	Sig     string `json:"sig"`
}

func hex0x(b []byte) string { return "0x" + hex.EncodeToString(b) }

// MarshalJSON encodes the voucher in its canonical JSON form. It has a value receiver so a
// Voucher embedded by value in another message encodes the same way.
func (v Voucher) MarshalJSON() ([]byte, error) {
	if err := checkAmount(v.Amount); err != nil {
		return nil, fmt.Errorf("voucher: encode json: %w", err)
	}
	return json.Marshal(jsonVoucher{V: 1, OrderID: hex0x(v.OrderID[:]),
		Seq: strconv.FormatUint(v.Seq, 10), Amount: v.Amount.String(), Sig: hex0x(v.Sig[:])})
}

// UnmarshalJSON decodes strictly: exact keys, no duplicates, no unknown fields, canonical
// numbers and hex. It does not check the signature.
func (v *Voucher) UnmarshalJSON(b []byte) error {
	f, err := strictObject(b, []string{"v", "orderId", "seq", "amount", "sig"})
	if err != nil {
		return err
	}
	var out Voucher
	if out.OrderID, out.Seq, out.Amount, out.Sig, err = parseCommon(f, "amount"); err != nil {
		return err
	}
	*v = out
	return nil
}

// MarshalJSON encodes the terminate message in its canonical JSON form.
func (t Terminate) MarshalJSON() ([]byte, error) {
	if err := checkAmount(t.FinalAmount); err != nil {
		return nil, fmt.Errorf("voucher: encode json: %w", err)
	}
	return json.Marshal(jsonVoucher{V: 1, Type: "terminate", OrderID: hex0x(t.OrderID[:]),
		Seq: strconv.FormatUint(t.Seq, 10), Final: t.FinalAmount.String(), Sig: hex0x(t.Sig[:])})
}

// UnmarshalJSON decodes a terminate message as strictly as Voucher.UnmarshalJSON.
func (t *Terminate) UnmarshalJSON(b []byte) error {
	f, err := strictObject(b, []string{"v", "type", "orderId", "seq", "finalAmount", "sig"})
	if err != nil {
		return err
	}
	var typ string
	if err := json.Unmarshal(f["type"], &typ); err != nil || typ != "terminate" {
		return malformed("type must be \"terminate\"")
	}
	var out Terminate
	if out.OrderID, out.Seq, out.FinalAmount, out.Sig, err = parseCommon(f, "finalAmount"); err != nil {
		return err
	}
	*t = out
	return nil
}

// DecodeJSON decodes one JSON voucher; anything after the object but whitespace is refused.
func DecodeJSON(b []byte) (*Voucher, error) {
	var v Voucher
	if err := decodeJSON(b, &v); err != nil {
		return nil, err
	}
	return &v, nil
}

// DecodeTerminateJSON decodes one JSON terminate message as strictly as DecodeJSON.
func DecodeTerminateJSON(b []byte) (*Terminate, error) {
	var t Terminate
	if err := decodeJSON(b, &t); err != nil {
		return nil, err
	}
	return &t, nil
}

func decodeJSON(b []byte, into json.Unmarshaler) error {
	if len(b) > MaxJSONSize {
		return malformed("%d bytes, max %d", len(b), MaxJSONSize)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	var raw json.RawMessage
	if err := dec.Decode(&raw); err != nil {
		return malformed("%v", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return malformed("trailing data after the object")
	}
	return into.UnmarshalJSON(raw)
}

func malformed(format string, args ...any) error {
	return fmt.Errorf("voucher: decode json: "+format+": %w", append(args, ErrMalformed)...)
}

// strictObject splits a JSON object into raw values, requiring exactly the given keys once
// each. encoding/json alone would accept duplicates, unknown and case-folded keys.
func strictObject(b []byte, keys []string) (map[string]json.RawMessage, error) {
	if len(b) > MaxJSONSize {
		return nil, malformed("%d bytes, max %d", len(b), MaxJSONSize)
	}
	want := make(map[string]bool, len(keys))
	for _, k := range keys {
		want[k] = true
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, malformed("want an object")
	}
	out := make(map[string]json.RawMessage, len(keys))
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, malformed("%v", err)
		}
		k, ok := t.(string)
		if !ok {
			return nil, malformed("want a key")
		}
		if !want[k] {
			return nil, malformed("unknown key %q", k)
		}
		if _, dup := out[k]; dup {
			return nil, malformed("duplicate key %q", k)
		}
		var raw json.RawMessage
		if err := dec.Decode(&raw); err != nil {
			return nil, malformed("key %q: %v", k, err)
		}
		out[k] = raw
	}
	if t, err := dec.Token(); err != nil || t != json.Delim('}') {
		return nil, malformed("unterminated object")
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, malformed("trailing data after the object")
	}
	for _, k := range keys {
		if _, ok := out[k]; !ok {
			return nil, malformed("missing key %q", k)
		}
	}
	return out, nil
}

func parseCommon(f map[string]json.RawMessage, amountKey string) (id [32]byte, seq uint64, amount *big.Int, sig [SignatureSize]byte, err error) {
	if string(f["v"]) != "1" {
		return id, 0, nil, sig, malformed("version %s, want 1", f["v"])
	}
	if err = parseHex(f["orderId"], id[:]); err != nil {
		return id, 0, nil, sig, err
	}
	if err = checkOrderID(id); err != nil {
		return id, 0, nil, sig, malformed("%v", err)
	}
	s, err := parseDecimal(f["seq"], 20)
	if err != nil {
		return id, 0, nil, sig, err
	}
	seq, perr := strconv.ParseUint(s, 10, 64)
	if perr != nil {
		return id, 0, nil, sig, malformed("seq: %v", perr)
	}
	a, err := parseDecimal(f[amountKey], 39) // 2^128 has 39 digits
	if err != nil {
		return id, 0, nil, sig, err
	}
	amount, _ = new(big.Int).SetString(a, 10)
	if err = checkAmount(amount); err != nil {
		return id, 0, nil, sig, malformed("%v", err)
	}
	if err = parseHex(f["sig"], sig[:]); err != nil {
		return id, 0, nil, sig, err
	}
	return id, seq, amount, sig, nil
}

// parseDecimal reads a JSON string holding a canonical non-negative decimal: no sign, no
// leading zeros (except "0" itself), at most maxDigits digits.
func parseDecimal(raw json.RawMessage, maxDigits int) (string, error) {
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return "", malformed("want a decimal string: %v", err)
	}
	if len(s) == 0 || len(s) > maxDigits || (len(s) > 1 && s[0] == '0') {
		return "", malformed("decimal %q not canonical", s)
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return "", malformed("decimal %q not canonical", s)
		}
	}
	return s, nil
}

// parseHex reads a JSON string "0x" + lowercase hex filling dst exactly.
func parseHex(raw json.RawMessage, dst []byte) error {
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		return malformed("want a hex string: %v", err)
	}
	if len(s) != 2+2*len(dst) || s[:2] != "0x" {
		return malformed("hex %q: want 0x and %d hex digits", s, 2*len(dst))
	}
	for _, c := range s[2:] {
		if (c < '0' || c > '9') && (c < 'a' || c > 'f') {
			return malformed("hex %q not lowercase hex", s)
		}
	}
	if _, err := hex.Decode(dst, []byte(s[2:])); err != nil {
		return malformed("hex %q: %v", s, err)
	}
	return nil
}
