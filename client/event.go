package client

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/shaleprotocol/shale/contracts/bindings"
	"github.com/shaleprotocol/shale/lease"
)

// LeaseOrder is the order an OrderCreated event carries, with the spec bytes the contract
// only hashed; lease.Order.Spec decodes and checks it.
func LeaseOrder(ev *bindings.MarketplaceOrderCreated) lease.Order {
	return lease.Order{
		ID: ev.OrderId, Provider: ev.MinerId, Client: ev.Client, Nonce: ev.Nonce, PaymentKey: ev.PaymentKey,
		PriceAmount: ev.PriceAmount, PricePeriod: ev.PricePeriod, Duration: ev.Duration, Escrow: ev.Escrow, SpecBytes: ev.Spec,
	}
}

// releaseReason is what a client is told about a released order.
func releaseReason(reason string) string {
	if reason == "" {
		return "the provider gave no reason"
	}
	return printable(reason)
}

// printable escapes control characters (and invalid UTF-8) in text a provider put on chain,
// so it cannot move the cursor or rewrite the client's terminal when printed.
func printable(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case unicode.IsControl(r):
			b.WriteString(strings.Trim(strconv.QuoteRune(r), "'"))
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}
