// Command bindgen writes the Go bindings for contracts/build into contracts/bindings.
// Run it from the contracts directory (go generate does).
package main

import (
	"fmt"
	"os"

	"github.com/shaleprotocol/shale/contracts/internal/bindgen"
)

func main() {
	if err := bindgen.Write("build", "."); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
