package other_test

import "testing"

func TestIdleInExternalPackage(t *testing.T) { _ = t.Name() }
