package provider

import (
	"fmt"
	"math/big"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/gohcl"
	"github.com/hashicorp/hcl/v2/hclparse"
	"github.com/hashicorp/hcl/v2/hclsyntax"

	"github.com/shaleprotocol/shale/bridge"
	"github.com/shaleprotocol/shale/lease"
	"github.com/shaleprotocol/shale/leasejob"
	"github.com/shaleprotocol/shale/outbox"
)

// Defaults of the optional settings; the README's config reference lists the same values.
const (
	defaultConfirmations = 2
	defaultPollInterval  = 2 * time.Second
	defaultNomadAddress  = "http://127.0.0.1:4646"
	defaultMaxWait       = 10 * time.Minute
	defaultStartTimeout  = 5 * time.Minute
	defaultStateDir      = "/var/lib/shale-bridge"
	defaultListen        = "127.0.0.1:9100"
	defaultLogLevel      = "info"
)

// Config is a loaded, validated and defaulted configuration file. Paths are absolute
// (relative ones are resolved against the file's directory) and amounts are exact attoFIL.
type Config struct {
	Path string // the file it was read from

	RPC           string
	ChainID       uint64 // 0: any chain; else the RPC must serve this chain
	Contract      common.Address
	Keystore      string
	PasswordFile  string
	Confirmations uint64
	StartBlock    uint64
	PollInterval  time.Duration
	MaxFee        *big.Int // attoFIL per gas, the most any transaction offers
	StuckBlocks   uint64   // blocks a transaction may wait unmined before it is re-priced

	NomadAddress string
	NomadToken   string
	NomadRegion  string
	NomadNS      string
	Datacenters  []string
	MHzPerCore   uint64

	MinerID          string
	EndpointOverride string

	MinPrice    *lease.Price // nil: any price
	MaxDuration time.Duration
	MaxGrace    time.Duration
	MaxPrepay   time.Duration
	Images      []string
	MaxLeases   int
	MaxExposes  int      // exposed ports per lease; 0 forbids
	Collateral  *big.Int // nil: the marketplace's minCollateral, read at start

	MaxWait      time.Duration
	StartTimeout time.Duration
	ProverKeys   string // "": development keys derived for the chain's K

	StateDir string
	Listen   string
	LogLevel hclog.Level
	LogJSON  bool

	// ranges locate each attribute ("chain.password_file") so checks made after loading
	// (the password file's mode) still point at the line to fix.
	ranges map[string]hcl.Range
}

// StorePath is the bridge's state file.
func (c *Config) StorePath() string { return filepath.Join(c.StateDir, "bridge.db") }

// errorAt formats an error found after loading as a diagnostic line at attribute key.
func (c *Config) errorAt(key, format string, args ...interface{}) error {
	msg := fmt.Sprintf(format, args...)
	if r, ok := c.ranges[key]; ok {
		return fmt.Errorf("%s:%d:%d: %s", r.Filename, r.Start.Line, r.Start.Column, msg)
	}
	return fmt.Errorf("%s: %s", c.Path, msg)
}

// The file's shape. gohcl refuses unknown attributes and blocks with a diagnostic at
// their position, and duplicate blocks likewise; pointers mark what may be left out.
type fileConfig struct {
	Chain      *chainBlock      `hcl:"chain,block"`
	Nomad      *nomadBlock      `hcl:"nomad,block"`
	Provider   *providerBlock   `hcl:"provider,block"`
	Policy     *policyBlock     `hcl:"policy,block"`
	Settlement *settlementBlock `hcl:"settlement,block"`
	StateDir   *string          `hcl:"state_dir,optional"`
	Listen     *string          `hcl:"listen,optional"`
	LogLevel   *string          `hcl:"log_level,optional"`
	LogJSON    *bool            `hcl:"log_json,optional"`
}

type chainBlock struct {
	RPC           string  `hcl:"rpc"`
	ChainID       *uint64 `hcl:"chain_id,optional"`
	Contract      string  `hcl:"contract"`
	Keystore      string  `hcl:"keystore"`
	PasswordFile  string  `hcl:"password_file"`
	Confirmations *uint64 `hcl:"confirmations,optional"`
	StartBlock    *uint64 `hcl:"start_block,optional"`
	PollInterval  *string `hcl:"poll_interval,optional"`
	MaxFee        *string `hcl:"max_fee,optional"`
	StuckBlocks   *uint64 `hcl:"stuck_blocks,optional"`
}

type nomadBlock struct {
	Address     *string  `hcl:"address,optional"`
	Token       *string  `hcl:"token,optional"`
	Region      *string  `hcl:"region,optional"`
	Namespace   *string  `hcl:"namespace,optional"`
	Datacenters []string `hcl:"datacenters,optional"`
	MHzPerCore  *uint64  `hcl:"mhz_per_core,optional"`
}

type providerBlock struct {
	MinerID          string  `hcl:"miner_id"`
	EndpointOverride *string `hcl:"metadata_endpoint_override,optional"`
}

type policyBlock struct {
	MinPrice    *string  `hcl:"min_price,optional"`
	MaxDuration *string  `hcl:"max_duration,optional"`
	MaxGrace    *string  `hcl:"max_grace,optional"`
	MaxPrepay   *string  `hcl:"max_prepay,optional"`
	Images      []string `hcl:"images,optional"`
	MaxLeases   *int     `hcl:"max_leases,optional"`
	MaxExposes  *int     `hcl:"max_exposes,optional"`
	Collateral  *string  `hcl:"collateral,optional"`
}

type settlementBlock struct {
	MaxWait      *string `hcl:"max_wait,optional"`
	StartTimeout *string `hcl:"start_timeout,optional"`
	ProverKeys   *string `hcl:"prover_keys,optional"`
}

// LoadConfig reads and checks the configuration file at path. Every problem is returned at
// once as an HCL diagnostic located at the offending attribute (file:line:col).
func LoadConfig(path string) (*Config, hcl.Diagnostics) {
	src, err := os.ReadFile(path)
	if err != nil {
		return nil, hcl.Diagnostics{{Severity: hcl.DiagError, Summary: "Cannot read configuration file", Detail: err.Error(),
			Subject: &hcl.Range{Filename: path, Start: hcl.InitialPos, End: hcl.InitialPos}}}
	}
	return ParseConfig(path, src)
}

// ParseConfig is LoadConfig on source already read; relative paths in it are resolved
// against filename's directory.
func ParseConfig(filename string, src []byte) (*Config, hcl.Diagnostics) {
	file, diags := hclparse.NewParser().ParseHCL(src, filename)
	if diags.HasErrors() {
		return nil, diags
	}
	var fc fileConfig
	diags = append(diags, gohcl.DecodeBody(file.Body, nil, &fc)...)
	if diags.HasErrors() {
		sortDiags(diags)
		return nil, diags
	}
	abs, err := filepath.Abs(filename)
	if err != nil {
		abs = filename
	}
	p := &configParser{dir: filepath.Dir(abs), ranges: attributeRanges(file.Body), fileRange: hcl.Range{Filename: filename, Start: hcl.InitialPos, End: hcl.InitialPos}}
	cfg := p.build(&fc)
	cfg.Path = filename
	cfg.ranges = p.ranges
	diags = append(diags, p.diags...)
	sortDiags(diags)
	if diags.HasErrors() {
		return nil, diags
	}
	return cfg, diags
}

// sortDiags orders diagnostics top to bottom, as a person reads the file; the checks run
// block by block in another order.
func sortDiags(diags hcl.Diagnostics) {
	sort.SliceStable(diags, func(i, j int) bool {
		a, b := diags[i].Subject, diags[j].Subject
		if a == nil || b == nil {
			return a != nil && b == nil
		}
		return a.Start.Byte < b.Start.Byte
	})
}

// attributeRanges maps "block.attr" (or "attr" at top level) to the attribute's range; the
// config is native syntax, so its body is an *hclsyntax.Body.
func attributeRanges(body hcl.Body) map[string]hcl.Range {
	out := map[string]hcl.Range{}
	sb, ok := body.(*hclsyntax.Body)
	if !ok {
		return out
	}
	for name, a := range sb.Attributes {
		out[name] = a.Expr.Range()
	}
	for _, b := range sb.Blocks {
		out[b.Type] = b.TypeRange
		for name, a := range b.Body.Attributes {
			out[b.Type+"."+name] = a.Expr.Range()
		}
	}
	return out
}

type configParser struct {
	dir       string
	ranges    map[string]hcl.Range
	fileRange hcl.Range
	diags     hcl.Diagnostics
}

// errorf records a diagnostic at attribute key (or the enclosing block, or the file).
func (p *configParser) errorf(key, summary, format string, args ...interface{}) {
	r, ok := p.ranges[key]
	if !ok {
		block, _, _ := strings.Cut(key, ".")
		if r, ok = p.ranges[block]; !ok {
			r = p.fileRange
		}
	}
	p.diags = append(p.diags, &hcl.Diagnostic{Severity: hcl.DiagError, Summary: summary, Detail: fmt.Sprintf(format, args...), Subject: r.Ptr()})
}

// path resolves a configured path against the config file's directory.
func (p *configParser) path(s string) string {
	if s == "" || filepath.IsAbs(s) {
		return s
	}
	return filepath.Join(p.dir, s)
}

func (p *configParser) duration(key string, s *string, def time.Duration, positive bool) time.Duration {
	if s == nil {
		return def
	}
	d, err := lease.ParseDuration(*s)
	if err != nil {
		p.errorf(key, "Invalid duration", "%v", err)
		return def
	}
	if positive && d <= 0 {
		p.errorf(key, "Invalid duration", "must be positive")
	}
	return d
}

func str(s *string, def string) string {
	if s == nil {
		return def
	}
	return *s
}

func (p *configParser) build(fc *fileConfig) *Config {
	cfg := &Config{}
	if fc.Chain == nil {
		p.errorf("", "Missing chain block", `a "chain" block is required: chain { rpc = "http://127.0.0.1:8545"  contract = "0x…"  keystore = "…"  password_file = "…" }`)
	} else {
		p.chain(fc.Chain, cfg)
	}
	nb := fc.Nomad
	if nb == nil {
		nb = &nomadBlock{}
	}
	p.nomad(nb, cfg)
	if fc.Provider == nil {
		p.errorf("", "Missing provider block", `a "provider" block is required: provider { miner_id = "f01946720" }`)
	} else {
		cfg.MinerID = fc.Provider.MinerID
		if err := lease.ValidateProvider(cfg.MinerID); err != nil {
			p.errorf("provider.miner_id", "Invalid miner id", "%v", err)
		}
		cfg.EndpointOverride = str(fc.Provider.EndpointOverride, "")
		if cfg.EndpointOverride != "" {
			if _, _, err := net.SplitHostPort(cfg.EndpointOverride); err != nil {
				p.errorf("provider.metadata_endpoint_override", "Invalid endpoint", "want host:port: %v", err)
			}
		}
	}
	pb := fc.Policy
	if pb == nil {
		pb = &policyBlock{}
	}
	p.policy(pb, cfg)
	sb := fc.Settlement
	if sb == nil {
		sb = &settlementBlock{}
	}
	cfg.MaxWait = p.duration("settlement.max_wait", sb.MaxWait, defaultMaxWait, true)
	cfg.StartTimeout = p.duration("settlement.start_timeout", sb.StartTimeout, defaultStartTimeout, true)
	cfg.ProverKeys = p.path(str(sb.ProverKeys, ""))

	cfg.StateDir = p.path(str(fc.StateDir, defaultStateDir))
	if cfg.StateDir == "" {
		p.errorf("state_dir", "Invalid state directory", "must not be empty")
	}
	cfg.Listen = str(fc.Listen, defaultListen)
	if _, _, err := net.SplitHostPort(cfg.Listen); err != nil {
		p.errorf("listen", "Invalid listen address", "want host:port, e.g. %q: %v", defaultListen, err)
	}
	level := str(fc.LogLevel, defaultLogLevel)
	cfg.LogLevel = hclog.LevelFromString(level)
	if cfg.LogLevel == hclog.NoLevel {
		p.errorf("log_level", "Invalid log level", "%q: want trace, debug, info, warn or error", level)
	}
	cfg.LogJSON = fc.LogJSON != nil && *fc.LogJSON
	return cfg
}

func (p *configParser) chain(cb *chainBlock, cfg *Config) {
	cfg.RPC = cb.RPC
	if u, err := url.Parse(cb.RPC); err != nil || u.Host == "" || !map[string]bool{"http": true, "https": true, "ws": true, "wss": true}[u.Scheme] {
		p.errorf("chain.rpc", "Invalid RPC URL", "%q: want an http(s):// or ws(s):// URL of an Ethereum JSON-RPC endpoint", cb.RPC)
	}
	if cb.ChainID != nil {
		cfg.ChainID = *cb.ChainID
	}
	if !common.IsHexAddress(cb.Contract) || common.HexToAddress(cb.Contract) == (common.Address{}) {
		p.errorf("chain.contract", "Invalid contract address", "%q: want the marketplace's 0x-prefixed 20-byte address", cb.Contract)
	} else {
		cfg.Contract = common.HexToAddress(cb.Contract)
	}
	cfg.Keystore = p.path(cb.Keystore)
	if cb.Keystore == "" {
		p.errorf("chain.keystore", "Invalid keystore", "must name the provider's go-ethereum keystore file")
	}
	cfg.PasswordFile = p.path(cb.PasswordFile)
	if cb.PasswordFile == "" {
		p.errorf("chain.password_file", "Invalid password file", "must name the file holding the keystore's password")
	}
	cfg.Confirmations = defaultConfirmations
	if cb.Confirmations != nil {
		cfg.Confirmations = *cb.Confirmations
	}
	if cb.StartBlock != nil {
		cfg.StartBlock = *cb.StartBlock
	}
	cfg.PollInterval = p.duration("chain.poll_interval", cb.PollInterval, defaultPollInterval, true)
	cfg.MaxFee = new(big.Int).Set(outbox.DefaultMaxFeeCap)
	if cb.MaxFee != nil {
		fee, err := lease.ParseAmount(*cb.MaxFee)
		switch {
		case err != nil:
			p.errorf("chain.max_fee", "Invalid maximum fee", "%v (the most a transaction pays per gas, e.g. \"1000 nanofil\")", err)
		case fee.Sign() <= 0 || fee.Cmp(maxMaxFee) > 0:
			p.errorf("chain.max_fee", "Invalid maximum fee", "%q: want more than 0 and at most %s per gas", *cb.MaxFee, lease.FormatFIL(maxMaxFee))
		default:
			cfg.MaxFee = fee
		}
	}
	cfg.StuckBlocks = defaultStuckBlocks
	if cb.StuckBlocks != nil {
		cfg.StuckBlocks = *cb.StuckBlocks
		if cfg.StuckBlocks == 0 || cfg.StuckBlocks > 1000 {
			p.errorf("chain.stuck_blocks", "Invalid stuck_blocks", "stuck_blocks must be between 1 and 1000 (blocks a transaction waits before it is re-priced)")
		}
	}
}

// defaultStuckBlocks: three blocks unmined is stuck (90 s on Filecoin, 3 s on geth --dev).
const defaultStuckBlocks = 3

// maxMaxFee bounds chain.max_fee: a millifil per gas is far above any real base fee, so a
// larger value is a typo in the unit.
var maxMaxFee = new(big.Int).Exp(big.NewInt(10), big.NewInt(15), nil)

func (p *configParser) nomad(nb *nomadBlock, cfg *Config) {
	cfg.NomadAddress = str(nb.Address, defaultNomadAddress)
	if u, err := url.Parse(cfg.NomadAddress); err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
		p.errorf("nomad.address", "Invalid Nomad address", "%q: want the agent's http(s):// URL, e.g. %q", cfg.NomadAddress, defaultNomadAddress)
	}
	cfg.NomadToken = str(nb.Token, "")
	cfg.NomadRegion = str(nb.Region, "")
	cfg.NomadNS = str(nb.Namespace, "")
	for _, dc := range nb.Datacenters {
		if strings.TrimSpace(dc) == "" {
			p.errorf("nomad.datacenters", "Invalid datacenter", "datacenter names must not be empty")
		}
	}
	cfg.Datacenters = nb.Datacenters
	cfg.MHzPerCore = leasejob.DefaultMHzPerCore
	if nb.MHzPerCore != nil {
		cfg.MHzPerCore = *nb.MHzPerCore
		if cfg.MHzPerCore == 0 || cfg.MHzPerCore > 1<<20 {
			p.errorf("nomad.mhz_per_core", "Invalid CPU clock", "mhz_per_core must be between 1 and %d", 1<<20)
		}
	}
}

func (p *configParser) policy(pb *policyBlock, cfg *Config) {
	if pb.MinPrice != nil {
		pr, err := lease.ParsePrice(*pb.MinPrice)
		if err != nil {
			p.errorf("policy.min_price", "Invalid price", "%v", err)
		} else {
			cfg.MinPrice = &pr
		}
	}
	cfg.MaxDuration = p.duration("policy.max_duration", pb.MaxDuration, 0, false)
	// Payment terms are always bounded: a client choosing its own grace could otherwise use
	// a whole lease without paying. The defaults match the gateway's own bounds.
	cfg.MaxGrace = p.duration("policy.max_grace", pb.MaxGrace, bridge.DefaultMaxGrace, true)
	cfg.MaxPrepay = p.duration("policy.max_prepay", pb.MaxPrepay, bridge.DefaultMaxPrepay, true)
	if err := bridge.ValidateImagePatterns(pb.Images); err != nil {
		p.errorf("policy.images", "Invalid image pattern", "%v", err)
	}
	cfg.Images = pb.Images
	if pb.MaxLeases != nil {
		if *pb.MaxLeases < 0 {
			p.errorf("policy.max_leases", "Invalid lease limit", "max_leases must not be negative (0 means no limit)")
		}
		cfg.MaxLeases = *pb.MaxLeases
	}
	if pb.MaxExposes != nil {
		if *pb.MaxExposes < 0 || *pb.MaxExposes > lease.MaxExposes {
			p.errorf("policy.max_exposes", "Invalid expose limit", "max_exposes must be between 0 (no exposed ports) and %d", lease.MaxExposes)
		}
		cfg.MaxExposes = *pb.MaxExposes
	}
	if pb.Collateral != nil {
		c, err := lease.ParseAmount(*pb.Collateral)
		if err != nil {
			p.errorf("policy.collateral", "Invalid amount", "%v", err)
		}
		cfg.Collateral = c
	}
}

// checkPasswordFile refuses a password file other users can read: it unlocks the key that
// controls the provider's collateral and earnings.
func (c *Config) checkPasswordFile() error {
	st, err := os.Stat(c.PasswordFile)
	if err != nil {
		return c.errorAt("chain.password_file", "password file: %v", err)
	}
	if st.Mode().Perm()&0o004 != 0 {
		return c.errorAt("chain.password_file", "password file %s is readable by every user (mode %04o); run: chmod 600 %s",
			c.PasswordFile, st.Mode().Perm(), c.PasswordFile)
	}
	return nil
}
