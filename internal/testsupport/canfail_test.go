package testsupport

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestEveryTestCanFail flags test and fuzz functions that can never fail: nothing in them
// calls Error, Fatal or Fail on a *testing.T/F/TB, and no helper is handed one (a helper that
// receives t may fail it). A test like that passes whatever the code does. The check is
// syntactic, so it errs on the side of trusting any helper call.
func TestEveryTestCanFail(t *testing.T) {
	root := Root(t)
	fset := token.NewFileSet()
	var idle []string
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch d.Name() {
			case ".cache", ".git", "node_modules", "vendor", "testdata":
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		f, err := parser.ParseFile(fset, path, src, 0)
		if err != nil {
			return err
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Recv != nil || fn.Body == nil {
				continue
			}
			if !strings.HasPrefix(fn.Name.Name, "Test") && !strings.HasPrefix(fn.Name.Name, "Fuzz") {
				continue
			}
			if len(testingParams(fn.Type)) == 0 || canFail(fn) {
				continue
			}
			rel, _ := filepath.Rel(root, path)
			idle = append(idle, rel+": "+fn.Name.Name)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	sort.Strings(idle)
	for _, name := range idle {
		t.Errorf("%s can never fail: assert what it names (t.Fatal/t.Error), or hand t to a helper that does", name)
	}
}

// testingParams are the names of fn's parameters of type *testing.T, *testing.F or testing.TB.
func testingParams(ft *ast.FuncType) []string {
	var names []string
	for _, p := range ft.Params.List {
		typ := p.Type
		if star, ok := typ.(*ast.StarExpr); ok {
			typ = star.X
		}
		sel, ok := typ.(*ast.SelectorExpr)
		if !ok {
			continue
		}
		if pkg, ok := sel.X.(*ast.Ident); !ok || pkg.Name != "testing" {
			continue
		}
		switch sel.Sel.Name {
		case "T", "F", "TB":
			for _, n := range p.Names {
				names = append(names, n.Name)
			}
		}
	}
	return names
}

// canFail reports whether fn (or a function literal inside it, such as a subtest) fails a
// testing value directly or hands one to another function.
func canFail(fn *ast.FuncDecl) bool {
	vars := map[string]bool{}
	for _, n := range testingParams(fn.Type) {
		vars[n] = true
	}
	ast.Inspect(fn.Body, func(n ast.Node) bool {
		if lit, ok := n.(*ast.FuncLit); ok {
			for _, name := range testingParams(lit.Type) {
				vars[name] = true
			}
		}
		return true
	})
	failing := map[string]bool{"Error": true, "Errorf": true, "Fatal": true, "Fatalf": true, "Fail": true, "FailNow": true}
	found := false
	ast.Inspect(fn.Body, func(n ast.Node) bool {
		call, ok := n.(*ast.CallExpr)
		if !ok || found {
			return !found
		}
		if sel, ok := call.Fun.(*ast.SelectorExpr); ok {
			if x, ok := sel.X.(*ast.Ident); ok && vars[x.Name] && failing[sel.Sel.Name] {
				found = true
				return false
			}
		}
		for _, arg := range call.Args {
			if id, ok := arg.(*ast.Ident); ok && vars[id.Name] {
				found = true
				return false
			}
		}
		return true
	})
	return found
}
