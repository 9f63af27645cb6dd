package bridge

import (
	"encoding/json"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Handler serves /metrics (Prometheus, from gatherer) and /healthz: 200 while rounds succeed,
// 503 with the last error when the chain or Nomad has been failing for a while.
func (b *Bridge) Handler(gatherer prometheus.Gatherer) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.HandlerFor(gatherer, promhttp.HandlerOpts{}))
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, _ *http.Request) {
		ok, last, lastErr := b.Health()
		body := struct {
			OK        bool   `json:"ok"`
			LastRound string `json:"last_successful_round,omitempty"`
			Error     string `json:"last_error,omitempty"`
		}{OK: ok, Error: lastErr}
		if !last.IsZero() {
			body.LastRound = last.UTC().Format(time.RFC3339)
		}
		w.Header().Set("Content-Type", "application/json")
		if !ok {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
		_ = json.NewEncoder(w).Encode(body)
	})
	return mux
}
