#!/usr/bin/env bash
# Everything the tests and the demo need on a fresh Debian machine: Docker engine, the Nomad
# agent, the local images, the contract toolchain. Idempotent: re-running reuses what is there.
source "$(dirname "$0")/lib.sh"
"$ROOT/scripts/docker.sh"
"$ROOT/scripts/nomad.sh" >/dev/null
"$ROOT/scripts/images.sh"
"$ROOT/scripts/datasets.sh"
"$ROOT/scripts/kubo.sh" >/dev/null
"$ROOT/scripts/geth.sh" >/dev/null
# OpenSSH clients drive the gateway tests; sshd is the gateway benchmark's baseline.
apt_install openssh-client openssh-server ssh-audit tmux procps iproute2 util-linux python3
# Pages (the operator page, exposed web servers) are tested in a real headless browser.
apt_install chromium fonts-dejavu-core
if [[ -f "$ROOT/contracts/package-lock.json" ]]; then
  log "npm ci in contracts/ (the Solidity compiler; a few seconds when cached)"
  (cd "$ROOT/contracts" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
