package e2e

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/docker/docker/api/types"
	"github.com/docker/docker/api/types/filters"
	"github.com/docker/docker/client"
	"github.com/hashicorp/nomad/api"

	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/leasejob"
)

func jobFile(t *testing.T, name string) string {
	return filepath.Join(testsupport.Root(t), "examples", "jobs", name)
}

// runJob submits a job file with the nomad CLI, as an operator would.
func runJob(t *testing.T, n *testsupport.Nomad, file string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if out, err := n.CLI(ctx, "job", "run", "-detach", file); err != nil {
		t.Fatalf("nomad job run %s: %v\n%s", file, err, out)
	}
}

// waitAlloc waits until the job's only allocation reaches the client status.
func waitAlloc(t *testing.T, n *testsupport.Nomad, jobID, status string) *api.AllocationListStub {
	t.Helper()
	var alloc *api.AllocationListStub
	testsupport.Eventually(t, 2*time.Minute, fmt.Sprintf("job %s allocation %s", jobID, status), func() error {
		allocs, _, err := n.API.Jobs().Allocations(jobID, false, nil)
		if err != nil {
			return err
		}
		if len(allocs) != 1 {
			return fmt.Errorf("%d allocations", len(allocs))
		}
		a := allocs[0]
		if a.ClientStatus == "failed" && status != "failed" {
			t.Fatalf("allocation failed: %s", describeAlloc(n, a.ID))
		}
		if a.ClientStatus != status {
			return fmt.Errorf("client status %q", a.ClientStatus)
		}
		alloc = a
		return nil
	})
	return alloc
}

func describeAlloc(n *testsupport.Nomad, id string) string {
	a, _, err := n.API.Allocations().Info(id, nil)
	if err != nil {
		return err.Error()
	}
	var b strings.Builder
	for task, st := range a.TaskStates {
		for _, e := range st.Events {
			fmt.Fprintf(&b, "%s: %s %s %s\n", task, e.Type, e.DisplayMessage, e.DriverError)
		}
	}
	return b.String()
}

func allocContainers(t *testing.T, dc *client.Client, allocID string) []types.Container {
	t.Helper()
	list, err := dc.ContainerList(context.Background(), types.ContainerListOptions{All: true,
		Filters: filters.NewArgs(filters.Arg("label", "com.hashicorp.nomad.alloc_id="+allocID))})
	if err != nil {
		t.Fatal(err)
	}
	return list
}

func nodeAttr(t *testing.T, n *testsupport.Nomad, name string) string {
	t.Helper()
	node, _, err := n.API.Nodes().Info(n.NodeID, nil)
	if err != nil {
		t.Fatal(err)
	}
	return node.Attributes[name]
}

func TestNodeShowsShaleHealthy(t *testing.T) {
	n := testsupport.StartNomad(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	out, err := n.CLI(ctx, "node", "status", "-verbose", n.NodeID)
	if err != nil {
		t.Fatalf("nomad node status: %v\n%s", err, out)
	}
	for _, want := range []string{"shale", leasejob.AttrDockerVersion, leasejob.AttrVersion,
		leasejob.AttrGatewayEndpoint + " = " + n.GatewayAddr, leasejob.AttrGatewayHostKey + " = SHA256:"} {
		if !strings.Contains(out, want) {
			t.Errorf("node status lacks %q:\n%s", want, out)
		}
	}
	node, _, err := n.API.Nodes().Info(n.NodeID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if d := node.Drivers["shale"]; d.HealthDescription != "Healthy" {
		t.Errorf("shale driver health %q", d.HealthDescription)
	}
}

func TestHelloJobLogs(t *testing.T) {
	n := testsupport.StartNomad(t)
	runJob(t, n, jobFile(t, "hello.nomad.hcl"))
	alloc := waitAlloc(t, n, "hello", "complete")
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	testsupport.Eventually(t, 30*time.Second, "nomad alloc logs", func() error {
		out, err := n.CLI(ctx, "alloc", "logs", alloc.ID, "hello")
		if err != nil {
			return fmt.Errorf("%v: %s", err, out)
		}
		if !strings.Contains(out, "hello from shale on") || !strings.Contains(out, "task dir /local") {
			return fmt.Errorf("logs %q", out)
		}
		return nil
	})
}

// A task that writes a burst of output and exits at once keeps every line. Docker 20.10's
// follow stream ends early for such a container (about 650 KiB of this 1.3 MB burst), and
// Nomad stops collecting logs once the exit is reported: the driver re-reads what the stream
// missed, then reports the exit.
func TestFastExitKeepsAllOutput(t *testing.T) {
	const lines = 200000
	n := testsupport.StartNomad(t)
	file := scriptJob(t, "burst", testsupport.BusyboxImage, "/bin/sh", fmt.Sprintf("seq 1 %d; seq 1 %d >&2", lines, lines/10))
	runJob(t, n, file)
	alloc := waitAlloc(t, n, "burst", "complete")
	a, _, err := n.API.Allocations().Info(alloc.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		file string
		n    int
	}{{"burst.stdout.0", lines}, {"burst.stderr.0", lines / 10}} {
		b, err := logFile(n, a, c.file)
		if err != nil {
			t.Fatal(err)
		}
		got := strings.Split(strings.TrimSuffix(b, "\n"), "\n")
		for i := 0; i < max(len(got), c.n); i++ {
			want := ""
			if i < c.n {
				want = strconv.Itoa(i + 1)
			}
			if i >= len(got) || got[i] != want {
				t.Fatalf("%s: %d lines, want %d; line %d is %q, want %q (lines %d-%d: %q)", c.file, len(got), c.n,
					i+1, at(got, i), want, max(i-2, 0)+1, min(i+3, len(got)), got[max(i-2, 0):min(i+3, len(got))])
			}
		}
	}
}

// scriptJob writes a batch job (no restarts) whose one task runs script with shell in image,
// named name throughout; it returns the job file.
func scriptJob(t *testing.T, name, image, shell, script string) string {
	t.Helper()
	file := filepath.Join(t.TempDir(), name+".nomad.hcl")
	job := fmt.Sprintf(`job %[1]q {
  type = "batch"
  group %[1]q {
    restart {
      attempts = 0
      mode     = "fail"
    }
    task %[1]q {
      driver = "shale"
      config {
        image   = %[2]q
        command = %[3]q
        args    = ["-c", %[4]q]
      }
      resources {
        cpu    = 100
        memory = 64
      }
    }
  }
}
`, name, image, shell, script)
	if err := os.WriteFile(file, []byte(job), 0o644); err != nil {
		t.Fatal(err)
	}
	return file
}

// logFile reads one of an allocation's log files through the alloc filesystem API: exactly
// what Nomad kept.
func logFile(n *testsupport.Nomad, a *api.Allocation, name string) (string, error) {
	rc, err := n.API.AllocFS().Cat(a, "alloc/logs/"+name, nil)
	if err != nil {
		return "", fmt.Errorf("read %s: %w", name, err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		return "", fmt.Errorf("read %s: %w", name, err)
	}
	return string(b), nil
}

func at(lines []string, i int) string {
	if i < len(lines) {
		return lines[i]
	}
	return "<none>"
}

// A plugin killed mid-output (as a crash would) neither loses nor repeats a log line: the
// task's log copier is a process of its own that outlives the plugin, and the restarted
// plugin's copier finds it running and leaves.
func TestPluginKillLosesNoLogLines(t *testing.T) {
	const lines = 1000 // one per 20 ms: 20 s and more, ample for the plugin to come back
	n := testsupport.StartNomad(t)
	file := scriptJob(t, "ticker", testsupport.DebianImage, "/bin/bash", fmt.Sprintf("for i in $(seq 1 %d); do echo $i; sleep 0.02; done", lines))
	runJob(t, n, file)
	alloc := waitAlloc(t, n, "ticker", "running")
	a, _, err := n.API.Allocations().Info(alloc.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	stdout := func() []string {
		b, _ := logFile(n, a, "ticker.stdout.0")
		return strings.Fields(b)
	}
	testsupport.Eventually(t, time.Minute, "output flowing", func() error {
		if got := len(stdout()); got < 100 {
			return fmt.Errorf("%d lines", got)
		}
		return nil
	})
	// Only the plugin process (its command line is its path alone), not its log copiers.
	if err := exec.Command("pkill", "-KILL", "-f", "^"+regexp.QuoteMeta(n.PluginPath)+"$").Run(); err != nil {
		t.Fatalf("kill the plugin: %v", err)
	}
	killedAt := len(stdout())
	testsupport.Eventually(t, time.Minute, "output flowing again after the plugin restarted", func() error {
		if got := len(stdout()); got < killedAt+50 {
			return fmt.Errorf("%d lines, %d at the kill", got, killedAt)
		}
		return nil
	})
	// The recovered plugin's copier found the first one running and left.
	if out, _ := exec.Command("pgrep", "-f", "log-copy .*"+alloc.ID).Output(); len(strings.Fields(string(out))) != 1 {
		t.Fatalf("log-copy processes after the restart: %q, want exactly one", out)
	}
	waitAlloc(t, n, "ticker", "complete")
	got := stdout()
	seen := make(map[int]bool, lines)
	for i, l := range got {
		v, err := strconv.Atoi(l)
		if err != nil || v < 1 || v > lines {
			t.Fatalf("line %d is %q", i+1, l)
		}
		seen[v] = true
		if i > 0 {
			if prev, _ := strconv.Atoi(got[i-1]); v != prev+1 {
				t.Fatalf("line %d is %d after %d: the copy repeated or skipped across the plugin kill", i+1, v, prev)
			}
		}
	}
	for v := 1; v <= lines; v++ {
		if !seen[v] {
			t.Fatalf("line %q lost across the plugin kill (%d lines kept)", strconv.Itoa(v), len(got))
		}
	}
	// The copier goes once the container has stopped and its output is copied.
	testsupport.Eventually(t, time.Minute, "log copier gone", func() error {
		out, _ := exec.Command("pgrep", "-f", "log-copy .*"+alloc.ID).Output()
		if len(out) > 0 {
			return fmt.Errorf("still running: %s", out)
		}
		return nil
	})
}

func TestLeaseJobExecAndStop(t *testing.T) {
	n := testsupport.StartNomad(t)
	dc := testsupport.Docker(t)
	testsupport.RequireImage(t, dc, testsupport.DebianImage)
	runJob(t, n, jobFile(t, "lease.nomad.hcl"))
	alloc := waitAlloc(t, n, "lease-example", "running")

	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	out, err := n.CLI(ctx, "alloc", "exec", "-task", "lease", alloc.ID, "python3", "-c", "import numpy; print('numpy', numpy.__version__)")
	if err != nil || !strings.Contains(out, "numpy ") {
		t.Fatalf("nomad alloc exec: %v\n%s", err, out)
	}
	cs := allocContainers(t, dc, alloc.ID)
	if len(cs) != 1 || cs[0].State != "running" {
		t.Fatalf("containers for the allocation: %+v", cs)
	}

	if out, err := n.CLI(ctx, "job", "stop", "-detach", "lease-example"); err != nil {
		t.Fatalf("nomad job stop: %v\n%s", err, out)
	}
	testsupport.Eventually(t, 2*time.Minute, "container removed after job stop", func() error {
		if cs := allocContainers(t, dc, alloc.ID); len(cs) != 0 {
			return fmt.Errorf("%d containers left, state %s", len(cs), cs[0].State)
		}
		return nil
	})
	testsupport.Eventually(t, time.Minute, "task dead, not failed, after stop", func() error {
		a, _, err := n.API.Allocations().Info(alloc.ID, nil)
		if err != nil {
			return err
		}
		st := a.TaskStates["lease"]
		if st == nil || st.State != "dead" {
			return fmt.Errorf("task state %+v", st)
		}
		if st.Failed {
			t.Fatalf("task failed on stop: %s", describeAlloc(n, alloc.ID))
		}
		return nil
	})
}

func TestAgentRestartKeepsContainer(t *testing.T) {
	n := testsupport.StartNomad(t, testsupport.NomadOptions{Persistent: true})
	dc := testsupport.Docker(t)
	runJob(t, n, jobFile(t, "lease.nomad.hcl"))
	alloc := waitAlloc(t, n, "lease-example", "running")
	before := allocContainers(t, dc, alloc.ID)
	if len(before) != 1 {
		t.Fatalf("containers before restart: %+v", before)
	}
	info, err := dc.ContainerInspect(context.Background(), before[0].ID)
	if err != nil {
		t.Fatal(err)
	}

	hostKey := nodeAttr(t, n, leasejob.AttrGatewayHostKey)
	if !strings.HasPrefix(hostKey, "SHA256:") {
		t.Fatalf("gateway host key attribute %q", hostKey)
	}

	n.Stop()
	// The plugin may outlive a stopping agent, and a restarted agent then reattaches to it,
	// tasks still in its memory. Kill it, as a reboot or a crash would, so that recovery has
	// only what Nomad persisted (which lacks the task's raw driver config).
	if err := exec.Command("pkill", "-KILL", "-f", n.PluginPath).Run(); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != 1 { // 1: no such process
			t.Fatalf("kill the plugin: %v", err)
		}
	}
	after, err := dc.ContainerInspect(context.Background(), before[0].ID)
	if err != nil || !after.State.Running {
		t.Fatalf("container did not survive the agent stopping: %+v %v", after.State, err)
	}
	n.Restart(t)
	waitAlloc(t, n, "lease-example", "running")
	if got := nodeAttr(t, n, leasejob.AttrGatewayHostKey); got != hostKey {
		t.Fatalf("gateway host key changed across the restart: %s → %s", hostKey, got)
	}

	cs := allocContainers(t, dc, alloc.ID)
	if len(cs) != 1 || cs[0].ID != before[0].ID {
		t.Fatalf("after restart the allocation has containers %+v, want the same %s", cs, before[0].ID[:12])
	}
	again, err := dc.ContainerInspect(context.Background(), before[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if again.State.StartedAt != info.State.StartedAt || again.RestartCount != 0 {
		t.Fatalf("container was restarted: started %s → %s, restarts %d", info.State.StartedAt, again.State.StartedAt, again.RestartCount)
	}

	// Nomad still controls it: exec works and stop removes it.
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	// The server's view of the allocation predates the restart; exec tells when the client
	// has re-attached to the task.
	testsupport.Eventually(t, time.Minute, "exec after restart", func() error {
		out, err := n.CLI(ctx, "alloc", "exec", "-task", "lease", alloc.ID, "echo", "recovered")
		if err != nil || !strings.Contains(out, "recovered") {
			return fmt.Errorf("%v: %s", err, out)
		}
		return nil
	})
	// Only now has the client certainly dealt with the task: a failed recovery would have
	// replaced the container by a new one by the time exec works again.
	cs = allocContainers(t, dc, alloc.ID)
	if len(cs) != 1 || cs[0].ID != before[0].ID {
		t.Fatalf("once re-attached, the allocation has containers %+v, want the same %s", cs, before[0].ID[:12])
	}
	a, _, err := n.API.Allocations().Info(alloc.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	started := 0
	for _, ev := range a.TaskStates["lease"].Events {
		switch ev.Type {
		case api.TaskStarted:
			started++
		case "Failed Restoring Task": // structs.TaskRestoreFailed; the api package has no constant

			t.Fatalf("task event %q: %s", ev.Type, ev.DisplayMessage)
		}
	}
	if started != 1 {
		t.Fatalf("task started %d times, want once", started)
	}
	if out, err := n.CLI(ctx, "job", "stop", "-detach", "lease-example"); err != nil {
		t.Fatalf("nomad job stop: %v\n%s", err, out)
	}
	testsupport.Eventually(t, 2*time.Minute, "container removed after job stop", func() error {
		if cs := allocContainers(t, dc, alloc.ID); len(cs) != 0 {
			return fmt.Errorf("%d containers left", len(cs))
		}
		return nil
	})
}

// A job Nomad's servers accept but the driver refuses fails its task with an event that says
// exactly what is wrong; no container is created.
func TestInvalidJobConfigClearTaskEvent(t *testing.T) {
	n := testsupport.StartNomad(t)
	dc := testsupport.Docker(t)
	cases := []struct {
		name   string
		config map[string]interface{}
		want   string
	}{
		{"privileged", map[string]interface{}{"image": testsupport.BusyboxImage, "privileged": true},
			"privileged = true: shale never runs privileged containers"},
		{"host-volume", map[string]interface{}{"image": testsupport.BusyboxImage, "volumes": []string{"/:/host"}},
			"host bind mounts are not allowed"},
		{"unknown-key", map[string]interface{}{"image": testsupport.BusyboxImage, "entrypoint": []string{"/bin/sh"}},
			`No argument or block type is named "entrypoint"`},
		{"relative-mount", map[string]interface{}{"image": testsupport.BusyboxImage,
			"mount": []map[string]interface{}{{"cid": "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku", "path": "data"}}},
			`mount path "data" must be absolute`},
		{"missing-image", map[string]interface{}{"image": "shale/not-built:1"},
			`image "shale/not-built:1" is not present on this node and pulling is disabled`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			id := "bad-" + c.name
			task := api.NewTask("t", "shale")
			task.Config = c.config
			task.Resources = &api.Resources{CPU: intp(100), MemoryMB: intp(32)}
			tg := api.NewTaskGroup("g", 1).AddTask(task)
			tg.RestartPolicy = &api.RestartPolicy{Attempts: intp(0), Mode: strp("fail")}
			tg.ReschedulePolicy = &api.ReschedulePolicy{Attempts: intp(0), Unlimited: boolp(false)}
			job := api.NewBatchJob(id, id, "global", 50)
			job.Datacenters = []string{"*"}
			job.AddTaskGroup(tg)
			if _, _, err := n.API.Jobs().Register(job, nil); err != nil {
				t.Fatalf("Nomad refused the job at submit: %v", err)
			}
			alloc := waitAlloc(t, n, id, "failed")
			events := describeAlloc(n, alloc.ID)
			if !strings.Contains(events, c.want) {
				t.Fatalf("task events do not say %q:\n%s", c.want, events)
			}
			if cs := allocContainers(t, dc, alloc.ID); len(cs) != 0 {
				t.Fatalf("a container was created for a refused task: %+v", cs)
			}
		})
	}
}

func intp(i int) *int       { return &i }
func strp(s string) *string { return &s }
func boolp(b bool) *bool    { return &b }
