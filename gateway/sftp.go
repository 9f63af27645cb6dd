package gateway

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"strconv"
	"time"

	"github.com/hashicorp/go-hclog"
	"github.com/pkg/sftp"
	"golang.org/x/sys/unix"
)

// sftpServerPaths are where Linux distributions install OpenSSH's sftp-server; the container's
// own server is preferred because it runs with the container's users and namespaces.
var sftpServerPaths = []string{
	"/usr/lib/openssh/sftp-server", "/usr/libexec/openssh/sftp-server", "/usr/lib/ssh/sftp-server",
	"/usr/libexec/sftp-server", "/usr/local/bin/sftp-server", "/usr/bin/sftp-server", "/usr/sbin/sftp-server",
	"/bin/sftp-server", "/sbin/sftp-server",
}

func (g *Server) sftpServerPath(ctx context.Context, containerID string) string {
	for _, p := range sftpServerPaths {
		// Docker reports the entry itself: a symlink (as on merged-/usr images) counts too.
		st, err := g.cfg.Docker.ContainerStatPath(ctx, containerID, p)
		if err == nil && (st.Mode.IsRegular() || st.Mode&os.ModeSymlink != 0) {
			return p
		}
	}
	return ""
}

// serveInternalSFTP serves SFTP from the gateway for images without sftp-server.
//
// Why /proc/<pid>/root + openat2(RESOLVE_IN_ROOT): the kernel resolves every path, symlinks
// and ".." included, as if the container's root were "/", atomically per syscall, so neither a
// symlink planted in the container nor a race can reach host files. The Docker archive API
// would also be confined but streams whole tar files and offers no random access, seek,
// rename or stat, which SFTP clients need. Operations that act on a name itself (unlink,
// rename, mkdir, readlink, lstat) resolve only the parent in the root and never follow the
// final component.
func (g *Server) serveInternalSFTP(ctx context.Context, containerID string, rw io.ReadWriteCloser) error {
	info, err := g.cfg.Docker.ContainerInspect(ctx, containerID)
	if err != nil {
		return fmt.Errorf("inspect container: %w", err)
	}
	if info.State == nil || info.State.Pid <= 0 {
		return fmt.Errorf("container %s is not running", shortID(containerID))
	}
	root, err := unix.Open("/proc/"+strconv.Itoa(info.State.Pid)+"/root", unix.O_PATH|unix.O_DIRECTORY|unix.O_CLOEXEC, 0)
	if err != nil {
		return fmt.Errorf("open container root: %w", err)
	}
	fs := &rootFS{root: root, log: g.log.Named("sftp")}
	defer fs.close()
	h := sftp.Handlers{FileGet: fs, FilePut: fs, FileCmd: fs, FileList: fs}
	srv := sftp.NewRequestServer(rw, h)
	stop := context.AfterFunc(ctx, func() { srv.Close() })
	defer stop()
	if err := srv.Serve(); err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("sftp: %w", err)
	}
	return nil
}

// rootFS implements pkg/sftp's handlers on a directory fd treated as "/".
type rootFS struct {
	root int
	log  hclog.Logger
}

func (fs *rootFS) close() { _ = unix.Close(fs.root) }

const resolveFlags = unix.RESOLVE_IN_ROOT | unix.RESOLVE_NO_MAGICLINKS

// rel turns a client path into one relative to the root ("." for the root itself).
func rel(p string) string {
	c := path.Clean("/" + p)
	if c == "/" {
		return "."
	}
	return c[1:]
}

// open opens p inside the root. Only regular files and directories are ever opened for
// data: the gateway is host root outside the container's device cgroup, so a device node
// shipped in an image would reach the host's disks or memory, a FIFO would block the
// session, and a socket would talk to whatever listens on it. The name is first resolved
// to an O_PATH handle, which opens nothing, and its type checked; the data open then goes
// through that handle, so the checked inode is the opened one even if the name is swapped.
func (fs *rootFS) open(p string, flags int, mode uint32) (*os.File, error) {
	if flags&unix.O_PATH != 0 {
		return fs.openat(p, flags, mode)
	}
	h, err := fs.openat(p, unix.O_PATH|flags&(unix.O_DIRECTORY|unix.O_NOFOLLOW), 0)
	if errors.Is(err, unix.ENOENT) && flags&unix.O_CREAT != 0 {
		// O_EXCL|O_NOFOLLOW creates a new regular file or fails: whatever else appears under
		// the name meanwhile is never opened.
		return fs.openat(p, flags|unix.O_EXCL|unix.O_NOFOLLOW, mode)
	}
	if err != nil {
		return nil, err
	}
	defer h.Close()
	if err := regularOrDir(h, p); err != nil {
		return nil, err
	}
	if flags&(unix.O_CREAT|unix.O_EXCL) == unix.O_CREAT|unix.O_EXCL {
		return nil, &os.PathError{Op: "open", Path: p, Err: unix.EEXIST}
	}
	fd, err := unix.Open(fdPath(h), flags&^(unix.O_CREAT|unix.O_EXCL|unix.O_NOFOLLOW)|unix.O_CLOEXEC|unix.O_NOCTTY, 0)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: p, Err: err}
	}
	return os.NewFile(uintptr(fd), path.Base(path.Clean("/"+p))), nil
}

// errNotRegular refuses device nodes, FIFOs, sockets and (where not followed) symlinks.
var errNotRegular = errors.New("not a regular file or directory; the gateway's SFTP server opens nothing else")

func regularOrDir(f *os.File, p string) error {
	var st unix.Stat_t
	if err := unix.Fstat(int(f.Fd()), &st); err != nil {
		return &os.PathError{Op: "stat", Path: p, Err: err}
	}
	switch st.Mode & unix.S_IFMT {
	case unix.S_IFREG, unix.S_IFDIR:
		return nil
	}
	return &os.PathError{Op: "open", Path: p, Err: fmt.Errorf("%w (%w)", errNotRegular, unix.EACCES)}
}

func (fs *rootFS) openat(p string, flags int, mode uint32) (*os.File, error) {
	fd, err := unix.Openat2(fs.root, rel(p), &unix.OpenHow{
		Flags: uint64(flags | unix.O_CLOEXEC), Mode: uint64(mode), Resolve: resolveFlags,
	})
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: p, Err: err}
	}
	return os.NewFile(uintptr(fd), path.Base(path.Clean("/"+p))), nil
}

// parent opens p's directory inside the root and returns it with p's last component.
func (fs *rootFS) parent(p string) (*os.File, string, error) {
	c := path.Clean("/" + p)
	if c == "/" {
		return nil, "", &os.PathError{Op: "resolve", Path: p, Err: unix.EINVAL}
	}
	dir, base := path.Split(c)
	d, err := fs.open(dir, unix.O_PATH|unix.O_DIRECTORY, 0)
	if err != nil {
		return nil, "", err
	}
	return d, base, nil
}

// fdPath names an open file for syscalls that only take paths (chmod, truncate, utimes); the
// kernel resolves /proc/self/fd/N to the already-opened file, not through the container.
func fdPath(f *os.File) string { return "/proc/self/fd/" + strconv.Itoa(int(f.Fd())) }

func (fs *rootFS) Fileread(r *sftp.Request) (io.ReaderAt, error) {
	return fs.open(r.Filepath, unix.O_RDONLY, 0)
}

func (fs *rootFS) Filewrite(r *sftp.Request) (io.WriterAt, error) {
	return fs.openWrite(r)
}

func (fs *rootFS) OpenFile(r *sftp.Request) (sftp.WriterAtReaderAt, error) {
	return fs.openWrite(r)
}

func (fs *rootFS) openWrite(r *sftp.Request) (*os.File, error) {
	pf := r.Pflags()
	flags := unix.O_WRONLY
	if pf.Read {
		flags = unix.O_RDWR
	}
	if pf.Append {
		flags |= unix.O_APPEND
	}
	if pf.Creat {
		flags |= unix.O_CREAT
	}
	if pf.Trunc {
		flags |= unix.O_TRUNC
	}
	if pf.Excl {
		flags |= unix.O_EXCL
	}
	mode := uint32(0o644)
	if r.AttrFlags().Permissions {
		mode = uint32(r.Attributes().FileMode().Perm())
	}
	return fs.open(r.Filepath, flags, mode)
}

func (fs *rootFS) Filecmd(r *sftp.Request) error {
	err := fs.filecmd(r)
	if err != nil {
		fs.log.Debug("sftp command failed", "method", r.Method, "path", r.Filepath, "error", err)
	}
	return err
}

func (fs *rootFS) filecmd(r *sftp.Request) error {
	switch r.Method {
	case "Setstat":
		return fs.setstat(r)
	case "Rename", "PosixRename":
		return fs.twoNames(r.Filepath, r.Target, func(od int, ob string, nd int, nb string) error {
			return unix.Renameat(od, ob, nd, nb)
		})
	case "Link":
		return fs.twoNames(r.Filepath, r.Target, func(od int, ob string, nd int, nb string) error {
			return unix.Linkat(od, ob, nd, nb, 0)
		})
	case "Symlink":
		// The link's text is stored verbatim: it is only ever resolved inside the root.
		d, base, err := fs.parent(r.Target)
		if err != nil {
			return err
		}
		defer d.Close()
		return unix.Symlinkat(r.Filepath, int(d.Fd()), base)
	case "Rmdir", "Remove", "Mkdir":
		d, base, err := fs.parent(r.Filepath)
		if err != nil {
			return err
		}
		defer d.Close()
		switch r.Method {
		case "Rmdir":
			return unix.Unlinkat(int(d.Fd()), base, unix.AT_REMOVEDIR)
		case "Remove":
			return unix.Unlinkat(int(d.Fd()), base, 0)
		default:
			return unix.Mkdirat(int(d.Fd()), base, 0o755)
		}
	}
	return sftp.ErrSSHFxOpUnsupported
}

func (fs *rootFS) PosixRename(r *sftp.Request) error { return fs.Filecmd(r) }

func (fs *rootFS) twoNames(oldp, newp string, op func(int, string, int, string) error) error {
	od, ob, err := fs.parent(oldp)
	if err != nil {
		return err
	}
	defer od.Close()
	nd, nb, err := fs.parent(newp)
	if err != nil {
		return err
	}
	defer nd.Close()
	return op(int(od.Fd()), ob, int(nd.Fd()), nb)
}

func (fs *rootFS) setstat(r *sftp.Request) error {
	f, err := fs.open(r.Filepath, unix.O_PATH, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	// Truncating or chowning a device node would act on the host's device.
	if err := regularOrDir(f, r.Filepath); err != nil {
		return err
	}
	a, st := r.AttrFlags(), r.Attributes()
	p := fdPath(f)
	if a.Size {
		if err := os.Truncate(p, int64(st.Size)); err != nil {
			return err
		}
	}
	if a.Permissions {
		if err := os.Chmod(p, st.FileMode().Perm()); err != nil {
			return err
		}
	}
	if a.UidGid {
		if err := os.Chown(p, int(st.UID), int(st.GID)); err != nil {
			return err
		}
	}
	if a.Acmodtime {
		if err := os.Chtimes(p, time.Unix(int64(st.Atime), 0), time.Unix(int64(st.Mtime), 0)); err != nil {
			return err
		}
	}
	return nil
}

func (fs *rootFS) Filelist(r *sftp.Request) (sftp.ListerAt, error) {
	switch r.Method {
	case "List":
		d, err := fs.open(r.Filepath, unix.O_RDONLY|unix.O_DIRECTORY, 0)
		if err != nil {
			return nil, err
		}
		defer d.Close()
		// Readdir stats entries with fstatat relative to d, never following them.
		list, err := d.Readdir(-1)
		if err != nil {
			return nil, err
		}
		return listerAt(list), nil
	case "Stat":
		return fs.stat(r.Filepath, unix.O_PATH)
	case "Readlink":
		t, err := fs.Readlink(r.Filepath)
		if err != nil {
			return nil, err
		}
		return listerAt{linkInfo(t)}, nil
	}
	return nil, sftp.ErrSSHFxOpUnsupported
}

func (fs *rootFS) Lstat(r *sftp.Request) (sftp.ListerAt, error) {
	return fs.stat(r.Filepath, unix.O_PATH|unix.O_NOFOLLOW)
}

func (fs *rootFS) stat(p string, flags int) (sftp.ListerAt, error) {
	f, err := fs.open(p, flags, 0)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	return listerAt{fi}, nil
}

func (fs *rootFS) Readlink(p string) (string, error) {
	d, base, err := fs.parent(p)
	if err != nil {
		return "", err
	}
	defer d.Close()
	buf := make([]byte, unix.PathMax)
	n, err := unix.Readlinkat(int(d.Fd()), base, buf)
	if err != nil {
		return "", &os.PathError{Op: "readlink", Path: p, Err: err}
	}
	return string(buf[:n]), nil
}

type listerAt []os.FileInfo

func (l listerAt) ListAt(out []os.FileInfo, off int64) (int, error) {
	if off >= int64(len(l)) {
		return 0, io.EOF
	}
	n := copy(out, l[off:])
	if n < len(out) {
		return n, io.EOF
	}
	return n, nil
}

// linkInfo carries a readlink result through the lister interface, which reads Name().
type linkInfo string

func (l linkInfo) Name() string       { return string(l) }
func (l linkInfo) Size() int64        { return 0 }
func (l linkInfo) Mode() os.FileMode  { return os.ModeSymlink }
func (l linkInfo) ModTime() time.Time { return time.Time{} }
func (l linkInfo) IsDir() bool        { return false }
func (l linkInfo) Sys() any           { return nil }
