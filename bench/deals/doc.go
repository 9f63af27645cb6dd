// Package dealsbench measures deal-data resolution: unpack+verify throughput of a 1 GiB dataset
// against sha256sum, and cached-resolve latency; writes its section of bench/RESULTS.md (make bench).
package dealsbench
