package client_test

import (
	"crypto/sha256"
	"encoding/json"
	"strings"
	"testing"

	"github.com/multiformats/go-multibase"

	"github.com/shaleprotocol/shale/deals/piececid"
)

// A provider announces a dataset's payload CID and its v2 PieceCID (as `shale-bridge
// register` does): `shale sps` lists both, and --dataset finds the provider by either, by the
// piece's v1 PieceCID, or by a CID spelt in another base.
func TestProvidersByPieceCID(t *testing.T) {
	w := newWorld(t, 10)
	a := w.provider("f01000", providerOpts{})
	b := w.provider("f02000", providerOpts{})
	p := piececid.Piece{Root: sha256.Sum256([]byte("piece")), PaddedSize: 2 << 20, Payload: 2<<20*127/128 - 1000}
	p.Root[31] &= 0x3f
	other := piececid.Piece{Root: sha256.Sum256([]byte("other")), PaddedSize: 2 << 20, Payload: 1000}
	other.Root[31] &= 0x3f
	payload, v2, v1 := "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku", p.V2().String(), p.V1().String()
	if _, err := w.chain.Market.AnnounceDatasets(w.ctx, a.acct.Opts, payload, v2); err != nil {
		t.Fatal(err)
	}
	if _, err := w.chain.Market.AnnounceDatasets(w.ctx, b.acct.Opts, other.V2().String()); err != nil {
		t.Fatal(err)
	}

	out := w.run("sps").wantOK(t).stdout
	if row := strings.Split(out, "\n")[1]; !strings.Contains(row, "f01000") || !strings.Contains(row, payload+","+v2) {
		t.Fatalf("sps row lacks both CIDs of the dataset:\n%s", out)
	}
	for _, want := range []string{payload, v2, v1, p.V2().Encode(multibase.MustNewEncoder(multibase.Base58BTC))} {
		var ps []client_ProviderInfo
		if err := json.Unmarshal([]byte(w.run("sps", "--dataset", want, "-o", "json").wantOK(t).stdout), &ps); err != nil {
			t.Fatal(err)
		}
		if len(ps) != 1 || ps[0].MinerID != "f01000" {
			t.Errorf("sps --dataset %s: %+v, want f01000 alone", want, ps)
		}
	}
	r := w.run("sps", "--dataset", other.V1().String()+"x")
	if r.code != 0 || r.stdout != "" || !strings.Contains(r.stderr, "no provider announces dataset") {
		t.Errorf("sps --dataset with a garbled CID: %+v", r)
	}
	var ps []client_ProviderInfo
	if err := json.Unmarshal([]byte(w.run("sps", "--dataset", other.V1().String(), "-o", "json").wantOK(t).stdout), &ps); err != nil {
		t.Fatal(err)
	}
	if len(ps) != 1 || ps[0].MinerID != "f02000" {
		t.Errorf("sps --dataset %s: %+v, want f02000 alone", other.V1(), ps)
	}
}
