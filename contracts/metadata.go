package contracts

import (
	"encoding/json"
	"fmt"
)

// ProviderMeta is the JSON a provider publishes as its registry metadata: what it offers and
// on which terms. The bridge writes it at registration; `shale sps` reads it. Amounts and sizes
// use the lease language's exact syntax, never floats.
type ProviderMeta struct {
	MinPrice    string   `json:"min_price,omitempty"`    // e.g. "0.01fil/min": the bridge rejects lower offers
	MaxDuration string   `json:"max_duration,omitempty"` // e.g. "24h"
	MaxGrace    string   `json:"max_grace,omitempty"`    // longest payment grace an order may ask, e.g. "10m0s"
	MaxPrepay   string   `json:"max_prepay,omitempty"`   // longest prepay an order may ask, e.g. "1h0m0s"
	Collateral  string   `json:"collateral,omitempty"`   // attoFIL posted per accepted order
	Nodes       int      `json:"nodes,omitempty"`        // Nomad client nodes running the shale driver
	CPUs        string   `json:"cpus,omitempty"`         // total cores offered, e.g. "16"
	Memory      string   `json:"memory,omitempty"`       // total memory, e.g. "64Gi"
	GPUs        int      `json:"gpus,omitempty"`
	Images      []string `json:"images,omitempty"` // image patterns leases may use; empty: any local image
	// MaxExposes is how many ports a lease may expose; absent (0) means none, which is also
	// what a provider that predates exposures does.
	MaxExposes int `json:"max_exposes,omitempty"`
}

// Encode returns the canonical JSON form.
func (m ProviderMeta) Encode() string {
	b, _ := json.Marshal(m) // only strings, ints and string slices: cannot fail
	return string(b)
}

// ParseProviderMeta decodes registry metadata. Empty metadata is an empty record; anything
// else must be the JSON object above (unknown fields are ignored for forward compatibility).
func ParseProviderMeta(s string) (ProviderMeta, error) {
	var m ProviderMeta
	if s == "" {
		return m, nil
	}
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		return ProviderMeta{}, fmt.Errorf("provider metadata: %w", err)
	}
	return m, nil
}
