package driver

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/docker/docker/api/types"
	cstructs "github.com/hashicorp/nomad/client/structs"
	"github.com/hashicorp/nomad/plugins/drivers"
)

var (
	measuredMemStats = []string{"RSS", "Cache", "Usage", "Max Usage"}
	measuredCPUStats = []string{"Throttled Periods", "Throttled Time", "Percent"}
)

// TaskStats streams resource usage from the Docker stats API at Nomad's interval.
func (d *Driver) TaskStats(ctx context.Context, taskID string, interval time.Duration) (<-chan *cstructs.TaskResourceUsage, error) {
	h, ok := d.tasks.get(taskID)
	if !ok {
		return nil, drivers.ErrTaskNotFound
	}
	_, dc, _, _ := d.state()
	resp, err := dc.ContainerStats(ctx, h.containerID, true)
	if err != nil {
		return nil, fmt.Errorf("stats for container %s: %w", short(h.containerID), err)
	}
	ch := make(chan *cstructs.TaskResourceUsage)
	go func() {
		defer close(ch)
		defer resp.Body.Close()
		dec := json.NewDecoder(resp.Body)
		var last time.Time
		for {
			var s types.StatsJSON
			if err := dec.Decode(&s); err != nil {
				if !errors.Is(err, io.EOF) && ctx.Err() == nil {
					d.logger.Debug("stats stream ended", "task", taskID, "error", err)
				}
				return
			}
			// Docker samples every second; Nomad asks for its own interval.
			if !last.IsZero() && s.Read.Sub(last) < interval {
				continue
			}
			last = s.Read
			select {
			case ch <- convertStats(&s):
			case <-ctx.Done():
				return
			}
		}
	}()
	return ch, nil
}

func convertStats(s *types.StatsJSON) *cstructs.TaskResourceUsage {
	ms := &cstructs.MemoryStats{
		RSS:      s.MemoryStats.Stats["rss"],
		Cache:    s.MemoryStats.Stats["cache"],
		Usage:    s.MemoryStats.Usage,
		MaxUsage: s.MemoryStats.MaxUsage,
		Measured: measuredMemStats,
	}
	if ms.RSS == 0 { // cgroup v2 reports anon instead of rss
		ms.RSS = s.MemoryStats.Stats["anon"]
		ms.Cache = s.MemoryStats.Stats["file"]
	}
	cs := &cstructs.CpuStats{
		ThrottledPeriods: s.CPUStats.ThrottlingData.ThrottledPeriods,
		ThrottledTime:    s.CPUStats.ThrottlingData.ThrottledTime,
		Measured:         measuredCPUStats,
	}
	cpuDelta := float64(s.CPUStats.CPUUsage.TotalUsage) - float64(s.PreCPUStats.CPUUsage.TotalUsage)
	sysDelta := float64(s.CPUStats.SystemUsage) - float64(s.PreCPUStats.SystemUsage)
	cpus := float64(s.CPUStats.OnlineCPUs)
	if cpus == 0 {
		cpus = float64(len(s.CPUStats.CPUUsage.PercpuUsage))
	}
	if sysDelta > 0 && cpuDelta > 0 {
		cs.Percent = cpuDelta / sysDelta * cpus * 100
	}
	return &cstructs.TaskResourceUsage{
		ResourceUsage: &cstructs.ResourceUsage{MemoryStats: ms, CpuStats: cs},
		Timestamp:     s.Read.UTC().UnixNano(),
	}
}
