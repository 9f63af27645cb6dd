package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shaleprotocol/shale/deals"
)

func TestDealsImportList(t *testing.T) {
	src := filepath.Join(t.TempDir(), "mnist-sample")
	if err := os.MkdirAll(filepath.Join(src, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(src, "sub", "x.bin"), bytes.Repeat([]byte("shale"), 100000), 0o644); err != nil {
		t.Fatal(err)
	}
	store := filepath.Join(t.TempDir(), "cars")

	var out, errOut bytes.Buffer
	if code := dealsMain([]string{"import", "-store", store, src}, &out, &errOut); code != 0 {
		t.Fatalf("import exit %d: %s", code, errOut.String())
	}
	cid := strings.TrimSpace(out.String())
	if !strings.HasPrefix(cid, "bafy") {
		t.Fatalf("import printed %q, want a CIDv1 dag-pb", cid)
	}
	// The piece goes to stderr, so `CID=$(shale-driver deals import ...)` keeps working.
	var v2, v1 string
	var size uint64
	if n, err := fmt.Sscanf(errOut.String(), "piece %s (v1 %s piece size %d)", &v2, &v1, &size); n != 3 || err != nil ||
		!strings.HasPrefix(v2, "bafkzcib") || !strings.HasPrefix(v1, "baga") || size != 512<<10 {
		t.Fatalf("import stderr %q: want the v2 and v1 PieceCIDs and a 512 KiB piece size", errOut.String())
	}
	v1 = strings.TrimSuffix(v1, ",")
	if p, err := deals.ParsePiece(v2, size); err != nil || p.V1().String() != v1 {
		t.Fatalf("v2 %s and v1 %s disagree: %+v, %v", v2, v1, p, err)
	}

	out.Reset()
	if code := dealsMain([]string{"list", "-store", store}, &out, &errOut); code != 0 {
		t.Fatalf("list exit %d: %s", code, errOut.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[0], "CID") || !strings.Contains(lines[1], cid) || !strings.Contains(lines[1], v2) ||
		!strings.Contains(lines[1], "mnist-sample."+cid+".car") {
		t.Fatalf("list output:\n%s", out.String())
	}

	out.Reset()
	if code := dealsMain([]string{"list", "-store", store, "-o", "json"}, &out, &errOut); code != 0 {
		t.Fatalf("list -o json exit %d: %s", code, errOut.String())
	}
	var rows []carListing
	if err := json.Unmarshal(out.Bytes(), &rows); err != nil || len(rows) != 1 || rows[0].CID != cid || rows[0].Size == 0 || rows[0].Piece != v2 {
		t.Fatalf("list -o json = %+v (%v):\n%s", rows, err, out.String())
	}
}

func TestDealsUsageErrors(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"import", "/x"}, "-store <dir> is required"},
		{[]string{"import", "-store", "/tmp/s"}, "want exactly one path"},
		{[]string{"list", "-store", "/tmp/s", "-o", "yaml"}, "-o must be text or json"},
		{[]string{"frobnicate"}, `unknown command "frobnicate"`},
		{[]string{"import", "-store", t.TempDir(), "/does/not/exist"}, "no such file or directory"},
	} {
		var out, errOut bytes.Buffer
		if code := dealsMain(tt.args, &out, &errOut); code == 0 || !strings.Contains(errOut.String(), tt.want) {
			t.Errorf("%v: exit %d, stderr %q; want failure saying %q", tt.args, code, errOut.String(), tt.want)
		}
	}
}
