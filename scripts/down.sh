#!/usr/bin/env bash
# Stop what scripts/demo.sh started (the Nomad dev agent and its containers).
source "$(dirname "$0")/lib.sh"
if [[ -f "$CACHE/nomad.pid" ]]; then
  pid=$(cat "$CACHE/nomad.pid")
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping nomad agent ($pid)"
    kill -INT "$pid"
    wait_for "nomad to exit" 60 bash -c "! kill -0 $pid"
  fi
  rm -f "$CACHE/nomad.pid"
fi
ids=$(docker ps -aq --filter label=io.shale.managed=true 2>/dev/null || true)
[[ -z "$ids" ]] || docker rm -f $ids >/dev/null
log "down"
