package testsupport

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/chromedp/chromedp"
)

// The browser helper renders a page and runs its script: a page whose script never ran would
// leave the heading as the server wrote it.
func TestBrowserRunsScript(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, `<!doctype html><h1 id=h>served</h1><script>document.getElementById('h').textContent='scripted'</script>`)
	}))
	defer srv.Close()
	ctx := Browser(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL)); err != nil {
		t.Fatal(err)
	}
	text, err := chromedp.Run(ctx, chromedp.Text("#h"))
	if err != nil {
		t.Fatal(err)
	}
	if text != "scripted" {
		t.Fatalf("heading = %q, want %q", text, "scripted")
	}
}
