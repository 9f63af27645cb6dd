package gateway

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/shaleprotocol/shale/internal/fsutil"

	"github.com/shaleprotocol/shale/voucher"
)

// voucherLog is a lease's durable payment record in VoucherDir:
//
//	<lease id>.log      append-only; each record is u32 length + a voucher or terminate in
//	                    the voucher package's binary encoding (its kind byte tells which);
//	                    fsync'd before the voucher is acknowledged
//	<lease id>.voucher  the last accepted voucher alone, replaced atomically, for the bridge
//
// With a MirrorDir (the task directory) both files are also kept there, the log appended and
// synced before the voucher is acknowledged, for the bridge to read through Nomad's alloc-fs.
//
// A crash can leave a torn last record; opening the log drops it (it was never acknowledged).
type voucherLog struct {
	f          *os.File
	lastPath   string
	mirrorPath string   // "" without a mirror
	mirrorLog  *os.File // the log's copy in the mirror dir; nil without a mirror
}

// openVoucherLog opens (creating) the log and returns the last voucher it holds, if any.
func openVoucherLog(dir, leaseID, mirrorDir string) (*voucherLog, *voucher.Voucher, error) {
	if dir == "" {
		return nil, nil, errors.New("no VoucherDir configured")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, nil, fmt.Errorf("voucher dir: %w", err)
	}
	path := filepath.Join(dir, leaseID+".log")
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, nil, fmt.Errorf("open voucher log: %w", err)
	}
	b, err := io.ReadAll(f)
	if err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("read voucher log: %w", err)
	}
	var last *voucher.Voucher
	good := 0
	for r := bytes.NewReader(b); ; {
		var n uint32
		if binary.Read(r, binary.BigEndian, &n) != nil || n > uint32(r.Len()) || n < 2 {
			break
		}
		rec := make([]byte, n)
		_, _ = io.ReadFull(r, rec)
		if v, err := voucher.DecodeBinary(rec); err == nil {
			last = v
		} else if _, err := voucher.DecodeTerminateBinary(rec); err != nil {
			break // corrupt: keep what came before
		}
		good = len(b) - r.Len()
	}
	if good != len(b) {
		if err := f.Truncate(int64(good)); err != nil {
			f.Close()
			return nil, nil, fmt.Errorf("truncate torn voucher log: %w", err)
		}
	}
	if _, err := f.Seek(int64(good), io.SeekStart); err != nil {
		f.Close()
		return nil, nil, fmt.Errorf("seek voucher log: %w", err)
	}
	l := &voucherLog{f: f, lastPath: filepath.Join(dir, leaseID+".voucher")}
	if mirrorDir != "" {
		if err := l.openMirror(mirrorDir, leaseID, b[:good], last); err != nil {
			l.close()
			return nil, nil, err
		}
	}
	return l, last, nil
}

// openMirror starts the task-directory copy from the whole log so far: a re-registered lease
// (plugin restart) republishes everything it already holds.
func (l *voucherLog) openMirror(dir, leaseID string, log []byte, last *voucher.Voucher) error {
	path := filepath.Join(dir, leaseID+".log")
	if err := fsutil.WriteDurable(path, log, 0o600); err != nil {
		return err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("open mirrored voucher log: %w", err)
	}
	l.mirrorLog, l.mirrorPath = f, filepath.Join(dir, leaseID+".voucher")
	if last != nil {
		return l.publish(last)
	}
	return nil
}

// publish writes v as the last voucher, in the voucher dir and the mirror.
func (l *voucherLog) publish(v *voucher.Voucher) error {
	rec, err := v.MarshalBinary()
	if err != nil {
		return err
	}
	for _, p := range []string{l.lastPath, l.mirrorPath} {
		if p == "" {
			continue
		}
		if err := fsutil.WriteDurable(p, rec, 0o600); err != nil {
			return err
		}
	}
	return nil
}

// appendRecord writes one encoded voucher or terminate and syncs it to disk.
func (l *voucherLog) appendRecord(rec []byte) error {
	buf := binary.BigEndian.AppendUint32(make([]byte, 0, 4+len(rec)), uint32(len(rec)))
	buf = append(buf, rec...)
	for _, f := range []*os.File{l.f, l.mirrorLog} {
		if f == nil {
			continue
		}
		if _, err := f.Write(buf); err != nil {
			return fmt.Errorf("append voucher log %s: %w", f.Name(), err)
		}
		if err := f.Sync(); err != nil {
			return fmt.Errorf("sync voucher log %s: %w", f.Name(), err)
		}
	}
	return nil
}

// appendVoucher logs v durably and then publishes it as the last voucher.
func (l *voucherLog) appendVoucher(v *voucher.Voucher) error {
	rec, err := v.MarshalBinary()
	if err != nil {
		return err
	}
	if err := l.appendRecord(rec); err != nil {
		return err
	}
	return l.publish(v)
}

func (l *voucherLog) close() error {
	if l.mirrorLog != nil {
		l.mirrorLog.Close()
	}
	return l.f.Close()
}
