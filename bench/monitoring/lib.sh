# Shared by the monitoring benchmark's scripts (sourced, not run): finding java and check_tcp,
# installing a missing Debian package, and starting and stopping the loopback targets.
# The caller sets `set -euo pipefail` and calls stop_targets (and stop_pause, if it pauses) from
# its EXIT trap.

monitoring_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# find_java and java_major come from the benchmarks' common helpers; log is redefined below.
. "$monitoring_dir/../lib.sh"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '%s: %s\n' "$(basename "$0")" "$*" >&2; exit 1; }

# The 1-minute load average: above the core count, other work competed with the run.
load_average() { cut -d' ' -f1 /proc/loadavg; }

# sleep that a signal interrupts: bash runs a trap only once the foreground command is done, and
# `wait` counts as done when a signal arrives. The caller's cleanup calls stop_pause.
pause_pid=""
pause() {
    sleep "$1" &
    pause_pid=$!
    wait "$pause_pid"
    pause_pid=""
}
stop_pause() {
    [ -z "$pause_pid" ] || kill "$pause_pid" 2>/dev/null || true
    pause_pid=""
}

# Positive integer check for option values, so that a typo fails before anything starts.
require_number() {
    [[ $2 =~ ^[0-9]+$ ]] && [ "$2" -gt 0 ] || { echo "$1 needs a positive whole number, not '$2'" >&2; exit 2; }
}

# Runs a command as root: directly when root, else through password-less sudo; fails otherwise.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo -n "$@"
    else
        return 125
    fi
}

# Installs Debian packages without recommends, as root or through password-less sudo; never asks.
install_packages() {
    as_root true || die "$* is missing and installing it needs root or password-less sudo: apt-get install --no-install-recommends $*"
    command -v apt-get >/dev/null 2>&1 || die "$* is missing and there is no apt-get to install it with"
    log "Installing $* (apt-get install --no-install-recommends)"
    # A fresh machine may have no package lists yet; update only then, it takes a while.
    local policy
    policy=$(apt-cache policy "$@" 2>/dev/null || true)
    if [[ $policy != *"Candidate: "[0-9]* ]]; then
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null || die "apt-get update failed"
    fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$@" </dev/null >/dev/null \
        || die "apt-get install $* failed"
}

# check_tcp from Debian's monitoring-plugins-basic (OPSLINE_BENCH_CHECK_TCP overrides).
find_check_tcp() {
    if [ -n "${OPSLINE_BENCH_CHECK_TCP:-}" ]; then
        [ -x "$OPSLINE_BENCH_CHECK_TCP" ] && echo "$OPSLINE_BENCH_CHECK_TCP"
        return
    fi
    local candidate
    for candidate in /usr/lib/nagios/plugins/check_tcp /usr/lib/monitoring-plugins/check_tcp \
            "$(command -v check_tcp || true)"; do
        if [ -n "$candidate" ] && [ -x "$candidate" ]; then
            echo "$candidate"
            return 0
        fi
    done
    return 1
}

require_check_tcp() {
    if ! check_tcp=$(find_check_tcp); then
        [ -z "${OPSLINE_BENCH_CHECK_TCP:-}" ] || die "OPSLINE_BENCH_CHECK_TCP=$OPSLINE_BENCH_CHECK_TCP is not executable"
        install_packages monitoring-plugins-basic
        check_tcp=$(find_check_tcp) || die "check_tcp not found after installing monitoring-plugins-basic"
    fi
}

# Starts bench/monitoring/Targets.java and fills `targets` with "ADDRESS PORT" entries.
targets_pid=""
targets=()
start_targets() {
    local ports=$1 addresses=$2 dir=$3
    local java
    java=$(find_java) || die "no JDK >= 22 found to run Targets.java (set OPSLINE_BENCH_JAVA)"
    "$java" -Xmx256m "$monitoring_dir/Targets.java" --ports "$ports" --addresses "$addresses" \
        >"$dir/targets.out" 2>"$dir/targets.err" </dev/null &
    targets_pid=$!
    local deadline=$((SECONDS + 60))
    until grep -qx ready "$dir/targets.out" 2>/dev/null; do
        if ! kill -0 "$targets_pid" 2>/dev/null; then
            targets_pid=""
            cat "$dir/targets.err" >&2
            die "the targets (Targets.java) exited during start-up"
        fi
        [ $SECONDS -lt $deadline ] || die "the targets did not say ready within 60 s"
        sleep 0.2
    done
    mapfile -t targets < <(awk '$1 == "target" { print $2 " " $3 }' "$dir/targets.out")
    [ ${#targets[@]} -gt 0 ] || die "the targets listed no listener"
    # One check before the run, so that a broken plugin or listener fails here and not as a rate.
    local address port
    read -r address port <<<"${targets[0]}"
    "$check_tcp" -H "$address" -p "$port" >/dev/null || die "$check_tcp -H $address -p $port did not say OK"
}

stop_targets() {
    if [ -n "$targets_pid" ] && kill -0 "$targets_pid" 2>/dev/null; then
        kill -TERM "$targets_pid" 2>/dev/null || true
        wait "$targets_pid" 2>/dev/null || true
    fi
    targets_pid=""
}

# Writes KEY=VALUE lines to the --results file, when one was asked for.
write_results() {
    local file=$1; shift
    [ -n "$file" ] || return 0
    printf '%s\n' "$@" >"$file"
}
