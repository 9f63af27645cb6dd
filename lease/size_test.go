package lease

import (
	"errors"
	"math/rand"
	"testing"
)

func TestParseSize(t *testing.T) {
	tests := []struct {
		in   string
		want uint64
		err  string
	}{
		{in: "12Gi", want: 12 << 30},
		{in: "1Mi", want: 1 << 20},
		{in: "1MiB", want: 1 << 20},
		{in: "512M", want: 512e6},
		{in: "4096", want: 4096},
		{in: "4096B", want: 4096},
		{in: "1.5Gi", want: 3 << 29},
		{in: " 2 Ki ", want: 2048},
		{in: "10k", want: 10000},
		{in: "16Ei", err: `invalid size "16Ei": too large (at most 18446744073709551615 bytes)`},
		{in: "12Gb", err: `invalid size "12Gb": unknown unit "Gb"; did you mean "12Gi"? (units are Ki Mi Gi Ti Pi Ei (powers of 1024, a trailing B is allowed), K M G T P E (powers of 1000) and B or none (bytes))`},
		{in: "12gb", err: `invalid size "12gb": unknown unit "gb"; did you mean "12Gi"? (units are Ki Mi Gi Ti Pi Ei (powers of 1024, a trailing B is allowed), K M G T P E (powers of 1000) and B or none (bytes))`},
		{in: "12GB", err: `invalid size "12GB": unknown unit "GB"; did you mean "12Gi"? (units are Ki Mi Gi Ti Pi Ei (powers of 1024, a trailing B is allowed), K M G T P E (powers of 1000) and B or none (bytes))`},
		{in: "12 parsecs", err: `invalid size "12 parsecs": unknown unit "parsecs" (units are Ki Mi Gi Ti Pi Ei (powers of 1024, a trailing B is allowed), K M G T P E (powers of 1000) and B or none (bytes))`},
		{in: "-1Gi", err: `invalid size "-1Gi": must not be negative`},
		{in: "0.5", err: `invalid size "0.5": not a whole number of bytes`},
		{in: "", err: `invalid size: empty size (units are Ki Mi Gi Ti Pi Ei (powers of 1024, a trailing B is allowed), K M G T P E (powers of 1000) and B or none (bytes))`},
		{in: "Gi", err: `invalid size "Gi": expected a number`},
	}
	for _, tt := range tests {
		got, err := ParseSize(tt.in)
		if tt.err != "" {
			if err == nil || err.Error() != tt.err {
				t.Errorf("ParseSize(%q) error = %v, want %q", tt.in, err, tt.err)
			}
			if err != nil && !errors.Is(err, ErrInvalidSize) {
				t.Errorf("ParseSize(%q) error does not wrap ErrInvalidSize", tt.in)
			}
			continue
		}
		if err != nil || got != tt.want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", tt.in, got, err, tt.want)
		}
	}
}

func TestFormatSize(t *testing.T) {
	for v, want := range map[uint64]string{0: "0", 1 << 20: "1Mi", 12 << 30: "12Gi", 512e6: "512M", 1000: "1K", 1023: "1023", 1<<64 - 1: "18446744073709551615"} {
		if got := FormatSize(v); got != want {
			t.Errorf("FormatSize(%d) = %q, want %q", v, got, want)
		}
	}
}

// TestSizeRoundTrip is the property that every value formats to something that parses back.
func TestSizeRoundTrip(t *testing.T) {
	r := rand.New(rand.NewSource(1))
	for i := 0; i < 20000; i++ {
		v := r.Uint64() >> uint(r.Intn(64))
		if i%3 == 0 { // bias towards exact multiples of units
			v = uint64(r.Intn(100000)) << (10 * uint(r.Intn(6)))
		}
		got, err := ParseSize(FormatSize(v))
		if err != nil || got != v {
			t.Fatalf("ParseSize(FormatSize(%d)=%q) = %d, %v", v, FormatSize(v), got, err)
		}
	}
}

func FuzzParseSize(f *testing.F) {
	for _, s := range []string{"12Gi", "1MiB", "512M", "1.5Gi", "0", "12Gb", "1e3", "18446744073709551615", "16Ei", "-1", ".5Ki", "1e100Ki"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v, err := ParseSize(s)
		if err != nil {
			return
		}
		back, err := ParseSize(FormatSize(v))
		if err != nil || back != v {
			t.Fatalf("%q → %d → %q → %d, %v", s, v, FormatSize(v), back, err)
		}
	})
}
