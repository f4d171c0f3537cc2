#!/usr/bin/env bash
# Prints the Markdown table of Models/README.md ("Decoupling dynamics") from the tool itself:
# for each security externality e and climate-cooperation value c, `detente solve
# Models/decoupling-dynamics.yaml --scenario baseline --set e=… --set c=… --format json`,
# read with jq from the report's `markov` section (the selected equilibrium: highest joint
# value from the integrated state among all pure stationary Markov perfect equilibria).
#
# Usage: scripts/decoupling-table.sh            (builds the debug binary if needed)
#        E_VALUES="2.6 2.8" C_VALUES=0 scripts/decoupling-table.sh
#        DETENTE=/path/to/detente scripts/decoupling-table.sh
# Needs: jq. Output is deterministic (the tool's own number formatting).
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -z "${DETENTE:-}" ]]; then
  swift build --product detente >/dev/null
  DETENTE="$(swift build --show-bin-path)/detente"
fi
MODEL=Models/decoupling-dynamics.yaml
# Override the grid with E_VALUES="2.6 2.8" C_VALUES="0" (space-separated) to locate switches.
read -r -a E_VALUES <<< "${E_VALUES:-1 2.5 3.5 4.5 6 7.5}"
read -r -a C_VALUES <<< "${C_VALUES:-0 2 8}"

echo "| e (security externality) | c (climate) | pure MPE | selected: integrated / partly decoupled | P(bifurcated ≤ 10 y) | P(bifurcated ≤ 25 y) | P(bifurcated eventually) | expected years to bifurcation | long-run share integrated |"
echo "|---|---|---|---|---|---|---|---|---|"
for e in "${E_VALUES[@]}"; do
  for c in "${C_VALUES[@]}"; do
    "$DETENTE" solve "$MODEL" --scenario baseline --set "e=$e" --set "c=$c" --format json |
      jq -r --arg e "$e" --arg c "$c" '
        .markov as $m
        | ($m.horizons | index(10)) as $h10 | ($m.horizons | index(25)) as $h25
        | if $m.selected == null then
            "| \($e) | \($c) | 0 | none | – | – | – | – | – |"
          else
            $m.equilibria[$m.selected] as $q
            | ($q.states[] | select(.state == "bifurcated")) as $b
            | ($q.states[] | select(.state == "integrated")) as $i
            | ($q.states[] | select(.state == "partly-decoupled")) as $p
            | def f: if . == null then "never" else (. * 10000 | round / 10000 | tostring) end;
              "| \($e) | \($c) | \($m.equilibria | length) | \($i.actions | join("/")) ; \($p.actions | join("/")) | \($b.reach_within[$h10] | f) | \($b.reach_within[$h25] | f) | \($b.reach_probability | f) | \($b.expected_steps_to_reach | f) | \($i.long_run_share | f) |"
          end'
  done
done
