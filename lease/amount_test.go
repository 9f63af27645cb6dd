package lease

import (
	"errors"
	"math/big"
	"strings"
	"testing"
)

func TestParseAmount(t *testing.T) {
	for _, tc := range []struct {
		in, want, err string
	}{
		{"0.5fil", "500000000000000000", ""},
		{"100 FIL", "100000000000000000000", ""},
		{"5e15attofil", "5000000000000000", ""},
		{"3 nanofil", "3000000000", ""},
		{"1attofil", "1", ""},
		{"0fil", "0", ""},
		{"5", "", "missing unit"},
		{"0.5 attofil", "", "not a whole number of attoFIL"},
		{"-1fil", "", "must not be negative"},
		{"1fil/h", "", "not a price"},
		{"1 dollar", "", `unknown unit "dollar"`},
		{"1e80fil", "", "does not fit in 256 bits"},
		{"1e-18fil", "1", ""},
		{"12.25millifil", "12250000000000000", ""},
		{"1e-19fil", "", "not a whole number of attoFIL"},
		{"0x10fil", "", "fil"},
		{"inffil", "", "fil"},
		{"NaNfil", "", "fil"},
		{"1,5fil", "", "fil"},
		{"", "", "fil"},
	} {
		got, err := ParseAmount(tc.in)
		if tc.err != "" {
			if !errors.Is(err, ErrInvalidAmount) || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("ParseAmount(%q) error %v, want %q", tc.in, err, tc.err)
			}
			continue
		}
		if err != nil || got.String() != tc.want {
			t.Errorf("ParseAmount(%q) = %v, %v; want %s", tc.in, got, err, tc.want)
		}
	}
}

func TestFormatFIL(t *testing.T) {
	for in, want := range map[string]string{
		"0": "0 FIL", "1": "0.000000000000000001 FIL", "500000000000000000": "0.5 FIL",
		"1000000000000000000": "1 FIL", "-1500000000000000000": "-1.5 FIL",
	} {
		n, _ := new(big.Int).SetString(in, 10)
		if got := FormatFIL(n); got != want {
			t.Errorf("FormatFIL(%s) = %q, want %q", in, got, want)
		}
		if n.Sign() >= 0 {
			back, err := ParseAmount(strings.ReplaceAll(FormatFIL(n), " FIL", "fil"))
			if err != nil || back.Cmp(n) != 0 {
				t.Errorf("round trip %s: %v %v", in, back, err)
			}
		}
	}
}

func TestPriceDisplay(t *testing.T) {
	for in, want := range map[string]string{
		"0.01fil/min": "0.01 FIL/min", "1 FIL/day": "1 FIL/day", "5e15attofil/90s": "0.005 FIL/90s",
		"1attofil/s": "0.000000000000000001 FIL/s", "2fil/h": "2 FIL/h",
	} {
		p := MustParsePrice(in)
		got := p.Display()
		if got != want {
			t.Errorf("%s: Display %q, want %q", in, got, want)
		}
		if back, err := ParsePrice(got); err != nil || !back.Equal(p) {
			t.Errorf("%s: ParsePrice(%q) = %v, %v", in, got, back, err)
		}
	}
}
