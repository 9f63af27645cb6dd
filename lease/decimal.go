package lease

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"
)

// maxExponent bounds the decimal exponent accepted in numbers such as "5e15". Without a
// bound, "1e999999999" would make math/big allocate gigabytes; no real price or size needs
// more than a few dozen digits.
const maxExponent = 100

// maxNumberLen bounds the length of a decimal literal for the same reason.
const maxNumberLen = 128

// parseDecimal parses a non-negative decimal literal ("12", "0.01", ".5", "5e15", "1.5E-3")
// into an exact rational. It never goes through a float, so "0.1" is exactly 1/10.
// It returns the length of the literal consumed from the front of s, so callers can read
// a unit right after the number.
func parseDecimal(s string) (*big.Rat, int, error) {
	i := 0
	digits := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
		digits++
	}
	if i < len(s) && s[i] == '.' {
		i++
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
			digits++
		}
	}
	if digits == 0 {
		return nil, 0, fmt.Errorf("expected a number")
	}
	mant := s[:i]
	exp := 0
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		k := j
		for k < len(s) && s[k] >= '0' && s[k] <= '9' {
			k++
		}
		// "5e" followed by no digits is not an exponent: leave it for the unit parser,
		// which then reports an unknown unit rather than a confusing number error.
		if k > j {
			e, err := strconv.Atoi(s[i+1 : k])
			if err != nil || e > maxExponent || e < -maxExponent {
				return nil, 0, fmt.Errorf("exponent in %q is out of range (at most ±%d)", s[:k], maxExponent)
			}
			exp = e
			i = k
		}
	}
	if i > maxNumberLen {
		return nil, 0, fmt.Errorf("number is too long (at most %d characters)", maxNumberLen)
	}
	r, ok := new(big.Rat).SetString(strings.TrimSuffix(mant, "."))
	if !ok {
		return nil, 0, fmt.Errorf("%q is not a number", mant)
	}
	if exp != 0 {
		p := new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(abs(exp))), nil))
		if exp > 0 {
			r.Mul(r, p)
		} else {
			r.Quo(r, p)
		}
	}
	return r, i, nil
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// formatRat formats a non-negative rational whose denominator divides a power of ten as a
// plain decimal ("1.25", "4"). ok is false when the value has no finite decimal form.
func formatRat(r *big.Rat) (string, bool) {
	if r.IsInt() {
		return r.Num().String(), true
	}
	// Find the smallest power of ten that makes r an integer; give up after a bound that
	// any value produced by our parsers satisfies.
	scaled := new(big.Rat).Set(r)
	ten := big.NewRat(10, 1)
	for places := 1; places <= 2*maxExponent+maxNumberLen; places++ {
		scaled.Mul(scaled, ten)
		if scaled.IsInt() {
			s := scaled.Num().String()
			if len(s) <= places {
				s = strings.Repeat("0", places-len(s)+1) + s
			}
			return s[:len(s)-places] + "." + s[len(s)-places:], true
		}
	}
	return "", false
}
