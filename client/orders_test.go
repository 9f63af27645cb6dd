package client_test

import (
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/shaleprotocol/shale/contracts"
	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/lease"
)

func TestOrderErrors(t *testing.T) {
	w := newWorld(t, 10)
	w.provider("f01000", providerOpts{})
	broke := newWorld(t, 0)
	broke.provider("f01000", providerOpts{})
	bad := filepath.Join(w.dir, "bad.hcl")
	if err := os.WriteFile(bad, []byte("lease \"x\" {\n  provider = \"f01000\"\n  image = 42\n  bogus = 1\n}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	seed := []string{"--price=0.01fil/min", "--image=shale/busybox:bookworm"}
	for _, tc := range []struct {
		name string
		w    *world
		args []string
		want []string
	}{
		{"unknown provider", w, append([]string{"give-me-container", "--miner=f0999"}, seed...),
			[]string{"shale: provider f0999 is not registered on the marketplace at " + w.chain.Market.Address.Hex() + "; `shale sps` lists the registered ones\n"}},
		{"no funds", broke, append([]string{"give-me-container", "--miner=f01000"}, seed...),
			[]string{"shale: insufficient funds: escrow 0.6 FIL + gas, balance 0 FIL: send "}},
		{"bad flags", w, []string{"give-me-container", "--miner=f01000", "--price=0.01/min", "--image=shale/busybox:bookworm"},
			[]string{`--price: invalid price "0.01/min": missing unit`}},
		{"bad lease file", w, []string{"lease", "apply", bad},
			[]string{bad + ":1:1: Missing resources block", bad + `:4:3: Unsupported argument: An argument named "bogus" is not expected here.`, "   4:   bogus = 1"}},
		{"missing lease file", w, []string{"lease", "apply", filepath.Join(w.dir, "nope.hcl")},
			[]string{"nope.hcl:1:1: Cannot read lease file"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.w.run(tc.args...).wantErr(t, tc.want...)
			if r.stdout != "" {
				t.Errorf("stdout %q", r.stdout)
			}
		})
	}
}

func TestOrderRejected(t *testing.T) {
	w := newWorld(t, 10)
	sp := w.provider("f01000", providerOpts{})
	done := w.order("--miner=f01000", "--price=0.01fil/min", "--image=shale/busybox:bookworm")
	ev := w.created(0)
	if _, err := w.chain.Market.RejectOrder(w.ctx, sp.acct.Opts, ev.OrderId, "no GPU left"); err != nil {
		t.Fatal(err)
	}
	r := (<-done).wantErr(t, "shale: order rejected by f01000: no GPU left; escrow refunded")
	if !strings.Contains(r.stderr, fmt.Sprintf("order 0x%x created, escrow 0.6 FIL\n", ev.OrderId)) {
		t.Errorf("no creation progress in:\n%s", r.stderr)
	}
	id := lease.LeaseID{ChainID: w.chain.ChainID.Uint64(), Order: ev.OrderId}
	t.Log("\n" + w.run("leases").wantOK(t).stdout)
	var rs []map[string]string
	if err := json.Unmarshal([]byte(w.run("leases", "-o", "json").wantOK(t).stdout), &rs); err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 || rs[0]["lease"] != id.String() || rs[0]["state"] != "Rejected" || rs[0]["reason"] != "no GPU left" || rs[0]["refund"] != "0.6 FIL" {
		t.Errorf("leases: %v", rs)
	}
	out := w.run("withdraw").wantOK(t).stdout
	if out != "withdrew 0.6 FIL to "+w.client.Addr.Hex()+"\n" {
		t.Errorf("withdraw: %q", out)
	}
	w.run("withdraw").wantErr(t, "nothing to withdraw")
}

func TestOrderNoWaitTimeoutCancel(t *testing.T) {
	w := newWorld(t, 10)
	sp := w.provider("f01000", providerOpts{})
	hcl := w.boxLease()
	r := w.run("lease", "apply", "--var", "provider=f01000", "--no-wait", "--no-pay", "-o", "json", hcl).wantOK(t)
	var rec map[string]string
	if err := json.Unmarshal([]byte(r.stdout), &rec); err != nil {
		t.Fatalf("%v: %s", err, r.stdout)
	}
	// 1 FIL/day for 2 h is exactly 1/12 FIL.
	if rec["state"] != "Created" || rec["escrow"] != "0.083333333333333333 FIL" || rec["miner_id"] != "f01000" ||
		rec["provider"] != sp.acct.Addr.Hex() || rec["payer"] != "not running" {
		t.Errorf("record: %v", rec)
	}
	id := rec["lease"]
	if _, err := lease.ParseLeaseID(id); err != nil {
		t.Fatal(err)
	}

	if want := "nothing pays for lease " + id + " (--no-pay): its provider stops it at most 6m0s after the last payment; " +
		"keep it paid with `shale pay --background " + id + "`, or stay connected with `shale ssh " + id + "`\n"; !strings.HasSuffix(r.stderr, want) {
		t.Errorf("--no-pay says nothing of what keeps the lease alive; stderr:\n%s", r.stderr)
	}

	r = w.run("give-me-container", "--miner=f01000", "--price=0.01fil/min", "--image=shale/busybox:bookworm", "--wait=300ms")
	r.wantErr(t, "not accepted after 300ms; it stays open", "shale cancel "+fmt.Sprint(w.chain.ChainID)+"-0x")

	w.run("cancel", id).wantOK(t)
	lid, _ := lease.ParseLeaseID(id)
	if s := w.onChainState(lid); s != contracts.StateCancelled {
		t.Errorf("state %v", s)
	}
	w.run("cancel", id).wantErr(t, "is Cancelled: only an order not yet accepted can be cancelled")
	w.run("ssh", id, "--", "true").wantErr(t, "lease ended: "+id+" is Cancelled on chain")
	bal := w.run("balance").wantOK(t).stdout
	if !strings.Contains(bal, "withdrawable  0.083333333333333333 FIL\n") {
		t.Errorf("balance:\n%s", bal)
	}
}

func TestProviders(t *testing.T) {
	w := newWorld(t, 10)
	meta := contracts.ProviderMeta{MinPrice: "0.01fil/min", MaxDuration: "24h", Nodes: 2, CPUs: "16", Memory: "64Gi", GPUs: 1}
	a := w.provider("f01000", providerOpts{meta: meta.Encode()})
	b := w.provider("f02000", providerOpts{})
	m := w.chain.Market
	cid1, cid2 := "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku", "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy"
	for _, step := range []func() error{
		func() error { _, err := m.AnnounceDatasets(w.ctx, a.acct.Opts, cid1, cid2); return err },
		func() error { _, err := m.RetractDatasets(w.ctx, a.acct.Opts, cid2); return err },
		func() error { _, err := m.AnnounceDatasets(w.ctx, b.acct.Opts, cid2); return err },
	} {
		if err := step(); err != nil {
			t.Fatal(err)
		}
	}
	// A released lease paid nothing: its rating is refused.
	done := w.order("--miner=f01000", "--price=0.01fil/min", "--image=shale/busybox:bookworm", "--no-wait", "--no-pay")
	(<-done).wantOK(t)
	released := lease.LeaseID{ChainID: w.chain.ChainID.Uint64(), Order: w.created(0).OrderId}
	if _, err := m.AcceptOrder(w.ctx, a.acct.Opts, released.Order, minCollateral()); err != nil {
		t.Fatal(err)
	}
	if _, err := m.Release(w.ctx, a.acct.Opts, released.Order, ""); err != nil {
		t.Fatal(err)
	}
	w.run("rate", released.String(), "1").wantErr(t, "paid 0 FIL, less than one minute at its price (0.01 FIL)")
	// Two leases whose provider never settled, reclaimed with their escrow, rated 4 and 5.
	var ids []lease.LeaseID
	for i := range 2 {
		done := w.order("--miner=f01000", "--price=0.01fil/min", "--image=shale/busybox:bookworm", "--no-wait", "--no-pay")
		(<-done).wantOK(t)
		id := lease.LeaseID{ChainID: w.chain.ChainID.Uint64(), Order: w.created(i + 1).OrderId}
		w.run("rate", id.String(), "4").wantErr(t, "is Created: only settled or reclaimed leases can be rated")
		if _, err := m.AcceptOrder(w.ctx, a.acct.Opts, id.Order, minCollateral()); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	w.chain.Advance(48 * time.Hour) // past every duration and the settle window
	for i, score := range []string{"4", "5"} {
		w.run("reclaim", ids[i].String()).wantOK(t)
		w.run("rate", ids[i].String(), score).wantOK(t)
		w.run("rate", ids[i].String(), score).wantErr(t, "is already rated")
	}
	w.run("rate", "31337-0x01", "9").wantErr(t, `score "9": want a whole number from 1 to 5`)

	out := w.run("sps").wantOK(t).stdout
	t.Log("\n" + out)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 {
		t.Fatalf("sps:\n%s", out)
	}
	if !regexp.MustCompile(`RATING +RATED PAID`).MatchString(lines[0]) {
		t.Errorf("sps header %q lacks the paid volume behind the ratings", lines[0])
	}
	// Both rated leases were reclaimed: the ratings stand on no money paid to the provider.
	for _, want := range []string{"f01000", "0.01fil/min", "24h", "2 nodes, 16 cpus, 64Gi mem, 1 gpus", cid1} {
		if !strings.Contains(lines[1], want) {
			t.Errorf("sps row %q lacks %q", lines[1], want)
		}
	}
	if !regexp.MustCompile(`4\.50 \(2\) +0 FIL `).MatchString(lines[1]) {
		t.Errorf("sps row %q: want rating 4.50 (2) backed by 0 FIL", lines[1])
	}
	if strings.Contains(lines[1], cid2) || !strings.Contains(lines[2], cid2) || !strings.Contains(lines[2], "f02000") {
		t.Errorf("datasets wrong:\n%s", out)
	}
	var ps []client_ProviderInfo
	if err := json.Unmarshal([]byte(w.run("sps", "--dataset", cid2, "-o", "json").wantOK(t).stdout), &ps); err != nil {
		t.Fatal(err)
	}
	if len(ps) != 1 || ps[0].MinerID != "f02000" || ps[0].Rating != "-" || len(ps[0].Datasets) != 1 {
		t.Errorf("sps --dataset: %+v", ps)
	}
	r := w.run("sps", "--dataset", "bafkreinone")
	if r.code != 0 || r.stdout != "" || !strings.Contains(r.stderr, "no provider announces dataset bafkreinone") {
		t.Errorf("sps unknown dataset: %+v", r)
	}
}

// client_ProviderInfo decodes the JSON form, as a script would, without the Go type.
type client_ProviderInfo struct {
	MinerID  string   `json:"miner_id"`
	Rating   string   `json:"rating"`
	Datasets []string `json:"datasets"`
}

// A provider that accepts and never settles: after the settle deadline the client takes back
// its escrow and the provider's collateral; before it, the CLI says until when to wait.
func TestReclaimAfterDeadline(t *testing.T) {
	w := newWorld(t, 10)
	p := w.provider("f01000", providerOpts{})
	var rec map[string]string
	r := w.run("lease", "apply", "--var", "provider=f01000", "--no-wait", "--no-pay", "-o", "json", w.boxLease()).wantOK(t)
	if err := json.Unmarshal([]byte(r.stdout), &rec); err != nil {
		t.Fatalf("%v: %s", err, r.stdout)
	}
	id, _ := lease.ParseLeaseID(rec["lease"])
	collateral := new(big.Int).Div(testsupport.FIL, big.NewInt(2))
	if _, err := w.chain.Market.AcceptOrder(w.ctx, p.acct.Opts, id.Order, collateral); err != nil {
		t.Fatal(err)
	}
	w.run("reclaim", rec["lease"]).wantErr(t, "lease "+rec["lease"]+": its provider may settle until ", "; reclaim after that")

	w.chain.Advance(2*time.Hour + time.Hour + time.Minute) // duration + settle window
	out := w.run("reclaim", rec["lease"]).wantOK(t).stdout
	// 1 FIL/day for 2 h = 1/12 FIL of escrow, plus 0.5 FIL collateral.
	if want := "reclaimed 0.583333333333333333 FIL (escrow 0.083333333333333333 FIL + the provider's collateral) for lease " + rec["lease"]; !strings.Contains(out, want) {
		t.Fatalf("reclaim output %q, want %q", out, want)
	}
	if bal := w.run("balance").wantOK(t).stdout; !strings.Contains(bal, "withdrawable  0.583333333333333333 FIL\n") {
		t.Fatalf("balance after reclaim:\n%s", bal)
	}
	w.run("reclaim", rec["lease"]).wantErr(t, "is Reclaimed: only an accepted, running or terminated lease its provider never settled can be reclaimed")
}

// boxLease writes a 2-hour busybox lease at 1 FIL/day (escrow exactly 1/12 FIL) whose provider
// is the variable "provider" (default f09999, unregistered), and returns its path.
func (w *world) boxLease() string {
	w.t.Helper()
	hcl := filepath.Join(w.dir, "box.hcl")
	if err := os.WriteFile(hcl, []byte(`
variable "provider" { default = "f09999" }
lease "box" {
  provider = var.provider
  image    = "shale/busybox:bookworm"
  duration = "2h"
  ssh_keys = [file("`+w.sshKey+`.pub")]
  resources {
    cpus   = 1
    memory = "256Mi"
  }
  payment {
    price = "1 FIL/day"
  }
}
`), 0o600); err != nil {
		w.t.Fatal(err)
	}
	return hcl
}
