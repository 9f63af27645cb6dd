// Package contracts holds Shale's marketplace contract (Solidity sources, compiled artifacts,
// abigen bindings) and the typed Go API the bridge and the CLI use to talk to it.
package contracts
