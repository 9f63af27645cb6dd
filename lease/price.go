package lease

import (
	"fmt"
	"math/big"
	"strings"
	"time"
)

// AttoPerFIL is the number of attoFIL in one FIL (10¹⁸), the chain's native unit.
var AttoPerFIL = new(big.Int).Exp(big.NewInt(10), big.NewInt(18), nil)

// maxAmount is 2²⁵⁶−1: amounts travel as uint256 on chain, so anything larger can never be
// paid and is rejected early.
var maxAmount = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1))

// filUnits are the accepted money units (case-insensitive) and their size in attoFIL.
var filUnits = []struct {
	name string
	exp  int64
}{
	{"fil", 18}, {"millifil", 15}, {"microfil", 12}, {"nanofil", 9}, {"picofil", 6}, {"femtofil", 3}, {"attofil", 0},
}

const filUnitHelp = "units are fil, millifil, microfil, nanofil, picofil, femtofil and attofil, " +
	"e.g. \"0.01fil/min\", \"1 FIL/h\" or \"5e15attofil/60s\""

// periodUnits are the named periods accepted after the slash ("fil/min").
var periodUnits = map[string]time.Duration{
	"s": time.Second, "sec": time.Second, "second": time.Second,
	"m": time.Minute, "min": time.Minute, "minute": time.Minute,
	"h": time.Hour, "hr": time.Hour, "hour": time.Hour,
	"d": 24 * time.Hour, "day": 24 * time.Hour,
}

// Price is an exact rate: Amount attoFIL per Period. Period is a positive whole number of
// seconds, so Cost is integer arithmetic only; nothing about money ever goes through a float.
type Price struct {
	Amount *big.Int      // attoFIL per period, 0 ≤ Amount < 2²⁵⁶
	Period time.Duration // whole seconds, > 0
}

// ParsePrice parses "<amount> <unit>/<period>": "0.01fil/min", "1 FIL/h", "5e15 attofil/s",
// "3nanofil/60s", and the canonical form String returns ("10000000000000000attofil/60s").
// The period is a named unit (s, min, h, d …) or a duration ("60s", "1h30m"). The amount
// must be a whole number of attoFIL; a price without a money unit is rejected because
// "0.01/min" could mean FIL or attoFIL — a factor of 10¹⁸.
func ParsePrice(s string) (Price, error) {
	in := strings.TrimSpace(s)
	if len(in) > 2*maxNumberLen {
		return Price{}, fmt.Errorf("%w: price is too long", ErrInvalidPrice)
	}
	amountText, periodText, found := strings.Cut(in, "/")
	amount, err := parseMoney(amountText)
	if err != nil {
		return Price{}, fmt.Errorf("%w %q: %v", ErrInvalidPrice, s, err)
	}
	if !found {
		return Price{}, fmt.Errorf("%w %q: missing period, e.g. \"%s/min\"", ErrInvalidPrice, s, strings.TrimSpace(amountText))
	}
	period, err := parsePeriod(periodText)
	if err != nil {
		return Price{}, fmt.Errorf("%w %q: %v", ErrInvalidPrice, s, err)
	}
	return Price{Amount: amount, Period: period}, nil
}

// parsePeriod reads the part after the slash: a named unit ("min") or a duration ("60s").
func parsePeriod(s string) (time.Duration, error) {
	p := strings.TrimSpace(s)
	if d, ok := periodUnits[strings.ToLower(p)]; ok {
		return d, nil
	}
	d, err := ParseDuration(p)
	if err != nil {
		return 0, fmt.Errorf("bad period %q: use s, min, h, d or a duration such as \"60s\"", p)
	}
	if d <= 0 || d%time.Second != 0 {
		return 0, fmt.Errorf("bad period %q: must be a positive whole number of seconds", p)
	}
	return d, nil
}

// MustParsePrice is ParsePrice for constants in tests and examples; it panics on error.
func MustParsePrice(s string) Price {
	p, err := ParsePrice(s)
	if err != nil {
		panic(err)
	}
	return p
}

// String returns the canonical exact form "<attoFIL>attofil/<seconds>s", e.g.
// "10000000000000000attofil/60s". ParsePrice reads it back to an equal Price; the driver's
// task config and the on-chain order carry this form.
func (p Price) String() string {
	return fmt.Sprintf("%sattofil/%ds", p.amount().String(), p.Period/time.Second)
}

// Validate reports whether p is usable: amount in [0, 2²⁵⁶) and a positive whole-second period.
func (p Price) Validate() error {
	if p.Amount == nil {
		return fmt.Errorf("%w: missing amount", ErrInvalidPrice)
	}
	if p.Amount.Sign() < 0 {
		return fmt.Errorf("%w %s: amount must not be negative", ErrInvalidPrice, p)
	}
	if p.Amount.Cmp(maxAmount) > 0 {
		return fmt.Errorf("%w: amount does not fit in 256 bits", ErrInvalidPrice)
	}
	if p.Period <= 0 || p.Period%time.Second != 0 {
		return fmt.Errorf("%w: period %s must be a positive whole number of seconds", ErrInvalidPrice, p.Period)
	}
	return nil
}

// Equal reports whether p and q are the same amount per the same period (go-cmp uses it).
func (p Price) Equal(q Price) bool {
	return p.amount().Cmp(q.amount()) == 0 && p.Period == q.Period
}

// CmpRate compares the rates of p and q regardless of how they are expressed: it returns
// -1, 0 or +1 as p is cheaper than, as expensive as, or dearer than q. Both periods must be
// positive. Used for price floors ("0.01fil/min" equals "0.6fil/h").
func (p Price) CmpRate(q Price) int {
	l := new(big.Int).Mul(p.amount(), big.NewInt(int64(q.Period/time.Second)))
	r := new(big.Int).Mul(q.amount(), big.NewInt(int64(p.Period/time.Second)))
	return l.Cmp(r)
}

// Cost is what a lease at this price owes after d: floor(Amount × t / Period) with t = d in
// whole seconds (rounded down). Rounding down always favours the client by less than one
// attoFIL, and both sides compute the same number. A zero or invalid period costs nothing.
func (p Price) Cost(d time.Duration) *big.Int {
	secs := int64(d / time.Second)
	period := int64(p.Period / time.Second)
	if secs <= 0 || period <= 0 {
		return new(big.Int)
	}
	c := new(big.Int).Mul(p.amount(), big.NewInt(secs))
	return c.Quo(c, big.NewInt(period))
}

// Escrow is what a client deposits for a lease of duration d: the cost of the whole
// duration, which is also the most a voucher may ever claim.
func (p Price) Escrow(d time.Duration) *big.Int { return p.Cost(d) }

func (p Price) amount() *big.Int {
	if p.Amount == nil {
		return new(big.Int)
	}
	return p.Amount
}
