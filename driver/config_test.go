package driver

import (
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/nomad/helper/pluginutils/hclspecutils"
	"github.com/hashicorp/nomad/helper/pluginutils/hclutils"
	"github.com/hashicorp/nomad/helper/testlog"
	"github.com/hashicorp/nomad/plugins/base"
	"github.com/hashicorp/nomad/plugins/drivers"
	"github.com/hashicorp/nomad/plugins/shared/hclspec"
	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/leasejob"
)

const (
	testCID    = "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku"
	testSSHKey = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl me@example"
	testLease  = "31337-0x1f00000000000000000000000000000000000000000000000000000000000002"
	testPubKey = "0x7d1acf0db23b443e895f6a4d71fbf22e7885a58074b14728a7b4175000cda4aa"
)

// decodeTaskConfig runs a job's config map through the same path the Nomad client uses:
// hclspec → hcldec → msgpack → TaskConfig, then the driver's validation.
func decodeTaskConfig(t *testing.T, raw map[string]any) (*TaskConfig, error) {
	t.Helper()
	return decodeWith(t, leasejob.TaskConfigSpec, raw, func(tc *drivers.TaskConfig) (*TaskConfig, error) {
		var out TaskConfig
		if err := tc.DecodeDriverConfig(&out); err != nil {
			return nil, err
		}
		return &out, validateTask(&out)
	})
}

func decodeWith[T any](t *testing.T, spec *hclspec.Spec, raw map[string]any, decode func(*drivers.TaskConfig) (T, error)) (T, error) {
	t.Helper()
	var zero T
	dec, diags := hclspecutils.Convert(spec)
	if diags.HasErrors() {
		t.Fatalf("convert spec: %v", diags)
	}
	val, diags, errs := hclutils.ParseHclInterface(raw, dec, nil)
	if diags.HasErrors() {
		msgs := make([]string, len(errs))
		for i, e := range errs {
			msgs[i] = e.Error()
		}
		return zero, &configError{strings.Join(msgs, "; ")}
	}
	tc := &drivers.TaskConfig{}
	if err := tc.EncodeDriverConfig(val); err != nil {
		t.Fatalf("encode: %v", err)
	}
	return decode(tc)
}

type configError struct{ msg string }

func (e *configError) Error() string { return e.msg }

func validLease() map[string]any {
	return map[string]any{
		"id":         testLease,
		"ssh_keys":   []any{testSSHKey},
		"expires_at": "2026-11-24T10:00:00Z",
		"bandwidth":  "1Mi",
		"payment": []map[string]any{{
			"public_key": testPubKey,
			"price":      "10000000000000000attofil/60s",
			"escrow":     "600000000000000000",
			"prepay":     "5m",
			"grace":      "1m",
		}},
	}
}

func TestTaskConfigDecodesFullLease(t *testing.T) {
	tc, err := decodeTaskConfig(t, map[string]any{
		"image":    "shale/debian:bookworm",
		"command":  "python3",
		"args":     []any{"train.py", "--epochs", "2"},
		"work_dir": "/work",
		"lease":    []map[string]any{validLease()},
		"mount": []map[string]any{
			{"cid": testCID, "path": "/data/fashion-mnist"},
			{"cid": testCID, "path": "/data/copy"},
			{"piece_cid": testPieceV1, "piece_size": "128", "path": "/data/piece"},
		},
	})
	if err != nil {
		t.Fatalf("valid config refused: %v", err)
	}
	if tc.Lease == nil || tc.Lease.Payment == nil {
		t.Fatalf("lease block lost: %+v", tc)
	}
	if got := tc.Lease.Payment.Price; got != "10000000000000000attofil/60s" {
		t.Errorf("price = %q", got)
	}
	if len(tc.Mounts) != 3 || tc.Mounts[1].Path != "/data/copy" || tc.Mounts[2].PieceCID != testPieceV1 || tc.Mounts[2].PieceSize != "128" {
		t.Errorf("mounts = %+v", tc.Mounts)
	}
	if len(tc.Args) != 3 || tc.Command != "python3" {
		t.Errorf("command = %q %q", tc.Command, tc.Args)
	}
}

// testPieceV1 is a real v1 PieceCID (Lotus, 127 bytes of 0xcc in a 128-byte piece).
const testPieceV1 = "baga6ea4seaqmfldjtozgne6adk7eve2vdxte7vzlivae7nzsbrawobo546zkijq"

func TestTaskConfigRejectsBadInput(t *testing.T) {
	withLease := func(mut func(l map[string]any)) map[string]any {
		l := validLease()
		mut(l)
		return map[string]any{"image": "shale/busybox", "lease": []map[string]any{l}}
	}
	cases := []struct {
		name string
		raw  map[string]any
		want []string // every substring must appear in the error a person sees
	}{
		{"unknown key", map[string]any{"image": "x", "imagee": "y"}, []string{`No argument or block type is named "imagee"`}},
		{"missing image", map[string]any{"command": "sh"}, []string{`Missing required argument`, `"image"`}},
		{"privileged", map[string]any{"image": "shale/busybox", "privileged": true}, []string{"shale never runs privileged containers"}},
		{"host volumes", map[string]any{"image": "shale/busybox", "volumes": []any{"/etc:/host-etc"}}, []string{"host bind mounts are not allowed"}},
		{"cap_add", map[string]any{"image": "shale/busybox", "cap_add": []any{"SYS_ADMIN"}}, []string{"capabilities are set by the node operator"}},
		{"bad image reference", map[string]any{"image": "UPPER/Case::tag"}, []string{`image: "UPPER/Case::tag" is not a docker image reference`}},
		{"relative mount", map[string]any{"image": "shale/busybox", "mount": []map[string]any{{"cid": testCID, "path": "data"}}}, []string{`mount[0]: mount path "data" must be absolute, e.g. "/data"`}},
		{"dotdot mount", map[string]any{"image": "shale/busybox", "mount": []map[string]any{{"cid": testCID, "path": "/data/../etc"}}}, []string{`mount[0]: mount path "/data/../etc" is not clean: write "/etc"`}},
		{"reserved mount", map[string]any{"image": "shale/busybox", "mount": []map[string]any{{"cid": testCID, "path": "/secrets/x"}}}, []string{`mount path "/secrets/x" is reserved (/secrets)`}},
		{"duplicate mount", map[string]any{"image": "shale/busybox", "mount": []map[string]any{{"cid": testCID, "path": "/d"}, {"cid": testCID, "path": "/d"}}}, []string{`mount[1]: mount path "/d" is mounted twice`}},
		{"bad cid", map[string]any{"image": "shale/busybox", "mount": []map[string]any{{"cid": "Qm-not-a-cid", "path": "/d"}}}, []string{`mount[0] cid: "Qm-not-a-cid" is not a valid CID`}},
		{"mount without path", map[string]any{"image": "shale/busybox", "mount": []map[string]any{{"cid": testCID}}}, []string{`Missing required argument`, `"path"`}},
		{"mount without cid or piece", map[string]any{"image": "shale/busybox", "mount": []map[string]any{{"path": "/d"}}}, []string{`mount[0]: name the deal data: cid (payload CID), piece_cid`}},
		{"v1 piece without size", map[string]any{"image": "shale/busybox", "mount": []map[string]any{{"piece_cid": testPieceV1, "path": "/d"}}}, []string{`mount[0] piece_cid: bad piece CID ` + testPieceV1 + `: a v1 PieceCID needs its padded piece size (piece_size)`}},
		{"piece size not a power of two", map[string]any{"image": "shale/busybox", "mount": []map[string]any{{"piece_cid": testPieceV1, "piece_size": "1000", "path": "/d"}}}, []string{`mount[0] piece_cid: bad piece CID ` + testPieceV1 + `: piece size mismatch: padded size 1000 is not a power of two`}},
		{"piece size without piece", map[string]any{"image": "shale/busybox", "mount": []map[string]any{{"cid": testCID, "piece_size": "2KiB", "path": "/d"}}}, []string{`mount[0] piece_size: only with piece_cid`}},
		{"payload CID as piece", map[string]any{"image": "shale/busybox", "mount": []map[string]any{{"piece_cid": testCID, "path": "/d"}}}, []string{`mount[0] piece_cid: bad piece CID`, `not a PieceCID`}},
		{"zero disk", map[string]any{"image": "shale/busybox", "disk": "0"}, []string{`disk: "0": must be positive`}},
		{"relative work_dir", map[string]any{"image": "shale/busybox", "work_dir": "tmp"}, []string{`work_dir "tmp": must be an absolute path`}},
		{"bad lease id", withLease(func(l map[string]any) { l["id"] = "42" }), []string{`lease.id: invalid lease id "42": expected "<chain id>-0x<64 hex digits>"`}},
		{"bad ssh key", withLease(func(l map[string]any) { l["ssh_keys"] = []any{"ssh-ed25519 nope"} }), []string{`lease.ssh_keys[0]: malformed SSH public key "ssh-ed25519 nope"`}},
		{"bad expiry", withLease(func(l map[string]any) { l["expires_at"] = "tomorrow" }), []string{`lease.expires_at "tomorrow"`}},
		{"bad bandwidth", withLease(func(l map[string]any) { l["bandwidth"] = "1Mb" }), []string{`lease.bandwidth: invalid size "1Mb": unknown unit "Mb"; did you mean "1Mi"?`}},
		{"huge bandwidth", withLease(func(l map[string]any) { l["bandwidth"] = "18446744073709551615" }), []string{`lease.bandwidth: out of range: bandwidth 18446744073709551615/s is over the maximum of 100Gi/s`}},
		{"price without unit", withLease(func(l map[string]any) {
			l["payment"] = []map[string]any{{"public_key": testPubKey, "price": "100/60s", "escrow": "1"}}
		}), []string{`lease.payment.price: invalid price "100/60s": missing unit (units are fil, millifil`}},
		{"negative escrow and bad key", withLease(func(l map[string]any) {
			l["payment"] = []map[string]any{{"public_key": "0x12", "price": "1attofil/1s", "escrow": "-5"}}
		}), []string{`lease.payment.public_key: voucher: public key "0x12": want 0x and 64 hex digits`, `lease.payment.escrow: "-5"`}},
		{"payment key off the curve", withLease(func(l map[string]any) {
			l["payment"] = []map[string]any{{"public_key": "0x0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "price": "1attofil/1s", "escrow": "1"}}
		}), []string{`lease.payment.public_key: voucher: public key 0x0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef`}},
		{"missing payment", withLease(func(l map[string]any) { delete(l, "payment") }), []string{`Missing payment block: A block of type "payment" is required here.`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := decodeTaskConfig(t, c.raw)
			if err == nil {
				t.Fatal("config accepted; want an error")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not contain %q", err, w)
				}
			}
		})
	}
}

func decodePluginConfig(t *testing.T, raw map[string]any) (*Config, error) {
	t.Helper()
	return decodeWith(t, configSpec, raw, func(tc *drivers.TaskConfig) (*Config, error) {
		var c Config
		if err := tc.DecodeDriverConfig(&c); err != nil {
			return nil, err
		}
		applyConfigDefaults(&c)
		return &c, c.validate()
	})
}

func TestPluginConfigDefaults(t *testing.T) {
	c, err := decodePluginConfig(t, map[string]any{})
	if err != nil {
		t.Fatal(err)
	}
	if c.DockerEndpoint != defaultDockerEndpoint || c.Image.Pull || c.Hardening.PidsLimit != defaultPidsLimit {
		t.Errorf("defaults not applied: %+v", c)
	}
	if strings.Join(c.Hardening.CapAdd, ",") != strings.Join(defaultCapAdd, ",") {
		t.Errorf("cap_add = %v", c.Hardening.CapAdd)
	}
	if c.NetworkMode != "isolated" || c.Network.Name != defaultLeaseNetwork || c.Network.Bridge != defaultLeaseBridge {
		t.Errorf("network: %s %+v", c.NetworkMode, c.Network)
	}
	if c.pullTimeout.String() != "5m0s" || c.fingerprintEvery.String() != "15s" {
		t.Errorf("durations: %s %s", c.pullTimeout, c.fingerprintEvery)
	}
}

func TestPluginConfigRejectsBadInput(t *testing.T) {
	cases := []struct {
		name string
		raw  map[string]any
		want string
	}{
		{"unknown key", map[string]any{"dockr": "x"}, `No argument or block type is named "dockr"`},
		{"dangerous capability", map[string]any{"hardening": []map[string]any{{"cap_add": []any{"SYS_ADMIN"}}}}, `hardening.cap_add "SYS_ADMIN": not allowed`},
		{"bad pull timeout", map[string]any{"image": []map[string]any{{"pull_timeout": "soon"}}}, `image.pull_timeout "soon"`},
		{"bad glob", map[string]any{"image": []map[string]any{{"allow": []any{"["}}}}, `image.allow pattern "["`},
		{"bad network", map[string]any{"network_mode": "host"}, `network_mode "host": want "isolated", "none" or "bridge"`},
		{"negative pids", map[string]any{"hardening": []map[string]any{{"pids_limit": -1}}}, `hardening.pids_limit -1`},
		{"bad piece stall", map[string]any{"deals": []map[string]any{{"piece_url": "http://127.0.0.1:1", "piece_stall": "0s"}}}, `deals.piece_stall "0s": want a duration from 1s to 1h`},
		{"bad piece url", map[string]any{"deals": []map[string]any{{"piece_url": "ftp://sp"}}}, `deals.piece_url "ftp://sp": want http(s)://host[:port][/path]`},
		{"bad allow", map[string]any{"network": []map[string]any{{"allow": []any{"10.0.0.0/33"}}}}, `network.allow "10.0.0.0/33": want an IPv4 CIDR`},
		{"bad disk limit", map[string]any{"hardening": []map[string]any{{"disk_limit": "2Pi"}}}, `hardening.disk_limit: out of range: disk 2Pi is over the maximum of 1Pi`},
		{"bad disk interval", map[string]any{"hardening": []map[string]any{{"disk_check_interval": "1ms"}}}, `hardening.disk_check_interval "1ms": want a duration from 100ms to 1h`},
		{"long bridge", map[string]any{"network": []map[string]any{{"bridge": "a-very-long-bridge-name"}}}, `network.bridge "a-very-long-bridge-name": want an interface name of at most 15`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := decodePluginConfig(t, c.raw)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error = %v, want it to contain %q", err, c.want)
			}
		})
	}
}

func TestGatewayRefusesWeakAlgorithms(t *testing.T) {
	state := t.TempDir()
	cfg := &Config{InitBinary: testsupport.PluginBinary(t), StateDir: state,
		Gateway: &GatewayConfig{Listen: "127.0.0.1:0", Ciphers: []string{"aes128-cbc"}}}
	applyConfigDefaults(cfg)
	var raw []byte
	if err := base.MsgPackEncode(&raw, cfg); err != nil {
		t.Fatal(err)
	}
	d := New(testlog.HCLogger(t))
	defer d.Shutdown()
	err := d.SetConfig(&base.Config{PluginConfig: raw})
	if err == nil || !strings.Contains(err.Error(), `cipher algorithm "aes128-cbc" is not allowed`) {
		t.Fatalf("SetConfig = %v, want the weak cipher refused", err)
	}
}

// The node's payment bounds and timeouts are operator settings, each bounded.
func TestGatewayPaymentSettings(t *testing.T) {
	g := &GatewayConfig{MaxGrace: "2m", MaxPrepay: "15m", PaymentSendTimeout: "3s"}
	cfg, err := g.gatewayConfig(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if cfg.MaxGrace != 2*time.Minute || cfg.MaxPrepay != 15*time.Minute || cfg.PaymentSendTimeout != 3*time.Second {
		t.Fatalf("tunnel config %v %v %v", cfg.MaxGrace, cfg.MaxPrepay, cfg.PaymentSendTimeout)
	}
	for _, c := range []struct {
		g    GatewayConfig
		want string
	}{
		{GatewayConfig{MaxGrace: "forever"}, `gateway.max_grace "forever": want a positive duration of at most 24h0m0s`},
		{GatewayConfig{MaxGrace: "25h"}, `gateway.max_grace "25h"`},
		{GatewayConfig{MaxPrepay: "-1m"}, `gateway.max_prepay "-1m"`},
		{GatewayConfig{PaymentSendTimeout: "10m"}, `gateway.payment_send_timeout "10m": want a positive duration of at most 5m0s`},
		{GatewayConfig{IdleTimeout: "0s"}, `gateway.idle_timeout "0s"`},
	} {
		if _, err := c.g.gatewayConfig(t.TempDir()); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: error %v, want %q", c.g, err, c.want)
		}
	}
}
