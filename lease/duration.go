package lease

import (
	"fmt"
	"math"
	"math/big"
	"strings"
	"time"
)

// durationUnits maps a unit to its length in nanoseconds. "d" is a 24-hour day: leases are
// metered in elapsed seconds, so calendar days (DST, leap seconds) do not apply.
var durationUnits = map[string]int64{
	"ns": 1, "us": 1e3, "µs": 1e3, "μs": 1e3, "ms": 1e6,
	"s": 1e9, "m": 60e9, "h": 3600e9, "d": 86400e9,
}

const durationUnitHelp = "units are ns, us, ms, s, m, h and d (24h)"

// ParseDuration parses a non-negative duration: anything time.ParseDuration accepts
// ("1h30m", "1.5h", "300ms") plus days ("2d", "1d12h"). Arithmetic is exact: a value that is
// not a whole number of nanoseconds or does not fit in a time.Duration is an error rather
// than being truncated.
func ParseDuration(s string) (time.Duration, error) {
	in := strings.TrimSpace(s)
	if in == "" {
		return 0, fmt.Errorf("%w: empty duration (e.g. \"1h30m\"; %s)", ErrInvalidDuration, durationUnitHelp)
	}
	if in[0] == '-' {
		return 0, fmt.Errorf("%w %q: must not be negative", ErrInvalidDuration, s)
	}
	in = strings.TrimPrefix(in, "+")
	if in == "0" {
		return 0, nil
	}
	total := new(big.Rat)
	for rest := in; rest != ""; {
		num, n, err := parseDecimal(rest)
		if err != nil {
			return 0, fmt.Errorf("%w %q: %v", ErrInvalidDuration, s, err)
		}
		rest = rest[n:]
		u := 0
		for u < len(rest) && (rest[u] < '0' || rest[u] > '9') && rest[u] != '.' {
			u++
		}
		unit := rest[:u]
		rest = rest[u:]
		if unit == "" {
			return 0, fmt.Errorf("%w %q: missing unit (%s)", ErrInvalidDuration, s, durationUnitHelp)
		}
		ns, ok := durationUnits[unit]
		if !ok {
			return 0, fmt.Errorf("%w %q: unknown unit %q (%s)", ErrInvalidDuration, s, unit, durationUnitHelp)
		}
		total.Add(total, num.Mul(num, big.NewRat(ns, 1)))
	}
	if !total.IsInt() {
		return 0, fmt.Errorf("%w %q: finer than a nanosecond", ErrInvalidDuration, s)
	}
	if !total.Num().IsInt64() {
		return 0, fmt.Errorf("%w %q: too long (at most %s)", ErrInvalidDuration, s, time.Duration(math.MaxInt64))
	}
	return time.Duration(total.Num().Int64()), nil
}

// FormatDuration formats d as Go does ("1h30m0s"), which ParseDuration and
// time.ParseDuration both read back exactly.
func FormatDuration(d time.Duration) string { return d.String() }
