// Package helper holds test helpers, some of which can fail.
package helper

import "testing"

// Must fails t on err.
func Must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// Via hands t on to Must.
func Via(tb testing.TB) { Must(tb, nil) }

// Quiet takes t but never fails it.
func Quiet(t testing.TB) string { t.Helper(); return t.TempDir() }

// Loop calls itself and never fails.
func Loop(t testing.TB, n int) {
	if n > 0 {
		Loop(t, n-1)
	}
}

// Harness keeps t for its methods.
type Harness struct{ t testing.TB }

// New returns a harness holding t.
func New(t testing.TB) *Harness { return &Harness{t: t} }
