package gateway

import (
	"bytes"
	"crypto/rand"
	"math/big"
	"os"
	"path/filepath"
	"testing"

	"github.com/shaleprotocol/shale/voucher"
)

func TestVoucherLogDropsTornTailAndMirrors(t *testing.T) {
	dir, mirror, mirror2 := t.TempDir(), t.TempDir(), t.TempDir()

	pk, err := voucher.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	var order [32]byte
	order[31] = 1
	l, last, err := openVoucherLog(dir, "lease", mirror)
	if err != nil || last != nil {
		t.Fatalf("fresh log: %v %v", last, err)
	}
	for seq := uint64(1); seq <= 2; seq++ {
		v, err := voucher.Sign(pk, order, seq, big.NewInt(int64(100*seq)))
		if err != nil {
			t.Fatal(err)
		}
		if err := l.appendVoucher(v); err != nil {
			t.Fatal(err)
		}
	}
	l.close()
	assertMirror(t, mirror, dir, 2)
	path := filepath.Join(dir, "lease.log")
	good, _ := os.Stat(path)
	// A crash mid-append leaves a partial record.
	f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	_, _ = f.Write([]byte{0, 0, 0, 200, 1, 1, 0})
	f.Close()
	l, last, err = openVoucherLog(dir, "lease", mirror2)
	if err != nil || last == nil || last.Seq != 2 || last.Amount.Int64() != 200 {
		t.Fatalf("reopened: %+v %v", last, err)
	}
	defer l.close()
	assertMirror(t, mirror2, dir, 2) // a re-registered lease republishes into its task dir
	if fi, _ := os.Stat(path); fi.Size() != good.Size() {
		t.Fatalf("torn tail kept: %d bytes, want %d", fi.Size(), good.Size())
	}
}

// assertMirror checks the task-directory copies the bridge reads: the last voucher, and the
// log identical to the primary one.
func assertMirror(t *testing.T, dir, primary string, seq uint64) {
	t.Helper()
	want, err := os.ReadFile(filepath.Join(primary, "lease.log"))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := os.ReadFile(filepath.Join(dir, "lease.log")); err != nil || !bytes.Equal(got, want) {
		t.Fatalf("mirrored log differs from the primary (%v)", err)
	}
	b, err := os.ReadFile(filepath.Join(dir, "lease.voucher"))
	if err != nil {
		t.Fatalf("mirror: %v", err)
	}
	v, err := voucher.DecodeBinary(b)
	if err != nil || v.Seq != seq {
		t.Fatalf("mirror holds %+v (%v), want seq %d", v, err, seq)
	}
}
