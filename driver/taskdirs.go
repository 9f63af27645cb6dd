package driver

import (
	"fmt"
	"os"

	"github.com/hashicorp/nomad/plugins/drivers"
	"golang.org/x/sys/unix"
)

// guardFlags are the mount flags every host directory a container writes to carries. The
// container runs as root, so without them a setuid-root binary or a device node it leaves in
// local/, secrets/ or alloc/ would be one on the host too, for any host user or process
// that reaches the allocation directory.
const guardFlags = unix.MS_NOSUID | unix.MS_NODEV

// keptFlags are the flags of a directory's existing mount that the guard keeps (Nomad mounts
// secrets/ noexec).
var keptFlags = map[int64]uintptr{
	unix.ST_RDONLY: unix.MS_RDONLY, unix.ST_NOEXEC: unix.MS_NOEXEC, unix.ST_NOATIME: unix.MS_NOATIME,
	unix.ST_NODIRATIME: unix.MS_NODIRATIME, unix.ST_RELATIME: unix.MS_RELATIME,
}

// taskHostDirs are the host directories Nomad made for the task that the container mounts.
func taskHostDirs(task *drivers.TaskConfig) []string {
	if task.AllocDir == "" {
		return nil
	}
	td := task.TaskDir()
	return []string{td.LocalDir, td.SecretsDir, td.SharedAllocDir}
}

// guardTaskDirs bind-mounts each of the task's host directories onto itself with nosuid and
// nodev, before the container is created, so the container's bind mounts of them inherit the
// flags and the host's view of the files has them too. It returns the directories it
// mounted; a directory already mounted nosuid,nodev (an earlier attempt) is left as it is.
// On error nothing it mounted stays mounted.
func guardTaskDirs(task *drivers.TaskConfig) ([]string, error) {
	var done []string
	for _, dir := range taskHostDirs(task) {
		var st unix.Statfs_t
		if err := unix.Statfs(dir, &st); err != nil {
			if os.IsNotExist(err) {
				continue
			}
			unguardTaskDirs(done)
			return nil, fmt.Errorf("guard task directory %s: %w", dir, err)
		}
		if st.Flags&(unix.ST_NOSUID|unix.ST_NODEV) == unix.ST_NOSUID|unix.ST_NODEV {
			continue
		}
		flags := uintptr(unix.MS_REMOUNT | unix.MS_BIND | guardFlags)
		for st1, ms := range keptFlags {
			if st.Flags&st1 != 0 {
				flags |= ms
			}
		}
		if err := unix.Mount(dir, dir, "", unix.MS_BIND, ""); err != nil {
			unguardTaskDirs(done)
			return nil, fmt.Errorf("guard task directory %s: bind: %w", dir, err)
		}
		if err := unix.Mount("", dir, "", flags, ""); err != nil {
			_ = unix.Unmount(dir, unix.MNT_DETACH)
			unguardTaskDirs(done)
			return nil, fmt.Errorf("guard task directory %s: remount nosuid,nodev: %w", dir, err)
		}
		done = append(done, dir)
	}
	return done, nil
}

// unguardTaskDirs removes the guard mounts once no container uses them, so Nomad can delete
// the allocation directory.
func unguardTaskDirs(dirs []string) {
	for _, dir := range dirs {
		_ = unix.Unmount(dir, unix.MNT_DETACH)
	}
}
