package gateway

import "github.com/prometheus/client_golang/prometheus"

// gatewayMetrics are the gateway's Prometheus series, on a registry of its own so the driver can
// expose it wherever it serves /metrics without colliding with other collectors.
type gatewayMetrics struct {
	registry    *prometheus.Registry
	connections prometheus.Gauge
	sessions    *prometheus.CounterVec
	refused     prometheus.Counter
	bytes       *prometheus.CounterVec
	bytesIn     prometheus.Counter // bytes' series, looked up once: they are hit per chunk
	bytesOut    prometheus.Counter
	vouchers    *prometheus.CounterVec
	arrears     prometheus.Counter
	behind      prometheus.Gauge
	cutOff      prometheus.Counter
}

func newMetrics() *gatewayMetrics {
	m := &gatewayMetrics{
		registry: prometheus.NewRegistry(),
		connections: prometheus.NewGauge(prometheus.GaugeOpts{
			Namespace: "shale", Subsystem: "gateway", Name: "connections",
			Help: "Authenticated SSH connections currently open.",
		}),
		sessions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "shale", Subsystem: "gateway", Name: "sessions_total",
			Help: "Sessions started, by kind (shell, exec, sftp, direct-tcpip).",
		}, []string{"kind"}),
		refused: prometheus.NewCounter(prometheus.CounterOpts{
			Namespace: "shale", Subsystem: "gateway", Name: "connections_refused_total",
			Help: "Connections refused by the per-source limit.",
		}),
		bytes: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "shale", Subsystem: "gateway", Name: "bytes_total",
			Help: "Channel bytes through the gateway, by direction (in: client to container).",
		}, []string{"direction"}),
		vouchers: prometheus.NewCounterVec(prometheus.CounterOpts{
			Namespace: "shale", Subsystem: "gateway", Name: "vouchers_total",
			Help: "Payment messages from clients, by result (accepted vouchers; rejected vouchers, terminates and malformed frames).",
		}, []string{"result"}),
		arrears: prometheus.NewCounter(prometheus.CounterOpts{
			Namespace: "shale", Subsystem: "gateway", Name: "arrears_stops_total",
			Help: "Leases stopped because payment fell behind beyond the grace window.",
		}),
		behind: prometheus.NewGauge(prometheus.GaugeOpts{
			Namespace: "shale", Subsystem: "gateway", Name: "leases_in_arrears",
			Help: "Leases whose paid amount is below what is due (still within grace).",
		}),
		cutOff: prometheus.NewCounter(prometheus.CounterOpts{
			Namespace: "shale", Subsystem: "gateway", Name: "payment_cutoffs_total",
			Help: "Connections closed because their client left payment messages unread (full queue or send timeout).",
		}),
	}
	m.bytesIn, m.bytesOut = m.bytes.WithLabelValues("in"), m.bytes.WithLabelValues("out")
	m.registry.MustRegister(m.connections, m.sessions, m.refused, m.bytes, m.vouchers, m.arrears, m.behind, m.cutOff)
	return m
}

// Registry is the gateway's metrics registry; serve it with promhttp.HandlerFor.
func (g *Server) Registry() *prometheus.Registry { return g.metrics.registry }
