package driver

import (
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/nomad/helper/testlog"
	"github.com/hashicorp/nomad/plugins/base"

	"github.com/shaleprotocol/shale/gateway"
	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/lease"
	"github.com/shaleprotocol/shale/leasejob"
)

// The ingress {} block decodes through Nomad's plugin config path into the gateway's
// ingress settings.
func TestIngressBlockDecodes(t *testing.T) {
	c, err := decodePluginConfig(t, map[string]any{"gateway": []map[string]any{{
		"listen": "127.0.0.1:0",
		"ingress": []map[string]any{{
			"listen": "0.0.0.0:8443", "advertise_url": "https://leases.example.org", "domain": "leases.example.org",
			"cert_file": "/etc/shale/wild.pem", "key_file": "/etc/shale/wild.key", "read_header_timeout": "5s",
			"idle_timeout": "2m", "max_header_bytes": 8192, "max_conns_per_source": 32, "max_conns": 512, "tcp_ports": "30000-30099",
		}},
	}}})
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.Gateway.Ingress.ingressConfig()
	if err != nil {
		t.Fatal(err)
	}
	if got.ListenAddr != "0.0.0.0:8443" || got.AdvertiseURL != "https://leases.example.org" || got.Domain != "leases.example.org" ||
		got.CertFile != "/etc/shale/wild.pem" || got.KeyFile != "/etc/shale/wild.key" || got.ReadHeaderTimeout != 5*time.Second ||
		got.IdleTimeout != 2*time.Minute || got.MaxHeaderBytes != 8192 || got.MaxConnsPerSource != 32 || got.MaxConns != 512 ||
		got.TCPPortFirst != 30000 || got.TCPPortLast != 30099 {
		t.Fatalf("ingress config %+v", got)
	}
}

func TestIngressBlockRejectsBadInput(t *testing.T) {
	for _, c := range []struct {
		in   IngressConfig
		want string
	}{
		{IngressConfig{TCPPorts: "30000"}, `gateway.ingress.tcp_ports "30000": want FIRST-LAST, e.g. 30000-30099`},
		{IngressConfig{TCPPorts: "a-b"}, `gateway.ingress.tcp_ports "a-b": want FIRST-LAST`},
		{IngressConfig{ReadHeaderTimeout: "soon"}, `gateway.ingress.read_header_timeout "soon": want a positive duration`},
		{IngressConfig{IdleTimeout: "-1s"}, `gateway.ingress.idle_timeout "-1s": want a positive duration`},
	} {
		if _, err := c.in.ingressConfig(); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%+v: %v, want %q", c.in, err, c.want)
		}
	}
}

// Out-of-bounds ingress settings fail the plugin's configuration with the setting named.
func TestIngressSettingsBoundedAtSetConfig(t *testing.T) {
	for _, c := range []struct {
		in   IngressConfig
		want string
	}{
		{IngressConfig{Listen: "127.0.0.1:0", MaxConns: 1 << 20}, "gateway.ingress: gateway: ingress config: max_conns 1048576: want a number between 1 and 65536"},
		{IngressConfig{Listen: "127.0.0.1:0", TCPPorts: "100-50"}, "tcp ports 100-50: want a range within 1-65535"},
		{IngressConfig{Listen: "127.0.0.1:0", ReadHeaderTimeout: "2h"}, "read_header_timeout 2h0m0s: want a positive duration of at most 1h0m0s"},
	} {
		cfg := &Config{InitBinary: testsupport.PluginBinary(t), StateDir: t.TempDir(),
			Gateway: &GatewayConfig{Listen: "127.0.0.1:0", Ingress: &c.in}}
		applyConfigDefaults(cfg)
		var raw []byte
		if err := base.MsgPackEncode(&raw, cfg); err != nil {
			t.Fatal(err)
		}
		d := New(testlog.HCLogger(t))
		err := d.SetConfig(&base.Config{PluginConfig: raw})
		d.Shutdown()
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("SetConfig = %v, want %q", err, c.want)
		}
	}
}

// A lease's expose blocks reach the gateway's lease, and bad ones in an operator-written job
// are refused at decode with the block named.
func TestTaskConfigExposes(t *testing.T) {
	l := validLease()
	l["expose"] = []map[string]any{{"port": "8888", "protocol": "http"}, {"port": "5432", "protocol": "tcp", "public": true}}
	tc, err := decodeTaskConfig(t, map[string]any{"image": "shale/busybox", "lease": []map[string]any{l}})
	if err != nil {
		t.Fatal(err)
	}
	gl, err := gatewayLease(tc.Lease, "c0ffee", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if len(gl.Exposes) != 2 || gl.Exposes[0].Port != 8888 || gl.Exposes[1].Protocol != "tcp" || !gl.Exposes[1].Public {
		t.Fatalf("gateway lease exposes %+v", gl.Exposes)
	}
	for _, c := range []struct {
		expose []map[string]any
		want   string
	}{
		{[]map[string]any{{"port": "0", "protocol": "http"}}, "lease.expose: expose[0]: out of range: port 0 is not between 1 and 65535"},
		{[]map[string]any{{"port": "80x", "protocol": "http"}}, `lease.expose: expose[0]: port "80x" is not a number between 1 and 65535`},
		{[]map[string]any{{"port": "80", "protocol": "udp"}}, `lease.expose: expose[0]: protocol "udp" is not supported`},
		{[]map[string]any{{"port": "80", "protocol": "http"}, {"port": "80", "protocol": "tcp"}}, "lease.expose: expose[1]: port 80 is already exposed by expose[0]"},
	} {
		l := validLease()
		l["expose"] = c.expose
		if _, err := decodeTaskConfig(t, map[string]any{"image": "shale/busybox", "lease": []map[string]any{l}}); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: %v, want %q", c.expose, err, c.want)
		}
	}
}

// A lease task with an exposed port is served by the plugin's ingress while it runs and
// refused (410) once the driver has stopped it.
func TestLeaseTaskServedByIngress(t *testing.T) {
	port := testsupport.FreePort(t)
	h := newHarness(t, func(c *Config) {
		c.StateDir = t.TempDir()
		c.Gateway = &GatewayConfig{Listen: "127.0.0.1:0", Ingress: &IngressConfig{Listen: fmt.Sprintf("127.0.0.1:%d", port)}}
	})
	tc := sh(`mkdir -p /tmp/www && echo hello-from-task > /tmp/www/index.html && exec httpd -f -p 8080 -h /tmp/www`)
	tc.Lease = &LeaseConfig{
		ID: testLease, SSHKeys: []string{testSSHKey}, ExpiresAt: time.Now().Add(time.Hour).UTC().Format(time.RFC3339),
		Exposes: []leasejob.ExposeConfig{{Port: "8080", Protocol: "http", Public: true}},
		Payment: &PaymentConfig{PublicKey: testPubKey, Price: "0attofil/1s", Escrow: "1000"},
	}
	task := h.newTask(tc, 64)
	h.start(task)
	id, err := lease.ParseLeaseID(testLease)
	if err != nil {
		t.Fatal(err)
	}
	url := fmt.Sprintf("http://127.0.0.1:%d/l/%s/8080/", port, gateway.LeaseShort(id))
	get := func() (int, string, error) {
		resp, err := http.Get(url)
		if err != nil {
			return 0, "", err
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b), err
	}
	testsupport.Eventually(t, 30*time.Second, "the task's page through the ingress", func() error {
		code, body, err := get()
		if err != nil || code != 200 || !strings.Contains(body, "hello-from-task") {
			return fmt.Errorf("%d %q %v", code, body, err)
		}
		return nil
	})
	if err := h.StopTask(task.ID, time.Second, "SIGKILL"); err != nil {
		t.Fatal(err)
	}
	h.wait(task.ID, 30*time.Second)
	testsupport.Eventually(t, 30*time.Second, "410 after the task stopped", func() error {
		code, body, err := get()
		if err != nil || code != http.StatusGone {
			return fmt.Errorf("%d %q %v", code, body, err)
		}
		return nil
	})
}
