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
log "go test ./..."
export SHALE_NOMAD="$BIN/nomad"
go test -count=1 -timeout 60m -p 2 "$@" ./...
