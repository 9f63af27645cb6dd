package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"slices"
	"sort"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/shaleprotocol/shale/bridge"
)

// statusOptions are status's flags.
type statusOptions struct {
	Output string // "" (table) or "json"
	All    bool   // include orders the bridge is done with
}

// readOrders returns the bridge's order records in their readable form. The store is a bbolt
// file a running bridge holds locked, so status first tries the file with a short lock timeout
// and, when the bridge holds it, asks the running bridge's /v1/orders on the listen address.
func readOrders(ctx context.Context, cfg *Config) ([]bridge.OrderView, error) {
	if _, err := os.Stat(cfg.StorePath()); os.IsNotExist(err) {
		return nil, fmt.Errorf("no bridge state at %s: `shale-bridge run -config %s` has not run yet", cfg.StorePath(), cfg.Path)
	}
	store, storeErr := bridge.OpenStore(cfg.StorePath(), 300*time.Millisecond)
	if storeErr == nil {
		defer store.Close()
		orders, err := store.Orders()
		if err != nil {
			return nil, err
		}
		return bridge.Views(orders), nil
	}
	orders, httpErr := fetchOrders(ctx, cfg.Listen)
	if httpErr != nil {
		return nil, fmt.Errorf("%v, and the running bridge's API did not answer either (%v); "+
			"is `listen` in %s the address the bridge serves on?", storeErr, httpErr, cfg.Path)
	}
	return orders, nil
}

// fetchOrders asks a running bridge; a wildcard listen host is reached over loopback.
func fetchOrders(ctx context.Context, listen string) ([]bridge.OrderView, error) {
	var orders []bridge.OrderView
	if err := getJSON(ctx, listen, "/v1/orders", &orders, http.StatusOK); err != nil {
		return nil, err
	}
	return orders, nil
}

// fetchHealth asks a running bridge for its health report, which /healthz serves with 503
// as well when rounds fail.
func fetchHealth(ctx context.Context, listen string) (*bridge.HealthReport, error) {
	var r bridge.HealthReport
	if err := getJSON(ctx, listen, "/healthz", &r, http.StatusOK, http.StatusServiceUnavailable); err != nil {
		return nil, err
	}
	return &r, nil
}

func getJSON(ctx context.Context, listen, path string, v any, codes ...int) error {
	host, port, err := net.SplitHostPort(listen)
	if err != nil {
		return err
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "127.0.0.1"
	}
	u := "http://" + net.JoinHostPort(host, port) + path
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if !slices.Contains(codes, resp.StatusCode) {
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		return fmt.Errorf("GET %s: %s: %s", u, resp.Status, strings.TrimSpace(string(b)))
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, 64<<20)).Decode(v); err != nil {
		return fmt.Errorf("GET %s: %w", u, err)
	}
	return nil
}

// printHealth writes the running bridge's health, one line per part, above the orders.
func printHealth(out io.Writer, r *bridge.HealthReport) error {
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	overall := "live, ready"
	switch {
	case !r.OK:
		overall = "NOT LIVE: rounds are failing"
	case !r.Ready:
		overall = "live, not ready (settlement waits)"
	}
	fmt.Fprintf(tw, "bridge\t%s\t%s\n", overall, dash(oneLine(r.Error)))
	for _, p := range []struct {
		name string
		st   bridge.PartStatus
	}{{"chain", r.Chain}, {"nomad", r.Nomad}, {"prover", r.Prover}} {
		detail := p.st.Error
		if p.st.Progress != "" {
			detail = strings.TrimSpace(p.st.Progress + "  " + detail)
		}
		fmt.Fprintf(tw, "%s\t%s since %s\t%s\n", p.name, p.st.State, p.st.Since.UTC().Format(time.RFC3339), dash(oneLine(detail)))
	}
	if len(r.SettleBlocked) > 0 {
		fmt.Fprintf(tw, "settle\tBLOCKED near deadline\t%s\n", strings.Join(r.SettleBlocked, " "))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintln(out)
	return err
}

// printStatus writes the orders as a table (newest first) or as the full JSON records.
func printStatus(out io.Writer, orders []bridge.OrderView, so statusOptions) error {
	shown := make([]bridge.OrderView, 0, len(orders))
	done := 0
	for _, o := range orders {
		if o.State.Final() && !so.All {
			done++
			continue
		}
		shown = append(shown, o)
	}
	sort.SliceStable(shown, func(i, j int) bool {
		if shown[i].Block != shown[j].Block {
			return shown[i].Block > shown[j].Block
		}
		return shown[i].SeenAt.After(shown[j].SeenAt)
	})
	if so.Output == "json" {
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		return enc.Encode(shown)
	}
	if len(shown) == 0 {
		fmt.Fprintf(out, "no active orders")
		if done > 0 {
			fmt.Fprintf(out, " (%d finished; --all shows them)", done)
		}
		fmt.Fprintln(out)
		return nil
	}
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ORDER\tLEASE\tSTATE\tCLIENT\tPRICE\tSTARTED\tAMOUNT\tPAID\tREASON")
	for _, o := range shown {
		reason := o.Reason
		if reason == "" && o.LastError != "" {
			reason = "retrying: " + o.LastError
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", short(o.ID, 10), shortLease(o.LeaseID), o.State,
			short(o.Client, 10), dash(o.Price), when(o.StartedAt), dash(o.Amount), dash(o.Paid), dash(oneLine(reason)))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if done > 0 {
		fmt.Fprintf(out, "(%d finished orders hidden; --all shows them)\n", done)
	}
	return nil
}

func short(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}

// shortLease keeps the chain id and the start of the order id: "31337-0x1f2e3d4c…".
func shortLease(id string) string {
	if i := strings.Index(id, "-0x"); i >= 0 {
		return short(id, i+11)
	}
	return dash(id)
}

func when(t *time.Time) string {
	if t == nil {
		return "-"
	}
	return t.UTC().Format(time.RFC3339)
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
