#!/usr/bin/env bash
# Executes every notebook of docs/notebooks/ in a real Jupyter with the Deno
# kernel and checks it (scripts/notebooks.py). Installs what it needs, once:
#  - Debian's Jupyter client side (python3-nbclient, python3-nbconvert,
#    python3-jupyter-client, python3-ipykernel) with apt-get, only when missing;
#  - a kernelspec "model-collapse-deno" from the `deno` npm package of this
#    checkout (`deno jupyter --install`), rewritten only when it points elsewhere.
# The notebooks import the library as `npm:model-collapse`, which Deno resolves
# to this package's build (dist/, via package.json "exports"): run `npm run build` first.
# Extra arguments go to scripts/notebooks.py (e.g. --write to refresh the stored outputs).
set -euo pipefail
cd "$(dirname "$0")/.."

PY=/usr/bin/python3 # Debian's python, where the python3-* packages install (not a pyenv/venv python)
KERNEL=model-collapse-deno
DENO="$PWD/node_modules/.bin/deno"

if [ ! -f dist/index.js ]; then
  echo "notebooks: dist/index.js is missing: run 'npm run build' first" >&2
  exit 1
fi

if ! { [ -x "$PY" ] && "$PY" -c 'import nbclient, nbformat, jupyter_client' 2>/dev/null; }; then
  packages=(python3 python3-nbclient python3-nbconvert python3-jupyter-client python3-ipykernel)
  SUDO=()
  if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null; then SUDO=(sudo); else
      echo "notebooks: please install: apt-get install ${packages[*]}" >&2
      exit 1
    fi
  fi
  echo "notebooks: installing ${packages[*]} (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get update -qq >/dev/null
  "${SUDO[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
fi

# Where Jupyter looks for user kernelspecs (deno jupyter --install writes there too).
spec=$("$PY" -c 'import os; from jupyter_core.paths import jupyter_data_dir; print(os.path.join(jupyter_data_dir(), "kernels"))')/$KERNEL/kernel.json
points_at_deno() { # the kernelspec runs this checkout's deno binary (symlinks resolved)
  "$PY" -c 'import json, os, sys; sys.exit(os.path.realpath(json.load(open(sys.argv[1]))["argv"][0]) != os.path.realpath(sys.argv[2]))' "$spec" "$DENO" 2>/dev/null
}
if ! points_at_deno; then
  "$DENO" jupyter --install --force --name "$KERNEL" --display "Deno (model-collapse)" >/dev/null 2>&1
  points_at_deno || {
    echo "notebooks: the kernelspec $spec does not run $DENO" >&2
    exit 1
  }
fi

exec "$PY" scripts/notebooks.py --kernel "$KERNEL" "$@"
