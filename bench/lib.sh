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

# --- PostgreSQL -------------------------------------------------------------------------------------
# A fresh database for a benchmark's Opsline: prepare_postgres creates it (or says why not in
# $pg_reason), drop_postgres removes it unless the caller's $keep is true.
pg_created=false
pg_host=${OPSLINE_BENCH_POSTGRES_HOST:-127.0.0.1}
pg_port=${OPSLINE_BENCH_POSTGRES_PORT:-5432}
pg_db=opsline_bench
pg_user=opsline_bench
pg_password=opsline_bench

# Runs SQL from stdin as a PostgreSQL superuser.
pg_admin() {
    if [ -n "${OPSLINE_BENCH_POSTGRES_ADMIN:-}" ]; then
        psql "$OPSLINE_BENCH_POSTGRES_ADMIN" -X -v ON_ERROR_STOP=1 -qtA
    elif [ "$(id -u)" -eq 0 ]; then
        su postgres -c "psql -X -p $pg_port -v ON_ERROR_STOP=1 -qtA"
    else
        sudo -n -u postgres psql -X -p "$pg_port" -v ON_ERROR_STOP=1 -qtA
    fi
}

# Creates the role and a fresh, empty database; on failure says why in $pg_reason.
pg_reason=""
prepare_postgres() {
    if ! command -v psql >/dev/null 2>&1; then
        pg_reason="psql is not installed"
        return 1
    fi
    if ! echo "SELECT 1" | pg_admin >/dev/null 2>&1; then
        pg_reason="cannot connect to PostgreSQL as an admin (port $pg_port; set OPSLINE_BENCH_POSTGRES_ADMIN)"
        return 1
    fi
    if ! pg_reason=$(pg_admin 2>&1 >/dev/null <<EOF
SELECT NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$pg_user') AS missing \gset
\if :missing
CREATE ROLE $pg_user LOGIN PASSWORD '$pg_password';
\endif
ALTER ROLE $pg_user LOGIN PASSWORD '$pg_password';
DROP DATABASE IF EXISTS $pg_db WITH (FORCE);
CREATE DATABASE $pg_db OWNER $pg_user;
EOF
    ); then
        pg_reason="creating the $pg_db database failed: $pg_reason"
        return 1
    fi
    pg_created=true
}

drop_postgres() {
    if $pg_created && ! $keep; then
        echo "DROP DATABASE IF EXISTS $pg_db WITH (FORCE);" | pg_admin >/dev/null 2>&1 || true
        pg_created=false
    fi
}
