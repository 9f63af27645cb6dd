#!/usr/bin/env bash
# Stop what scripts/demo.sh left running (KEEP=1): shale-bridge, the Nomad dev agent, geth,
# then the containers of the demo's node (only those: tests may be running their own agents
# on the same engine).
source "$(dirname "$0")/lib.sh"
export NOMAD_ADDR=http://127.0.0.1:${NOMAD_PORT:-4646}
node=$("$BIN/nomad" node status -self -t '{{.ID}}' 2>/dev/null || true)
if [[ -f "$CACHE/demo.pids" ]]; then
  for pid in $(tac "$CACHE/demo.pids"); do
    if kill -0 "$pid" 2>/dev/null; then
      log "stopping $(tr '\0' ' ' <"/proc/$pid/cmdline" | cut -c1-60) ($pid)"
      kill -INT "$pid"
      wait_for "$pid to exit" 60 bash -c "! kill -0 $pid"
    fi
  done
  rm -f "$CACHE/demo.pids" "$CACHE/nomad.pid"
fi
if [[ -n "$node" ]]; then
  ids=$(docker ps -aq --filter "label=com.hashicorp.nomad.node_id=$node" 2>/dev/null || true)
  [[ -z "$ids" ]] || docker rm -f $ids >/dev/null
fi
# The driver's read-only view of its deal cache outlives the agent; the demo dir is disposable.
findmnt -rn -o TARGET | grep -F "$CACHE/demo/" | sort -r | xargs -r -n1 umount -l 2>/dev/null || true
log "down"
