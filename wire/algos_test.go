package wire

import (
	"errors"
	"slices"
	"testing"
)

func TestAlgorithmLists(t *testing.T) {
	tests := []struct {
		name       string
		resolve    func([]string) ([]string, error)
		configured []string
		want       []string // nil: refused
	}{
		{"kex default", KeyExchanges, nil, DefaultKeyExchanges},
		{"kex allowed", KeyExchanges, []string{"ecdh-sha2-nistp256"}, []string{"ecdh-sha2-nistp256"}},
		{"kex dh group1", KeyExchanges, []string{"diffie-hellman-group1-sha1"}, nil},
		{"kex sha1 group14", KeyExchanges, []string{"curve25519-sha256", "diffie-hellman-group14-sha1"}, nil},
		{"cipher default", Ciphers, []string{}, DefaultCiphers},
		{"cipher ctr", Ciphers, []string{"aes128-ctr"}, []string{"aes128-ctr"}},
		{"cipher cbc", Ciphers, []string{"aes128-cbc"}, nil},
		{"cipher arcfour", Ciphers, []string{"arcfour256"}, nil},
		{"mac default", MACs, nil, DefaultMACs},
		{"mac sha2", MACs, []string{"hmac-sha2-512"}, []string{"hmac-sha2-512"}},
		{"mac sha1", MACs, []string{"hmac-sha1"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.resolve(tc.configured)
			if tc.want == nil {
				if !errors.Is(err, ErrAlgorithm) {
					t.Fatalf("got %v, %v; want an error wrapping ErrAlgorithm", got, err)
				}
				return
			}
			if err != nil || !slices.Equal(got, tc.want) {
				t.Fatalf("got %v, %v; want %v", got, err, tc.want)
			}
			got[0] = "mutated"
			if slices.Contains(DefaultKeyExchanges, "mutated") || slices.Contains(DefaultCiphers, "mutated") || slices.Contains(DefaultMACs, "mutated") {
				t.Fatal("the returned list aliases a default list")
			}
		})
	}
}
