#!/usr/bin/env bash
# Stop what scripts/demo.sh started: the Nomad dev agent, then the containers of its node
# (only those: tests may be running their own agents on the same engine).
source "$(dirname "$0")/lib.sh"
export NOMAD_ADDR=http://127.0.0.1:4646
node=$("$BIN/nomad" node status -self -t '{{.ID}}' 2>/dev/null || true)
if [[ -f "$CACHE/nomad.pid" ]]; then
  pid=$(cat "$CACHE/nomad.pid")
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping nomad agent ($pid)"
    kill -INT "$pid"
    wait_for "nomad to exit" 60 bash -c "! kill -0 $pid"
  fi
  rm -f "$CACHE/nomad.pid"
fi
if [[ -n "$node" ]]; then
  ids=$(docker ps -aq --filter "label=com.hashicorp.nomad.node_id=$node" 2>/dev/null || true)
  [[ -z "$ids" ]] || docker rm -f $ids >/dev/null
fi
log "down"
