// Command shale-driver is the Nomad task driver plugin "shale". Run by Nomad from its plugin
// directory; inside containers the same binary runs as PID 1 (`shale-driver init -- cmd...`)
// and starts SSH terminal sessions once their size is set (`shale-driver wait-tty -- cmd...`).
package main

import (
	"os"

	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/nomad/plugins"

	"github.com/shaleprotocol/shale/driver"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "init" {
		os.Exit(driver.RunInit(os.Args[2:]))
	}
	if len(os.Args) > 1 && os.Args[1] == "log-copy" {
		os.Exit(driver.RunLogCopy(os.Args[2:]))
	}
	if len(os.Args) > 1 && os.Args[1] == "wait-tty" {
		os.Exit(driver.RunWaitTTY(os.Args[2:]))
	}
	if len(os.Args) > 1 && os.Args[1] == "deals" {
		os.Exit(runDeals(os.Args[2:]))
	}
	plugins.Serve(func(logger hclog.Logger) interface{} { return driver.New(logger) })
}
