#!/usr/bin/env bash
# Installs the peer solvers for the comparison (optional, slow: pygambit 16.7.0 has no wheel
# for every Python and then compiles from source, about 13 minutes on 2 cores).
#   venv at ${PEERS_VENV:-$HOME/.cache/peers-venv}: pygambit==16.7.0 nashpy quantecon numba threadpoolctl
#   Debian lrslib (lrsnash) through apt-get.
# Idempotent: does nothing that is already there.
set -euo pipefail
VENV=${PEERS_VENV:-$HOME/.cache/peers-venv}
PY=${PYTHON:-python3}
if [ ! -x "$VENV/bin/python" ]; then
    "$PY" -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c 'import pygambit, nashpy, quantecon, numba, threadpoolctl' 2>/dev/null; then
    "$VENV/bin/python" -m pip install --upgrade pip
    "$VENV/bin/python" -m pip install pygambit==16.7.0 nashpy quantecon numba threadpoolctl
fi
if ! command -v lrsnash >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
    $SUDO apt-get update
    $SUDO apt-get install -y lrslib
fi
"$VENV/bin/python" -c 'import importlib.metadata as m; print(*[f"{p} {m.version(p)}" for p in ["pygambit","nashpy","quantecon","numba","numpy"]], sep="\n")'
command -v lrsnash
