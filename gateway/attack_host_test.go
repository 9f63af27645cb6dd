package gateway_test

import (
	"archive/tar"
	"bytes"
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/docker/docker/api/types"
	"github.com/docker/docker/client"
	"github.com/pkg/sftp"
	"golang.org/x/sys/unix"

	"github.com/shaleprotocol/shale/gateway"
	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/internal/testsupport/gwtest"
)

// TestAttackHugeBandwidthSpin registers a lease whose bandwidth is 2⁶⁴−1 bytes per second,
// which an unchecked int conversion turns into a negative burst and a wait loop that never
// sleeps nor ends, and moves 4 MiB through the real gateway with OpenSSH: it must arrive
// whole and promptly.
func TestAttackHugeBandwidthSpin(t *testing.T) {
	tg := gwtest.Start(t)
	key := gwtest.NewClientKey(t)
	l := tg.LeaseFor(testsupport.BusyboxImage, key, func(l *gateway.Lease) { l.Bandwidth = math.MaxUint64 })

	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	out, errOut, code := gwtest.Run(t, tg.SSH(ctx, key, l.ID.String(), "head -c 4194304 /dev/zero"), nil)
	if code != 0 || len(out) != 4<<20 {
		t.Fatalf("code %d, %d of %d bytes (ctx %v), stderr %q", code, len(out), 4<<20, ctx.Err(), errOut)
	}
	if u, ok := tg.Usage(l.ID); !ok || u.BytesOut < 4<<20 {
		t.Fatalf("usage %+v", u)
	}
}

// TestAttackSFTPHostileImage serves SFTP from the gateway (the image has no sftp-server) on
// a container of an image built here that ships a block device node for a loop device of
// the host, a FIFO and a symlink to /etc/shadow. The gateway runs as host root outside the
// container's device cgroup, so opening the node would read and write the host's device;
// opening the FIFO would hang the session. Each must fail promptly, the host's device must
// be untouched, and ordinary files must still transfer.
func TestAttackSFTPHostileImage(t *testing.T) {
	tg := gwtest.Start(t)
	key := gwtest.NewClientKey(t)

	secret := bytes.Repeat([]byte("host disk secret\n"), 512)
	backing := filepath.Join(t.TempDir(), "disk.img")
	if err := os.WriteFile(backing, secret, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("losetup", "--find", "--show", backing).CombinedOutput()
	if err != nil {
		t.Fatalf("losetup: %v: %s", err, out)
	}
	loop := strings.TrimSpace(string(out))
	t.Cleanup(func() { _ = exec.Command("losetup", "--detach", loop).Run() })
	var st unix.Stat_t
	if err := unix.Stat(loop, &st); err != nil {
		t.Fatal(err)
	}
	image := buildImage(t, tg.Docker, fmt.Sprintf("FROM %s\nRUN mknod /hostdisk b %d %d && mkfifo /fifo && ln -s /etc/shadow /shadowlink && echo ok >/plain\n",
		testsupport.BusyboxImage, unix.Major(uint64(st.Rdev)), unix.Minor(uint64(st.Rdev))))
	l := tg.LeaseOn(testsupport.StartIdleContainer(t, tg.Docker, image), key)
	user := l.ID.String()
	dl := t.TempDir()
	junk := filepath.Join(dl, "junk")
	if err := os.WriteFile(junk, bytes.Repeat([]byte("X"), 4096), 0o600); err != nil {
		t.Fatal(err)
	}

	refused := []struct{ name, batch string }{
		{"read host block device", "get /hostdisk " + dl + "/disk"},
		{"write host block device", "put " + junk + " /hostdisk"},
		{"chmod host block device", "chmod 600 /hostdisk"},
		{"open FIFO", "get /fifo " + dl + "/fifo"},
		{"write FIFO", "put " + junk + " /fifo"},
	}
	for _, tc := range refused {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := tg.SFTP(timeoutContext(t, 30*time.Second), t, key, user, tc.batch)
			if code == 0 {
				t.Fatalf("batch %q succeeded: %s", tc.batch, out)
			}
			t.Logf("refused: %s", strings.TrimSpace(errOut))
		})
	}
	// OpenSSH's sftp will not download what is not a regular file; a Go client asks anyway.
	t.Run("read host block device with a Go client", func(t *testing.T) {
		c, err := sftp.NewClient(tg.GoClient(key, user))
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		f, err := c.Open("/hostdisk")
		if err == nil {
			buf := make([]byte, 64)
			n, rerr := f.Read(buf)
			f.Close()
			t.Fatalf("opened the host's block device: read %q (%v)", buf[:n], rerr)
		}
		t.Logf("refused: %v", err)
	})
	if b, err := os.ReadFile(backing); err != nil || !bytes.Equal(b, secret) {
		t.Fatalf("the host's loop device backing file changed (%v)", err)
	}
	if b, err := os.ReadFile(filepath.Join(dl, "disk")); err == nil && bytes.Contains(b, []byte("host disk secret")) {
		t.Fatal("the host's block device was read through the gateway")
	}

	// The symlink resolves inside the container, never to the host's /etc/shadow.
	if _, _, code := tg.SFTP(timeoutContext(t, 30*time.Second), t, key, user, "get /shadowlink "+dl+"/shadow"); code == 0 {
		got, _ := os.ReadFile(filepath.Join(dl, "shadow"))
		if host, err := os.ReadFile("/etc/shadow"); err == nil && len(host) > 0 && bytes.Equal(got, host) {
			t.Fatal("the host's /etc/shadow was read through the gateway")
		}
	}
	// Listing shows the entries and ordinary files still work.
	if out, errOut, code := tg.SFTP(timeoutContext(t, 30*time.Second), t, key, user, "ls -l /\nget /plain "+dl+"/plain"); code != 0 || !strings.Contains(out, "hostdisk") {
		t.Fatalf("ls and get: code %d out %q err %q", code, out, errOut)
	}
	if b, _ := os.ReadFile(filepath.Join(dl, "plain")); string(b) != "ok\n" {
		t.Fatalf("/plain = %q", b)
	}
}

// buildImage builds a one-Dockerfile image, tagged for this test and removed at cleanup.
func buildImage(t *testing.T, dc *client.Client, dockerfile string) string {
	t.Helper()
	var ctxTar bytes.Buffer
	tw := tar.NewWriter(&ctxTar)
	if err := tw.WriteHeader(&tar.Header{Name: "Dockerfile", Mode: 0o644, Size: int64(len(dockerfile))}); err != nil {
		t.Fatal(err)
	}
	if _, err := tw.Write([]byte(dockerfile)); err != nil {
		t.Fatal(err)
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	tag := "shale-test/hostile:" + strings.ToLower(strings.NewReplacer("/", "-", " ", "-").Replace(t.Name()))
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	resp, err := dc.ImageBuild(ctx, &ctxTar, types.ImageBuildOptions{Tags: []string{tag}, Remove: true, ForceRemove: true, NetworkMode: "none"})
	if err != nil {
		t.Fatalf("build %s: %v", tag, err)
	}
	defer resp.Body.Close()
	log, _ := io.ReadAll(resp.Body)
	if bytes.Contains(log, []byte(`"errorDetail"`)) {
		t.Fatalf("build %s: %s", tag, log)
	}
	t.Cleanup(func() {
		_, _ = dc.ImageRemove(context.Background(), tag, types.ImageRemoveOptions{Force: true, PruneChildren: true})
	})
	return tag
}

// timeoutContext bounds one OpenSSH run, so a hostile image cannot hang it.
func timeoutContext(t testing.TB, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	t.Cleanup(cancel)
	return ctx
}
