package client

import (
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
