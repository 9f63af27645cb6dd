#!/usr/bin/env bash
# Build geth (go-ethereum) at the version go.mod pins, v1.17.10, from the Go module proxy into
# the cached bin dir. e2e tests and the demo run it as a real `geth --dev` chain on loopback.
# Prints the binary's path. Re-running reuses the cached binary when it already reports 1.17.10.
source "$(dirname "$0")/lib.sh"
GETH="$BIN/geth"
VERSION=1.17.10
# `geth version` prints "Version: 1.17.10-stable"; the trailing dash keeps 1.17.100 from matching.
if [[ -x "$GETH" ]] && "$GETH" version 2>/dev/null | grep -q "^Version: $VERSION-"; then
  echo "$GETH"; exit 0
fi
log "building geth v$VERSION from source (once; about 3 minutes on 2 cores, cached in $BIN)"
# Build into a private dir then rename: a build that dies midway never leaves a broken binary.
tmp="$(mktemp -d "$CACHE/geth-build.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
# Build inside go-ethereum's own module (its go.mod and go.sum), fetched with `go mod download`:
# `go install pkg@version` would also ask the proxy for the version list, which the proxy here
# may refuse, and building from shale's module would need cmd/geth's extra deps in our go.sum.
dir="$(cd / && GOFLAGS= go mod download -json "github.com/ethereum/go-ethereum@v$VERSION" | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
[[ -d "$dir" ]] || die "go mod download github.com/ethereum/go-ethereum@v$VERSION found no module dir"
# CGO off: a static binary, no C toolchain needed (geth falls back to pure-Go crypto).
(cd "$dir" && GOFLAGS=-mod=readonly CGO_ENABLED=0 go build -trimpath -buildvcs=false -o "$tmp/geth" ./cmd/geth)
mv "$tmp/geth" "$GETH"
"$GETH" version >&2
echo "$GETH"
