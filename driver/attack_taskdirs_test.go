package driver

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// TestAttackSetuidInTaskDir has a container (root inside) leave setuid-root copies of its
// shell in local/ and alloc/, the host directories Nomad made for the task. The host's view
// of those directories must be nosuid,nodev so the files are never setuid on the host, the
// container must see the same flags, and destroying the task must leave the mounts as they
// were so Nomad can delete the allocation directory.
func TestAttackSetuidInTaskDir(t *testing.T) {
	h := newHarness(t, nil)
	task := h.newTask(sh(`for d in /local /alloc; do cp /bin/busybox $d/suid && chmod 4755 $d/suid; done; touch /tmp/ready; exec sleep 3600`), 64)
	dirs := taskHostDirs(task)
	before := mountsAt(t, dirs)
	h.start(task)
	h.waitReady(task.ID)

	td := task.TaskDir()
	for _, dir := range []string{td.LocalDir, td.SharedAllocDir} {
		fi, err := os.Stat(filepath.Join(dir, "suid"))
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode()&os.ModeSetuid == 0 {
			t.Fatalf("%s/suid has no setuid bit: the container could not even try", dir)
		}
	}
	for _, dir := range dirs {
		var st unix.Statfs_t
		if err := unix.Statfs(dir, &st); err != nil {
			t.Fatal(err)
		}
		if st.Flags&unix.ST_NOSUID == 0 || st.Flags&unix.ST_NODEV == 0 {
			t.Errorf("host view of %s is not nosuid,nodev (statfs flags %#x)", dir, st.Flags)
		}
	}
	mounts, code := h.exec(task.ID, "cat", "/proc/mounts")
	if code != 0 {
		t.Fatal(mounts)
	}
	for _, target := range []string{"/local", "/alloc", "/secrets"} {
		line := grepField(mounts, " "+target+" ")
		if !strings.Contains(line, "nosuid") || !strings.Contains(line, "nodev") {
			t.Errorf("container mount %s is not nosuid,nodev: %q", target, line)
		}
	}

	if err := h.DestroyTask(task.ID, true); err != nil {
		t.Fatal(err)
	}
	if after := mountsAt(t, dirs); after != before {
		t.Fatalf("mounts at the task directories: %d before the task, %d after destroy", before, after)
	}
}

// mountsAt counts the mounts whose mount point is one of dirs.
func mountsAt(t *testing.T, dirs []string) int {
	t.Helper()
	b, err := os.ReadFile("/proc/self/mountinfo")
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, l := range strings.Split(string(b), "\n") {
		f := strings.Fields(l)
		for _, d := range dirs {
			if len(f) > 4 && f[4] == d {
				n++
			}
		}
	}
	return n
}
