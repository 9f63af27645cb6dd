// Package bench holds benchmarks that need real components; each compares against a baseline
// measured in the same run and writes its section of bench/RESULTS.md. Run: make bench.
package bench
