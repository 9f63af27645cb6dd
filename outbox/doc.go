// Package outbox sends one account's transactions with many in flight: nonces are assigned and
// journaled before broadcast, receipts are awaited together, stuck transactions are re-priced.
package outbox
