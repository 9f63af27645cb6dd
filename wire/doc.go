// Package wire is what both ends of a lease's SSH connection agree on: the payment channel's
// name and frames, and the SSH algorithms a gateway may offer and a client asks for.
package wire
