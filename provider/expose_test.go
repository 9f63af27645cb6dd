package provider

import (
	"math/big"
	"strings"
	"testing"
)

// The policy's expose limit is published in the registry metadata; without one the
// metadata says nothing, which clients read as no exposed ports.
func TestOfferMetaPublishesExposeLimit(t *testing.T) {
	for _, tc := range []struct {
		policy, want string
		absent       bool
	}{
		{"", `"max_exposes"`, true},
		{"policy {\n  max_exposes = 0\n}\n", `"max_exposes"`, true},
		{"policy {\n  max_exposes = 3\n}\n", `"max_exposes":3`, false},
	} {
		cfg, diags := ParseConfig("cfg.hcl", []byte(minimal+tc.policy))
		if diags.HasErrors() {
			t.Fatal(diags)
		}
		meta := offerMeta(cfg, big.NewInt(1), 1, newNodeTally()).Encode()
		if strings.Contains(meta, tc.want) == tc.absent {
			t.Errorf("policy %q: metadata %s (want %q present=%v)", tc.policy, meta, tc.want, !tc.absent)
		}
	}
}
