package bridge

import (
	"encoding/json"
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Handler serves the read-only operator page at / (page.go), /metrics (Prometheus, from
// gatherer) and the health endpoints, both with the
// HealthReport as JSON, part by part (chain, Nomad, prover with its loading step or error):
// /healthz (liveness) is 200 while rounds succeed, so orders move, whatever the prover is
// doing; /readyz is 200 only when settlement works too (Nomad answers, prover ready).
func (b *Bridge) Handler(gatherer prometheus.Gatherer) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/metrics", promhttp.HandlerFor(gatherer, promhttp.HandlerOpts{}))
	serve := func(ready bool) http.HandlerFunc {
		return func(w http.ResponseWriter, _ *http.Request) {
			r := b.Report()
			w.Header().Set("Content-Type", "application/json")
			if (!ready && !r.OK) || (ready && !r.Ready) {
				w.WriteHeader(http.StatusServiceUnavailable)
			}
			_ = json.NewEncoder(w).Encode(r)
		}
	}
	mux.HandleFunc("/healthz", serve(false))
	mux.HandleFunc("/readyz", serve(true))
	mux.Handle("/", b.page())
	return mux
}
