// Package lease is Shale's shared domain model: what a client rents (Spec), what it costs
// (exact integer Price), and how it is identified on chain (OrderID, LeaseID).
package lease
