// Package bridge turns marketplace orders addressed to this provider into Nomad jobs and
// settles the finished leases on chain with batched Groth16 proofs.
//
// Every order moves through a persisted state machine (see State). A transition is written to
// the store before its side effect runs, and every side effect is idempotent — the Nomad job
// id derives from the order, every on-chain call is guarded by the order's on-chain state — so
// a crash at any point neither loses nor duplicates work: the bridge resumes from the store.
package bridge
