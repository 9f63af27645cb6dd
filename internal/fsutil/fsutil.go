// Package fsutil holds the two file-writing rules shared by keys, vouchers, caches and cursors:
// create a new file durably, or replace a file atomically and durably. A crash never leaves a
// file that looks complete but is not.
package fsutil

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// WriteNew creates path with mode and data, synced to disk; it fails if path exists, so
// nothing is silently replaced.
func WriteNew(path string, data []byte, mode os.FileMode) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, mode)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// ReplaceDurable writes path through a temporary file in the same directory: write, fsync the
// file, rename over path, fsync the directory. Readers see the old content or the new, never a
// mix, and once it returns nil the new content survives a power cut. mode is the final mode,
// set before any byte is written so a secret is never readable by others, even briefly.
func ReplaceDurable(path string, mode os.FileMode, write func(io.Writer) error) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	tmp := f.Name()
	defer os.Remove(tmp) // a no-op after the rename
	fail := func(step string, err error) error {
		f.Close()
		return fmt.Errorf("%s %s: %w", step, path, err)
	}
	if err := f.Chmod(mode); err != nil {
		return fail("chmod", err)
	}
	if err := write(f); err != nil {
		return fail("write", err)
	}
	if err := f.Sync(); err != nil {
		return fail("sync", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("install %s: %w", path, err)
	}
	return SyncDir(dir)
}

// WriteDurable is ReplaceDurable for data already in memory.
func WriteDurable(path string, data []byte, mode os.FileMode) error {
	return ReplaceDurable(path, mode, func(w io.Writer) error {
		_, err := w.Write(data)
		return err
	})
}

// SyncDir makes a rename or create in dir durable.
func SyncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	defer d.Close()
	if err := d.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", dir, err)
	}
	return nil
}
