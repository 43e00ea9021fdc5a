# Shared by the benchmark entry scripts (sourced, not run): finding a JDK >= 22 and the jar, and
# starting and stopping Opsline on a free loopback port. Expects $repo to be set, and $rebuild
# (true/false) before ensure_jar.

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }

# --- A JDK >= 22 ----------------------------------------------------------------------------------
java_major() {
    "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ { print $2 }' | cut -d. -f1
}
find_java() {
    local candidate
    for candidate in "${OPSLINE_BENCH_JAVA:-}" "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java || true)" \
            /usr/lib/jvm/*/bin/java; do
        if [ -n "$candidate" ] && [ -x "$candidate" ] && [ "$(java_major "$candidate" || echo 0)" -ge 22 ] 2>/dev/null; then
            echo "$candidate"
            return 0
        fi
    done
    return 1
}

# --- The jar ----------------------------------------------------------------------------------------
find_jar() { ls "$repo"/target/opsline-*.jar 2>/dev/null | grep -v '\.original$' | head -n 1 || true; }
# Sets $jar, building it if missing, older than the sources, or $rebuild is true.
ensure_jar() {
    jar=$(find_jar)
    if $rebuild || [ -z "$jar" ] || [ -n "$(find "$repo/src/main" "$repo/pom.xml" -newer "$jar" -print -quit)" ]; then
        log "Building the jar (mvn -B -q -DskipTests package)"
        (cd "$repo" && mvn -B -q -DskipTests package)
        jar=$(find_jar)
    fi
    [ -n "$jar" ] || { echo "No jar under target/ after the build" >&2; exit 2; }
}

# --- Opsline ----------------------------------------------------------------------------------------
app_pid=""

# Below Linux's ephemeral range (32768 and up): the checks leave tens of thousands of connections
# in TIME-WAIT on ephemeral ports, and a listener cannot bind a port one of them holds.
free_port() {
    local port
    for _ in $(seq 1 200); do
        port=$((20000 + RANDOM % 12000))
        if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
            echo "$port"
            return 0
        fi
    done
    return 1
}

random_secret() { head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 40; }

stop_app() {
    if [ -n "$app_pid" ] && kill -0 "$app_pid" 2>/dev/null; then
        kill -TERM "$app_pid"
        for _ in $(seq 1 60); do
            kill -0 "$app_pid" 2>/dev/null || break
            sleep 1
        done
        if kill -0 "$app_pid" 2>/dev/null; then
            log "Opsline did not stop within 60 s; killing it"
            kill -KILL "$app_pid" 2>/dev/null || true
        fi
        wait "$app_pid" 2>/dev/null || true
    fi
    app_pid=""
}

# Starts Opsline in the background with a fresh data directory; extra NAME=VALUE pairs go to its environment.
start_app() {
    local data_dir=$1; shift
    port=$(free_port) || { echo "No free port found" >&2; return 1; }
    # A restart on the same data directory keeps the token and password it was first given.
    token=${token:-"opl_bench_$(random_secret)"}
    admin_password=${admin_password:-"bench-$(random_secret)"}
    env OPSLINE_DATA_DIR="$data_dir" OPSLINE_PORT="$port" SERVER_ADDRESS=127.0.0.1 \
        OPSLINE_BOOTSTRAP_TOKEN="$token" OPSLINE_ADMIN_PASSWORD="$admin_password" "$@" \
        "$java" ${OPSLINE_BENCH_JVM_OPTS:-} -jar "$jar" >"$data_dir/console.log" 2>&1 &
    app_pid=$!
    local deadline=$((SECONDS + 300))
    while [ $SECONDS -lt $deadline ]; do
        if ! kill -0 "$app_pid" 2>/dev/null; then
            echo "Opsline exited during start-up; the end of its output:" >&2
            tail -n 40 "$data_dir/console.log" >&2
            app_pid=""
            return 1
        fi
        if curl -fsS "http://127.0.0.1:$port/actuator/health" 2>/dev/null | grep -q '"UP"'; then
            return 0
        fi
        sleep 1
    done
    echo "Opsline did not report healthy within 300 s; see $data_dir/console.log" >&2
    return 1
}

