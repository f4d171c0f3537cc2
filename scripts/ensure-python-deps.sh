#!/usr/bin/env bash
# Creates a Python virtual environment with what the notebook tests need (nbformat to
# validate, nbclient + ipykernel to execute, pandas + matplotlib for the cells Detente writes)
# when it is missing. Location: $DETENTE_VENV, else ~/.cache/detente-venv. Idempotent.
# The Reports tests look for the interpreter at the same place.
set -euo pipefail
VENV="${DETENTE_VENV:-$HOME/.cache/detente-venv}"
PKGS=(nbformat nbclient ipykernel pandas matplotlib)
if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c "import nbformat, nbclient, ipykernel, pandas, matplotlib" >/dev/null 2>&1; then
  exit 0
fi
PY="$(command -v python3 || true)"
[ -n "$PY" ] || { echo "ensure-python-deps: python3 not found; install it (apt-get install python3 python3-venv)" >&2; exit 1; }
echo "ensure-python-deps: creating $VENV with ${PKGS[*]}" >&2
"$PY" -m venv "$VENV"
"$VENV/bin/python" -m pip install -q --upgrade pip
"$VENV/bin/python" -m pip install -q "${PKGS[@]}"
"$VENV/bin/python" -m ipykernel install --prefix "$VENV" --name python3 >/dev/null
"$VENV/bin/python" -c "import nbformat, nbclient, ipykernel, pandas, matplotlib"
