// Package fsutil holds the file-writing rule shared by keys, passwords and the deal cache:
// create exclusively, write, fsync, so a crash never leaves a file that looks complete but is not.
package fsutil

import "os"

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
