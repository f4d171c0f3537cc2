#!/usr/bin/env bash
# End-to-end test of `detente slurm` / `detente merge` on a real Slurm (DESIGN.md §9, issue 9).
#
# Usage: scripts/slurm-test.sh [DETENTE_BINARY]      (default: .build/debug/detente)
#
# Starts a private single-node Slurm on localhost (Debian's slurm-wlm and munge, installed
# with apt when missing), all of its state in one temporary directory:
#   - munged, run as the munge user with its own key and socket;
#   - slurmctld and slurmd (-N localhost) in the foreground (-D), as background jobs of this
#     script, with ProctrackType=proctrack/linuxproc and TaskPlugin=task/none.
# Then:
#   1. `detente slurm SPEC --tasks 4` writes the job-array script; `sbatch --wait` runs it;
#      `detente merge` combines the shards; the result must equal a single-machine
#      `detente batch SPEC` byte for byte (diff -r).
#   2. A second array in which task 2 cancels itself (scancel --signal=KILL) after its first
#      finished job: `detente merge` must fail naming shard 2 (--array=2); resubmitting only
#      that task (sbatch --array=2) completes the set, again byte-identical.
# It stops only the daemons it started (by their process ids) and removes its temporary
# directory on every exit path. Every wait has a timeout. Exit 0 on success; 1 on failure;
# 0 with a line "SKIPPED: <reason>" when Slurm cannot be installed or started here.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DETENTE=${1:-$ROOT/.build/debug/detente}
case $DETENTE in /*) ;; *) DETENTE=$PWD/$DETENTE ;; esac
TASKS=4
KILLED=2              # the array task that is killed mid-way in the second run
OUTNAME='out #1 50%'  # sbatch must accept a space, '#' and '%' in the output directory
STARTED=$(date +%s)
exec 7>&1 8>&2        # the script's own stdout and stderr, for cleanup (a signal can arrive
                      # inside a command whose output is redirected to a file)

say() { echo "slurm-test: $*"; }
skip() { echo "SKIPPED: $*"; exit 0; }

TMP=""
MUNGED_PID="" CTLD_PID="" SLURMD_PID="" CHILD=""

# bounded SECONDS COMMAND...: runs COMMAND with a time limit, in the background so that a
# signal to this script (whose traps run only between commands) ends the wait at once.
bounded() {
    local limit=$1 st=0
    shift
    timeout "$limit" "$@" &
    CHILD=$!
    wait "$CHILD" || st=$?
    CHILD=""
    return $st
}

show_logs() {
    [ -n "$TMP" ] || return 0
    local f
    for f in "$TMP"/munge/munged.log "$TMP"/slurmctld.log "$TMP"/slurmd.log "$TMP"/run*/"$OUTNAME"/logs/*.out; do
        [ -f "$f" ] || continue
        echo "----- ${f#"$TMP"/} (last 25 lines)" >&2
        tail -n 25 "$f" >&2
    done
}

fail() {
    echo "slurm-test: FAILED: $*" >&2
    show_logs
    exit 1
}

stop_pid() {  # PID: SIGTERM, wait up to 10 s, then SIGKILL; only processes this script started
    local pid=$1 i
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null || return 0
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
}

cleanup() {
    local status=$? i
    set +e
    exec 1>&7 2>&8
    [ -n "$CHILD" ] && stop_pid "$CHILD"
    if [ -n "$CTLD_PID" ] && kill -0 "$CTLD_PID" 2>/dev/null; then
        # Every job of this private controller is ours: cancel them so that no job step
        # outlives slurmd.
        ids=$(timeout 5 squeue -h -o %F 2>/dev/null | sort -u)
        if [ -n "$ids" ]; then
            timeout 5 scancel $ids 2>/dev/null
            for i in $(seq 50); do [ -z "$(timeout 5 squeue -h -o %i 2>/dev/null)" ] && break; sleep 0.2; done
        fi
    fi
    stop_pid "$SLURMD_PID"
    stop_pid "$CTLD_PID"
    stop_pid "$MUNGED_PID"
    [ -n "$TMP" ] && rm -rf "$TMP"
    say "finished in $(( $(date +%s) - STARTED )) s (exit $status)"
    exit $status
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

[ -x "$DETENTE" ] || fail "no detente binary at $DETENTE (run swift build first)"

# ---- Slurm and munge: installed, or installable -------------------------------------------
need_install=""
for cmd in slurmctld slurmd sbatch sinfo squeue scancel munged munge unmunge; do
    command -v "$cmd" >/dev/null 2>&1 || need_install=yes
done
if [ -n "$need_install" ]; then
    [ "$(id -u)" = 0 ] || skip "slurm-wlm/munge are not installed and installing them needs root"
    command -v apt-get >/dev/null 2>&1 || skip "slurm-wlm/munge are not installed and there is no apt-get"
    if ! ls /var/lib/apt/lists/*_Packages* >/dev/null 2>&1; then
        say "apt-get update (the package lists are empty)"
        bounded 300 apt-get update -q >/tmp/detente-slurm-apt.log 2>&1 \
            || skip "apt-get update failed (no network to the package mirror?): $(tail -n 1 /tmp/detente-slurm-apt.log)"
    fi
    say "installing slurm-wlm and munge with apt-get"
    DEBIAN_FRONTEND=noninteractive bounded 600 apt-get install -y -q --no-install-recommends slurm-wlm munge \
        >/tmp/detente-slurm-apt.log 2>&1 \
        || skip "apt-get install slurm-wlm munge failed: $(tail -n 1 /tmp/detente-slurm-apt.log)"
fi
[ "$(id -u)" = 0 ] || skip "a private Slurm needs root here (SlurmUser=root, munged as the munge user)"
id munge >/dev/null 2>&1 || skip "there is no munge user (the munge package did not create it)"

TMP=$(mktemp -d /tmp/detente-slurm.XXXXXX)
chmod 755 "$TMP"

# ---- munged as the munge user, with a fresh key and a private socket -----------------------
mkdir -m 755 "$TMP/munge"   # munged wants its socket directory searchable by all
SOCKET=$TMP/munge/munge.socket.2
if command -v mungekey >/dev/null 2>&1; then
    mungekey --create --keyfile="$TMP/munge/munge.key" >/dev/null 2>&1 || skip "mungekey could not create a key"
else
    dd if=/dev/urandom of="$TMP/munge/munge.key" bs=1024 count=1 status=none
fi
chmod 400 "$TMP/munge/munge.key"
chown -R munge:munge "$TMP/munge"
setpriv --reuid=munge --regid=munge --init-groups \
    munged --foreground --key-file="$TMP/munge/munge.key" --socket="$SOCKET" \
    --pid-file="$TMP/munge/munged.pid" --log-file="$TMP/munge/munged.log" --seed-file="$TMP/munge/munged.seed" \
    >"$TMP/munge/munged.out" 2>&1 &
MUNGED_PID=$!
for i in $(seq 100); do
    munge -n -S "$SOCKET" 2>/dev/null | unmunge -S "$SOCKET" >/dev/null 2>&1 && break
    kill -0 "$MUNGED_PID" 2>/dev/null || skip "munged did not start: $(tail -n 1 "$TMP/munge/munged.out" "$TMP/munge/munged.log" 2>/dev/null | tr '\n' ' ')"
    sleep 0.1
done
munge -n -S "$SOCKET" 2>/dev/null | unmunge -S "$SOCKET" >/dev/null 2>&1 || skip "munged does not answer on $SOCKET within 10 s"

# ---- slurm.conf: one node, this machine's CPUs and memory, free ports -----------------------
port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
CTLD_PORT="" D_PORT=""
for p in $(seq 16817 2 16899); do
    if port_free "$p" && port_free $((p + 1)); then CTLD_PORT=$p; D_PORT=$((p + 1)); break; fi
done
[ -n "$CTLD_PORT" ] || skip "no two free TCP ports in 16817-16900 for slurmctld and slurmd"
# slurmd -C prints this node's hardware as Slurm counts it (CPUs, sockets, cores, RealMemory).
HARDWARE=$(slurmd -C 2>/dev/null | head -n 1 | tr ' ' '\n' | grep -E '^(CPUs|Boards|SocketsPerBoard|CoresPerSocket|ThreadsPerCore|RealMemory)=' | tr '\n' ' ')
[ -n "$HARDWARE" ] || HARDWARE="CPUs=$(nproc) RealMemory=$(free -m | awk '/^Mem:/ {print $2}')"
mkdir -p "$TMP/state" "$TMP/spool"
export SLURM_CONF=$TMP/slurm.conf
cat >"$SLURM_CONF" <<EOF
ClusterName=detente-test
SlurmctldHost=localhost
SlurmctldPort=$CTLD_PORT
SlurmdPort=$D_PORT
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$SOCKET
CredType=cred/munge
StateSaveLocation=$TMP/state
SlurmdSpoolDir=$TMP/spool
SlurmctldPidFile=$TMP/slurmctld.pid
SlurmdPidFile=$TMP/slurmd.pid
SlurmctldLogFile=$TMP/slurmctld.log
SlurmdLogFile=$TMP/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SwitchType=switch/none
SchedulerType=sched/backfill
ReturnToService=2
MailProg=/bin/true
MaxArraySize=1001
NodeName=localhost NodeAddr=127.0.0.1 $HARDWARE State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
EOF

slurmctld -D -i -f "$SLURM_CONF" >"$TMP/slurmctld.out" 2>&1 &
CTLD_PID=$!
slurmd -D -N localhost -f "$SLURM_CONF" >"$TMP/slurmd.out" 2>&1 &
SLURMD_PID=$!
say "slurmctld (pid $CTLD_PID, port $CTLD_PORT) and slurmd (pid $SLURMD_PID, port $D_PORT) started; config $SLURM_CONF"
state=""
for i in $(seq 120); do
    kill -0 "$CTLD_PID" 2>/dev/null || skip "slurmctld exited: $(tail -n 2 "$TMP/slurmctld.out" "$TMP/slurmctld.log" 2>/dev/null | tr '\n' ' ')"
    kill -0 "$SLURMD_PID" 2>/dev/null || skip "slurmd exited: $(tail -n 2 "$TMP/slurmd.out" "$TMP/slurmd.log" 2>/dev/null | tr '\n' ' ')"
    state=$(timeout 5 sinfo -h -N -n localhost -o %t 2>/dev/null || true)
    [ "$state" = idle ] && break
    sleep 0.5
done
[ "$state" = idle ] || skip "the Slurm node did not become idle within 60 s (state '${state:-none}'): $(tail -n 2 "$TMP/slurmd.log" 2>/dev/null | tr '\n' ' ')"
say "node localhost idle after $(( $(date +%s) - STARTED )) s: $(sinfo -h -o '%P %D %c CPUs %m MB %t')"

# ---- a trivial job array: Slurm runs jobs here at all ---------------------------------------
mkdir -p "$TMP/trivial"
cat >"$TMP/trivial/array.sh" <<'TRIVIAL'
#!/bin/bash
#SBATCH --job-name=trivial
#SBATCH --output=trivial-%A_%a.out
echo "task $SLURM_ARRAY_TASK_ID of array $SLURM_ARRAY_JOB_ID on $(hostname)"
TRIVIAL
status=0
bounded 120 env -C "$TMP/trivial" sbatch --parsable --wait --array=0-3 array.sh >"$TMP/trivial/sbatch.out" 2>&1 || status=$?
[ "$status" = 0 ] && [ "$(cat "$TMP"/trivial/trivial-*_*.out 2>/dev/null | grep -c '^task [0-3] of array')" = 4 ] \
    || skip "Slurm started but could not run a trivial 4-task array (sbatch exit $status): $(tail -n 2 "$TMP/trivial/sbatch.out" "$TMP/slurmd.log" 2>/dev/null | tr '\n' ' ')"
say "trivial array 0-3 ran: $(cat "$TMP"/trivial/trivial-*_*.out | sort | tr '\n' ';')"

# ---- the batch spec and the reference single-machine run -------------------------------------
SPEC=$TMP/spec.yaml
cat >"$SPEC" <<EOF
seed: 11
formats: [csv, json, markdown]
models:
  - path: $ROOT/Models/security-dilemma.yaml
    analyses:
      - name: o-x-map
        sweep: {vary: {o: [-3, 5, 13], x: [0, 20, 9]}}
      - name: lhs
        sweep: {vary: [o, x, delta], design: lhs, samples: 60}
      - name: tornado
        tornado: {output: linked_delta}
EOF
cd "$TMP"
bounded 300 "$DETENTE" batch "$SPEC" --output "$TMP/single" --jobs 2 --progress none 2>"$TMP/single.err" \
    || fail "single-machine detente batch failed: $(cat "$TMP/single.err")"
njobs=$(find "$TMP/single/.detente/done" -name "*.done" | wc -l)
say "single-machine batch: $njobs jobs"

# write_script RUN_DIR: the job-array script of the spec, by `detente slurm`, as RUN_DIR/array.sh.
# submit RUN_DIR [sbatch options...]: sbatch --wait of it (at most 300 s), from RUN_DIR.
write_script() {  # RUN_DIR
    bounded 60 "$DETENTE" slurm "$SPEC" --tasks $TASKS --output "$1/$OUTNAME" --script "$1/array.sh" \
        || fail "detente slurm failed"
    # Slurm opens each task's --output file before the task runs: detente slurm creates logs/.
    [ -d "$1/$OUTNAME/logs" ] || fail "detente slurm did not create $1/$OUTNAME/logs"
}
submit() {  # RUN_DIR [sbatch options...]  -> sets SBATCH_STATUS
    local dir=$1; shift
    local jobid
    SBATCH_STATUS=0
    bounded 300 env -C "$dir" sbatch --parsable --wait "$@" array.sh >"$dir/sbatch.out" 2>"$dir/sbatch.err" \
        || SBATCH_STATUS=$?
    jobid=$(head -n 1 "$dir/sbatch.out" | cut -d';' -f1)
    [ "$SBATCH_STATUS" != 124 ] || fail "sbatch --wait $* did not finish within 300 s"
    [ -n "$jobid" ] || fail "sbatch $* did not submit: $(cat "$dir/sbatch.err")"
    local how="with the script's own #SBATCH --array"
    [ $# -eq 0 ] || how="with $*"
    say "array job $jobid ($how) finished with status $SBATCH_STATUS"
}
merge() {  # RUN_DIR -> sets MERGE_STATUS, output in RUN_DIR/merge.err
    MERGE_STATUS=0
    bounded 120 "$DETENTE" merge "$1/$OUTNAME" --output "$1/merged" >"$1/merge.out" 2>"$1/merge.err" || MERGE_STATUS=$?
}
compare() {  # RUN_DIR
    diff -r "$TMP/single" "$1/merged" >"$1/diff.txt" 2>&1 \
        || fail "merged output of $1 differs from the single-machine batch: $(head -n 20 "$1/diff.txt")"
    say "merged output is byte-identical to the single-machine batch ($(find "$1/merged" -type f | wc -l) files, diff -r)"
}

# ---- run 1: a 4-task array, merged, equals the single-machine batch -------------------------
RUN1=$TMP/run1
mkdir -p "$RUN1"
write_script "$RUN1"
grep -q "^#SBATCH --array=1-$TASKS\$" "$RUN1/array.sh" || fail "the script has no '#SBATCH --array=1-$TASKS' line"
export PATH="$(dirname "$DETENTE"):$PATH"     # the tasks run `detente` from PATH (sbatch exports it)
submit "$RUN1"
[ "$SBATCH_STATUS" = 0 ] || fail "the array of run 1 failed (sbatch --wait exit $SBATCH_STATUS)"
for k in $(seq $TASKS); do
    [ -f "$RUN1/$OUTNAME/shard-$k/.detente/shard" ] || fail "task $k wrote no shard-$k"
done
merge "$RUN1"
[ "$MERGE_STATUS" = 0 ] || fail "detente merge of run 1 failed: $(cat "$RUN1/merge.err")"
compare "$RUN1"

# ---- run 2: task $KILLED is killed mid-way, merge names it, --array=$KILLED completes the set --
RUN2=$TMP/run2
mkdir -p "$RUN2/bin"
write_script "$RUN2"
# A `detente` first in PATH that, in array task $KILLED, waits for the shard's first finished
# job, freezes detente there (SIGSTOP, so that it cannot finish the shard meanwhile) and has
# Slurm kill the task (scancel --signal=KILL); the other tasks run detente as is.
cat >"$RUN2/bin/detente" <<EOF
#!/usr/bin/env bash
if [ "\${SLURM_ARRAY_TASK_ID:-}" = $KILLED ] && [ ! -e "$RUN2/killed-once" ]; then
    touch "$RUN2/killed-once"
    "$DETENTE" "\$@" &
    for i in \$(seq 3000); do
        [ -n "\$(find "$RUN2/$OUTNAME/shard-$KILLED/.detente/done" -name '*.done' 2>/dev/null)" ] && break
        kill -0 \$! 2>/dev/null || break
        sleep 0.005
    done
    kill -STOP \$! 2>/dev/null
    echo "killing array task \${SLURM_ARRAY_JOB_ID}_$KILLED after: \$(cd "$RUN2/$OUTNAME/shard-$KILLED/.detente/done" 2>/dev/null && find . -name '*.done' | tr '\n' ' ')"
    scancel --signal=KILL "\${SLURM_ARRAY_JOB_ID}_$KILLED"
    sleep 60
    exit 9
fi
exec "$DETENTE" "\$@"
EOF
chmod +x "$RUN2/bin/detente"
PATH="$RUN2/bin:$PATH" submit "$RUN2"
[ "$SBATCH_STATUS" != 0 ] || fail "the array of run 2 succeeded although task $KILLED was killed"
merge "$RUN2"
[ "$MERGE_STATUS" != 0 ] || fail "detente merge accepted a set with shard $KILLED killed mid-way"
grep -q -- "--array=$KILLED\$\|--array=$KILLED\b" "$RUN2/merge.err" \
    || fail "detente merge did not name shard $KILLED for resubmission: $(cat "$RUN2/merge.err")"
say "detente merge after the kill: $(head -n 1 "$RUN2/merge.err")"
sed -n '2,$p' "$RUN2/merge.err" | sed 's/^/slurm-test:   /'
[ -e "$RUN2/merged/.detente/done" ] && [ -n "$(ls "$RUN2/merged/.detente/done")" ] \
    && fail "detente merge wrote files although a shard was incomplete"
say "task log: $(grep -h '^killing array task' "$RUN2/$OUTNAME"/logs/*_$KILLED.out | head -n 1)"
submit "$RUN2" --array="$KILLED"
[ "$SBATCH_STATUS" = 0 ] || fail "the resubmitted task $KILLED failed (sbatch --wait exit $SBATCH_STATUS)"
# The resubmitted task resumes: it skips the job its first attempt finished.
resumed=$(grep -h '^detente batch: .* skipped' "$RUN2/$OUTNAME"/logs/*_$KILLED.out | tail -n 1)
say "resubmitted task log: $resumed"
echo "$resumed" | grep -q ' [1-9][0-9]* skipped' || fail "the resubmitted task $KILLED did not resume (no skipped job): $resumed"
merge "$RUN2"
[ "$MERGE_STATUS" = 0 ] || fail "detente merge after resubmitting task $KILLED failed: $(cat "$RUN2/merge.err")"
compare "$RUN2"
say "PASSED: 4-task array merged byte-identically; shard $KILLED killed, named by merge, resubmitted with --array=$KILLED and completed"
