package lease

import (
	"fmt"
	"math/big"
	"strings"
)

// sizeUnit is one accepted size suffix.
type sizeUnit struct {
	suffix string
	factor uint64
}

// sizeUnits lists the accepted suffixes, binary first so FormatSize prefers them. Binary
// units follow Kubernetes/IEC spelling ("Gi"); a trailing "B" after them ("GiB") is accepted
// because people write it. Decimal units are the SI letters alone ("512M" = 512·10⁶ bytes).
var sizeUnits = []sizeUnit{
	{"Ei", 1 << 60}, {"Pi", 1 << 50}, {"Ti", 1 << 40}, {"Gi", 1 << 30}, {"Mi", 1 << 20}, {"Ki", 1 << 10},
	{"E", 1e18}, {"P", 1e15}, {"T", 1e12}, {"G", 1e9}, {"M", 1e6}, {"K", 1e3},
}

const sizeUnitHelp = "units are Ki Mi Gi Ti Pi Ei (powers of 1024, a trailing B is allowed), " +
	"K M G T P E (powers of 1000) and B or none (bytes)"

// ParseSize parses a byte size: "12Gi", "1MiB", "512M", "1.5Gi", "4096", "4096B".
// The result must be a whole number of bytes that fits in a uint64. Spellings that are
// usually typos ("12Gb" — b is bits — "12gb", "12GB") are rejected with a suggestion,
// because silently guessing between 10⁹ and 2³⁰ would mis-size a lease by 7%.
func ParseSize(s string) (uint64, error) {
	in := strings.TrimSpace(s)
	if in == "" {
		return 0, fmt.Errorf("%w: empty size (%s)", ErrInvalidSize, sizeUnitHelp)
	}
	if in[0] == '-' {
		return 0, fmt.Errorf("%w %q: must not be negative", ErrInvalidSize, s)
	}
	in = strings.TrimPrefix(in, "+")
	num, n, err := parseDecimal(in)
	if err != nil {
		return 0, fmt.Errorf("%w %q: %v", ErrInvalidSize, s, err)
	}
	numText := in[:n]
	unit := strings.TrimSpace(in[n:])
	factor, err := sizeFactor(numText, unit)
	if err != nil {
		return 0, fmt.Errorf("%w %q: %v", ErrInvalidSize, s, err)
	}
	v := num.Mul(num, new(big.Rat).SetInt(new(big.Int).SetUint64(factor)))
	if !v.IsInt() {
		return 0, fmt.Errorf("%w %q: not a whole number of bytes", ErrInvalidSize, s)
	}
	if !v.Num().IsUint64() {
		return 0, fmt.Errorf("%w %q: too large (at most %d bytes)", ErrInvalidSize, s, uint64(1<<64-1))
	}
	return v.Num().Uint64(), nil
}

// sizeFactor maps a unit suffix to its factor, or explains what was probably meant.
func sizeFactor(num, unit string) (uint64, error) {
	if unit == "" || unit == "B" {
		return 1, nil
	}
	for _, u := range sizeUnits {
		if unit == u.suffix || (strings.HasSuffix(u.suffix, "i") && unit == u.suffix+"B") {
			return u.factor, nil
		}
	}
	if unit == "k" { // the SI prefix for kilo is lowercase; accept it like Kubernetes does
		return 1e3, nil
	}
	if p := strings.ToUpper(unit[:1]); strings.Contains("KMGTPE", p) && len(unit) <= 3 {
		return 0, fmt.Errorf("unknown unit %q; did you mean %q? (%s)", unit, num+p+"i", sizeUnitHelp)
	}
	return 0, fmt.Errorf("unknown unit %q (%s)", unit, sizeUnitHelp)
}

// FormatSize formats a byte count exactly, in a form ParseSize reads back: with the largest
// unit that divides it ("12Gi", "512M"), else as plain bytes.
func FormatSize(v uint64) string {
	if v == 0 {
		return "0"
	}
	best := sizeUnit{"", 1}
	for _, u := range sizeUnits {
		if v%u.factor == 0 && u.factor > best.factor {
			best = u
		}
	}
	return fmt.Sprintf("%d%s", v/best.factor, best.suffix)
}
