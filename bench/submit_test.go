//go:build bench

package bench

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/nomad/api"

	"github.com/shaleprotocol/shale/internal/testsupport"
)

const submitRuns = 10

// TestSubmitToRunning measures job submit → task running for the shale driver against Nomad's
// built-in docker driver on the same image and command, interleaved in one agent and run.
// The start time is Nomad's own task StartedAt, so polling granularity does not count.
func TestSubmitToRunning(t *testing.T) {
	mach := StartMachine()
	n := testsupport.StartNomad(t)
	dc := testsupport.Docker(t)
	testsupport.RequireImage(t, dc, testsupport.BusyboxImage)
	node, _, err := n.API.Nodes().Info(n.NodeID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if d := node.Drivers["docker"]; d == nil || !d.Healthy {
		t.Fatalf("docker driver not healthy on the node: %+v", d)
	}

	var shale, docker []time.Duration
	for i := 0; i < submitRuns; i++ {
		// Alternate which driver goes first so drift in the machine's load hits both alike.
		order := []string{"shale", "docker"}
		if i%2 == 1 {
			order = []string{"docker", "shale"}
		}
		for _, drv := range order {
			d := submitAndWait(t, n, drv, i)
			if drv == "shale" {
				shale = append(shale, d)
			} else {
				docker = append(docker, d)
			}
		}
	}
	ms, md := median(shale), median(docker)
	ratio := float64(ms) / float64(md)
	t.Logf("shale median %s, docker median %s, ratio %.3f", ms, md, ratio)

	body := fmt.Sprintf("Command: `make bench` (`go test -tags bench -run TestSubmitToRunning ./bench`)\n\n"+
		"%s  \nDocker %s; Nomad v1.6.3 `-dev`.\n\n"+
		"Job submit (API register) → task running (Nomad's task StartedAt), image `%s`, `/bin/sleep 3600` under both drivers, "+
		"%d jobs per driver, interleaved.\n\n"+
		"| driver | median | min | max |\n|---|---|---|---|\n"+
		"| shale | %s | %s | %s |\n| docker (baseline) | %s | %s | %s |\n\n"+
		"**Ratio shale/docker (medians): %.3f** (target ≤ 1.1)\n\nAll samples (ms): shale %v; docker %v\n",
		mach, node.Drivers["docker"].Attributes["driver.docker.version"],
		testsupport.BusyboxImage, submitRuns,
		ms.Round(time.Millisecond), slices.Min(shale).Round(time.Millisecond), slices.Max(shale).Round(time.Millisecond),
		md.Round(time.Millisecond), slices.Min(docker).Round(time.Millisecond), slices.Max(docker).Round(time.Millisecond),
		ratio, millis(shale), millis(docker))
	if err := WriteSection(filepath.Join(testsupport.Root(t), "bench", "RESULTS.md"), "Driver: job submit → task running (shale vs docker)", body); err != nil {
		t.Fatal(err)
	}
}

func submitAndWait(t *testing.T, n *testsupport.Nomad, driver string, i int) time.Duration {
	t.Helper()
	id := fmt.Sprintf("bench-%s-%d", driver, i)
	task := api.NewTask("t", driver)
	// The same long-lived program for both drivers (docker has no idle init).
	task.Config = map[string]interface{}{"image": testsupport.BusyboxImage, "command": "/bin/sleep", "args": []string{"3600"}}
	task.Resources = &api.Resources{CPU: intp(100), MemoryMB: intp(32)}
	job := api.NewServiceJob(id, id, "global", 50)
	job.Datacenters = []string{"*"}
	job.AddTaskGroup(api.NewTaskGroup("g", 1).AddTask(task))

	submitted := time.Now()
	if _, _, err := n.API.Jobs().Register(job, nil); err != nil {
		t.Fatal(err)
	}
	var started time.Time
	testsupport.Eventually(t, 2*time.Minute, id+" running", func() error {
		allocs, _, err := n.API.Jobs().Allocations(id, false, nil)
		if err != nil || len(allocs) != 1 {
			return fmt.Errorf("allocs %d %v", len(allocs), err)
		}
		if allocs[0].ClientStatus == "failed" {
			var why []string
			for _, e := range allocs[0].TaskStates["t"].Events {
				why = append(why, e.Type+": "+e.DisplayMessage)
			}
			t.Fatalf("%s failed: %s", id, strings.Join(why, "; "))
		}
		st := allocs[0].TaskStates["t"]
		if st == nil || st.State != "running" || st.StartedAt.IsZero() {
			return fmt.Errorf("not running yet")
		}
		started = st.StartedAt
		return nil
	})
	if _, _, err := n.API.Jobs().Deregister(id, true, nil); err != nil {
		t.Fatal(err)
	}
	testsupport.Eventually(t, 2*time.Minute, id+" stopped", func() error {
		allocs, _, err := n.API.Jobs().Allocations(id, false, nil)
		if err != nil {
			return nil // purged
		}
		for _, a := range allocs {
			if a.ClientStatus == "running" {
				return fmt.Errorf("still running")
			}
		}
		return nil
	})
	return started.Sub(submitted)
}

func intp(i int) *int { return &i }

func median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

func millis(d []time.Duration) []int64 {
	out := make([]int64, len(d))
	for i, x := range d {
		out[i] = x.Milliseconds()
	}
	return out
}
