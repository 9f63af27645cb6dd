package lease

import (
	"errors"
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"time"
)

// ErrInvalidAmount is returned (wrapped) for an amount of money that cannot be parsed.
var ErrInvalidAmount = errors.New("invalid amount")

// ParseAmount parses an exact amount of money with its unit — "0.5fil", "100 FIL",
// "5e15attofil" — into attoFIL, with the numbers and units prices accept. A bare number is
// rejected: it could mean FIL or attoFIL, a factor of 10¹⁸.
func ParseAmount(s string) (*big.Int, error) {
	if len(s) > 2*maxNumberLen {
		return nil, fmt.Errorf("%w: amount is too long", ErrInvalidAmount)
	}
	if strings.Contains(s, "/") {
		return nil, fmt.Errorf("%w %q: want an amount such as \"0.5fil\", not a price", ErrInvalidAmount, s)
	}
	a, err := parseMoney(s)
	if err != nil {
		return nil, fmt.Errorf("%w %q: %v", ErrInvalidAmount, s, err)
	}
	return a, nil
}

// FormatFIL renders attoFIL exactly as FIL: 500000000000000000 → "0.5 FIL", 1 → "0.000000000000000001 FIL".
func FormatFIL(atto *big.Int) string {
	if atto == nil {
		atto = new(big.Int)
	}
	q, r := new(big.Int).QuoRem(new(big.Int).Abs(atto), AttoPerFIL, new(big.Int))
	s := q.String()
	if r.Sign() != 0 {
		s += "." + strings.TrimRight(fmt.Sprintf("%018s", r.String()), "0")
	}
	if atto.Sign() < 0 {
		s = "-" + s
	}
	return s + " FIL"
}

// parseMoney reads "<decimal> <unit>" into a whole, non-negative number of attoFIL that fits
// in 256 bits.
func parseMoney(text string) (*big.Int, error) {
	text = strings.TrimSpace(text)
	if strings.HasPrefix(text, "-") {
		return nil, errors.New("must not be negative")
	}
	text = strings.TrimPrefix(text, "+")
	num, n, err := parseDecimal(text)
	if err != nil {
		return nil, fmt.Errorf("%v (%s)", err, filUnitHelp)
	}
	unit := strings.ToLower(strings.TrimSpace(text[n:]))
	if unit == "" {
		return nil, fmt.Errorf("missing unit (%s)", filUnitHelp)
	}
	exp := int64(-1)
	for _, u := range filUnits {
		if unit == u.name {
			exp = u.exp
		}
	}
	if exp < 0 {
		return nil, fmt.Errorf("unknown unit %q (%s)", unit, filUnitHelp)
	}
	num.Mul(num, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(exp), nil)))
	if !num.IsInt() {
		return nil, errors.New("not a whole number of attoFIL")
	}
	if num.Num().Cmp(maxAmount) > 0 {
		return nil, errors.New("amount does not fit in 256 bits")
	}
	return new(big.Int).Set(num.Num()), nil
}

// Display writes p for people, in a form ParsePrice reads back exactly: the amount in FIL and
// a named period where there is one ("0.01 FIL/min", "1 FIL/day", "0.5 FIL/90s").
func (p Price) Display() string {
	per := map[time.Duration]string{time.Second: "s", time.Minute: "min", time.Hour: "h", 24 * time.Hour: "day"}[p.Period]
	if per == "" {
		per = strconv.FormatInt(int64(p.Period/time.Second), 10) + "s"
	}
	return FormatFIL(p.amount()) + "/" + per
}
