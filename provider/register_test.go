package provider

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/shaleprotocol/shale/bridge"
	"github.com/shaleprotocol/shale/leasejob"
)

// fakeNodes is a Cluster whose Nodes are fixed; gatherOffer needs nothing else.
type fakeNodes struct {
	bridge.Cluster
	nodes []bridge.Node
}

func (f fakeNodes) Nodes(context.Context) ([]bridge.Node, error) { return f.nodes, nil }

func node(name, endpoint, hostKey string, extra ...string) bridge.Node {
	attrs := map[string]string{attrEndpoint: endpoint, attrHostKey: hostKey, "cpu.numcores": "4", "memory.totalbytes": "8589934592"}
	for i := 0; i+1 < len(extra); i += 2 {
		attrs[extra[i]] = extra[i+1]
	}
	return bridge.Node{ID: name + "-id", Name: name, Attributes: attrs}
}

func TestGatherOffer(t *testing.T) {
	cfg, diags := ParseConfig("cfg.hcl", []byte(minimal))
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	ctx := context.Background()
	const keyA, keyB = "SHA256:yWNbXDb0ORpVCxGaXX4putb8VCVuXSv7/JvPpGM6h70", "SHA256:ti0Ugfk8jfBxmlWFBL7XblZNImxXQO4Wm7U0GGbOj0c"

	o, err := gatherOffer(ctx, cfg, nil, fakeNodes{nodes: []bridge.Node{
		node("a", "10.0.0.1:2222", keyA, leasejob.DatasetAttr("bafyb"), "true", leasejob.DatasetAttr("bafya"), "true"),
		node("b", "10.0.0.2:2222", keyA, leasejob.DatasetAttr("bafya"), "true", leasejob.DatasetAttr("bafyc"), "false",
			// A held piece: v2 PieceCID true, v1 PieceCID with its padded size (not announced).
			leasejob.PieceAttr("bafkzcibd"), "true", leasejob.PieceAttr("baga6ea4seaq"), "2097152"),
	}}, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprintf("%s %s %s nodes=%d cpus=%s memory=%s", o.Endpoint, o.HostKey, strings.Join(o.Datasets, ","), o.Meta.Nodes, o.Meta.CPUs, o.Meta.Memory)
	if want := "10.0.0.1:2222 " + keyA + " bafkzcibd,bafya,bafyb nodes=2 cpus=8 memory=16Gi"; got != want {
		t.Fatalf("offer %+v:\n got %s\nwant %s", o, got, want)
	}
	if o, err := gatherOffer(ctx, cfg, nil, fakeNodes{nodes: []bridge.Node{node("a", "10.0.0.1:2222", keyA)}}, "sp.example.org:22", nil); err != nil || o.Endpoint != "sp.example.org:22" {
		t.Fatalf("--endpoint: %+v %v", o, err)
	}

	for _, tc := range []struct {
		name  string
		nodes []bridge.Node
		want  string // part of the error
		exact bool   // want is the whole error
	}{
		{"different host keys", []bridge.Node{node("a", "10.0.0.1:2222", keyA), node("b", "10.0.0.2:2222", keyB)},
			"the nodes' SSH gateways have different host keys (" + keyB + " on b; " + keyA + " on a); the marketplace records one fingerprint per provider, " +
				"so configure the same host_key_file in the shale plugin config of every node and restart them", true},
		{"no nodes", nil, "no ready Nomad node", false},
		{"no gateway", []bridge.Node{node("a", "", "")}, "without its SSH gateway", false},
	} {
		_, err := gatherOffer(ctx, cfg, nil, fakeNodes{nodes: tc.nodes}, "", nil)
		if !errHas(err, tc.want) || (tc.exact && err.Error() != tc.want) {
			t.Errorf("%s: %v\nwant %s", tc.name, err, tc.want)
		}
	}
}

// A lease file's problems come back as file:line:col diagnostics before Nomad is contacted.
func TestLeaseContainerDiagnostics(t *testing.T) {
	file := filepath.Join(t.TempDir(), "bad.hcl")
	if err := os.WriteFile(file, []byte("lease \"x\" {\n  provider = \"f01946720\"\n  image = \"shale/debian:bookworm\"\n  ssh_keys = []\n  colour = 1\n}\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	err := leaseContainer(context.Background(), file, leaseContainerOptions{Nomad: "http://127.0.0.1:1", PaymentKeyOut: filepath.Join(t.TempDir(), "k")}, &out)
	if err == nil || !strings.Contains(err.Error(), file+":5:3: Unsupported argument") {
		t.Fatalf("lease-container: %v", err)
	}
}
