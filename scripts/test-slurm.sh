#!/usr/bin/env bash
# Opt-in test of `./zos-takeover sweep --emit slurm` on a real single-node SLURM (Debian's
# slurmctld, slurmd and munge, 22.05): starts munged, slurmctld and slurmd for this test only
# (configuration, keys, state and logs in a temporary directory; loopback ports 16817 and
# 16818), submits the array job of scenarios/sweeps/ci.json with sbatch --wait, collects, and
# checks that the table is byte-identical to a sweep run directly. Stops the daemons it
# started (by their pids) and removes the directory. Needs root (it installs the packages).
#
#   scripts/test-slurm.sh          (prints PASS or FAIL and the reason; exit 0 on PASS)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
say() { printf 'test-slurm: %s\n' "$*" >&2; }

need=()
for p in slurmctld slurmd slurm-client munge; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
    say "installing ${need[*]}"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >&2
fi
"$ROOT/zos-takeover" build >/dev/null

W="$(mktemp -d /tmp/zos-slurm.XXXXXX)"
PIDS=()
cleanup() {
    local p
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
    for p in "${PIDS[@]}"; do
        for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$p" 2>/dev/null || true
    done
    if [ "${KEEP:-0}" = 1 ]; then say "kept $W"; else rm -rf "$W"; fi
}
trap cleanup EXIT
fail() { say "FAIL: $*"; for f in "$W"/*.log; do [ -f "$f" ] && { echo "== $f" >&2; tail -n 15 "$f" >&2; }; done; exit 1; }

host="$(hostname -s)"
mkdir -p "$W/state" "$W/spool" "$W/munge"
dd if=/dev/urandom of="$W/munge/munge.key" bs=1024 count=1 status=none
chmod 700 "$W/munge"; chmod 400 "$W/munge/munge.key"
munged --force --key-file="$W/munge/munge.key" --socket="$W/munge/munge.socket" \
    --pid-file="$W/munge/munged.pid" --log-file="$W/munge.log" --seed-file="$W/munge/seed" \
    --foreground >>"$W/munged.out.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 50); do [ -S "$W/munge/munge.socket" ] && break; sleep 0.1; done
[ -S "$W/munge/munge.socket" ] || fail "munged did not start"

cat >"$W/slurm.conf" <<EOF
ClusterName=zostest
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=16817
SlurmdPort=16818
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$W/munge/munge.socket
StateSaveLocation=$W/state
SlurmdSpoolDir=$W/spool
SlurmctldPidFile=$W/slurmctld.pid
SlurmdPidFile=$W/slurmd.pid
SlurmctldLogFile=$W/slurmctld.log
SlurmdLogFile=$W/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
ReturnToService=2
MpiDefault=none
JobCompType=jobcomp/none
AccountingStorageType=accounting_storage/none
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=zos Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF="$W/slurm.conf"
slurmctld -D -f "$SLURM_CONF" >>"$W/slurmctld.out.log" 2>&1 &
PIDS+=($!)
slurmd -D -f "$SLURM_CONF" >>"$W/slurmd.out.log" 2>&1 &
PIDS+=($!)
ok=0
for _ in $(seq 100); do
    if sinfo -h -o '%t' 2>/dev/null | grep -qE '^idle'; then ok=1; break; fi
    sleep 0.2
done
[ "$ok" = 1 ] || fail "the node did not become idle ($(sinfo -h 2>&1 | head -n 3))"
say "SLURM up: $(sinfo -h -o '%P %D %t %c' | head -n 1)"

"$ROOT/zos-takeover" sweep "$ROOT/scenarios/sweeps/ci.json" --out "$W/s" --emit slurm
t0=$(date +%s)
sbatch --wait "$W/s/slurm.sh" >"$W/sbatch.log" 2>&1 || fail "sbatch --wait: $(cat "$W/sbatch.log")"
say "array job done in $(($(date +%s) - t0)) s: $(cat "$W/sbatch.log")"
"$ROOT/zos-takeover" sweep --collect "$W/s" || fail "collect: runs missing or failed"
"$ROOT/zos-takeover" sweep "$ROOT/scenarios/sweeps/ci.json" --out "$W/direct" >/dev/null 2>&1 \
    || fail "the direct sweep failed"
cmp "$W/s/results.csv" "$W/direct/results.csv" || fail "results.csv differs from the direct sweep's"
n=$(ls "$W/s/runs" | wc -l)
say "PASS: the SLURM array job ran all $n runs; results.csv equals the direct sweep's"
