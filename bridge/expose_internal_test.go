package bridge

import (
	"testing"

	"github.com/shaleprotocol/shale/lease"
)

func TestExposeReason(t *testing.T) {
	one := []lease.Expose{{Port: 8888, Protocol: "http"}}
	two := []lease.Expose{{Port: 8888, Protocol: "http"}, {Port: 22, Protocol: "tcp"}}
	for _, tc := range []struct {
		name    string
		max     int
		exposes []lease.Expose
		want    string
	}{
		{"no exposures, forbidden", 0, nil, ""},
		{"forbidden", 0, one, "this provider does not expose lease ports (the order asks for 1); order without expose, or pick a provider whose max_exposes is above 0"},
		{"negative forbids", -1, one, "this provider does not expose lease ports (the order asks for 1); order without expose, or pick a provider whose max_exposes is above 0"},
		{"within", 2, two, ""},
		{"over", 1, two, "2 exposed ports, this provider allows at most 1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := exposeReason(Policy{MaxExposes: tc.max}, tc.exposes); got != tc.want {
				t.Fatalf("exposeReason = %q, want %q", got, tc.want)
			}
		})
	}
}
