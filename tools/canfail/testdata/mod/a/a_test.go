package a

import (
	"testing"

	h "example.com/mod/helper"
	"github.com/stretchr/testify/require"
)

func TestDirect(t *testing.T) {
	if 1+1 != 2 {
		t.Fatal("arithmetic")
	}
}

func TestSubtest(t *testing.T) {
	t.Run("x", func(t *testing.T) { t.Error("x") })
}

func TestHelperFails(t *testing.T) { h.Must(t, nil) }

func TestHelperChain(t *testing.T) { h.Via(t) }

func TestLocalHelper(t *testing.T) { check(t) }

func TestExternalHelper(t *testing.T) { require.True(t, true) }

func TestHarness(t *testing.T) { _ = h.New(t) }

func TestQuietHelper(t *testing.T) { _ = h.Quiet(t) }

func TestRecursiveQuiet(t *testing.T) { h.Loop(t, 3) }

func TestNothing(t *testing.T) { t.Log("ran") }

func TestLocalQuiet(t *testing.T) { t.Parallel(); quiet(t) }

func TestAllowed(t *testing.T) {}

func FuzzNothing(f *testing.F) { f.Add(1) }

func FuzzChecks(f *testing.F) {
	f.Fuzz(func(t *testing.T, n int) {
		if n < 0 {
			t.Errorf("negative %d", n)
		}
	})
}

func check(t *testing.T) {
	t.Helper()
	t.FailNow()
}

func quiet(t *testing.T) { t.Log("nothing") }

func TestMainLike(m *testing.M) {}

func helperNotATest(t *testing.T) {}
