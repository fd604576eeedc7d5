#!/usr/bin/env bash
# Packaging check (docs/reliability.md, "Packaging"): builds, packs the tarball
# npm would publish, installs it into a fresh temporary project (runtime
# dependencies from the npm registry), runs an example from Node ESM and from
# Deno through an `npm:` specifier, runs publint and @arethetypeswrong/cli, and
# measures the install footprint and the import time of the core entry point.
#
# Usage: bash scripts/pack-check.sh            (from the repository root)
#   PACK_CHECK_KEEP=1       keep the temporary project (its path is printed)
#   PACK_CHECK_MAX_MB=30    footprint goal in MB (fails above it when PACK_CHECK_STRICT=1)
#   PACK_CHECK_RUNS=7       import-time runs (median reported)
# Exit status: 0 if every check passed, 1 otherwise.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
max_mb="${PACK_CHECK_MAX_MB:-30}"
runs="${PACK_CHECK_RUNS:-7}"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/model-collapse-pack.XXXXXX")"
cleanup() { if [[ "${PACK_CHECK_KEEP:-}" != 1 ]]; then rm -rf "$tmp"; else echo "kept: $tmp"; fi; }
trap cleanup EXIT
step() { printf '\n== %s\n' "$*"; }

step "build"
npm run build --silent

step "npm pack"
tarball="$(npm pack --silent --pack-destination "$tmp")"
tarball="$tmp/$(basename "$tarball")"
packed_kb=$(( $(stat -c %s "$tarball") / 1024 ))
unpacked_kb=$(tar -xzf "$tarball" -O | wc -c | awk '{printf "%d", $1/1024}')
files=$(tar -tzf "$tarball" | wc -l)
echo "$tarball: ${packed_kb} KiB packed, ${unpacked_kb} KiB unpacked, $files files"
if tar -tzf "$tarball" | grep -Eq '^package/(src|test|bench|node_modules)/'; then
  echo "FAIL: the tarball ships src/, test/, bench/ or node_modules/" >&2
  exit 1
fi

step "install the tarball into a fresh project"
project="$tmp/project"
mkdir -p "$project"
cat > "$project/package.json" <<'JSON'
{ "name": "pack-check", "private": true, "type": "module" }
JSON
(cd "$project" && npm install --silent --no-audit --no-fund --ignore-scripts "$tarball")

step "Node ESM example"
cat > "$project/example.mjs" <<'JS'
import assert from 'node:assert/strict';
import { fullySyntheticS, fullySynthetic, simulate, exactCollapseTime, safeSyntheticSizes, ParameterRangeError } from 'model-collapse';
import { linePlot } from 'model-collapse/plot';

assert.ok(Math.abs(fullySyntheticS(1, { n: 10, S0: 0.1 }) - 0.19) < 1e-15);
const r = simulate({ p: [0.5, 0.3, 0.2], schedule: fullySynthetic({ n: 10 }), generations: 20, runs: 10, seed: 1 });
assert.equal(r.runs, 10);
assert.ok(Number.isFinite(r.metrics.sigma.mean[20]));
assert.equal(exactCollapseTime([0.5, 0.5], { n: 2 }).mean, 2);
assert.ok(safeSyntheticSizes({ epsilon: 0.5, N: 1000, s: 100 }));
assert.throws(() => fullySyntheticS(1, { n: 0, S0: 0.1 }), ParameterRangeError);
const svg = linePlot({ series: [{ name: 'S', x: [0, 1, 2], y: [0.1, 0.19, 0.27] }] });
assert.ok(svg.startsWith('<svg'));
console.log('node esm: ok', r.metrics.sigma.mean[20].toFixed(6));
JS
(cd "$project" && node example.mjs)

step "CommonJS"
# The package is ESM-only ("type": "module", no "require" condition): CommonJS users import() it.
cat > "$project/example.cjs" <<'JS'
import('model-collapse').then((m) => {
  if (Math.abs(m.fullySyntheticS(1, { n: 10, S0: 0.1 }) - 0.19) > 1e-15) throw new Error('wrong value');
  console.log('node cjs (dynamic import): ok');
});
JS
(cd "$project" && node example.cjs)

step "Deno example (npm: specifier, resolved from the project's node_modules, no download)"
cat > "$project/deno.json" <<'JSON'
{ "nodeModulesDir": "manual" }
JSON
cat > "$project/example.ts" <<'TS'
import { fullySyntheticS, fullySynthetic, simulate } from 'npm:model-collapse';
const r = simulate({ p: [0.5, 0.3, 0.2], schedule: fullySynthetic({ n: 10 }), generations: 20, runs: 10, seed: 1 });
if (Math.abs(fullySyntheticS(1, { n: 10, S0: 0.1 }) - 0.19) > 1e-15) throw new Error('wrong value');
console.log('deno npm: ok', r.metrics.sigma.mean[20].toFixed(6));
TS
deno_bin="$root/node_modules/.bin/deno"
[[ -x "$deno_bin" ]] || deno_bin="deno"
node_line="$(cd "$project" && node example.mjs | tail -1)"
deno_line="$(cd "$project" && DENO_NO_UPDATE_CHECK=1 "$deno_bin" run --quiet --no-prompt --allow-read --allow-env example.ts)"
echo "$deno_line"
# the same seeded simulation must give the same digits under both runtimes
if [[ "${node_line##* }" != "${deno_line##* }" ]]; then
  echo "FAIL: Node and Deno disagree on a seeded simulation: $node_line / $deno_line" >&2
  exit 1
fi

step "publint"
npx --no-install publint --strict "$root"

step "are the types wrong (esm-only profile: the package ships no CommonJS, by design)"
npx --no-install attw --profile esm-only --format table-flipped "$tarball"

step "install footprint (node_modules of the fresh project: the package and its runtime dependencies)"
footprint_kb=$(du -sk --apparent-size "$project/node_modules" | cut -f1)
disk_kb=$(du -sk "$project/node_modules" | cut -f1)
printf 'footprint: %.1f MB (apparent size), %.1f MB on disk; goal <= %s MB\n' \
  "$(echo "$footprint_kb / 1024" | bc -l)" "$(echo "$disk_kb / 1024" | bc -l)" "$max_mb"
echo "largest packages (apparent KiB):"
(cd "$project/node_modules" && for d in */ @*/*/; do
  case "$d" in @*/) [[ "$d" == */*/ && "$d" != @*/ ]] || continue ;; esac
  [[ "$d" == @*/ && "$d" != @*/*/ ]] && continue
  printf '%8d %s\n' "$(du -sk --apparent-size "$d" | cut -f1)" "${d%/}"
done | sort -rn | head -8)

step "import time of the core entry point (fresh node process each run, median of $runs)"
cat > "$project/import-time.mjs" <<'JS'
const t0 = performance.now();
await import('model-collapse');
console.log((performance.now() - t0).toFixed(2));
JS
times=()
for _ in $(seq "$runs"); do times+=("$(cd "$project" && node import-time.mjs)"); done
median="$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
echo "import('model-collapse'): median ${median} ms (runs: ${times[*]})"

step "summary"
echo "tarball ${packed_kb} KiB, unpacked ${unpacked_kb} KiB, ${files} files; install footprint $((footprint_kb / 1024)) MB; core import ${median} ms"
if (( footprint_kb > max_mb * 1024 )); then
  echo "NOTE: install footprint above the ${max_mb} MB goal"
  [[ "${PACK_CHECK_STRICT:-}" == 1 ]] && exit 1
fi
echo "pack-check: ok"
