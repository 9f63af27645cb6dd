package lease

import (
	"fmt"
	"math/big"
	"strings"
)

// MilliCPUs is an amount of CPU in thousandths of a core. Whole cores are the common case
// ("4"), but fractional leases ("0.5", "500m") are exact too, without floats.
type MilliCPUs uint64

// ParseCPUs parses a CPU amount: whole or fractional cores ("4", "0.5", "1.25") or
// millicores ("500m"). The amount must be positive and a whole number of millicores.
func ParseCPUs(s string) (MilliCPUs, error) {
	in := strings.TrimSpace(s)
	if strings.HasPrefix(in, "-") {
		return 0, fmt.Errorf("%w %q: must be positive", ErrInvalidCPUs, s)
	}
	num, n, err := parseDecimal(in)
	if err != nil {
		return 0, fmt.Errorf("%w %q: %v (e.g. \"4\", \"0.5\" or \"500m\")", ErrInvalidCPUs, s, err)
	}
	switch unit := strings.TrimSpace(in[n:]); unit {
	case "":
		num.Mul(num, big.NewRat(1000, 1))
	case "m":
	default:
		return 0, fmt.Errorf("%w %q: unknown unit %q (write cores, e.g. \"4\", or millicores, e.g. \"500m\")", ErrInvalidCPUs, s, unit)
	}
	if !num.IsInt() {
		return 0, fmt.Errorf("%w %q: not a whole number of millicores", ErrInvalidCPUs, s)
	}
	if num.Sign() == 0 {
		return 0, fmt.Errorf("%w %q: must be positive", ErrInvalidCPUs, s)
	}
	if !num.Num().IsUint64() {
		return 0, fmt.Errorf("%w %q: too large", ErrInvalidCPUs, s)
	}
	return MilliCPUs(num.Num().Uint64()), nil
}

// String formats the amount in cores ("4", "0.5"), which ParseCPUs reads back exactly.
func (m MilliCPUs) String() string {
	s, _ := formatRat(new(big.Rat).SetFrac(new(big.Int).SetUint64(uint64(m)), big.NewInt(1000)))
	return s
}
