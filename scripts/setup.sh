#!/usr/bin/env bash
# Installs what Detente needs on a fresh Debian machine with Swift, when it is missing:
# OpenBLAS (CBLAS) and LAPACKE. Idempotent; quiet when everything is present.
set -euo pipefail
need=()
[ -f /usr/include/lapacke.h ] || need+=(liblapacke-dev)
{ [ -f /usr/include/x86_64-linux-gnu/cblas.h ] || [ -f /usr/include/aarch64-linux-gnu/cblas.h ] || [ -f /usr/include/cblas.h ]; } \
  && ldconfig -p 2>/dev/null | grep -q libopenblas || need+=(libopenblas-dev)
for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || need+=("$pkg"); done
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
  echo "setup: installing ${need[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
