package leasefile

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/function"
	"github.com/zclconf/go-cty/cty/function/stdlib"
)

// functions returns the functions a lease file may call. file and env reach outside the
// file, so both go through Options: tests and sandboxed callers inject them. format is left
// out on purpose: "%999999999d" would let a spec allocate a gigabyte; templates suffice.
func functions(dir string, opts Options) map[string]function.Function {
	return map[string]function.Function{
		"file":      fileFunc(dir, opts),
		"env":       envFunc(opts),
		"trimspace": stdlib.TrimSpaceFunc,
		"join":      stdlib.JoinFunc,
		"lower":     stdlib.LowerFunc,
		"upper":     stdlib.UpperFunc,
	}
}

// fileFunc is file(path): the contents of a file as a string. "~/" expands to the home
// directory; a relative path is relative to the directory of the lease file, not the
// working directory, so a spec means the same wherever it is run from.
func fileFunc(dir string, opts Options) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "path", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			p := args[0].AsString()
			full, err := resolvePath(p, dir, opts)
			if err != nil {
				return cty.NilVal, err
			}
			read := opts.ReadFile
			if read == nil {
				read = os.ReadFile
			}
			b, err := read(full)
			if err != nil {
				return cty.NilVal, fmt.Errorf("read %s: %w", p, unwrapPathError(err))
			}
			return cty.StringVal(string(b)), nil
		},
	})
}

func resolvePath(p, dir string, opts Options) (string, error) {
	if p == "~" || strings.HasPrefix(p, "~/") {
		home := opts.Home
		if home == "" {
			h, err := os.UserHomeDir()
			if err != nil {
				return "", fmt.Errorf("expand %q: %w", p, err)
			}
			home = h
		}
		return filepath.Join(home, strings.TrimPrefix(p[1:], "/")), nil
	}
	if strings.HasPrefix(p, "~") {
		return "", fmt.Errorf("%q: only \"~/\" (your own home) is supported", p)
	}
	if filepath.IsAbs(p) {
		return p, nil
	}
	return filepath.Join(dir, p), nil
}

// unwrapPathError drops the path from *os.PathError: the message already names the path
// as written, which is more useful than the resolved one.
func unwrapPathError(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	return err
}

// envFunc is env(name): the value of an environment variable. An unset variable is an
// error rather than "", so a typo does not silently produce an empty key or image.
func envFunc(opts Options) function.Function {
	return function.New(&function.Spec{
		Params: []function.Parameter{{Name: "name", Type: cty.String}},
		Type:   function.StaticReturnType(cty.String),
		Impl: func(args []cty.Value, _ cty.Type) (cty.Value, error) {
			lookup := opts.LookupEnv
			if lookup == nil {
				lookup = os.LookupEnv
			}
			name := args[0].AsString()
			v, ok := lookup(name)
			if !ok {
				return cty.NilVal, fmt.Errorf("environment variable %s is not set", name)
			}
			return cty.StringVal(v), nil
		},
	})
}
