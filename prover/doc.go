// Package prover is Shale's settlement prover: the gnark Groth16 circuit that checks a batch of
// final vouchers, its deterministic (dev) keys, proving, verification and the Solidity verifier.
package prover
