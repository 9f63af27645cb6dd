#!/usr/bin/env bash
# Build the local test images (no registry is reachable here), reusing them when already tagged:
#   shale/busybox:bookworm — Debian's busybox-static, a tiny image for driver tests
#   shale/debian:bookworm  — debootstrap minbase + openssh-sftp-server, python3, python3-numpy
#   shale/jupyter:bookworm — shale/debian:bookworm + Debian's python3-notebook (examples/jupyter)
source "$(dirname "$0")/lib.sh"
command -v docker >/dev/null && docker info >/dev/null 2>&1 || die "docker engine not answering: run scripts/docker.sh first"

have() { docker image inspect "$1" >/dev/null 2>&1; }

if ! have shale/busybox:bookworm; then
  apt_install busybox-static
  log "building shale/busybox:bookworm (a few seconds)"
  dir=$(mktemp -d); trap 'rm -rf "$dir"' EXIT
  mkdir -p "$dir/bin" "$dir/tmp" "$dir/etc" "$dir/root"
  cp /bin/busybox "$dir/bin/busybox"
  for app in $("$dir/bin/busybox" --list); do [[ -e "$dir/bin/$app" ]] || ln -s busybox "$dir/bin/$app"; done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' >"$dir/etc/passwd"
  printf 'root:x:0:\nnogroup:x:65534:\n' >"$dir/etc/group"
  chmod 1777 "$dir/tmp"
  tar -C "$dir" -c . | docker import -c 'ENV PATH=/bin' -c 'CMD ["/bin/sh"]' - shale/busybox:bookworm >/dev/null
  rm -rf "$dir"; trap - EXIT
fi

if ! have shale/debian:bookworm; then
  apt_install debootstrap
  log "building shale/debian:bookworm with debootstrap (once; about a minute)"
  dir=$(mktemp -d -p "$CACHE"); trap 'rm -rf "$dir"' EXIT
  mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
  debootstrap --variant=minbase --include=openssh-sftp-server,python3,python3-numpy \
    bookworm "$dir" "$mirror" >"$CACHE/log-debootstrap.txt" 2>&1 \
    || { tail -20 "$CACHE/log-debootstrap.txt" >&2; die "debootstrap failed"; }
  rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/*
  tar -C "$dir" -c . | docker import \
    -c 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    -c 'ENV LANG=C.UTF-8' -c 'CMD ["/bin/bash"]' - shale/debian:bookworm >/dev/null
  rm -rf "$dir"; trap - EXIT
fi
if ! have shale/jupyter:bookworm; then
  log "building shale/jupyter:bookworm: Debian's notebook packages on shale/debian:bookworm (once; a few minutes)"
  mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
  name="shale-jupyter-build-$$"
  docker run --name "$name" shale/debian:bookworm sh -c "
    echo 'deb $mirror bookworm main' >/etc/apt/sources.list &&
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-notebook python3-ipykernel &&
    rm -rf /var/cache/apt/archives/*.deb /var/lib/apt/lists/*" >"$CACHE/log-jupyter.txt" 2>&1 \
    || { docker rm -f "$name" >/dev/null 2>&1; tail -20 "$CACHE/log-jupyter.txt" >&2; die "building shale/jupyter:bookworm failed"; }
  docker commit -c 'CMD ["/bin/bash"]' "$name" shale/jupyter:bookworm >/dev/null
  docker rm "$name" >/dev/null
fi
log "images ready: shale/busybox:bookworm shale/debian:bookworm shale/jupyter:bookworm"
