#!/usr/bin/env bash
# SpeakerHub's only entry points:
#   ./hub.sh run  [--devices N]   build and start the cloud (embedded MQTT, SQLite, HTTP API) + simulated speakers
#   ./hub.sh test [dotnet test args] build and run every test project, then print "N passed, N failed[, N skipped]"
#   ./hub.sh sim  [simulator args]   run the speaker simulator against a running cloud
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

DATA_DIR="${SPEAKERHUB_DATA:-$ROOT/.data}"
HTTP_PORT="${SPEAKERHUB_HTTP_PORT:-8080}"
MQTT_PORT="${SPEAKERHUB_MQTT_PORT:-1883}"
CONFIGURATION="Debug"

# Debian packages the product needs at run or test time. Installed only when missing.
# Speech: pocketsphinx (ASR) with its US English model, espeak-ng (TTS) with its voice data.
APT_PACKAGES=(ca-certificates curl libpocketsphinx3 libsphinxbase3 pocketsphinx-en-us libespeak-ng1 espeak-ng-data)

log() { printf '\033[1;34m[hub]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[hub]\033[0m %s\n' "$*" >&2; exit 1; }

ensure_dotnet() {
  command -v dotnet >/dev/null 2>&1 || die "the .NET 10 SDK is required (dotnet not found on PATH)"
  local major
  major="$(dotnet --version | cut -d. -f1)"
  [ "$major" -ge 10 ] || die ".NET SDK 10 or newer is required, found $(dotnet --version)"
}

ensure_apt_packages() {
  local missing=()
  for pkg in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  log "installing Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

build() {
  log "restoring and building"
  dotnet build SpeakerHub.sln -nologo -clp:ErrorsOnly -v:quiet "$@"
}

wait_for_health() {
  local url="http://127.0.0.1:$HTTP_PORT/health"
  for _ in $(seq 1 120); do
    curl -fsS "$url" >/dev/null 2>&1 && return 0
    kill -0 "$1" 2>/dev/null || die "the cloud host exited during start-up (see output above)"
    sleep 0.5
  done
  die "the cloud host did not become healthy at $url within 60 s"
}

cmd_run() {
  local devices=3
  while [ $# -gt 0 ]; do
    case "$1" in
      --devices) devices="$2"; shift 2 ;;
      *) die "unknown option for run: $1" ;;
    esac
  done
  ensure_dotnet
  ensure_apt_packages
  build
  mkdir -p "$DATA_DIR"
  log "starting the cloud: HTTP :$HTTP_PORT, MQTT :$MQTT_PORT, data in $DATA_DIR"
  # Run the built assemblies directly so the PIDs are the programs themselves: SIGTERM then reaches
  # the host's graceful shutdown (a background job in a script ignores SIGINT).
  dotnet "cloud/SpeakerHub.Cloud.Host/bin/$CONFIGURATION/net10.0/SpeakerHub.Cloud.Host.dll" \
    --urls "http://0.0.0.0:$HTTP_PORT" --Mqtt:Port "$MQTT_PORT" --Storage:DataDirectory "$DATA_DIR" &
  HOST_PID=$!
  trap stop_host EXIT
  trap 'exit 130' INT TERM
  wait_for_health "$HOST_PID"
  log "cloud is up: API http://127.0.0.1:$HTTP_PORT (admin key in $DATA_DIR/admin.key), MQTT 127.0.0.1:$MQTT_PORT"
  log "starting $devices simulated speakers (type '<n> <text>' to speak as speaker n, Ctrl+C to stop)"
  # The speakers' "factory" trusts every firmware signing key (*.pub) in this folder (docs/operations.md).
  mkdir -p "$DATA_DIR/firmware-keys"
  # In the foreground, so it owns the terminal: typed lines reach it and Ctrl+C stops it first.
  # The key goes through the environment, not argv, so it never shows up in the process list.
  SPEAKERHUB_ADMIN_KEY="$(cat "$DATA_DIR/admin.key")" dotnet "tools/SpeakerHub.Simulator/bin/$CONFIGURATION/net10.0/SpeakerHub.Simulator.dll" \
    --devices "$devices" --api "http://127.0.0.1:$HTTP_PORT" --mqtt-port "$MQTT_PORT" --data "$DATA_DIR/sim" \
    --trust-keys "$DATA_DIR/firmware-keys" || true
}

HOST_PID=""
stop_host() {
  [ -n "$HOST_PID" ] || return 0
  log "stopping the cloud"
  kill -TERM "$HOST_PID" 2>/dev/null || true
  wait "$HOST_PID" 2>/dev/null || true
  HOST_PID=""
}

# Sums the counters of every TRX file so the run ends with one line over all test projects.
print_totals() {
  local dir="$1"
  local files
  files=$(find "$dir" -name '*.trx' 2>/dev/null || true)
  if [ -z "$files" ]; then
    echo "0 passed, 0 failed"
    return
  fi
  # shellcheck disable=SC2086
  grep -ho '<Counters [^>]*>' $files | awk '
    { for (i = 1; i <= NF; i++) {
        split($i, kv, "=")
        gsub(/"|\/|>/, "", kv[2])
        if (kv[1] == "passed") p += kv[2]
        else if (kv[1] == "failed") f += kv[2]
        else if (kv[1] == "notExecuted") s += kv[2]
        else if (kv[1] == "error" || kv[1] == "timeout" || kv[1] == "aborted") f += kv[2]
      } }
    END { line = (p + 0) " passed, " (f + 0) " failed"; if (s > 0) line = line ", " s " skipped"; print line }'
}

cmd_test() {
  ensure_dotnet
  ensure_apt_packages
  build
  local results="$ROOT/TestResults"
  rm -rf "$results"
  local status=0
  log "running every test project"
  dotnet test SpeakerHub.sln --no-build -nologo -v:quiet \
    --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results" "$@" || status=$?
  local totals
  totals="$(print_totals "$results")"
  echo "$totals"
  case "$totals" in
    *" 0 failed"*) [ "$status" -eq 0 ] || exit "$status" ;;
    *) exit 1 ;;
  esac
}

cmd_sim() {
  ensure_dotnet
  dotnet run --project tools/SpeakerHub.Simulator -- "$@"
}

case "${1:-}" in
  run) shift; cmd_run "$@" ;;
  test) shift; cmd_test "$@" ;;
  sim) shift; cmd_sim "$@" ;;
  *) echo "usage: ./hub.sh run [--devices N] | test [dotnet test args] | sim [simulator args]" >&2; exit 2 ;;
esac
