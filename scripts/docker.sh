#!/usr/bin/env bash
# Install Debian's docker.io if absent and start dockerd (no systemd here), waiting until it answers.
source "$(dirname "$0")/lib.sh"
if ! command -v dockerd >/dev/null; then
  log "installing Debian's docker.io (once; about a minute)"
  apt_install docker.io iptables
fi
if docker info >/dev/null 2>&1; then
  log "docker engine already answering"; exit 0
fi
mkdir -p "$CACHE/log"
log "starting dockerd (log: $CACHE/log/dockerd.log)"
nohup setsid dockerd >"$CACHE/log/dockerd.log" 2>&1 </dev/null &
wait_for "dockerd" 60 docker info
log "docker $(docker version --format '{{.Server.Version}}') ready"
