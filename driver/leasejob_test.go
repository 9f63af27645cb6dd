package driver

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/shaleprotocol/shale/deals"
	"github.com/shaleprotocol/shale/lease"
	"github.com/shaleprotocol/shale/leasejob"
)

// TestLeaseJobMountsDecode builds the job a bridge submits for each way a lease names its
// deal data and decodes the task config as the Nomad client does (the API's JSON, then
// hclspec → hcldec → msgpack) into the driver's TaskConfig: the driver must see the same
// payload CID and piece (CID and padded size) the lease ordered.
func TestLeaseJobMountsDecode(t *testing.T) {
	p := deals.Piece{Root: sha256.Sum256([]byte("piece")), PaddedSize: 32 << 30, Payload: 32<<30*127/128 - 1000}
	p.Root[31] &= 0x3f
	v1, v2 := p.V1().String(), p.V2().String()
	var key [32]byte
	if _, err := hex.Decode(key[:], []byte(strings.TrimPrefix(testPubKey, "0x"))); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		mount lease.Mount
	}{
		{"payload CID", lease.Mount{CID: testCID}},
		{"v1 PieceCID with size", lease.Mount{PieceCID: v1, PieceSize: 32 << 30}},
		{"v2 PieceCID", lease.Mount{PieceCID: v2}},
		{"v2 PieceCID with size", lease.Mount{PieceCID: v2, PieceSize: 32 << 30}},
		{"v1 PieceCID and payload CID", lease.Mount{CID: testCID, PieceCID: v1, PieceSize: 32 << 30}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.mount.Path = "/data/deal"
			s := lease.Spec{
				Provider: "f01946720", Image: "shale/debian:bookworm",
				Resources: lease.Resources{CPU: 1000, Memory: 1 << 30},
				Mounts:    []lease.Mount{tt.mount}, SSHKeys: []string{testSSHKey},
				Price: lease.MustParsePrice("0.01fil/min"), Duration: time.Hour, Prepay: lease.DefaultPrepay, Grace: lease.DefaultGrace,
			}
			job, err := leasejob.Job(s, lease.LeaseID{ChainID: 31337}, leasejob.Options{ExpiresAt: time.Now().Add(time.Hour), PaymentKey: key})
			if err != nil {
				t.Fatal(err)
			}
			b, err := json.Marshal(job.TaskGroups[0].Tasks[0].Config)
			if err != nil {
				t.Fatal(err)
			}
			var raw map[string]any
			if err := json.Unmarshal(b, &raw); err != nil {
				t.Fatal(err)
			}
			tc, err := decodeTaskConfig(t, raw)
			if err != nil {
				t.Fatalf("driver refuses the lease's task config: %v", err)
			}
			if len(tc.Mounts) != 1 {
				t.Fatalf("mounts %+v", tc.Mounts)
			}
			m := tc.Mounts[0]
			if m.CID != tt.mount.CID || m.PieceCID != tt.mount.PieceCID || m.Path != "/data/deal" {
				t.Fatalf("driver mount %+v, lease mount %+v", m, tt.mount)
			}
			if tt.mount.PieceCID == "" {
				return
			}
			got, err := mountPiece(m)
			if err != nil {
				t.Fatal(err)
			}
			if got.V1() != p.V1() || got.PaddedSize != p.PaddedSize {
				t.Fatalf("driver piece %s, want %s", got, p)
			}
		})
	}
}
