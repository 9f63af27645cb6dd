# Shared helpers for scripts/: sourced, not run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${SHALE_CACHE:-$ROOT/.cache}"
# Tests, the prover and the demo share one cache (prover keys, binaries): derived once, reused.
export SHALE_CACHE="$CACHE"
BIN="$CACHE/bin"
mkdir -p "$BIN"
# A fresh machine's non-login shell may lack Go on PATH.
export PATH="$PATH:/usr/local/go/bin:$(go env GOPATH 2>/dev/null || echo "$HOME/go")/bin"
command -v go >/dev/null || { printf 'error: Go not found (want >= 1.25.7 at /usr/local/go)\n' >&2; exit 1; }
log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }
# wait_for DESC SECONDS CMD...: poll CMD until it succeeds or the deadline passes.
wait_for() {
  local desc=$1 secs=$2; shift 2
  local deadline=$((SECONDS + secs))
  until "$@" >/dev/null 2>&1; do
    (( SECONDS < deadline )) || die "timed out after ${secs}s waiting for $desc"
    sleep 0.5
  done
}
apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  (( ${#missing[@]} == 0 )) && return 0
  log "apt-get install ${missing[*]}"
  if [[ ! -f "$CACHE/.apt-updated" ]] || [[ -n "$(find "$CACHE/.apt-updated" -mmin +720)" ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq && touch "$CACHE/.apt-updated"
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
