package lease

import (
	"errors"
	"math/big"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/shaleprotocol/shale/internal/testsupport"
)

func TestOrderRoundTrip(t *testing.T) {
	s := validSpec(t)
	s.Command, s.Args = "python3", []string{"train.py", "--epochs=3"}
	s.Resources.GPUModel, s.Resources.Disk = "Tesla T4", 20<<30
	s.SSHKeys = append(s.SSHKeys, testsupport.SSHKey(t, 2, "ci <bot> & co"))
	o, err := s.Order(big.NewInt(31337), addr(1), addr(2), testPaymentKey(t, 1), big.NewInt(7))
	if err != nil {
		t.Fatal(err)
	}
	if o.Escrow.String() != "600000000000000000" || o.Duration != 3600 || o.PricePeriod != 60 {
		t.Fatalf("order scalars: escrow %s duration %d period %d", o.Escrow, o.Duration, o.PricePeriod)
	}
	if err := o.CheckID(big.NewInt(31337), addr(1)); err != nil {
		t.Fatal(err)
	}
	if err := o.CheckID(big.NewInt(31338), addr(1)); !errors.Is(err, ErrInvalidOrder) {
		t.Fatalf("CheckID on another chain: %v", err)
	}
	back, err := o.Spec()
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(s, back); d != "" {
		t.Fatalf("Order.Spec() differs (-want +got):\n%s", d)
	}

	// The encoding alone round-trips everything but the Order's scalar fields.
	dec, err := DecodeSpec(o.SpecBytes)
	if err != nil {
		t.Fatal(err)
	}
	want := s
	want.Provider, want.Price, want.Duration = "", Price{}, 0
	if d := cmp.Diff(want, dec); d != "" {
		t.Fatalf("DecodeSpec(EncodeSpec(s)) differs (-want +got):\n%s", d)
	}
	if !strings.HasPrefix(string(o.SpecBytes), `{"args":["train.py","--epochs=3"],"bandwidth":1048576,"command":"python3","grace":60,"image":"shale/debian:bookworm","mounts":[{"cid":"bafk`) {
		t.Fatalf("encoding: %s", o.SpecBytes)
	}
	if !strings.Contains(string(o.SpecBytes), `ci <bot> & co"],"v":1}`) {
		t.Fatalf("encoding tail: %s", o.SpecBytes)
	}

	// Tampering with the escrow is caught.
	o.Escrow = big.NewInt(1)
	if _, err := o.Spec(); err == nil || !strings.Contains(err.Error(), "escrow 1 attoFIL, want 600000000000000000 (price × duration)") {
		t.Fatalf("tampered escrow: %v", err)
	}
}

func TestDecodeSpecStrict(t *testing.T) {
	good, err := EncodeSpec(validSpec(t))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := DecodeSpec(good); err != nil {
		t.Fatal(err)
	}
	g := string(good)
	tests := map[string]string{
		"unknown field": strings.Replace(g, `"v":1`, `"v":1,"x":2`, 1),
		"version":       strings.Replace(g, `"v":1`, `"v":2`, 1),
		"trailing":      g + "{}",
		"whitespace":    strings.Replace(g, `"v":1`, `"v": 1`, 1),
		"reordered":     strings.Replace(strings.Replace(g, `"args":[],`, ``, 1), `"v":1`, `"v":1,"args":[]`, 1),
		"not json":      "spec",
	}
	for name, b := range tests {
		if _, err := DecodeSpec([]byte(b)); !errors.Is(err, ErrInvalidOrder) {
			t.Errorf("%s: DecodeSpec(%s) err = %v", name, b, err)
		}
	}
	if _, err := DecodeSpec([]byte(strings.Replace(g, `"v":1`, `"v":2`, 1))); err == nil || !strings.Contains(err.Error(), "spec encoding version 2, this build reads version 1") {
		t.Errorf("version message: %v", err)
	}
}
