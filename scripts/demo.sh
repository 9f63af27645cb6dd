#!/usr/bin/env bash
# The main job: bring up Docker and a Nomad dev agent with the shale plugin, run the example
# lease job, and show it working. The agent keeps running; `make down` stops it.
source "$(dirname "$0")/lib.sh"
"$ROOT/scripts/docker.sh"
NOMAD=$("$ROOT/scripts/nomad.sh")
"$ROOT/scripts/images.sh"
PLUGINS=$("$ROOT/scripts/plugin.sh")
"$ROOT/scripts/datasets.sh"
log "importing Fashion-MNIST as deal data (shale-driver deals import)"
CID=$("$PLUGINS/shale-driver" deals import -store /var/lib/shale/cars /usr/share/datasets/fashion-mnist)
echo "  dataset CID: $CID"
export NOMAD_ADDR=http://127.0.0.1:4646

if ! "$NOMAD" node status >/dev/null 2>&1; then
  log "starting nomad agent -dev with the shale plugin (log: $CACHE/log/nomad.log)"
  mkdir -p "$CACHE/log"
  nohup setsid "$NOMAD" agent -dev -config="$ROOT/examples/agent/shale.hcl" -plugin-dir="$PLUGINS" \
    >"$CACHE/log/nomad.log" 2>&1 </dev/null &
  echo $! >"$CACHE/nomad.pid"
fi
healthy() { "$NOMAD" node status -self -verbose 2>/dev/null | grep -Eq '^shale +true +true'; }
wait_for "the shale driver to be healthy" 120 healthy
"$NOMAD" node status -self -verbose | sed -n '/^Drivers/,/^$/p'
has_dataset() { "$NOMAD" node status -self -verbose | grep -q "driver.shale.dataset.$CID"; }
wait_for "the node to fingerprint the dataset" 60 has_dataset
"$NOMAD" node status -self -verbose | grep -E "driver\.shale\.(dataset|gateway)" | sed 's/^/  /'

log "nomad job run examples/jobs/lease.nomad.hcl"
"$NOMAD" job run "$ROOT/examples/jobs/lease.nomad.hcl"
alloc=$("$NOMAD" job allocs -t '{{range .}}{{if eq .ClientStatus "running"}}{{.ID}}{{end}}{{end}}' lease-example)
[[ -n "$alloc" ]] || die "no running allocation for lease-example"
log "inside the lease container (nomad alloc exec):"
"$NOMAD" alloc exec -task lease "$alloc" sh -c 'echo "  pid 1: $(tr "\0" " " </proc/1/cmdline)"; echo "  $(python3 -c "import numpy; print(\"numpy\", numpy.__version__)")"; echo "  capabilities: $(grep CapEff /proc/self/status)"'
docker ps --filter "label=com.hashicorp.nomad.alloc_id=$alloc" --format '  container {{.Names}} ({{.ID}}) {{.Status}}'
cat <<MSG

The lease is running. Try:
  export NOMAD_ADDR=$NOMAD_ADDR
  $NOMAD alloc exec -i -t -task lease $alloc /bin/bash
  $NOMAD job stop lease-example
Stop everything with: make down
MSG
