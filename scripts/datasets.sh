#!/usr/bin/env bash
# Real datasets the deals tests and the demo import: Debian's Fashion-MNIST (MNIST format,
# four .gz files, ~30 MiB, in /usr/share/datasets/fashion-mnist).
# Idempotent: apt_install skips what is installed.
source "$(dirname "$0")/lib.sh"
apt_install dataset-fashion-mnist
