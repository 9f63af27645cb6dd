// Package e2e holds end-to-end tests: a real Nomad agent loading the built shale plugin,
// the real Docker engine, and (as the other parts land) the dev chain and the gateway.
package e2e
