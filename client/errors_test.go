package client_test

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/shaleprotocol/shale/contracts/bindings"
	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/lease"
)

// TestErrorsNameTheFix: a representative set of the CLI's errors, each saying what to do
// next; none of the refused orders reaches the chain.
func TestErrorsNameTheFix(t *testing.T) {
	w := newWorld(t, 10)
	sp := w.provider("f01000", providerOpts{})
	broke := newWorld(t, 0)
	broke.provider("f01000", providerOpts{})
	cfg, err := os.ReadFile(w.config)
	if err != nil {
		t.Fatal(err)
	}
	variant := func(name, from, to string) string {
		p := filepath.Join(w.dir, name)
		if err := os.WriteFile(p, []byte(regexp.MustCompile(from).ReplaceAllString(string(cfg), to)), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	noRPC := variant("norpc.hcl", `(?m)^rpc .*$`, "")
	noSSHKey := variant("nokey.hcl", `(?m)^ssh_key .*$`, `ssh_key = "`+filepath.Join(w.dir, "absent_ed25519")+`"`)

	var rec map[string]string
	if err := json.Unmarshal([]byte(w.run("give-me-container", "--miner=f01000", "--price=0.01fil/min", "--image=shale/busybox:bookworm",
		"--no-wait", "--no-pay", "-o", "json").wantOK(t).stdout), &rec); err != nil {
		t.Fatal(err)
	}
	accepted, _ := lease.ParseLeaseID(rec["lease"])
	if _, err := w.chain.Market.AcceptOrder(w.ctx, sp.acct.Opts, accepted.Order, minCollateral()); err != nil {
		t.Fatal(err)
	}
	unknown := lease.LeaseID{ChainID: w.chain.ChainID.Uint64(), Order: [32]byte{31: 1}}
	order := []string{"give-me-container", "--miner=f01000", "--price=0.01fil/min", "--image=shale/busybox:bookworm", "--no-wait"}

	for _, tc := range []struct {
		name string
		w    *world
		args []string
		want string
	}{
		{"no rpc", w, []string{"--config", noRPC, "leases"}, "shale: no chain RPC endpoint: set rpc in the config file or pass --rpc\n"},
		{"unknown flag", w, []string{"give-me-container", "--num_cpu=2"}, "shale: unknown flag: --num_cpu; see `shale give-me-container --help`\n"},
		{"missing argument", w, []string{"cancel"}, "shale: accepts 1 arg(s), received 0; see `shale cancel --help`\n"},
		{"unknown subcommand", w, []string{"lease", "aply"}, "shale: unknown command \"aply\" for \"shale lease\"; see `shale lease --help`\n"},
		{"unknown command", w, []string{"lesaes"}, "shale: unknown command \"lesaes\" for \"shale\"; see `shale --help`\n\nDid you mean this?\n\tleases\n"},
		{"lease on another chain", w, []string{"cancel", "31337-0x" + strings.Repeat("0", 63) + "1"},
			" is on chain 31337, but simulated://test is chain 1337: point rpc (or --rpc) at a chain 31337 endpoint\n"},
		{"unknown lease", w, []string{"cancel", unknown.String()}, "shale: lease " + unknown.String() + ": no such order on the marketplace at " +
			w.chain.Market.Address.Hex() + ": check the id with `shale leases`, and contract (or --contract) is the marketplace you ordered from\n"},
		{"cancel after acceptance", w, []string{"cancel", accepted.String()}, "shale: lease " + accepted.String() +
			" is Accepted: only an order not yet accepted can be cancelled; end it with `shale terminate " + accepted.String() + "`\n"},
		{"no funds", broke, order, "shale: insufficient funds: escrow 0.6 FIL + gas, balance 0 FIL: send " + broke.client.Addr.Hex() +
			" at least 0.6 FIL more plus gas, or order a shorter --duration or a lower price\n"},
		{"bad price", w, append(order[:2:2], "--price=0.01/min", "--image=x"),
			`--price: invalid price "0.01/min": missing unit (units are fil, millifil, microfil, nanofil, picofil, femtofil and attofil, e.g. "0.01fil/min", "1 FIL/h" or "5e15attofil/60s")`},
		{"price without a period", w, append(order[:2:2], "--price=0.01fil", "--image=x"),
			`--price: invalid price "0.01fil": missing period, e.g. "0.01fil/min"` + "\n"},
		{"price without an example", w, append(order[:2:2], "--price=0.01fil/fortnight", "--image=x"),
			`--price: invalid price "0.01fil/fortnight": bad period "fortnight": use s, min, h, d or a duration such as "60s"; write an amount, a unit and a period, e.g. 0.01fil/min or 5e17attofil/h` + "\n"},
		{"private key as --ssh_pubkey", w, append(order, "--ssh_pubkey="+w.sshKey),
			"--ssh_pubkey: " + w.sshKey + " is a private key; pass its public half, " + w.sshKey + ".pub\n"},
		{"no default public key", w, append([]string{"--config", noSSHKey}, order...),
			"shale: --ssh_pubkey not given and " + filepath.Join(w.dir, "absent_ed25519") + ".pub is unreadable: stat " + filepath.Join(w.dir, "absent_ed25519") +
				".pub: no such file or directory; pass --ssh_pubkey=~/.ssh/id_ed25519.pub (a path or a key line), or set ssh_key in " + noSSHKey +
				" to a private key with its .pub beside it\n"},
		{"payer's key not authorized", w, append(order, "--ssh_pubkey="+testsupport.SSHKey(t, 7, "other")),
			"shale: the order does not authorize ssh_key " + w.sshKey + ", the key the background payer and `shale ssh` log in with: set ssh_key in " +
				w.config + " to the private half of a key you pass with --ssh_pubkey, or add --ssh_pubkey=" + w.sshKey + ".pub (--no-pay skips this check)\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.w.run(tc.args...).wantErr(t, tc.want)
			if r.code != 1 || r.stdout != "" {
				t.Errorf("exit %d, stdout %q", r.code, r.stdout)
			}
		})
	}

	// Only the accepted order reached the chain.
	evs, err := w.chain.Market.Events(w.ctx, 0, nil)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, ev := range evs {
		if _, ok := ev.Value.(*bindings.MarketplaceOrderCreated); ok {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d orders on chain, want 1", n)
	}
	if !strings.Contains(w.run("leases").wantOK(t).stdout, accepted.String()) {
		t.Error("the accepted order is not listed")
	}
}
