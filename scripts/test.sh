#!/usr/bin/env bash
# The whole test suite: set up the real components, vet, then every Go test (unit, Docker
# integration, Nomad end to end, fuzz seed corpora). No test is skipped.
source "$(dirname "$0")/lib.sh"
"$ROOT/scripts/setup.sh"
cd "$ROOT"
log "go vet ./..."
go vet ./...
unformatted=$(gofmt -l $(git ls-files '*.go' 2>/dev/null || find . -name '*.go' -not -path './.cache/*'))
[[ -z "$unformatted" ]] || die "gofmt needed: $unformatted"
log "tools/canfail (tests that can never fail)"
go run ./tools/canfail .
log "go test ./..."
export SHALE_NOMAD="$BIN/nomad" CI="${CI:-}"
go test -count=1 -timeout 60m -p 2 "$@" ./...
# Settlement with real Groth16 proofs through the real verifier: behind a tag so that the
# contracts package's ordinary tests stay independent of the prover's minutes-long key setup.
log "go test -tags realproof ./contracts (real proofs on the simulated EVM)"
go test -count=1 -timeout 30m -tags realproof -run 'TestRealProof' "$@" ./contracts
