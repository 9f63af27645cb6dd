#!/usr/bin/env bash
# Every benchmark, each against its same-run baseline, each rewriting its own section of
# bench/RESULTS.md. Hours on a 2-core machine (the settlement benchmark derives dev keys for
# K = 8 and 32 on first use); run on a quiet machine: each section records the load it saw.
source "$(dirname "$0")/lib.sh"
"$ROOT/scripts/setup.sh"
cd "$ROOT"
R="$ROOT/bench/RESULTS.md"
export SHALE_NOMAD="$BIN/nomad"
log "driver, deals, SSH gateway and bridge benchmarks"
go test -tags bench -run 'Test' -count=1 -timeout 90m -v ./bench/...
go test -tags bench -run 'TestBenchLoad|TestBenchBurst' -count=1 -timeout 2h -v ./bridge/
log "contract gas per operation, with real proofs (derives K=4 keys if missing)"
SHALE_GAS_REPORT="$R" go test -tags realproof -run 'TestGasReport' -count=1 -timeout 60m -v ./contracts/
log "settlement per lease, batched vs naive, K = ${SHALE_BENCH_K:-4,8,32} (derives each K's keys on first use)"
SHALE_BENCH_REPORT="$R" go test -tags bench -run 'TestBenchSettlement' -count=1 -timeout 3h -v ./contracts/
log "prover: circuit size per K, the commitment hash alone, sha256 vs MiMC circuits and prove times"
SHALE_BENCH_REPORT="$R" go test -tags bench -run 'TestBenchCircuit' -count=1 -timeout 2h -v ./prover/
log "prover key load time against key size"
SHALE_BENCH_REPORT="$R" SHALE_BENCH_KEYLOAD_K="${SHALE_BENCH_KEYLOAD_K:-4,32}" \
  go test -tags bench -run 'TestBenchKeyLoad' -count=1 -timeout 3h -v ./prover/
log "bench/RESULTS.md updated; git diff bench/RESULTS.md shows what moved"
