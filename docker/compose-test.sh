#!/usr/bin/env bash
# Brings the local compose cluster (docker/compose.yaml) up, runs a job at isolation `strong` on
# a worker container, and takes everything down again: containers, network, volumes, and the
# container engine too if this script started it. Needs root, Debian's docker.io and
# docker-compose, debootstrap (for a base image: no registry is assumed reachable) and the jar
# (mvn -B -DskipTests package). Exit code 0 only if the job passed under `strong` isolation.
# Time: see README, "Local cluster with docker compose".
set -euo pipefail
export PATH="$PATH:/usr/sbin:/sbin"
here=$(cd "$(dirname "$0")" && pwd)
work="$here/target/compose"
project=${EDGECODER_COMPOSE_PROJECT:-edgecoder-compose-test}
# Debian's client, matching the engine we start (another docker client may come first on PATH).
DOCKER=/usr/bin/docker
[ -x "$DOCKER" ] || DOCKER=$(command -v docker)
export DOCKER_HOST=${DOCKER_HOST:-unix:///var/run/docker.sock}
# compose builds through its own client library, not whichever docker CLI comes first on the PATH
export COMPOSE_DOCKER_CLI_BUILD=0 DOCKER_BUILDKIT=0
# a busy machine answers slowly; compose gives up on a request after 60 s by default
export COMPOSE_HTTP_TIMEOUT=${COMPOSE_HTTP_TIMEOUT:-600}
started_engine=""
mkdir -p "$work"

log() { echo "compose-test: $*" >&2; }
compose() { docker-compose -p "$project" -f "$here/compose.yaml" "$@"; }

cleanup() {
    local rc=$?
    if [ "$rc" -ne 0 ] && "$DOCKER" info >/dev/null 2>&1; then
        compose logs --no-color --tail 80 > "$work/cluster.log" 2>&1 || true
        log "failed; the cluster's last log lines are in $work/cluster.log"
    fi
    compose down -v --remove-orphans --timeout 20 >/dev/null 2>&1 || true
    if [ -n "$started_engine" ]; then
        log "stopping the engine it started (pid $started_engine)"
        kill "$started_engine" 2>/dev/null || true
        for _ in $(seq 1 60); do kill -0 "$started_engine" 2>/dev/null || break; sleep 0.5; done
    fi
    exit "$rc"
}
trap cleanup EXIT

start_engine() {
    if "$DOCKER" info >/dev/null 2>&1; then
        return
    fi
    command -v dockerd >/dev/null || { log "no dockerd: apt-get install docker.io docker-compose debootstrap"; exit 2; }
    install -m 0755 "$here/runc-wrapper.py" "$work/runc-wrapper"
    log "starting dockerd (log: $work/dockerd.log)"
    dockerd --add-runtime edgecoder-runc="$work/runc-wrapper" --default-runtime edgecoder-runc \
        > "$work/dockerd.log" 2>&1 &
    started_engine=$!
    for _ in $(seq 1 120); do
        "$DOCKER" info >/dev/null 2>&1 && return
        kill -0 "$started_engine" 2>/dev/null || { log "dockerd exited:"; tail -20 "$work/dockerd.log" >&2; exit 2; }
        sleep 0.5
    done
    log "dockerd did not answer within 60 s"; exit 2
}

# The machine's Debian mirror (deb822 .sources or one-line .list files; disabled files are not read).
debian_mirror() {
    local f found=""
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
        [ -f "$f" ] || continue
        found=$(grep -E '^(URIs:|deb[[:space:]])' "$f" | grep -oE 'https?://[^[:space:]]+/debian/?([[:space:]]|$)' \
            | tr -d '[:space:]' | head -1 || true)
        [ -n "$found" ] && break
    done
    echo "${found:-http://deb.debian.org/debian}"
}

base_image() {
    if "$DOCKER" image inspect debian:bookworm-slim >/dev/null 2>&1; then
        return
    fi
    local mirror rootfs="$work/rootfs"
    mirror=$(debian_mirror)
    log "building the base image debian:bookworm-slim with debootstrap from $mirror"
    rm -rf "$rootfs"
    debootstrap --variant=minbase bookworm "$rootfs" "$mirror" > "$work/debootstrap.log" 2>&1 \
        || { log "debootstrap failed:"; tail -20 "$work/debootstrap.log" >&2; exit 2; }
    tar -C "$rootfs" -c . | "$DOCKER" import - debian:bookworm-slim >/dev/null
    rm -rf "$rootfs"
}

api() {  # api METHOD PATH [JSON]
    local args=(-sS --max-time 30 -H "Authorization: Bearer $token" -X "$1")
    [ $# -ge 3 ] && args+=(-H "Content-Type: application/json" --data "$3")
    curl "${args[@]}" "http://127.0.0.1:4310$2"
}

wait_for() {  # wait_for WHAT SECONDS COMMAND...
    local what=$1 seconds=$2; shift 2
    for _ in $(seq 1 "$seconds"); do
        if "$@" >/dev/null 2>&1; then return 0; fi
        sleep 1
    done
    log "$what: not within $seconds s"; return 1
}

workers_ready() {
    api GET /api/v1/workers | python3 -c 'import json,sys; w=json.load(sys.stdin)["workers"]; sys.exit(0 if sum(1 for x in w if x["isolation"]=="strong")>=2 else 1)'
}

[ -f "$here/target/edgecoder.jar" ] || { log "no docker/target/edgecoder.jar: run mvn -B -DskipTests package first"; exit 2; }
started=$(date +%s)
start_engine
base_image
log "building the images and starting the cluster (project $project)"
compose build -q
compose up -d
wait_for "the coordinator node healthy" 300 sh -c "[ \"\$($DOCKER inspect -f '{{.State.Health.Status}}' ${project}_coordinator_1)\" = healthy ]"
token=$(compose exec -T coordinator cat /var/lib/edgecoder/admin.token | tr -d '\r\n')
wait_for "two workers with strong isolation" 180 workers_ready

job=$(python3 - <<'PY'
import json
test = "import unittest\n\nclass T(unittest.TestCase):\n    def test_add(self):\n        self.assertEqual(1 + 1, 2)\n"
print(json.dumps({"title": "compose", "language": "python", "files": {"test_add.py": test},
                  "tests": ["test_add.py"], "locality": "mesh", "timeoutSeconds": 60}))
PY
)
id=$(api POST /api/v1/jobs "$job" | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
log "job $id submitted (mesh: needs isolation strong)"
job_done() { api GET "/api/v1/jobs/$id" > "$work/job.json" && python3 -c 'import json,sys; sys.exit(0 if json.load(open(sys.argv[1])).get("finishedAt") else 1)' "$work/job.json"; }
wait_for "job $id finishing" 180 job_done
python3 - "$work/job.json" <<'PY'
import json, sys
job = json.load(open(sys.argv[1]))
sub = job["subtasks"][0]
print("compose-test: job", job["id"], job["status"], "verified" if job["verified"] else "unverified",
      "isolation", job.get("isolation"), "worker", sub.get("worker"), file=sys.stderr)
ok = job["status"] == "succeeded" and job["verified"] and job.get("isolation") == "strong" and sub.get("isolation") == "strong"
sys.exit(0 if ok else 1)
PY
log "job passed after $(( $(date +%s) - started )) s; taking the cluster down"
compose down -v --remove-orphans --timeout 20 >/dev/null 2>&1
label="label=com.docker.compose.project=$project"
left="$("$DOCKER" ps -aq --filter "$label") $("$DOCKER" volume ls -q --filter "$label") $("$DOCKER" network ls -q --filter "$label")"
if [ -n "${left// /}" ]; then
    log "left behind after down: $left"; exit 1
fi
log "down: no container, volume or network of $project left ($(( $(date +%s) - started )) s in all)"
