package driver

import (
	"errors"
	"fmt"
	"net/url"
	"path"
	"strings"
	"time"

	"github.com/hashicorp/nomad/plugins/shared/hclspec"

	"github.com/shaleprotocol/shale/lease"
	"github.com/shaleprotocol/shale/leasejob"
	"github.com/shaleprotocol/shale/voucher"
)

// Defaults for the plugin config; each is documented in the README's plugin config reference.
const (
	defaultDockerEndpoint = "unix:///var/run/docker.sock"
	defaultPidsLimit      = 1024
	defaultDiskLimit      = "10Gi"
	defaultDiskInterval   = "10s"
	defaultPullTimeout    = "5m"
	defaultFingerprint    = "15s"
	defaultGPURuntime     = "nvidia"
	defaultNetworkMode    = "isolated"
	defaultLeaseNetwork   = "shale-leases"
	defaultLeaseBridge    = "shale0"
	defaultStateDir       = "/var/lib/shale"
	defaultGatewayListen  = "0.0.0.0:2222"
)

// defaultCapAdd is the documented minimal capability set a lease keeps after `cap_drop ALL`:
// what package managers and ordinary Unix tools need to work as root inside their own
// container (chown files, switch users, signal their own processes, bind low ports).
// Left out on purpose: NET_RAW (spoofing, ping floods), MKNOD, SYS_CHROOT, AUDIT_WRITE,
// SETFCAP, SETPCAP, and everything Docker never grants by default.
var defaultCapAdd = []string{"CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "SETGID", "SETUID", "NET_BIND_SERVICE"}

// allowedCaps bounds what an operator may add back in the plugin config.
var allowedCaps = map[string]bool{
	"AUDIT_WRITE": true, "CHOWN": true, "DAC_OVERRIDE": true, "FOWNER": true, "FSETID": true,
	"KILL": true, "MKNOD": true, "NET_BIND_SERVICE": true, "NET_RAW": true, "SETFCAP": true,
	"SETGID": true, "SETPCAP": true, "SETUID": true, "SYS_CHROOT": true,
}

// configSpec is the plugin config (`plugin "shale-driver" { config { ... } }` in the agent
// config: Nomad keys external plugin blocks by the binary's file name).
var configSpec = hclspec.NewObject(map[string]*hclspec.Spec{
	"docker_endpoint": hclspec.NewDefault(hclspec.NewAttr("docker_endpoint", "string", false),
		hclspec.NewLiteral(fmt.Sprintf("%q", defaultDockerEndpoint))),
	// init_binary is the statically linked binary run as PID 1 in every container; empty
	// means the plugin binary itself (re-executed with the `init` argument).
	"init_binary":          hclspec.NewAttr("init_binary", "string", false),
	"fingerprint_interval": hclspec.NewDefault(hclspec.NewAttr("fingerprint_interval", "string", false), hclspec.NewLiteral(fmt.Sprintf("%q", defaultFingerprint))),
	"gpu_runtime":          hclspec.NewDefault(hclspec.NewAttr("gpu_runtime", "string", false), hclspec.NewLiteral(fmt.Sprintf("%q", defaultGPURuntime))),
	"network_mode":         hclspec.NewDefault(hclspec.NewAttr("network_mode", "string", false), hclspec.NewLiteral(fmt.Sprintf("%q", defaultNetworkMode))),
	// network applies to network_mode "isolated": the Docker network leases join and the
	// destinations in denied ranges the operator still lets them reach.
	"network": hclspec.NewBlock("network", false, hclspec.NewObject(map[string]*hclspec.Spec{
		"name":   hclspec.NewAttr("name", "string", false),
		"bridge": hclspec.NewAttr("bridge", "string", false),
		"allow":  hclspec.NewAttr("allow", "list(string)", false),
	})),
	"image": hclspec.NewBlock("image", false, hclspec.NewObject(map[string]*hclspec.Spec{
		"pull":         hclspec.NewDefault(hclspec.NewAttr("pull", "bool", false), hclspec.NewLiteral("false")),
		"pull_timeout": hclspec.NewDefault(hclspec.NewAttr("pull_timeout", "string", false), hclspec.NewLiteral(fmt.Sprintf("%q", defaultPullTimeout))),
		"allow":        hclspec.NewAttr("allow", "list(string)", false),
	})),
	// state_dir holds the gateway's host key and the durable voucher logs.
	"state_dir": hclspec.NewDefault(hclspec.NewAttr("state_dir", "string", false), hclspec.NewLiteral(fmt.Sprintf("%q", defaultStateDir))),
	"gateway": hclspec.NewBlock("gateway", false, hclspec.NewObject(map[string]*hclspec.Spec{
		"listen":               hclspec.NewDefault(hclspec.NewAttr("listen", "string", false), hclspec.NewLiteral(fmt.Sprintf("%q", defaultGatewayListen))),
		"advertise":            hclspec.NewAttr("advertise", "string", false),
		"host_key_file":        hclspec.NewAttr("host_key_file", "string", false),
		"voucher_dir":          hclspec.NewAttr("voucher_dir", "string", false),
		"max_auth_tries":       hclspec.NewAttr("max_auth_tries", "number", false),
		"handshake_timeout":    hclspec.NewAttr("handshake_timeout", "string", false),
		"idle_timeout":         hclspec.NewAttr("idle_timeout", "string", false),
		"keepalive":            hclspec.NewAttr("keepalive", "string", false),
		"max_conns_per_source": hclspec.NewAttr("max_conns_per_source", "number", false),
		"max_grace":            hclspec.NewAttr("max_grace", "string", false),
		"max_prepay":           hclspec.NewAttr("max_prepay", "string", false),
		"payment_send_timeout": hclspec.NewAttr("payment_send_timeout", "string", false),
		"metrics_listen":       hclspec.NewAttr("metrics_listen", "string", false),
		"key_exchanges":        hclspec.NewAttr("key_exchanges", "list(string)", false),
		"ciphers":              hclspec.NewAttr("ciphers", "list(string)", false),
		"macs":                 hclspec.NewAttr("macs", "list(string)", false),
		"ingress":              ingressSpec,
	})),
	"deals": hclspec.NewBlock("deals", false, hclspec.NewObject(map[string]*hclspec.Spec{
		"car_dir":      hclspec.NewAttr("car_dir", "string", false),
		"gateway_url":  hclspec.NewAttr("gateway_url", "string", false),
		"cache_dir":    hclspec.NewAttr("cache_dir", "string", false),
		"cache_max":    hclspec.NewAttr("cache_max", "string", false),
		"piece_url":    hclspec.NewAttr("piece_url", "string", false),
		"piece_listen": hclspec.NewAttr("piece_listen", "string", false),
		"piece_stall":  hclspec.NewAttr("piece_stall", "string", false),
	})),
	"hardening": hclspec.NewBlock("hardening", false, hclspec.NewObject(map[string]*hclspec.Spec{
		"pids_limit":      hclspec.NewDefault(hclspec.NewAttr("pids_limit", "number", false), hclspec.NewLiteral(fmt.Sprint(defaultPidsLimit))),
		"cap_add":         hclspec.NewAttr("cap_add", "list(string)", false),
		"readonly_rootfs": hclspec.NewDefault(hclspec.NewAttr("readonly_rootfs", "bool", false), hclspec.NewLiteral("false")),
		"cpu_hard_limit":  hclspec.NewDefault(hclspec.NewAttr("cpu_hard_limit", "bool", false), hclspec.NewLiteral("false")),
		// disk_limit applies to tasks whose config sets no disk; disk_check_interval is how
		// often a task's disk use is measured.
		"disk_limit":          hclspec.NewAttr("disk_limit", "string", false),
		"disk_check_interval": hclspec.NewAttr("disk_check_interval", "string", false),
	})),
})

// Config is the decoded plugin config.
type Config struct {
	DockerEndpoint      string          `codec:"docker_endpoint"`
	InitBinary          string          `codec:"init_binary"`
	FingerprintInterval string          `codec:"fingerprint_interval"`
	GPURuntime          string          `codec:"gpu_runtime"`
	NetworkMode         string          `codec:"network_mode"`
	Network             NetworkConfig   `codec:"network"`
	StateDir            string          `codec:"state_dir"`
	Gateway             *GatewayConfig  `codec:"gateway"`
	Deals               *DealsConfig    `codec:"deals"`
	Image               ImageConfig     `codec:"image"`
	Hardening           HardeningConfig `codec:"hardening"`

	fingerprintEvery time.Duration
	pullTimeout      time.Duration
}

// NetworkConfig is the isolated lease network.
type NetworkConfig struct {
	Name   string   `codec:"name"`
	Bridge string   `codec:"bridge"`
	Allow  []string `codec:"allow"` // CIDRs in denied ranges leases may still reach
}

// ImageConfig is the node's image policy.
type ImageConfig struct {
	Pull        bool     `codec:"pull"`
	PullTimeout string   `codec:"pull_timeout"`
	Allow       []string `codec:"allow"`
}

// HardeningConfig tunes the container hardening defaults.
type HardeningConfig struct {
	PidsLimit      int64    `codec:"pids_limit"`
	CapAdd         []string `codec:"cap_add"`
	ReadonlyRootfs bool     `codec:"readonly_rootfs"`
	CPUHardLimit   bool     `codec:"cpu_hard_limit"`
	DiskLimit      string   `codec:"disk_limit"`
	DiskInterval   string   `codec:"disk_check_interval"`

	diskLimit    uint64
	diskInterval time.Duration
}

// The job `config {}` for driver "shale" is the contract with the bridge, so it is defined in
// leasejob; the driver decodes it, checks it (validateTask) and runs it.
type (
	TaskConfig    = leasejob.TaskConfig
	LeaseConfig   = leasejob.LeaseConfig
	PaymentConfig = leasejob.PaymentConfig
	MountConfig   = leasejob.MountConfig
)

// ErrInvalidConfig marks every task or plugin config the driver refuses.
var ErrInvalidConfig = errors.New("invalid config")

func (c *Config) validate() error {
	var errs []error
	bad := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
	var err error
	if c.fingerprintEvery, err = time.ParseDuration(c.FingerprintInterval); err != nil || c.fingerprintEvery <= 0 {
		bad("fingerprint_interval %q: want a positive duration such as \"15s\"", c.FingerprintInterval)
	}
	if dc := c.Deals; dc != nil {
		if dc.PieceStall != "" {
			if v, err := time.ParseDuration(dc.PieceStall); err != nil || v < time.Second || v > time.Hour {
				bad("deals.piece_stall %q: want a duration from 1s to 1h, e.g. \"30s\"", dc.PieceStall)
			}
		}
		if u, err := url.Parse(dc.PieceURL); dc.PieceURL != "" && (err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "") {
			bad("deals.piece_url %q: want http(s)://host[:port][/path] of a /piece/{pieceCid} server", dc.PieceURL)
		}
	}
	if c.Image.PullTimeout == "" {
		c.Image.PullTimeout = defaultPullTimeout
	}
	if c.pullTimeout, err = time.ParseDuration(c.Image.PullTimeout); err != nil || c.pullTimeout <= 0 {
		bad("image.pull_timeout %q: want a positive duration such as \"5m\"", c.Image.PullTimeout)
	}
	for _, pat := range c.Image.Allow {
		if _, err := path.Match(pat, ""); err != nil {
			bad("image.allow pattern %q: %v", pat, err)
		}
	}
	if c.Hardening.PidsLimit == 0 {
		c.Hardening.PidsLimit = defaultPidsLimit
	}
	if c.Hardening.PidsLimit < 0 {
		bad("hardening.pids_limit %d: must be positive", c.Hardening.PidsLimit)
	}
	if c.Hardening.DiskLimit == "" {
		c.Hardening.DiskLimit = defaultDiskLimit
	}
	if c.Hardening.diskLimit, err = parseDisk(c.Hardening.DiskLimit); err != nil {
		bad("hardening.disk_limit: %v", err)
	}
	if c.Hardening.DiskInterval == "" {
		c.Hardening.DiskInterval = defaultDiskInterval
	}
	if c.Hardening.diskInterval, err = time.ParseDuration(c.Hardening.DiskInterval); err != nil || c.Hardening.diskInterval < 100*time.Millisecond || c.Hardening.diskInterval > time.Hour {
		bad("hardening.disk_check_interval %q: want a duration from 100ms to 1h such as \"10s\"", c.Hardening.DiskInterval)
	}
	if c.Hardening.CapAdd == nil {
		c.Hardening.CapAdd = append([]string(nil), defaultCapAdd...)
	}
	for i, capName := range c.Hardening.CapAdd {
		name := strings.TrimPrefix(strings.ToUpper(capName), "CAP_")
		if !allowedCaps[name] {
			bad("hardening.cap_add %q: not allowed (allowed: %s)", capName, strings.Join(sortedKeys(allowedCaps), ", "))
		}
		c.Hardening.CapAdd[i] = name
	}
	switch c.NetworkMode {
	case "isolated":
		errs = append(errs, c.Network.validate()...)
	case "bridge", "none":
	default:
		bad("network_mode %q: want \"isolated\", \"none\" or \"bridge\"", c.NetworkMode)
	}
	if len(errs) > 0 {
		return fmt.Errorf("%w: %w", ErrInvalidConfig, errors.Join(errs...))
	}
	return nil
}

// validateTask reports every problem of a task config at once, so a person fixes them in one go.
func validateTask(tc *TaskConfig) error {
	var errs []error
	bad := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }

	if err := lease.ValidateImage(tc.Image); err != nil {
		bad("image: %v", err)
	}
	if tc.Privileged {
		bad("privileged = true: shale never runs privileged containers")
	}
	if len(tc.Volumes) > 0 {
		bad("volumes: host bind mounts are not allowed; use mount { cid, path } for deal data")
	}
	if len(tc.CapAdd) > 0 {
		bad("cap_add: capabilities are set by the node operator (plugin config hardening.cap_add), not by jobs")
	}
	if tc.Disk != "" {
		if _, err := parseDisk(tc.Disk); err != nil {
			bad("disk: %v", err)
		}
	}
	if tc.WorkDir != "" && !path.IsAbs(tc.WorkDir) {
		bad("work_dir %q: must be an absolute path", tc.WorkDir)
	}
	seen := map[string]bool{}
	for i, m := range tc.Mounts {
		if err := validateContainerPath(m.Path); err != nil {
			bad("mount[%d]: %v", i, err)
		} else if seen[m.Path] {
			bad("mount[%d]: mount path %q is mounted twice", i, m.Path)
		}
		seen[m.Path] = true
		if m.PieceCID == "" && m.CID == "" {
			bad("mount[%d]: name the deal data: cid (payload CID), piece_cid (a v2 PieceCID, or v1 with piece_size), or both", i)
			continue
		}
		if m.PieceCID == "" {
			if m.PieceSize != "" {
				bad("mount[%d] piece_size: only with piece_cid", i)
			}
			if err := validateCID(m.CID); err != nil {
				bad("mount[%d] cid: %v", i, err)
			}
			continue
		}
		if m.CID != "" {
			if err := validateCID(m.CID); err != nil {
				bad("mount[%d] cid: %v", i, err)
			}
		}
		if _, err := mountPiece(m); err != nil {
			bad("mount[%d] piece_cid: %v", i, err)
		}
	}
	if l := tc.Lease; l != nil {
		if err := validateLeaseID(l.ID); err != nil {
			bad("lease.id: %v", err)
		}
		if len(l.SSHKeys) == 0 {
			bad("lease.ssh_keys: at least one key is required")
		}
		for i, k := range l.SSHKeys {
			if err := validateSSHKey(k); err != nil {
				bad("lease.ssh_keys[%d]: %v", i, err)
			}
		}
		if _, err := time.Parse(time.RFC3339, l.ExpiresAt); err != nil {
			bad("lease.expires_at %q: want an RFC 3339 time such as 2026-11-24T10:00:00Z", l.ExpiresAt)
		}
		if l.Bandwidth != "" {
			if err := validateBandwidth(l.Bandwidth); err != nil {
				bad("lease.bandwidth: %v", err)
			}
		}
		if _, err := leasejob.ParseExposes(l.Exposes); err != nil {
			bad("lease.expose: %v", err)
		}
		if p := l.Payment; p == nil {
			bad("lease.payment: block is required")
		} else {
			errs = append(errs, validatePayment(p)...)
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("%w: %w", ErrInvalidConfig, errors.Join(errs...))
	}
	return nil
}

func validatePayment(p *PaymentConfig) []error {
	var errs []error
	if _, err := voucher.ParsePublicKey(p.PublicKey); err != nil {
		errs = append(errs, fmt.Errorf("lease.payment.public_key: %w", err))
	}
	if err := validatePrice(p.Price); err != nil {
		errs = append(errs, fmt.Errorf("lease.payment.price: %w", err))
	}
	if err := validateAmount(p.Escrow); err != nil {
		errs = append(errs, fmt.Errorf("lease.payment.escrow: %w", err))
	}
	for name, v := range map[string]string{"prepay": p.Prepay, "grace": p.Grace} {
		if v == "" {
			continue
		}
		if d, err := time.ParseDuration(v); err != nil || d < 0 {
			errs = append(errs, fmt.Errorf("lease.payment.%s %q: want a duration such as \"5m\"", name, v))
		}
	}
	return errs
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sortStrings(out)
	return out
}
