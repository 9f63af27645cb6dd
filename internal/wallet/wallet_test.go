package wallet

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCreateLoad(t *testing.T) {
	dir := t.TempDir()
	keyFile, pwFile := filepath.Join(dir, "key.json"), filepath.Join(dir, "pw")
	if err := WriteNew(pwFile, []byte("s3cret\n")); err != nil {
		t.Fatal(err)
	}
	k, err := Create(keyFile, "s3cret", true)
	if err != nil {
		t.Fatal(err)
	}
	if fi, _ := os.Stat(keyFile); fi.Mode().Perm() != 0o600 {
		t.Fatalf("keystore mode %v", fi.Mode().Perm())
	}
	got, err := Load(keyFile, pwFile)
	if err != nil || got.Address != k.Address {
		t.Fatalf("Load: %v %v", got, err)
	}
	if _, err := Create(keyFile, "s3cret", true); !errors.Is(err, os.ErrExist) {
		t.Fatalf("overwrite: %v", err)
	}
	if err := os.WriteFile(pwFile, []byte("wrong"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = Load(keyFile, pwFile)
	if err == nil || !strings.Contains(err.Error(), "cannot decrypt keystore "+keyFile) || strings.Contains(err.Error(), "wrong") {
		t.Fatalf("wrong password: %v", err)
	}
	if _, err := Save(filepath.Join(dir, "k2"), k.PrivateKey, "", true); err == nil {
		t.Fatal("empty password accepted")
	}
}
