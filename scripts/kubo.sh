#!/usr/bin/env bash
# Build Kubo (the IPFS daemon, `ipfs`) v0.38.0 from the Go module proxy into the cached bin dir.
# The deals tests run it offline on loopback as a real trustless gateway. Prints the binary's path.
# Re-running reuses the cached binary when it is already v0.38.0.
source "$(dirname "$0")/lib.sh"
KUBO="$BIN/ipfs"
VERSION=0.38.0
if [[ -x "$KUBO" ]] && "$KUBO" version 2>/dev/null | grep -q "ipfs version $VERSION"; then
  echo "$KUBO"; exit 0
fi
log "building kubo v$VERSION from source (once; about 4 minutes on 2 cores, cached in $BIN)"
# Build into a private dir then rename: a build that dies midway never leaves a broken binary.
tmp="$(mktemp -d "$CACHE/kubo-build.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
# Build inside kubo's own module (its go.mod, go.sum and replaces), fetched with `go mod download`:
# `go install pkg@version` would also ask the proxy for kubo's version list (deprecation check),
# which the proxy here refuses.
dir="$(cd / && GOFLAGS= go mod download -json "github.com/ipfs/kubo@v$VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
[[ -d "$dir" ]] || die "go mod download github.com/ipfs/kubo@v$VERSION found no module dir"
# untested_go_version: kubo v0.38.0 pins cockroachdb/swiss, whose Go-runtime hooks are gated to
# Go < 1.26 by a build tag; without the tag the build fails on Go 1.26. The tag is swiss's own
# opt-in for newer Go; the deals tests exercise the daemon built this way.
(cd "$dir" && GOFLAGS=-mod=readonly CGO_ENABLED=0 go build -trimpath -buildvcs=false -tags untested_go_version -o "$tmp/ipfs" ./cmd/ipfs)
mv "$tmp/ipfs" "$KUBO"
"$KUBO" version >&2
echo "$KUBO"
