package gateway_test

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/docker/docker/api/types/container"
	"github.com/docker/docker/api/types/mount"

	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/internal/testsupport/gwtest"
)

// TestFileTransfer moves 50 MiB each way with scp and sftp, through the container's own
// sftp-server (debian) and through the in-gateway server (busybox has none).
func TestFileTransfer(t *testing.T) {
	tg := gwtest.Start(t)
	key := gwtest.NewClientKey(t)
	src := filepath.Join(t.TempDir(), "blob")
	want := writeRandom(t, src, 50<<20)

	for _, image := range []string{testsupport.DebianImage, testsupport.BusyboxImage} {
		l := tg.LeaseFor(image, key)
		user := l.ID.String()
		for _, tool := range []string{"scp", "sftp"} {
			t.Run(image+"/"+tool, func(t *testing.T) {
				ctx := gwtest.Context(t)
				remote := "/tmp/blob-" + tool
				back := filepath.Join(t.TempDir(), "back")
				switch tool {
				case "scp":
					target := fmt.Sprintf("%s@127.0.0.1:%s", user, remote)
					for _, args := range [][]string{{src, target}, {target, back}} {
						a := append(tg.SSHOpts(key), "-P", tg.Port())
						if _, errOut, code := gwtest.Run(t, exec.CommandContext(ctx, "scp", append(a, args...)...), nil); code != 0 {
							t.Fatalf("scp %v: code %d: %s", args, code, errOut)
						}
					}
				case "sftp":
					batch := fmt.Sprintf("put %s %s\nget %s %s\n", src, remote, remote, back)
					if out, errOut, code := tg.SFTP(gwtest.Context(t), t, key, user, batch); code != 0 {
						t.Fatalf("sftp: code %d: %s %s", code, out, errOut)
					}
				}
				if got := fileSHA(t, back); got != want {
					t.Fatalf("downloaded sha256 %s, want %s", got, want)
				}
				out, errOut, code := gwtest.Run(t, tg.SSH(ctx, key, user, "sha256sum "+remote), nil)
				if code != 0 || !strings.HasPrefix(out, want) {
					t.Fatalf("in-container sha256 %q (code %d, %s), want %s", out, code, errOut, want)
				}
			})
		}
	}
}

// TestInternalSFTPConfined plants symlinks and ".." paths in a container without sftp-server
// and checks that the in-gateway server never reads or writes outside the container.
func TestInternalSFTPConfined(t *testing.T) {
	tg := gwtest.Start(t)
	key := gwtest.NewClientKey(t)
	l := tg.LeaseFor(testsupport.BusyboxImage, key)
	user := l.ID.String()
	ctx := gwtest.Context(t)

	// A host directory the container cannot see, holding a secret.
	hostDir, err := os.MkdirTemp("", "shale-escape-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(hostDir) })
	if err := os.WriteFile(filepath.Join(hostDir, "secret"), []byte("host secret\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	setup := fmt.Sprintf("ln -s %s /escape && ln -s ../../../../../../.. /tmp/up && ln -s /etc /etclink && echo inside >/tmp/inside", hostDir)
	if _, errOut, code := gwtest.Run(t, tg.SSH(ctx, key, user, setup), nil); code != 0 {
		t.Fatalf("setup: %s", errOut)
	}
	dl := t.TempDir()
	refused := []struct{ name, batch string }{
		{"absolute symlink", "get /escape/secret " + dl + "/a"},
		{"dotdot symlink", "get /tmp/up" + hostDir + "/secret " + dl + "/b"},
		{"dotdot path", "get /../../../../.." + hostDir + "/secret " + dl + "/c"},
		{"proc magic link", "get /proc/self/root" + hostDir + "/secret " + dl + "/d"},
		{"write through symlink", "put /etc/hostname /escape/planted"},
		{"rename into symlink", "rename /tmp/inside /escape/moved"},
	}
	for _, tc := range refused {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := tg.SFTP(gwtest.Context(t), t, key, user, tc.batch)
			if code == 0 {
				t.Fatalf("batch %q succeeded: %s", tc.batch, out)
			}
			t.Logf("refused as expected: %s", strings.TrimSpace(errOut))
		})
	}
	entries, err := os.ReadDir(hostDir)
	if err != nil || len(entries) != 1 {
		t.Fatalf("host directory changed: %v %v", entries, err)
	}
	for _, f := range []string{"a", "b", "c", "d"} {
		if b, err := os.ReadFile(filepath.Join(dl, f)); err == nil {
			t.Fatalf("downloaded %s: %q", f, b)
		}
	}
	// Symlinks inside the container still work, resolved in the container.
	if _, errOut, code := tg.SFTP(gwtest.Context(t), t, key, user, "get /etclink/passwd "+dl+"/passwd\nget /tmp/up/tmp/inside "+dl+"/inside"); code != 0 {
		t.Fatalf("in-container symlinks: %s", errOut)
	}
	if b, _ := os.ReadFile(filepath.Join(dl, "inside")); string(b) != "inside\n" {
		t.Fatalf("via /tmp/up: %q", b)
	}
	if b, _ := os.ReadFile(filepath.Join(dl, "passwd")); !strings.Contains(string(b), "root:x:0:0") {
		t.Fatalf("container passwd: %q", b)
	}
	// Directory operations through the in-gateway server.
	ops := "mkdir /tmp/d\nput /etc/hostname /tmp/d/f\nrename /tmp/d/f /tmp/d/g\nchmod 600 /tmp/d/g\nls -l /tmp/d\nrm /tmp/d/g\nrmdir /tmp/d\n"
	if out, errOut, code := tg.SFTP(gwtest.Context(t), t, key, user, ops); code != 0 || !strings.Contains(out, "-rw-------") {
		t.Fatalf("directory ops: code %d out %q err %q", code, out, errOut)
	}
	if _, _, code := gwtest.Run(t, tg.SSH(ctx, key, user, "test ! -e /tmp/d"), nil); code != 0 {
		t.Fatal("/tmp/d still exists in the container")
	}
}

func writeRandom(t *testing.T, path string, n int64) string {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.CopyN(io.MultiWriter(f, h), rand.Reader, n); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func fileSHA(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		t.Fatal(err)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// TestInternalSFTPReadOnlyMount checks that deal data mounted read-only stays read-only
// through the in-gateway server, which acts as root on the host.
func TestInternalSFTPReadOnlyMount(t *testing.T) {
	tg := gwtest.Start(t)
	key := gwtest.NewClientKey(t)
	data := t.TempDir()
	if err := os.WriteFile(filepath.Join(data, "deal.bin"), []byte("deal data\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	testsupport.RequireImage(t, tg.Docker, testsupport.BusyboxImage)
	cid := testsupport.StartIdleContainer(t, tg.Docker, testsupport.BusyboxImage, func(hc *container.HostConfig) {
		hc.Mounts = []mount.Mount{{Type: mount.TypeBind, Source: data, Target: "/data", ReadOnly: true}}
	})
	l := tg.LeaseOn(cid, key)
	dl := t.TempDir()
	if _, errOut, code := tg.SFTP(gwtest.Context(t), t, key, l.ID.String(), "get /data/deal.bin "+dl+"/deal.bin"); code != 0 {
		t.Fatalf("read from the mount: %s", errOut)
	}
	for _, batch := range []string{"put /etc/hostname /data/new", "rm /data/deal.bin", "rename /data/deal.bin /data/moved", "chmod 777 /data/deal.bin"} {
		if out, _, code := tg.SFTP(gwtest.Context(t), t, key, l.ID.String(), batch); code == 0 {
			t.Fatalf("%q succeeded on a read-only mount: %s", batch, out)
		}
	}
	entries, _ := os.ReadDir(data)
	if fi, err := os.Stat(filepath.Join(data, "deal.bin")); len(entries) != 1 || err != nil || fi.Mode().Perm() != 0o644 {
		t.Fatalf("mount source changed: %v %v", entries, err)
	}
}
