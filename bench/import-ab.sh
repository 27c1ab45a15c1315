#!/usr/bin/env bash
# import-ab.sh RUNS BINARY[:VAR=VALUE ...] ...
#
# Compares builds of bench/import-bench on 1,000,000 simple rows, new
# clients only, alternating their runs (A B A B …): the machine's own speed
# drifts by 10 % within minutes, so only runs made side by side compare.
# Copy each build's _build/bench/import-bench somewhere first; VAR=VALUE
# after a colon runs that binary with an environment variable set.
# Prints per run: the wall time, then each phase's wall and writer time.
set -euo pipefail
runs=${1:?usage: import-ab.sh RUNS BINARY[:VAR=VALUE] ...}
shift
for _ in $(seq "$runs"); do
  for spec in "$@"; do
    binary=${spec%%:*}
    envs=""
    [ "$spec" != "$binary" ] && envs=${spec#*:}
    out=$(env $envs "$binary" 1000000 simple new-only 2>&1)
    total=$(echo "$out" | sed -n 's/^new clients: .* in \([0-9.]*\) s.*/\1/p')
    phases=$(echo "$out" | sed -n 's/.*clients \([0-9.]*\) s (writer \([0-9.]*\)).*list \([0-9.]*\) s (writer \([0-9.]*\)).*index \([0-9.]*\) s (writer \([0-9.]*\)).*/rows \1 w\2 | indexes \3 w\4 | end \5 w\6/p')
    echo "$spec $total [$phases]"
  done
done
