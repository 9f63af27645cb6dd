// Package driver is the Nomad task driver "shale": it runs lease containers through the Docker
// Engine API with hardened defaults, Nomad's resources and devices, and re-adopts them on restart.
package driver

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/docker/docker/client"
	"github.com/hashicorp/go-hclog"
	"github.com/hashicorp/nomad/drivers/shared/eventer"
	"github.com/hashicorp/nomad/plugins/base"
	"github.com/hashicorp/nomad/plugins/drivers"
	"github.com/hashicorp/nomad/plugins/shared/hclspec"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/shaleprotocol/shale/deals"
	"github.com/shaleprotocol/shale/gateway"
	"github.com/shaleprotocol/shale/leasejob"
)

const (
	// Name is the driver's name in job files (`driver = "shale"`).
	Name = "shale"
	// Version is reported in the plugin info and the node attributes.
	Version = "0.1.0"
	// taskHandleVersion is bumped whenever taskState changes incompatibly.
	taskHandleVersion = 1
)

var pluginInfo = &base.PluginInfoResponse{
	Type:              base.PluginTypeDriver,
	PluginApiVersions: []string{drivers.ApiVersion010},
	PluginVersion:     Version,
	Name:              Name,
}

var capabilities = &drivers.Capabilities{
	SendSignals:       true,
	Exec:              true,
	FSIsolation:       drivers.FSIsolationImage,
	NetIsolationModes: []drivers.NetIsolationMode{drivers.NetIsolationModeHost},
	MountConfigs:      drivers.MountConfigSupportAll,
}

// Driver implements drivers.DriverPlugin and drivers.ExecTaskStreamingDriver.
type Driver struct {
	eventer *eventer.Eventer
	logger  hclog.Logger
	ctx     context.Context
	cancel  context.CancelFunc
	tasks   *taskStore

	mu         sync.RWMutex
	config     *Config
	nomad      *base.ClientDriverConfig
	docker     *client.Client
	initBinary string
	gpuRuntime bool            // set by fingerprinting: the engine lists the configured GPU runtime
	gateway    *gateway.Server // nil without a gateway {} block; started once per process
	deals      *deals.Store    // nil without a deals {} block; opened once per process
	dealView   *dealView

	// netMu serialises setting up the lease network; netReady is true once it is set up for
	// the current config.
	netMu    sync.Mutex
	netReady bool
}

// New returns a driver; SetConfig must be called before tasks run.
func New(logger hclog.Logger) *Driver {
	ctx, cancel := context.WithCancel(context.Background())
	logger = logger.Named(Name)
	return &Driver{
		eventer: eventer.NewEventer(ctx, logger),
		logger:  logger,
		ctx:     ctx,
		cancel:  cancel,
		tasks:   newTaskStore(),
	}
}

// PluginInfo describes the plugin to Nomad.
func (d *Driver) PluginInfo() (*base.PluginInfoResponse, error) { return pluginInfo, nil }

// ConfigSchema is the plugin config schema.
func (d *Driver) ConfigSchema() (*hclspec.Spec, error) { return configSpec, nil }

// TaskConfigSchema is the job `config {}` schema.
func (d *Driver) TaskConfigSchema() (*hclspec.Spec, error) { return leasejob.TaskConfigSpec, nil }

// Capabilities tells Nomad what the driver supports.
func (d *Driver) Capabilities() (*drivers.Capabilities, error) { return capabilities, nil }

// TaskEvents streams driver events (image pulls, lease notices) to Nomad.
func (d *Driver) TaskEvents(ctx context.Context) (<-chan *drivers.TaskEvent, error) {
	return d.eventer.TaskEvents(ctx)
}

// SetConfig decodes and validates the plugin config and connects to the Docker engine.
func (d *Driver) SetConfig(cfg *base.Config) error {
	var c Config
	if len(cfg.PluginConfig) != 0 {
		if err := base.MsgPackDecode(cfg.PluginConfig, &c); err != nil {
			return fmt.Errorf("decode plugin config: %w", err)
		}
	}
	applyConfigDefaults(&c)
	if err := c.validate(); err != nil {
		return err
	}
	initBin := c.InitBinary
	if initBin == "" {
		exe, err := os.Executable()
		if err != nil {
			return fmt.Errorf("locate plugin binary for init: %w", err)
		}
		initBin = exe
	}
	if err := checkStaticBinary(initBin); err != nil {
		return fmt.Errorf("%w: init_binary: %w", ErrInvalidConfig, err)
	}
	dc, err := client.NewClientWithOpts(client.WithHost(c.DockerEndpoint), client.WithAPIVersionNegotiation())
	if err != nil {
		return fmt.Errorf("docker client for %s: %w", c.DockerEndpoint, err)
	}

	d.mu.Lock()
	defer d.mu.Unlock()
	if c.Gateway != nil && d.gateway == nil {
		gw, err := d.startGateway(&c, dc)
		if err != nil {
			dc.Close()
			return err
		}
		d.gateway = gw
	}
	if c.Deals != nil && d.deals == nil {
		store, view, err := d.openDeals(&c)
		if err != nil {
			dc.Close()
			return err
		}
		d.deals, d.dealView = store, view
	}
	if d.docker != nil {
		d.docker.Close()
	}
	d.config, d.docker, d.initBinary = &c, dc, initBin
	d.netMu.Lock()
	d.netReady = false // the next lease (re)installs the network and rules for this config
	d.netMu.Unlock()
	if cfg.AgentConfig != nil {
		d.nomad = cfg.AgentConfig.Driver
	}
	return nil
}

// startGateway binds the node's SSH endpoint and serves it until the plugin shuts down.
func (d *Driver) startGateway(c *Config, dc *client.Client) (*gateway.Server, error) {
	tc, err := c.Gateway.gatewayConfig(c.StateDir)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrInvalidConfig, err)
	}
	if err := os.MkdirAll(c.StateDir, 0o700); err != nil {
		return nil, fmt.Errorf("state_dir %s: %w", c.StateDir, err)
	}
	tc.Docker, tc.Logger = dc, d.logger
	gw, err := gateway.New(tc)
	if err != nil {
		return nil, fmt.Errorf("start SSH gateway: %w", err)
	}
	go func() {
		if err := gw.Serve(d.ctx); err != nil {
			d.logger.Error("SSH gateway stopped", "error", err)
		}
	}()
	if addr := c.Gateway.MetricsListen; addr != "" {
		if err := serveMetrics(d.ctx, addr, gw.Registry()); err != nil {
			return nil, fmt.Errorf("gateway.metrics_listen: %w", err)
		}
		d.logger.Info("gateway metrics", "addr", addr)
	}
	if c.Gateway.Ingress != nil {
		if err := d.startIngress(c.Gateway.Ingress, gw); err != nil {
			return nil, err
		}
	}
	d.logger.Info("SSH gateway listening", "addr", gw.Addr().String(), "host_key", gw.HostKeyFingerprint())
	return gw, nil
}

// applyConfigDefaults fills what hclspec defaults cannot reach: values of blocks left out.
func applyConfigDefaults(c *Config) {
	if c.DockerEndpoint == "" {
		c.DockerEndpoint = defaultDockerEndpoint
	}
	if c.FingerprintInterval == "" {
		c.FingerprintInterval = defaultFingerprint
	}
	if c.GPURuntime == "" {
		c.GPURuntime = defaultGPURuntime
	}
	if c.NetworkMode == "" {
		c.NetworkMode = defaultNetworkMode
	}
	if c.Network.Name == "" {
		c.Network.Name = defaultLeaseNetwork
	}
	if c.Network.Bridge == "" {
		c.Network.Bridge = defaultLeaseBridge
	}
	if c.StateDir == "" {
		c.StateDir = defaultStateDir
	}
	if c.Gateway != nil && c.Gateway.Listen == "" {
		c.Gateway.Listen = defaultGatewayListen
	}
}

func (d *Driver) state() (*Config, *client.Client, string, bool) {
	d.mu.RLock()
	defer d.mu.RUnlock()
	return d.config, d.docker, d.initBinary, d.gpuRuntime
}

// Shutdown stops background work; running containers, and the processes copying their logs,
// are left for RecoverTask.
func (d *Driver) Shutdown() {
	d.cancel()
	d.mu.RLock()
	defer d.mu.RUnlock()
	if d.deals != nil {
		_ = d.deals.Close()
	}
}

func (d *Driver) emit(task *drivers.TaskConfig, msg string, annotations map[string]string) {
	if err := d.eventer.EmitEvent(&drivers.TaskEvent{
		TaskID:      task.ID,
		AllocID:     task.AllocID,
		TaskName:    task.Name,
		Timestamp:   time.Now(),
		Message:     msg,
		Annotations: annotations,
	}); err != nil {
		d.logger.Warn("emit task event", "task", task.ID, "error", err)
	}
}

// serveMetrics exposes reg at http://addr/metrics until ctx ends.
func serveMetrics(ctx context.Context, addr string, reg *prometheus.Registry) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	context.AfterFunc(ctx, func() { _ = srv.Close() })
	return nil
}
