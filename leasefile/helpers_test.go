package leasefile

import (
	"errors"
	"io/fs"
	"testing"

	"github.com/shaleprotocol/shale/internal/testsupport"
)

// fakeFiles serves file() from a map, so tests never touch the real home directory.
func fakeFiles(files map[string]string) func(string) ([]byte, error) {
	return func(p string) ([]byte, error) {
		if s, ok := files[p]; ok {
			return []byte(s), nil
		}
		return nil, &fs.PathError{Op: "open", Path: p, Err: errors.New("no such file or directory")}
	}
}

// testOptions fakes a home directory holding an ed25519 public key.
func testOptions(t testing.TB) Options {
	return Options{
		Home:      "/home/test",
		ReadFile:  fakeFiles(map[string]string{"/home/test/.ssh/id_ed25519.pub": testsupport.SSHKey(t, 10, "test@example") + "\n"}),
		LookupEnv: func(string) (string, bool) { return "", false },
	}
}
