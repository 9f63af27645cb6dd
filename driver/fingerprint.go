package driver

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/nomad/plugins/drivers"
	pstructs "github.com/hashicorp/nomad/plugins/shared/structs"
	"github.com/shaleprotocol/shale/leasejob"
)

// Fingerprint reports the driver's health and node attributes, at once and then periodically.
func (d *Driver) Fingerprint(ctx context.Context) (<-chan *drivers.Fingerprint, error) {
	ch := make(chan *drivers.Fingerprint)
	go d.fingerprintLoop(ctx, ch)
	return ch, nil
}

func (d *Driver) fingerprintLoop(ctx context.Context, ch chan<- *drivers.Fingerprint) {
	defer close(ch)
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-d.ctx.Done():
			return
		case <-timer.C:
		case <-d.dealsChanged():
		}
		fp := d.fingerprint(ctx)
		select {
		case ch <- fp:
		case <-ctx.Done():
			return
		case <-d.ctx.Done():
			return
		}
		interval := 15 * time.Second
		if cfg, _, _, _ := d.state(); cfg != nil {
			interval = cfg.fingerprintEvery
		}
		timer.Reset(interval)
	}
}

func (d *Driver) fingerprint(ctx context.Context) *drivers.Fingerprint {
	cfg, dc, _, _ := d.state()
	if cfg == nil || dc == nil {
		return &drivers.Fingerprint{Health: drivers.HealthStateUndetected, HealthDescription: "waiting for plugin config"}
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	info, err := dc.Info(ctx)
	if err != nil {
		return &drivers.Fingerprint{
			Health:            drivers.HealthStateUnhealthy,
			HealthDescription: fmt.Sprintf("Docker engine at %s is not answering: %v", cfg.DockerEndpoint, err),
		}
	}
	_, gpu := info.Runtimes[cfg.GPURuntime]
	d.mu.Lock()
	d.gpuRuntime = gpu
	d.mu.Unlock()

	attrs := map[string]*pstructs.Attribute{
		leasejob.AttrDriver:        pstructs.NewBoolAttribute(true),
		leasejob.AttrVersion:       pstructs.NewStringAttribute(Version),
		leasejob.AttrDockerVersion: pstructs.NewStringAttribute(info.ServerVersion),
		leasejob.AttrGPURuntime:    pstructs.NewBoolAttribute(gpu),
		leasejob.AttrImagePull:     pstructs.NewBoolAttribute(cfg.Image.Pull),
	}
	if err := d.datasetAttributes(ctx, attrs); err != nil {
		return &drivers.Fingerprint{
			Attributes:        attrs,
			Health:            drivers.HealthStateUnhealthy,
			HealthDescription: fmt.Sprintf("deal store unreadable: %v", err),
		}
	}
	if ep := d.gatewayEndpoint(); ep != "" {
		d.mu.RLock()
		fp := d.gateway.HostKeyFingerprint()
		d.mu.RUnlock()
		attrs[leasejob.AttrGatewayEndpoint] = pstructs.NewStringAttribute(ep)
		attrs[leasejob.AttrGatewayHostKey] = pstructs.NewStringAttribute(fp)
	}
	return &drivers.Fingerprint{
		Attributes:        attrs,
		Health:            drivers.HealthStateHealthy,
		HealthDescription: drivers.DriverHealthy,
	}
}
