package client

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/shaleprotocol/shale/internal/testsupport"
	"github.com/shaleprotocol/shale/lease"
)

func TestSeedFlagsExpose(t *testing.T) {
	key := testsupport.SSHKey(t, 1, "k")
	base := []string{"--miner=f01946720", "--image=shale/debian:bookworm", "--ssh_pubkey=" + key, "--price=1fil/h"}
	got, err := parseSeed(t, "", append(base, "--expose=8888/http", "--expose", "5432/tcp,public", "--expose=9000"))
	if err != nil {
		t.Fatal(err)
	}
	want := []lease.Expose{{Port: 8888, Protocol: "http"}, {Port: 5432, Protocol: "tcp", Public: true}, {Port: 9000, Protocol: "http"}}
	if d := cmp.Diff(want, got.Exposes); d != "" {
		t.Fatalf("exposes differ (-want +got):\n%s", d)
	}

	tooMany := append([]string(nil), base...)
	for i := 0; i <= lease.MaxExposes; i++ {
		tooMany = append(tooMany, "--expose="+string(rune('1'+i%9))+strings.Repeat("0", 1+i/9))
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--expose=70000/http"}, `give-me-container: --expose: invalid expose: expose "70000/http": out of range: port 70000 is not between 1 and 65535`},
		{[]string{"--expose=0"}, `give-me-container: --expose: invalid expose: expose "0": out of range: port 0 is not between 1 and 65535`},
		{[]string{"--expose=8888/udp"}, `give-me-container: --expose: invalid expose: expose "8888/udp": protocol "udp" is not supported: use "http" or "tcp"`},
		{[]string{"--expose=http/8888"}, `give-me-container: --expose: invalid expose: expose "http/8888": port "http" is not a number; write PORT/PROTOCOL, e.g. 8888/http`},
		{[]string{"--expose=8888/http", "--expose=8888/tcp"}, "give-me-container: invalid lease spec: expose: expose[1]: port 8888 is already exposed by expose[0]"},
		{tooMany[len(base):], "give-me-container: invalid lease spec: expose: out of range: 17 exposed ports, at most 16 are allowed"},
	} {
		_, err := parseSeed(t, "", append(append([]string(nil), base...), tc.args...))
		if err == nil || err.Error() != tc.want {
			t.Errorf("parseSeed(%q) error =\n%v\nwant\n%s", tc.args, err, tc.want)
		}
	}
}
