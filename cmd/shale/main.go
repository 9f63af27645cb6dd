// Command shale is the client of the Shale marketplace: it orders containers next to
// Filecoin data, connects to them over SSH and pays for them by the second.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/shaleprotocol/shale/client"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := client.Execute(ctx, client.DefaultEnv(), os.Args[1:])
	stop()
	os.Exit(code)
}
