package bridge

import (
	"github.com/prometheus/client_golang/prometheus"
)

// Metrics are the bridge's Prometheus series (namespace shale_bridge).
type Metrics struct {
	seen            prometheus.Counter
	rejected        *prometheus.CounterVec
	accepted        prometheus.Counter
	started         prometheus.Counter
	settled         prometheus.Counter
	batches         prometheus.Counter
	transitions     *prometheus.CounterVec
	errors          *prometheus.CounterVec
	orders          *prometheus.GaugeVec
	cursor          prometheus.Gauge
	registerLatency prometheus.Histogram
	proveSeconds    prometheus.Histogram
	settleBlocked   prometheus.Gauge
}

// NewMetrics creates the series and registers them with reg (nil: not registered).
func NewMetrics(reg prometheus.Registerer) *Metrics {
	const ns = "shale_bridge"
	m := &Metrics{
		seen:     prometheus.NewCounter(prometheus.CounterOpts{Namespace: ns, Name: "orders_seen_total", Help: "Orders addressed to this provider seen on chain."}),
		rejected: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: ns, Name: "orders_rejected_total", Help: "Orders rejected, by reason."}, []string{"reason"}),
		accepted: prometheus.NewCounter(prometheus.CounterOpts{Namespace: ns, Name: "orders_accepted_total", Help: "acceptOrder transactions sent."}),
		started:  prometheus.NewCounter(prometheus.CounterOpts{Namespace: ns, Name: "leases_started_total", Help: "startLease transactions sent."}),
		settled:  prometheus.NewCounter(prometheus.CounterOpts{Namespace: ns, Name: "orders_settled_total", Help: "Orders settled with a proof."}),
		batches:  prometheus.NewCounter(prometheus.CounterOpts{Namespace: ns, Name: "batches_settled_total", Help: "settleBatch transactions that landed."}),
		transitions: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: ns, Name: "transitions_total",
			Help: "Persisted order transitions, by new state."}, []string{"state"}),
		errors: prometheus.NewCounterVec(prometheus.CounterOpts{Namespace: ns, Name: "errors_total",
			Help: "Transient failures (retried), by operation."}, []string{"op"}),
		orders: prometheus.NewGaugeVec(prometheus.GaugeOpts{Namespace: ns, Name: "orders",
			Help: "Orders in the store, by state."}, []string{"state"}),
		cursor: prometheus.NewGauge(prometheus.GaugeOpts{Namespace: ns, Name: "chain_cursor", Help: "Next block the watcher scans."}),
		registerLatency: prometheus.NewHistogram(prometheus.HistogramOpts{Namespace: ns, Name: "order_to_job_seconds",
			Help: "From an order being seen to its Nomad job being registered.", Buckets: prometheus.ExponentialBuckets(0.01, 2, 16)}),
		proveSeconds: prometheus.NewHistogram(prometheus.HistogramOpts{Namespace: ns, Name: "prove_seconds",
			Help: "Time to prove one settlement batch.", Buckets: prometheus.ExponentialBuckets(0.5, 2, 10)}),
		settleBlocked: prometheus.NewGauge(prometheus.GaugeOpts{Namespace: ns, Name: "settle_blocked",
			Help: "Collected leases whose settle deadline is near while the prover is not ready."}),
	}
	if reg != nil {
		reg.MustRegister(m.seen, m.rejected, m.accepted, m.started, m.settled, m.batches, m.transitions, m.errors,
			m.orders, m.cursor, m.registerLatency, m.proveSeconds, m.settleBlocked)
	}
	return m
}

func (b *Bridge) updateGauges(orders []*Order) {
	counts := map[State]int{}
	for _, o := range orders {
		counts[o.State]++
	}
	b.metrics.orders.Reset()
	for s, n := range counts {
		b.metrics.orders.WithLabelValues(string(s)).Set(float64(n))
	}
}
