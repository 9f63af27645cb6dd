// Command canfail flags Go test and fuzz functions that can never fail, so a test that passes
// whatever the code does is caught in CI (scripts/test.sh). Usage: go run ./tools/canfail [root]
package main

import (
	"bufio"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// AllowFile lists, relative to the module root, the tests allowed to never fail, one
// "path: TestName: reason" a line; '#' starts a comment.
const AllowFile = "tools/canfail/allow.txt"

var (
	// ErrNoModule is returned when root has no go.mod to read the module path from.
	ErrNoModule = errors.New("canfail: no module")
	// ErrAllowList is returned for a malformed or stale allow-list entry.
	ErrAllowList = errors.New("canfail: allow list")
)

// failing are the testing methods that fail a test.
var failing = map[string]bool{"Error": true, "Errorf": true, "Fatal": true, "Fatalf": true, "Fail": true, "FailNow": true}

// pkgFuncs are one directory's top-level functions (methods excluded), test files included.
type pkgFuncs struct {
	name  string // package name of the directory's non-external-test files
	funcs map[string][]*ast.FuncDecl
}

// checker holds the module's parsed Go files and the verdicts reached so far.
type checker struct {
	root    string
	modPath string
	fset    *token.FileSet
	dirs    map[string]*pkgFuncs // by directory relative to root, "." for the root
	files   map[*ast.FuncDecl]*ast.File
	fileDir map[*ast.File]string
	memo    map[*ast.FuncDecl]int // 0 unknown, 1 in progress, 2 can fail, 3 cannot
}

// Check returns "path: TestName" for every test or fuzz function under root that can never
// fail and is not in the allow list, sorted. Stale or reasonless allow entries are errors.
func Check(root string) ([]string, error) {
	c, err := load(root)
	if err != nil {
		return nil, err
	}
	allow, err := readAllow(filepath.Join(root, AllowFile))
	if err != nil {
		return nil, err
	}
	var idle []string
	used := map[string]bool{}
	for dir, p := range c.dirs {
		for _, decls := range p.funcs {
			for _, fn := range decls {
				name := fn.Name.Name
				file := c.fset.Position(fn.Pos()).Filename
				if !strings.HasSuffix(file, "_test.go") || !(strings.HasPrefix(name, "Test") || strings.HasPrefix(name, "Fuzz")) {
					continue
				}
				if len(testingParams(fn.Type)) == 0 || c.canFail(fn) {
					continue
				}
				key := filepath.ToSlash(filepath.Join(dir, filepath.Base(file))) + ": " + name
				if _, ok := allow[key]; ok {
					used[key] = true
					continue
				}
				idle = append(idle, key)
			}
		}
	}
	var stale []string
	for key := range allow {
		if !used[key] {
			stale = append(stale, key)
		}
	}
	if len(stale) > 0 {
		sort.Strings(stale)
		return nil, fmt.Errorf("%w: %s no longer names a test that cannot fail; remove it: %s", ErrAllowList, AllowFile, strings.Join(stale, "; "))
	}
	sort.Strings(idle)
	return idle, nil
}

// readAllow parses the allow list; a missing file is an empty list.
func readAllow(path string) (map[string]string, error) {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]string{}, nil
	}
	if err != nil {
		return nil, err
	}
	defer f.Close()
	allow := map[string]string{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		parts := strings.SplitN(line, ":", 3)
		if len(parts) != 3 || strings.TrimSpace(parts[2]) == "" {
			return nil, fmt.Errorf("%w: %s:%d: want \"path: TestName: reason\" (the reason says why it need not fail), got %q", ErrAllowList, path, n, line)
		}
		allow[strings.TrimSpace(parts[0])+": "+strings.TrimSpace(parts[1])] = strings.TrimSpace(parts[2])
	}
	return allow, sc.Err()
}

// load parses every Go file of the module at root, skipping what `go` itself skips.
func load(root string) (*checker, error) {
	mod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNoModule, err)
	}
	c := &checker{root: root, fset: token.NewFileSet(), dirs: map[string]*pkgFuncs{},
		files: map[*ast.FuncDecl]*ast.File{}, fileDir: map[*ast.File]string{}, memo: map[*ast.FuncDecl]int{}}
	for _, line := range strings.Split(string(mod), "\n") {
		if p, ok := strings.CutPrefix(strings.TrimSpace(line), "module "); ok {
			c.modPath = strings.Trim(strings.TrimSpace(p), `"`)
		}
	}
	if c.modPath == "" {
		return nil, fmt.Errorf("%w: %s/go.mod has no module line", ErrNoModule, root)
	}
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			n := d.Name()
			if path != root && (n == "testdata" || n == "vendor" || n == "node_modules" || strings.HasPrefix(n, ".") || strings.HasPrefix(n, "_")) {
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(path, "go.mod")); path != root && err == nil {
				return filepath.SkipDir // another module
			}
			return nil
		}
		if !strings.HasSuffix(path, ".go") {
			return nil
		}
		f, err := parser.ParseFile(c.fset, path, nil, 0)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, filepath.Dir(path))
		p := c.dirs[rel]
		if p == nil {
			p = &pkgFuncs{funcs: map[string][]*ast.FuncDecl{}}
			c.dirs[rel] = p
		}
		if !strings.HasSuffix(f.Name.Name, "_test") {
			p.name = f.Name.Name
		}
		c.fileDir[f] = rel
		for _, decl := range f.Decls {
			if fn, ok := decl.(*ast.FuncDecl); ok && fn.Recv == nil && fn.Body != nil {
				p.funcs[fn.Name.Name] = append(p.funcs[fn.Name.Name], fn)
				c.files[fn] = f
			}
		}
		return nil
	})
	return c, err
}

// testingParams are the names of the parameters of type *testing.T, *testing.F, *testing.B or
// testing.TB.
func testingParams(ft *ast.FuncType) []string {
	var names []string
	for _, p := range ft.Params.List {
		if isTestingType(p.Type) {
			for _, n := range p.Names {
				names = append(names, n.Name)
			}
		}
	}
	return names
}

func isTestingType(typ ast.Expr) bool {
	if star, ok := typ.(*ast.StarExpr); ok {
		typ = star.X
	}
	sel, ok := typ.(*ast.SelectorExpr)
	if !ok {
		return false
	}
	if pkg, ok := sel.X.(*ast.Ident); !ok || pkg.Name != "testing" {
		return false
	}
	switch sel.Sel.Name {
	case "T", "F", "B", "TB":
		return true
	}
	return false
}

// canFail reports whether fn fails one of its testing values (or one of its function
// literals' testing parameters, such as a subtest's): by a failing method, by handing it to
// a function of the module that can fail, or by handing it where this check cannot follow
// (a method, another module's function, a struct), which is trusted.
func (c *checker) canFail(fn *ast.FuncDecl) bool {
	switch c.memo[fn] {
	case 1: // recursion: the other path decides
		return false
	case 2:
		return true
	case 3:
		return false
	}
	c.memo[fn] = 1
	ok := c.bodyCanFail(fn)
	c.memo[fn] = 3
	if ok {
		c.memo[fn] = 2
	}
	return ok
}

func (c *checker) bodyCanFail(fn *ast.FuncDecl) bool {
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
	isVar := func(e ast.Expr) bool {
		id, ok := e.(*ast.Ident)
		return ok && vars[id.Name]
	}
	file := c.files[fn]
	found := false
	ast.Inspect(fn.Body, func(n ast.Node) bool {
		if found {
			return false
		}
		switch n := n.(type) {
		case *ast.CallExpr:
			if sel, ok := n.Fun.(*ast.SelectorExpr); ok && isVar(sel.X) && failing[sel.Sel.Name] {
				found = true
				return false
			}
			for _, arg := range n.Args {
				if isVar(arg) && c.calleeCanFail(file, n.Fun) {
					found = true
					return false
				}
			}
		case *ast.CompositeLit: // kept in a struct whose methods may fail it
			for _, el := range n.Elts {
				if kv, ok := el.(*ast.KeyValueExpr); ok {
					el = kv.Value
				}
				if isVar(el) {
					found = true
					return false
				}
			}
		case *ast.AssignStmt:
			for _, r := range n.Rhs {
				if isVar(r) {
					found = true
					return false
				}
			}
		}
		return true
	})
	return found
}

// calleeCanFail resolves fun, called from file, to a function of the module and reports
// whether it can fail; what it cannot resolve is trusted.
func (c *checker) calleeCanFail(file *ast.File, fun ast.Expr) bool {
	var dir, name string
	switch f := fun.(type) {
	case *ast.Ident:
		dir, name = c.fileDir[file], f.Name
	case *ast.SelectorExpr:
		pkg, ok := f.X.(*ast.Ident)
		if !ok {
			return true
		}
		d, ok := c.importDir(file, pkg.Name)
		if !ok {
			return true // a method, or another module's function
		}
		dir, name = d, f.Sel.Name
	case *ast.FuncLit:
		return true // its body is inspected with the caller's
	default:
		return true
	}
	p := c.dirs[dir]
	if p == nil || len(p.funcs[name]) == 0 {
		return true // a builtin, a variable holding a func, or a method value
	}
	for _, decl := range p.funcs[name] {
		if len(testingParams(decl.Type)) == 0 || c.canFail(decl) {
			return true
		}
	}
	return false
}

// importDir is the module directory of the package file imports as local, if it is in the
// module.
func (c *checker) importDir(file *ast.File, local string) (string, bool) {
	for _, imp := range file.Imports {
		path, err := strconv.Unquote(imp.Path.Value)
		if err != nil {
			continue
		}
		rel, ok := strings.CutPrefix(path, c.modPath)
		if !ok || (rel != "" && !strings.HasPrefix(rel, "/")) {
			continue
		}
		dir := strings.TrimPrefix(rel, "/")
		if dir == "" {
			dir = "."
		}
		dir = filepath.FromSlash(dir)
		name := ""
		if imp.Name != nil {
			name = imp.Name.Name
		} else if p := c.dirs[dir]; p != nil {
			name = p.name
		}
		if name == local {
			return dir, true
		}
	}
	return "", false
}

func run(args []string, stdout, stderr io.Writer) int {
	root := "."
	if len(args) > 1 {
		fmt.Fprintln(stderr, "usage: canfail [module root]")
		return 2
	}
	if len(args) == 1 {
		root = args[0]
	}
	idle, err := Check(root)
	if err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	for _, key := range idle {
		fmt.Fprintf(stdout, "%s can never fail: assert what it names (t.Fatal/t.Error), or hand t to a helper that does; if it truly need not, add it with a reason to %s\n", key, AllowFile)
	}
	if len(idle) > 0 {
		return 1
	}
	return 0
}

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }
