// Package bindgen turns the solc artifacts in contracts/build into Go bindings with go-ethereum's
// abigen generator, so `go generate` and the freshness test produce the same bytes.
package bindgen

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/ethereum/go-ethereum/accounts/abi/abigen"
)

// testOnly names contracts whose bindings must never reach production code: they are written
// as _test.go files of the contracts package's external tests.
var testOnly = map[string]bool{"MockVerifier": true, "EcdsaBaseline": true}

// Generate reads every <Contract>.abi/.bin pair in buildDir and returns the bindings to write,
// keyed by path relative to the contracts directory.
func Generate(buildDir string) (map[string][]byte, error) {
	abis, err := filepath.Glob(filepath.Join(buildDir, "*.abi"))
	if err != nil {
		return nil, err
	}
	if len(abis) == 0 {
		return nil, fmt.Errorf("bindgen: no artifacts in %s", buildDir)
	}
	sort.Strings(abis)
	out := make(map[string][]byte, len(abis))
	for _, abiPath := range abis {
		name := strings.TrimSuffix(filepath.Base(abiPath), ".abi")
		abiJSON, err := os.ReadFile(abiPath)
		if err != nil {
			return nil, err
		}
		bin, err := os.ReadFile(strings.TrimSuffix(abiPath, ".abi") + ".bin")
		if err != nil {
			return nil, err
		}
		pkg, file := "bindings", filepath.Join("bindings", strings.ToLower(name)+".go")
		if testOnly[name] {
			pkg, file = "contracts_test", strings.ToLower(name)+"_bindings_test.go"
		}
		code, err := abigen.Bind([]string{name}, []string{string(abiJSON)}, []string{strings.TrimSpace(string(bin))},
			nil, pkg, nil, nil)
		if err != nil {
			return nil, fmt.Errorf("bindgen: %s: %w", name, err)
		}
		out[file] = []byte(code)
	}
	return out, nil
}

// Write generates the bindings for buildDir and writes them below contractsDir, removing
// bindings whose contract no longer exists.
func Write(buildDir, contractsDir string) error {
	files, err := Generate(buildDir)
	if err != nil {
		return err
	}
	old, err := filepath.Glob(filepath.Join(contractsDir, "bindings", "*.go"))
	if err != nil {
		return err
	}
	for _, p := range old {
		rel, _ := filepath.Rel(contractsDir, p)
		if _, keep := files[rel]; !keep {
			if err := os.Remove(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
		}
	}
	for rel, code := range files {
		p := filepath.Join(contractsDir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, code, 0o644); err != nil {
			return err
		}
	}
	return nil
}
