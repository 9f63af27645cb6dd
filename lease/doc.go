// Package lease is Shale's shared domain model: what a client rents (Spec), what it costs
// (exact integer Price), how it is identified on chain (OrderID, LeaseID) and run (Nomad Job).
package lease
