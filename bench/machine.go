package bench

import (
	"fmt"
	"os"
	"runtime"
	"strings"
	"time"
)

// Machine is what a results section says about where it was measured. The load average is
// read at the start and again when the line is written, so a figure taken on a busy machine
// says so, and one taken on an idle machine does not claim otherwise.
type Machine struct {
	Host      string
	CPU       string
	CPUs      int
	loadStart string
	start     time.Time
}

// StartMachine records the machine and its load as a benchmark begins.
func StartMachine() Machine {
	host, _ := os.Hostname()
	return Machine{Host: host, CPU: cpuModel(), CPUs: runtime.NumCPU(), loadStart: loadAvg(), start: time.Now()}
}

// String is the section's "Machine:" and "Date:" lines.
func (m Machine) String() string {
	return fmt.Sprintf("Machine: %s, %s, %d CPUs (%s/%s), %s; load average (1, 5, 15 min) %s at start, %s at end.  \nDate: %s",
		m.Host, m.CPU, m.CPUs, runtime.GOOS, runtime.GOARCH, runtime.Version(),
		m.loadStart, loadAvg(), m.start.UTC().Format("2006-01-02 15:04 MST"))
}

// CPUModel is the first "model name" of /proc/cpuinfo.
func CPUModel() string { return cpuModel() }

func cpuModel() string {
	b, err := os.ReadFile("/proc/cpuinfo")
	if err != nil {
		return "unknown CPU"
	}
	for _, line := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(line, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return "unknown CPU"
}

func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}
