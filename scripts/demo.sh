#!/usr/bin/env bash
# The main job: the whole Shale journey on local real parts.
#
#   provider: Docker engine, geth --dev with the marketplace deployed, a Nomad dev agent with
#             the shale plugin holding Fashion-MNIST as deal data, shale-bridge registered and
#             running;
#   client:   shale sps → shale lease apply → shale ssh -- python3 train.py → shale terminate
#             → settlement with a Groth16 proof → balances → shale rate.
#
# Ctrl-C (or any failure) stops everything it started. KEEP=1 leaves the provider running
# (stop it with `make down`).
source "$(dirname "$0")/lib.sh"

DEMO="$CACHE/demo"
NOMAD_PORT=${NOMAD_PORT:-4646}
GETH_PORT=${GETH_PORT:-8545}
BRIDGE_LISTEN=${BRIDGE_LISTEN:-127.0.0.1:9100}
GATEWAY_PORT=${GATEWAY_PORT:-2222}
MINER=f01946720

bold() { printf '\n\033[1m%s\033[0m\n' "$*"; }
say() { printf '   %s\n' "$*"; }
run() { printf '\033[36m$ %s\033[0m\n' "$*" >&2; "$@"; }

# The driver keeps a read-only bind mount of its deal cache in its state dir (deal-view); it
# outlives the agent by design, so the demo's own dir is unmounted before it is removed.
unmount_under() { findmnt -rn -o TARGET | grep -F "$1/" | sort -r | xargs -r -n1 umount -l 2>/dev/null || true; }

pids=()
cleanup() {
  local code=$?
  trap - EXIT INT TERM
  if [[ "${KEEP:-}" == 1 && $code == 0 ]]; then
    say "KEEP=1: provider left running (make down stops it); work dir $DEMO"
    exit 0
  fi
  log "cleaning up"
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill -INT "${pids[i]}" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null || true
  done
  rm -f "$CACHE/nomad.pid" "$CACHE/demo.pids"
  if [[ -n "${NODE_ID:-}" ]]; then
    ids=$(docker ps -aq --filter "label=com.hashicorp.nomad.node_id=$NODE_ID" 2>/dev/null || true)
    [[ -z "$ids" ]] || docker rm -f $ids >/dev/null
  fi
  unmount_under "$DEMO"
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
# wait_prover: the bridge loads (the first time, derives) its settlement keys in the background
# while orders move; settling needs them, so wait here, saying each loading step as it changes.
wait_prover() {
  local last="" deadline=$((SECONDS + 1800)) body state progress
  while :; do
    body=$(curl -s "http://$BRIDGE_LISTEN/readyz" || true)
    state=$(sed -n 's/.*"prover":{"state":"\([a-z]*\)".*/\1/p' <<<"$body")
    progress=$(sed -n 's/.*"prover":{[^}]*"progress":"\([^"]*\)".*/\1/p' <<<"$body")
    case $state in
      ok) say "settlement prover ready"; return 0 ;;
      failed) die "the bridge's settlement prover failed: $(sed -n 's/.*"prover":{[^}]*"error":"\([^"]*\)".*/\1/p' <<<"$body") (log: $DEMO/log/bridge.log)" ;;
    esac
    if [[ "$state $progress" != "$last" ]]; then
      say "settlement prover: ${state:-starting}${progress:+ ($progress)}"
      last="$state $progress"
    fi
    (( SECONDS < deadline )) || die "timed out after 30 min waiting for the bridge's settlement prover (log: $DEMO/log/bridge.log)"
    sleep 2
  done
}
start() { # start NAME LOG CMD...: a background process stopped on exit
  local name=$1 logf=$2; shift 2
  nohup setsid "$@" >"$logf" 2>&1 </dev/null &
  pids+=($!)
  echo "$!" >>"$CACHE/demo.pids"
  say "$name started (pid $!, log $logf)"
}

bold "0. Preparing this machine (idempotent: Docker, Nomad, geth, images, dataset, binaries)"
say "each step says what it does; the first run builds Nomad, geth and kubo from source (about 12 minutes on 2 cores), later runs reuse them (full log: $CACHE/log-setup.txt)"
# The step lines of setup (==>) are shown as they happen; the compilers' chatter goes to the log.
if ! "$ROOT/scripts/setup.sh" 2>&1 | tee "$CACHE/log-setup.txt" | { grep --line-buffered '^==> ' || true; } | sed -u 's/^==> /   /'; then
  tail -30 "$CACHE/log-setup.txt" >&2
  die "setup failed (full log: $CACHE/log-setup.txt)"
fi
say "building shale-driver, shale, shale-bridge and shale-devnet (first time: about 2 minutes)"
PLUGINS=$("$ROOT/scripts/plugin.sh")
(cd "$ROOT" && CGO_ENABLED=0 go build -trimpath -o "$BIN/" ./cmd/shale ./cmd/shale-bridge ./cmd/shale-devnet)
export PATH="$BIN:$PATH"
unmount_under "$DEMO"
rm -rf "$DEMO"
mkdir -p "$DEMO/client/.ssh" "$DEMO/log"
: >"$CACHE/demo.pids"
for p in "$NOMAD_PORT" "$GETH_PORT" "$GATEWAY_PORT" "${BRIDGE_LISTEN##*:}"; do
  ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || die "port $p is in use (a previous demo? run make down)"
done

bold "1. The chain: geth --dev, and the marketplace + settlement verifier deployed"
start "geth --dev" "$DEMO/log/geth.log" "$BIN/geth" --dev --dev.period 1 --datadir "$DEMO/geth" \
  --http --http.addr 127.0.0.1 --http.port "$GETH_PORT" --http.api eth,net,web3 \
  --nodiscover --maxpeers 0 --nat none --ipcdisable
RPC=http://127.0.0.1:$GETH_PORT
wait_for "geth RPC" 60 curl -sf -H 'Content-Type: application/json' \
  -d '{"jsonrpc":"2.0","id":1,"method":"eth_blockNumber","params":[]}' "$RPC"
printf 'demo\n' >"$DEMO/password" && chmod 600 "$DEMO/password"
DEPLOYER=$(shale-devnet keystore --light-kdf --out "$DEMO/deployer.json" --password-file "$DEMO/password")
SP=$(shale-devnet keystore --light-kdf --out "$DEMO/provider.json" --password-file "$DEMO/password")
shale-devnet fund --rpc "$RPC" --to "$DEPLOYER" --amount 10fil >/dev/null
shale-devnet fund --rpc "$RPC" --to "$SP" --amount 10fil >/dev/null
run shale-devnet deploy --rpc "$RPC" --keystore "$DEMO/deployer.json" --password-file "$DEMO/password" --out "$DEMO/deploy.json"
CONTRACT=$(sed -n 's/.*"contract": *"\(0x[0-9a-fA-F]*\)".*/\1/p' "$DEMO/deploy.json")
BLOCK=$(sed -n 's/.*"block": *\([0-9]*\).*/\1/p' "$DEMO/deploy.json")

bold "2. The provider's node: Fashion-MNIST imported as a deal, Nomad with the shale plugin"
CID=$(run "$PLUGINS/shale-driver" deals import -store "$DEMO/cars" /usr/share/datasets/fashion-mnist)
say "dataset CID: $CID"
sed -e "s#/var/lib/shale/cars#$DEMO/cars#" -e "s#/var/lib/shale\"#$DEMO/shale-state\"#" \
  -e "s#0.0.0.0:2222#127.0.0.1:$GATEWAY_PORT#" -e "s#/opt/nomad/plugins#$PLUGINS#" \
  "$ROOT/examples/agent/shale.hcl" >"$DEMO/agent.hcl"
printf 'bind_addr = "127.0.0.1"\nports {\n  http = %s\n}\n' "$NOMAD_PORT" >>"$DEMO/agent.hcl"
export NOMAD_ADDR=http://127.0.0.1:$NOMAD_PORT
start "nomad agent -dev" "$DEMO/log/nomad.log" "$BIN/nomad" agent -dev -config="$DEMO/agent.hcl"
echo "${pids[-1]}" >"$CACHE/nomad.pid"
healthy() { "$BIN/nomad" node status -self -verbose 2>/dev/null | grep -q "driver.shale.dataset.$CID"; }
wait_for "the node to fingerprint the shale driver and the dataset" 180 healthy
NODE_ID=$("$BIN/nomad" node status -self -t '{{.ID}}')
"$BIN/nomad" node status -self -verbose | grep -E "driver\.shale\.(dataset|gateway)" | sed 's/^/   /'

bold "3. The provider registers and starts shale-bridge"
cat >"$DEMO/shale-bridge.hcl" <<EOF
chain {
  rpc           = "$RPC"
  contract      = "$CONTRACT"
  keystore      = "$DEMO/provider.json"
  password_file = "$DEMO/password"
  confirmations = 1
  start_block   = $BLOCK
  poll_interval = "1s"
}
nomad {
  address = "$NOMAD_ADDR"
}
provider {
  miner_id = "$MINER"
}
policy {
  min_price    = "0.001fil/min"
  max_duration = "24h"
  images       = ["shale/*"]
}
settlement {
  max_wait = "5s"
}
state_dir = "$DEMO/bridge"
listen    = "$BRIDGE_LISTEN"
EOF
run shale-bridge register -config "$DEMO/shale-bridge.hcl"
start "shale-bridge" "$DEMO/log/bridge.log" "$BIN/shale-bridge" run -config "$DEMO/shale-bridge.hcl"
wait_for "shale-bridge /healthz" 60 curl -sf "http://$BRIDGE_LISTEN/healthz"
say "the bridge serves and moves orders now; its settlement prover loads in the background (the first run derives its keys: a few minutes on 2 cores, then cached)"

bold "4. The client: keys, then the providers holding Fashion-MNIST"
export HOME="$DEMO/client" SHALE_CONFIG="$DEMO/client/.config/shale/config.hcl"
ssh-keygen -q -t ed25519 -N "" -C client -f "$HOME/.ssh/id_ed25519"
run shale keys init --light --rpc "$RPC" --contract "$CONTRACT"
CLIENT=$(shale balance -o json | sed -n 's/.*"address": *"\(0x[0-9a-fA-F]*\)".*/\1/p')
shale-devnet fund --rpc "$RPC" --to "$CLIENT" --amount 5fil >/dev/null
run shale balance
run shale sps --dataset "$CID"

bold "5. Lease a container next to the data (2h at 0.01 FIL/min: 1.2 FIL escrowed)"
LEASE=$(run shale lease apply --var "dataset=$CID" --var gpus=0 --var cpus=1 --var memory=2Gi \
  "$ROOT/examples/leases/fashion-mnist.hcl")
LEASE_RUNNING=$(date +%s) # the lease started on chain before apply returned
say "lease: $LEASE"

bold "6. Train a classifier on the provider's copy of the data, over SSH, paying by the second"
run shale ssh "$LEASE" -- 'cat > train.py' <"$ROOT/examples/fashion-mnist/train.py"
run shale ssh "$LEASE" -- python3 train.py /data/fashion-mnist
run shale ssh "$LEASE" -- 'touch /data/fashion-mnist/x' || say "(the deal data is read-only, as it should be)"

bold "7. Terminate; the bridge collects the final voucher and settles with a Groth16 proof"
# Past a minute (what a rating needs): the payer's last voucher runs up to its 1 m prepay ahead,
# and the contract pays only the time the lease ran on chain, so the figures below show the rule.
ran=$(( $(date +%s) - LEASE_RUNNING ))
if [ "$ran" -lt 65 ]; then
  say "the lease has run ${ran}s; letting it pass a minute first"
  sleep $(( 65 - ran ))
fi
run shale terminate "$LEASE"
wait_prover
settled() { shale-bridge status -config "$DEMO/shale-bridge.hcl" --all -o json | grep -q '"state": *"settled"'; }
wait_for "the settlement on chain" 300 settled
run shale leases
run shale-bridge status -config "$DEMO/shale-bridge.hcl" --all

bold "8. Balances after: the client gets escrow − paid back (paid: the time the lease ran, not the prepaid voucher), the provider paid + its collateral"
run shale balance
run shale withdraw
run shale balance
say "the provider's bridge, from its /metrics:"
curl -s "http://$BRIDGE_LISTEN/metrics" | grep -E '^shale_bridge_(orders_accepted|orders_settled|batches_settled)_total' | sed 's/^/     /'

bold "9. The client rates the provider"
run shale rate "$LEASE" 5
run shale sps

bold "Done: the whole journey ran on this machine."
