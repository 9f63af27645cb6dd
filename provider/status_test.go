package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/shaleprotocol/shale/bridge"
)

// statusOrders are three records as the bridge writes them: running, settled, rejected.
func statusOrders() []*bridge.Order {
	t0 := time.Date(2026, 11, 24, 1, 0, 0, 0, time.UTC)
	mk := func(b byte, state bridge.State, block uint64) *bridge.Order {
		o := &bridge.Order{State: state, Block: block, SeenAt: t0, PriceAmount: big.NewInt(1e16), PricePeriod: 60,
			Duration: 3600, Escrow: big.NewInt(6e17), Nonce: big.NewInt(int64(b))}
		o.ID[0], o.ID[31] = 0xab, b
		o.Client[0], o.Client[19] = 0xc1, b
		o.LeaseID = "31337-0x" + strings.Repeat("ab", 1) + strings.Repeat("00", 30) + "0" + string(rune('0'+b))
		return o
	}
	running := mk(1, bridge.Running, 10)
	running.StartedAt = t0.Add(time.Minute)
	settled := mk(2, bridge.Settled, 5)
	settled.StartedAt = t0
	settled.Amount = big.NewInt(25e15)
	settled.Paid = big.NewInt(2e16) // the voucher prepaid more than the lease ran
	rejected := mk(3, bridge.Rejected, 7)
	rejected.Reason = "price 1attofil/1s below the\nminimum 0.01fil/min"
	rejected.Spec = []byte{0xff, 0x00} // a client may put anything on chain
	running.Spec = []byte(`{"image":"shale/debian:bookworm","version":1}`)
	settled.Voucher = []byte{0x01, 0x02}
	return []*bridge.Order{running, settled, rejected}
}

func TestStatusTable(t *testing.T) {
	var out bytes.Buffer
	if err := printStatus(&out, bridge.Views(statusOrders()), statusOptions{}); err != nil {
		t.Fatal(err)
	}
	want := `ORDER        LEASE              STATE    CLIENT       PRICE         STARTED               AMOUNT  PAID  REASON
0xab000000…  31337-0xab000000…  running  0xC1000000…  0.01 FIL/min  2026-11-24T01:01:00Z  -       -     -
(2 finished orders hidden; --all shows them)
`
	if out.String() != want {
		t.Errorf("got\n%s\nwant\n%s", out.String(), want)
	}

	out.Reset()
	if err := printStatus(&out, bridge.Views(statusOrders()), statusOptions{All: true}); err != nil {
		t.Fatal(err)
	}
	want = `ORDER        LEASE              STATE     CLIENT       PRICE         STARTED               AMOUNT     PAID      REASON
0xab000000…  31337-0xab000000…  running   0xC1000000…  0.01 FIL/min  2026-11-24T01:01:00Z  -          -         -
0xab000000…  31337-0xab000000…  rejected  0xC1000000…  0.01 FIL/min  -                     -          -         price 1attofil/1s below the minimum 0.01fil/min
0xab000000…  31337-0xab000000…  settled   0xC1000000…  0.01 FIL/min  2026-11-24T01:00:00Z  0.025 FIL  0.02 FIL  -
`
	if out.String() != want {
		t.Errorf("--all: got\n%s\nwant\n%s", out.String(), want)
	}

	out.Reset()
	if err := printStatus(&out, bridge.Views(statusOrders()[1:]), statusOptions{}); err != nil {
		t.Fatal(err)
	}
	if got := out.String(); got != "no active orders (2 finished; --all shows them)\n" {
		t.Errorf("nothing active: %q", got)
	}
}

// status reads the state file when no bridge holds it, and a running bridge's /v1/orders
// when one does; -o json is the full records either way.
func TestStatusReadsStoreOrRunningBridge(t *testing.T) {
	dir := t.TempDir()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	cfgPath := filepath.Join(dir, "bridge.hcl")
	src := minimal + "state_dir = \"state\"\nlisten = \"" + ln.Addr().String() + "\"\n"
	if err := os.WriteFile(cfgPath, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	status := func(args ...string) (string, error) { return runStatus(cfgPath, args...) }
	if _, err := status(); !errHas(err, "has not run yet") {
		t.Fatalf("status without state: %v", err)
	}

	store, err := bridge.OpenStore(filepath.Join(dir, "state", "bridge.db"), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range statusOrders() {
		if err := store.Put(o); err != nil {
			t.Fatal(err)
		}
	}
	// Held open, the store is locked as a running bridge holds it; serve its records the way
	// run does.
	mux := http.NewServeMux()
	mux.Handle("/v1/orders", ordersHandler(store))
	srv := &http.Server{Handler: mux}
	go func() { _ = srv.Serve(ln) }()
	out, err := status("-o", "json", "--all")
	if err != nil {
		t.Fatal(err)
	}
	checkRunningFirst(t, out)
	checkStatusJSON(t, out)
	_ = srv.Close()
	if _, err := status(); !errHas(err, "locked by another shale-bridge") {
		t.Fatalf("locked store, no API: %v", err)
	}

	if err := store.Close(); err != nil {
		t.Fatal(err)
	}
	out, err = status()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(out, "ORDER") || !strings.Contains(out, "running") || strings.Contains(out, "settled") {
		t.Fatalf("table from the store:\n%s", out)
	}
	if out, err = status("-o", "json", "--all"); err != nil {
		t.Fatal(err)
	}
	checkStatusJSON(t, out)
}

// runStatus runs `status -config cfgPath args…` in process.
func runStatus(cfgPath string, args ...string) (string, error) {
	var out bytes.Buffer
	root := NewRootCmd(context.Background(), context.Background(), &out, &out)
	root.SetArgs(goStyleFlags(root, append([]string{"status", "-config", cfgPath}, args...)))
	err := root.Execute()
	return out.String(), err
}

// checkRunningFirst asserts out is the JSON of the three status orders, the running one first.
func checkRunningFirst(t *testing.T, out string) {
	t.Helper()
	var got []bridge.OrderView
	if err := json.Unmarshal([]byte(out), &got); err != nil || len(got) != 3 || got[0].State != bridge.Running {
		t.Fatalf("json from the running bridge: %v %s", err, out)
	}
}

// -o json, from the store or the API alike, is the readable form: ids, keys and addresses as
// 0x-hex, money as exact FIL, the spec as JSON (hex when it is not), no zero times.
func checkStatusJSON(t *testing.T, out string) {
	t.Helper()
	var raw []map[string]any
	if err := json.Unmarshal([]byte(out), &raw); err != nil || len(raw) != 3 {
		t.Fatalf("decode: %v\n%s", err, out)
	}
	running, rejected, settled := raw[0], raw[1], raw[2]
	for k, want := range map[string]any{
		"id":           "0xab000000000000000000000000000000000000000000000000000000000000" + "01",
		"client":       "0xc100000000000000000000000000000000000001",
		"payment_key":  "0x" + strings.Repeat("00", 32),
		"nonce":        "1",
		"price":        "0.01 FIL/min",
		"price_amount": "0.01 FIL",
		"escrow":       "0.6 FIL",
		"started_at":   "2026-11-24T01:01:00Z",
	} {
		if got := running[k]; !strings.EqualFold(fmt.Sprint(got), fmt.Sprint(want)) {
			t.Errorf("running %s = %v, want %v", k, got, want)
		}
	}
	if c := running["client"].(string); c != common.HexToAddress(c).Hex() {
		t.Errorf("client %s is not EIP-55 checksummed", c)
	}
	if spec, ok := running["spec"].(map[string]any); !ok || spec["image"] != "shale/debian:bookworm" {
		t.Errorf("running spec = %#v, want the JSON object", running["spec"])
	}
	if rejected["spec_hex"] != "0xff00" || rejected["spec"] != nil {
		t.Errorf("rejected spec = %v / %v, want spec_hex 0xff00", rejected["spec"], rejected["spec_hex"])
	}
	if settled["amount"] != "0.025 FIL" || settled["paid"] != "0.02 FIL" || settled["voucher"] != "0x0102" {
		t.Errorf("settled amount %v paid %v voucher %v", settled["amount"], settled["paid"], settled["voucher"])
	}
	if strings.Contains(out, "0001-01-01") {
		t.Errorf("zero times in the output:\n%s", out)
	}
}
