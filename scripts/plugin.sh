#!/usr/bin/env bash
# Build the shale plugin (static: it is also every container's init) into the cached plugin dir.
# Prints the plugin dir.
source "$(dirname "$0")/lib.sh"
PLUGINS="$CACHE/plugins"
mkdir -p "$PLUGINS"
(cd "$ROOT" && CGO_ENABLED=0 go build -trimpath -o "$PLUGINS/shale-driver.tmp" ./cmd/shale-driver)
mv "$PLUGINS/shale-driver.tmp" "$PLUGINS/shale-driver"
echo "$PLUGINS"
