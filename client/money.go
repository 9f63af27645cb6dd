package client

import (
	"fmt"
	"math/big"
)

// FormatRating shows sum/count to two decimals, rounded half up with integers only, and the
// number of ratings: "4.50 (2)"; "-" when nobody rated yet.
func FormatRating(sum, count uint64) string {
	if count == 0 {
		return "-"
	}
	n := new(big.Int).Mul(new(big.Int).SetUint64(sum), big.NewInt(200))
	n.Add(n, new(big.Int).SetUint64(count))
	n.Quo(n, new(big.Int).Mul(new(big.Int).SetUint64(count), big.NewInt(2)))
	whole, cents := new(big.Int).QuoRem(n, big.NewInt(100), new(big.Int))
	return fmt.Sprintf("%s.%02d (%d)", whole, cents.Int64(), count)
}
