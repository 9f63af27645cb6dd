package testsupport

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Browser starts Debian's headless Chromium for t and returns a context that drives one tab of
// it (chromedp). The browser and its profile directory are gone when t ends. extra adds
// Chromium flags, e.g. host-resolver-rules so host-routed names reach a loopback server.
func Browser(t testing.TB, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	bin, err := exec.LookPath("chromium")
	if err != nil {
		t.Fatal("chromium not found: run `make setup` (Debian's chromium package)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin),
		chromedp.UserDataDir(t.TempDir()),
		// Root in a container has no user namespaces for Chromium's sandbox; the pages it opens
		// are the test's own, on loopback.
		chromedp.NoSandbox,
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.WindowSize(1280, 900),
	)
	opts = append(opts, extra...)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	// The first Run starts the browser; a failure here is a broken install, not a test result.
	// The browser lives as long as the context of that first Run, so the start is bounded by
	// a timer that cancels ctx, not by a derived context whose end would close the browser.
	slow := time.AfterFunc(60*time.Second, cancel)
	err = chromedp.Do(ctx)
	if !slow.Stop() && err == nil {
		err = context.DeadlineExceeded
	}
	if err != nil {
		cancel()
		cancelAlloc()
		t.Fatalf("starting chromium: %v", err)
	}
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	return ctx
}

// Screenshot saves a PNG of the whole page in ctx's tab to path (the committed screenshots
// under docs/) when SHALE_UPDATE_SCREENSHOTS=1, and to a temporary file otherwise.
func Screenshot(t testing.TB, ctx context.Context, path string) {
	t.Helper()
	// Quality 100 is what makes Chromium encode PNG; below it the bytes are JPEG.
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot %s: %v", path, err)
	}
	// A test run leaves the committed screenshots alone unless asked to refresh them.
	if os.Getenv("SHALE_UPDATE_SCREENSHOTS") != "1" {
		path = filepath.Join(t.TempDir(), filepath.Base(path))
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
}
