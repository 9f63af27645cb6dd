// Package jupyter_test runs the Jupyter example (examples/leases/jupyter.hcl) behind a real
// gateway ingress and drives the notebook in headless Chromium.
package jupyter_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/docker/docker/api/types/container"

	"github.com/shaleprotocol/shale/gateway"
	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/internal/testsupport/gwtest"
	"github.com/shaleprotocol/shale/lease"
)

const image = "shale/jupyter:bookworm"

// notebookArgs are the example lease's command line (examples/leases/jupyter.hcl).
var notebookArgs = []string{"python3", "-m", "notebook", "--ip=0.0.0.0", "--port=8888", "--no-browser", "--allow-root", "--notebook-dir=/root",
	"--NotebookApp.token=", "--NotebookApp.password=", "--NotebookApp.allow_remote_access=True"}

// readCell is the notebook's one cell: it reads the deal data mounted read-only.
const readCell = `import csv
rows = list(csv.DictReader(open("/data/fashion-mnist/labels.csv")))
print("rows", len(rows), "first", rows[0]["label"], "sum", sum(int(r["count"]) for r in rows))`

func writeNotebook(t *testing.T, dir string) {
	nb := map[string]any{
		"nbformat": 4, "nbformat_minor": 5,
		"metadata": map[string]any{"kernelspec": map[string]any{"name": "python3", "display_name": "Python 3", "language": "python"}},
		"cells": []any{map[string]any{"cell_type": "code", "id": "read", "metadata": map[string]any{}, "execution_count": nil,
			"outputs": []any{}, "source": readCell}},
	}
	b, err := json.Marshal(nb)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "read.ipynb"), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// until polls a JavaScript expression in the page until it is true.
func until(t *testing.T, ctx context.Context, what, expr string) {
	t.Helper()
	testsupport.Eventually(t, 3*time.Minute, what, func() error {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		if err != nil {
			return err
		}
		if !ok {
			return fmt.Errorf("%s is false", expr)
		}
		return nil
	})
}

// The notebook is opened in Chromium through the lease's private exposure, by host name:
// refused without the token, served with it (given once in the URL, then a cookie), and a
// cell run over the kernel's WebSocket reads the mounted data.
func TestNotebookThroughExposure(t *testing.T) {
	gw := gwtest.Start(t)
	testsupport.RequireImage(t, gw.Docker, image)
	in, err := gateway.NewIngress(gw.Server, gateway.IngressConfig{ListenAddr: "127.0.0.1:0", Domain: "leases.test"})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	served := make(chan error, 1)
	go func() { served <- in.Serve(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-served; err != nil {
			t.Errorf("ingress: %v", err)
		}
	})

	data, work := t.TempDir(), t.TempDir()
	if err := os.WriteFile(filepath.Join(data, "labels.csv"), []byte("label,count\nT-shirt,6000\nTrouser,6000\nBag,6000\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	writeNotebook(t, work)
	if err := os.Chmod(work, 0o777); err != nil {
		t.Fatal(err)
	}
	cid := testsupport.StartContainer(t, gw.Docker, image, notebookArgs, func(hc *container.HostConfig) {
		hc.Binds = []string{data + ":/data/fashion-mnist:ro", work + ":/root/work"}
	})
	l := gw.LeaseOn(cid, gwtest.NewClientKey(t), func(l *gateway.Lease) {
		l.Exposes = []lease.Expose{{Port: 8888, Protocol: "http"}}
	})
	port := in.Addr().(*net.TCPAddr).Port
	base := fmt.Sprintf("http://%s-8888.leases.test:%d", gateway.LeaseShort(l.ID), port)

	page := testsupport.Browser(t, chromedp.Flag("host-resolver-rules", "MAP *.leases.test 127.0.0.1"))
	if err := chromedp.Do(page, chromedp.Navigate(base+"/tree")); err != nil {
		t.Fatal(err)
	}
	if body, err := chromedp.Run(page, chromedp.Text("body")); err != nil || !strings.Contains(body, "this exposure is private") {
		t.Fatalf("without the token the page says %q (%v)", body, err)
	}

	testsupport.Eventually(t, 3*time.Minute, "the notebook page", func() error {
		if err := chromedp.Do(page, chromedp.Navigate(base+"/notebooks/work/read.ipynb?shale_token="+gw.IngressToken(l.ID))); err != nil {
			return err
		}
		title, err := chromedp.Run(page, chromedp.Title())
		if err != nil {
			return err
		}
		if !strings.Contains(title, "read") {
			return fmt.Errorf("title %q", title)
		}
		return nil
	})
	loc, err := chromedp.Run(page, chromedp.Location())
	if err != nil || strings.Contains(loc, "shale_token") {
		t.Fatalf("the token stays in the address bar: %q %v", loc, err)
	}
	until(t, page, "the kernel connected", `typeof Jupyter !== "undefined" && !!Jupyter.notebook && !!Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected()`)
	if err := chromedp.Do(page, chromedp.Evaluate[chromedp.Void](`Jupyter.notebook.execute_all_cells(); undefined`)); err != nil {
		t.Fatal(err)
	}
	until(t, page, "the cell's output", `Array.from(document.querySelectorAll(".output_area pre")).some(e => e.innerText.includes("rows 3 first T-shirt sum 18000"))`)
	testsupport.Screenshot(t, page, filepath.Join(os.TempDir(), "shale-jupyter-notebook.png"))
	if u, ok := gw.Usage(l.ID); !ok || u.BytesOut == 0 || u.BytesIn == 0 {
		t.Fatalf("the notebook's traffic was not metered: %+v", u)
	}
}
