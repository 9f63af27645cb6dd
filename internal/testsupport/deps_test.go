package testsupport

import (
	"slices"
	"testing"
)

func TestForbiddenChains(t *testing.T) {
	list := []ListedPackage{
		{ImportPath: "fmt", Standard: true},
		{ImportPath: "ex.com/docker/client", Imports: []string{"fmt"}},
		{ImportPath: "ex.com/docker/api", Imports: []string{"fmt"}},
		{ImportPath: "ex.com/app/gateway", Imports: []string{"ex.com/docker/client", "ex.com/docker/api"}},
		{ImportPath: "ex.com/app/wire", Imports: []string{"fmt"}},
		{ImportPath: "ex.com/app/cmd", Imports: []string{"ex.com/app/wire", "ex.com/app/gateway"}},
	}
	tests := []struct {
		name      string
		forbidden []string
		want      [][]string
	}{
		{"none", []string{"ex.com/other/..."}, [][]string{}},
		{"exact", []string{"ex.com/docker/client"},
			[][]string{{"ex.com/app/cmd", "ex.com/app/gateway", "ex.com/docker/client"}}},
		{"prefix stops at the first match", []string{"ex.com/app/gateway", "ex.com/docker/..."},
			[][]string{{"ex.com/app/cmd", "ex.com/app/gateway"}}},
		{"prefix", []string{"ex.com/docker/..."}, [][]string{
			{"ex.com/app/cmd", "ex.com/app/gateway", "ex.com/docker/api"},
			{"ex.com/app/cmd", "ex.com/app/gateway", "ex.com/docker/client"},
		}},
		{"prefix is not a string prefix", []string{"ex.com/app/gate/..."}, [][]string{}},
		{"the root itself is not reported", []string{"ex.com/app/cmd"}, [][]string{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := ForbiddenChains(list, tc.forbidden)
			if !slices.EqualFunc(got, tc.want, slices.Equal[[]string]) {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
}

func TestForeignImports(t *testing.T) {
	list := []ListedPackage{
		{ImportPath: "fmt", Standard: true},
		{ImportPath: "golang.org/x/crypto/ssh"},
		{ImportPath: "ex.com/app/voucher"},
		{ImportPath: "ex.com/docker/client"},
		{ImportPath: "ex.com/app/wire", Imports: []string{"ex.com/app/voucher", "ex.com/docker/client", "fmt", "golang.org/x/crypto/ssh"}},
	}
	tests := []struct {
		name    string
		allowed []string
		want    []string
	}{
		{"all allowed", []string{"golang.org/x/crypto/...", "ex.com/app/voucher", "ex.com/docker/client"}, nil},
		{"one foreign", []string{"golang.org/x/crypto/ssh", "ex.com/app/voucher"}, []string{"ex.com/docker/client"}},
		{"only std allowed", nil, []string{"ex.com/app/voucher", "ex.com/docker/client", "golang.org/x/crypto/ssh"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := ForeignImports(list, tc.allowed); !slices.Equal(got, tc.want) {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// GoListDeps resolves a real package of this module, its dependencies listed before it.
func TestGoListDeps(t *testing.T) {
	list := GoListDeps(t, "github.com/shaleprotocol/shale/voucher")
	var sawStd bool
	for _, p := range list {
		sawStd = sawStd || p.Standard
	}
	if !sawStd || len(list[len(list)-1].Imports) == 0 {
		t.Fatalf("go list gave %d packages, std among them %v, root imports %v", len(list), sawStd, list[len(list)-1].Imports)
	}
}
