package lease

import (
	"math"
	"math/rand"
	"testing"
	"time"
)

func TestParseDuration(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
		err  string
	}{
		{in: "1h30m", want: 90 * time.Minute},
		{in: "2d", want: 48 * time.Hour},
		{in: "1d12h", want: 36 * time.Hour},
		{in: "1.5h", want: 90 * time.Minute},
		{in: "300ms", want: 300 * time.Millisecond},
		{in: "0", want: 0},
		{in: "5m0s", want: 5 * time.Minute},
		{in: "1µs", want: time.Microsecond},
		{in: "24", err: `invalid duration "24": missing unit (units are ns, us, ms, s, m, h and d (24h))`},
		{in: "3w", err: `invalid duration "3w": unknown unit "w" (units are ns, us, ms, s, m, h and d (24h))`},
		{in: "-1h", err: `invalid duration "-1h": must not be negative`},
		{in: "0.5ns", err: `invalid duration "0.5ns": finer than a nanosecond`},
		{in: "107000d", err: `invalid duration "107000d": too long (at most 2562047h47m16.854775807s)`},
		{in: "", err: `invalid duration: empty duration (e.g. "1h30m"; units are ns, us, ms, s, m, h and d (24h))`},
	}
	for _, tt := range tests {
		got, err := ParseDuration(tt.in)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("ParseDuration(%q) error = %v\n want %s", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseDuration(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

// TestDurationAgreesWithGo checks that on Go's own output format both parsers agree.
func TestDurationAgreesWithGo(t *testing.T) {
	r := rand.New(rand.NewSource(7))
	for i := 0; i < 20000; i++ {
		d := time.Duration(r.Int63n(math.MaxInt64))
		if i%2 == 0 {
			d = time.Duration(r.Int63n(int64(1000*time.Hour))) / time.Second * time.Second
		}
		got, err := ParseDuration(FormatDuration(d))
		if err != nil || got != d {
			t.Fatalf("ParseDuration(%q) = %v, %v", d.String(), got, err)
		}
	}
}

func FuzzParseDuration(f *testing.F) {
	for _, s := range []string{"1h30m", "2d", "1.5h", "0", "300ms", "-1h", "1e3s", ".5d", "2562047h47m16.854775807s", "1µs"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := ParseDuration(s)
		if err != nil {
			return
		}
		if d < 0 {
			t.Fatalf("ParseDuration(%q) = %v < 0", s, d)
		}
		back, err := ParseDuration(FormatDuration(d))
		if err != nil || back != d {
			t.Fatalf("%q → %v → %v, %v", s, d, back, err)
		}
		if std, err := time.ParseDuration(FormatDuration(d)); err != nil || std != d {
			t.Fatalf("time.ParseDuration(%q) = %v, %v", FormatDuration(d), std, err)
		}
	})
}

func TestParseCPUs(t *testing.T) {
	tests := []struct {
		in   string
		want MilliCPUs
		err  string
	}{
		{in: "4", want: 4000},
		{in: "0.5", want: 500},
		{in: "500m", want: 500},
		{in: "1.25", want: 1250},
		{in: "0", err: `invalid cpus "0": must be positive`},
		{in: "-2", err: `invalid cpus "-2": must be positive`},
		{in: "0.0001", err: `invalid cpus "0.0001": not a whole number of millicores`},
		{in: "4 cores", err: `invalid cpus "4 cores": unknown unit "cores" (write cores, e.g. "4", or millicores, e.g. "500m")`},
	}
	for _, tt := range tests {
		got, err := ParseCPUs(tt.in)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("ParseCPUs(%q) error = %v\n want %s", tt.in, err, tt.err)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseCPUs(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
		if back, err := ParseCPUs(got.String()); err != nil || back != got {
			t.Errorf("ParseCPUs(%q) = %v, %v", got.String(), back, err)
		}
	}
}
