package lease

import (
	"errors"
	"math/big"
	"math/rand"
	"testing"
	"time"
)

func TestParsePrice(t *testing.T) {
	const help = `units are fil, millifil, microfil, nanofil, picofil, femtofil and attofil, e.g. "0.01fil/min", "1 FIL/h" or "5e15attofil/60s"`
	tests := []struct {
		in     string
		amount string
		period time.Duration
		err    string
	}{
		{in: "0.01fil/min", amount: "10000000000000000", period: time.Minute},
		{in: "1 FIL/h", amount: "1000000000000000000", period: time.Hour},
		{in: "5e15 attofil/s", amount: "5000000000000000", period: time.Second},
		{in: "3nanofil/60s", amount: "3000000000", period: time.Minute},
		{in: "10000000000000000attofil/60s", amount: "10000000000000000", period: time.Minute},
		{in: "0.5 millifil / 1h30m", amount: "500000000000000", period: 90 * time.Minute},
		{in: "1.5e-3fil/d", amount: "1500000000000000", period: 24 * time.Hour},
		{in: "0fil/s", amount: "0", period: time.Second},
		{in: "0.01/min", err: `invalid price "0.01/min": missing unit (` + help + `)`},
		{in: "5", err: `invalid price "5": missing unit (` + help + `)`},
		{in: "5fil", err: `invalid price "5fil": missing period, e.g. "5fil/min"`},
		{in: "1 dollar/h", err: `invalid price "1 dollar/h": unknown unit "dollar" (` + help + `)`},
		{in: "1e-19fil/s", err: `invalid price "1e-19fil/s": not a whole number of attoFIL`},
		{in: "1fil/1.5s", err: `invalid price "1fil/1.5s": bad period "1.5s": must be a positive whole number of seconds`},
		{in: "1fil/fortnight", err: `invalid price "1fil/fortnight": bad period "fortnight": use s, min, h, d or a duration such as "60s"`},
		{in: "1fil/0s", err: `invalid price "1fil/0s": bad period "0s": must be a positive whole number of seconds`},
		{in: "-1fil/s", err: `invalid price "-1fil/s": must not be negative`},
		{in: "1e999fil/s", err: `invalid price "1e999fil/s": exponent in "1e999" is out of range (at most ±100) (` + help + `)`},
		{in: "1e80fil/s", err: `invalid price "1e80fil/s": amount does not fit in 256 bits`},
	}
	for _, tt := range tests {
		p, err := ParsePrice(tt.in)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("ParsePrice(%q) error = %v\n want %s", tt.in, err, tt.err)
			} else if !errors.Is(err, ErrInvalidPrice) {
				t.Errorf("ParsePrice(%q) error does not wrap ErrInvalidPrice", tt.in)
			}
			continue
		}
		if err != nil || p.Amount.String() != tt.amount || p.Period != tt.period {
			t.Errorf("ParsePrice(%q) = %v, %v; want %sattofil/%s", tt.in, p, err, tt.amount, tt.period)
		}
	}
}

func TestPriceString(t *testing.T) {
	if got := MustParsePrice("0.01fil/min").String(); got != "10000000000000000attofil/60s" {
		t.Fatalf("String() = %q", got)
	}
}

func TestPriceCost(t *testing.T) {
	p := MustParsePrice("0.01fil/min")
	tests := []struct {
		d    time.Duration
		want string
	}{
		{0, "0"},
		{time.Second, "166666666666666"}, // floor(1e16/60)
		{59*time.Second + 999*time.Millisecond, "9833333333333333"},
		{time.Minute, "10000000000000000"},
		{time.Hour, "600000000000000000"},
		{-time.Hour, "0"},
	}
	for _, tt := range tests {
		if got := p.Cost(tt.d).String(); got != tt.want {
			t.Errorf("Cost(%s) = %s, want %s", tt.d, got, tt.want)
		}
	}
	if got := p.Escrow(24 * time.Hour).String(); got != "14400000000000000000" {
		t.Errorf("Escrow(24h) = %s", got)
	}
}

func TestPriceCmpRate(t *testing.T) {
	a, b := MustParsePrice("0.01fil/min"), MustParsePrice("0.6fil/h")
	if a.CmpRate(b) != 0 || a.Equal(b) {
		t.Fatalf("same rate: CmpRate=%d Equal=%v", a.CmpRate(b), a.Equal(b))
	}
	if MustParsePrice("1fil/h").CmpRate(a) <= 0 {
		t.Fatal("1fil/h should be dearer than 0.01fil/min")
	}
}

// TestPriceProperties checks on random prices that String parses back to an equal Price,
// that a decimal FIL rendering parses to the exact amount (no precision loss), and that
// Cost is exactly floor(amount·t/period) and additive up to rounding.
func TestPriceProperties(t *testing.T) {
	r := rand.New(rand.NewSource(42))
	units := []struct {
		name string
		exp  int
	}{{"fil", 18}, {"millifil", 15}, {"nanofil", 9}, {"attofil", 0}}
	for i := 0; i < 5000; i++ {
		amount := new(big.Int).Rand(r, new(big.Int).Lsh(big.NewInt(1), uint(1+r.Intn(200))))
		period := time.Duration(1+r.Intn(100000)) * time.Second
		p := Price{Amount: amount, Period: period}

		back, err := ParsePrice(p.String())
		if err != nil || !back.Equal(p) {
			t.Fatalf("ParsePrice(%q) = %v, %v", p.String(), back, err)
		}

		u := units[r.Intn(len(units))]
		dec, ok := formatRat(new(big.Rat).SetFrac(amount, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(u.exp)), nil)))
		if !ok {
			t.Fatal("formatRat failed")
		}
		text := dec + " " + u.name + "/" + period.String()
		got, err := ParsePrice(text)
		if err != nil || got.Amount.Cmp(amount) != 0 || got.Period != period {
			t.Fatalf("ParsePrice(%q) = %v, %v; want %sattofil", text, got, err, amount)
		}

		d := time.Duration(r.Int63n(int64(1000 * time.Hour)))
		secs := int64(d / time.Second)
		want := new(big.Int).Mul(amount, big.NewInt(secs))
		want.Quo(want, big.NewInt(int64(period/time.Second)))
		if c := p.Cost(d); c.Cmp(want) != 0 {
			t.Fatalf("Cost(%s) = %s, want %s", d, c, want)
		}
		// Splitting a lease in two never bills more than the whole, and at most one
		// attoFIL less.
		d1 := time.Duration(secs/2) * time.Second
		sum := new(big.Int).Add(p.Cost(d1), p.Cost(time.Duration(secs)*time.Second-d1))
		diff := new(big.Int).Sub(p.Cost(d), sum)
		if diff.Sign() < 0 || diff.Cmp(big.NewInt(1)) > 0 {
			t.Fatalf("Cost not additive: whole %s, parts %s", p.Cost(d), sum)
		}
	}
}

func FuzzParsePrice(f *testing.F) {
	for _, s := range []string{"0.01fil/min", "1 FIL/h", "5e15 attofil/s", "10000000000000000attofil/60s", "0.01/min", "5", "1e-19fil/s", "1fil/1d2h", ".5fil/s", "1e100fil/s", "1 nanofil / 60s"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := ParsePrice(s)
		if err != nil {
			return
		}
		if err := p.Validate(); err != nil {
			t.Fatalf("ParsePrice(%q) = %v, which does not validate: %v", s, p, err)
		}
		back, err := ParsePrice(p.String())
		if err != nil || !back.Equal(p) {
			t.Fatalf("%q → %v → %v, %v", s, p, back, err)
		}
	})
}
