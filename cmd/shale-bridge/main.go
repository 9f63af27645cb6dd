// Command shale-bridge is the storage provider's side of Shale: it registers the provider's
// Nomad cluster on the marketplace, turns orders into lease jobs and settles finished leases.
//
//	shale-bridge run      -config FILE
//	shale-bridge register -config FILE [--endpoint host:port] [--dry-run]
//	shale-bridge status   -config FILE [-o json] [--all]
//	shale-bridge lease-container [-nomad ADDR] <lease.hcl> [--payment-key-pub 0x… | --payment-key-out FILE] [--expires 1h]
//
// The configuration file is HCL; examples/bridge/shale-bridge.hcl documents every setting.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/shaleprotocol/shale/provider"
)

// stopGrace is how long a stopping bridge lets its round finish before cancelling it; with
// the HTTP drain and the key loader's grace it bounds the time from SIGTERM to exit.
const stopGrace = 20 * time.Second

func main() {
	// The first SIGINT/SIGTERM stops the bridge after its current round; a second one, or
	// stopGrace without the round ending (a hung RPC), also cancels the round's in-flight
	// calls, so a stop is bounded whatever the chain or Nomad do.
	stop, stopCancel := context.WithCancel(context.Background())
	work, workCancel := context.WithCancel(context.Background())
	sigs := make(chan os.Signal, 2)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		<-sigs
		stopCancel()
		select {
		case <-sigs:
		case <-time.After(stopGrace):
		}
		workCancel()
	}()
	os.Exit(provider.Execute(stop, work, os.Args[1:], os.Stdout, os.Stderr))
}
