# PostgreSQL for shared Terraform state (the pg backend): a cluster of the test bed's own,
# reachable on 127.0.0.1:$POSTGRES_PORT only, with a role and a database named edgenet.
#
#   $POSTGRES_HOME/data           the cluster (owner postgres), $POSTGRES_HOME/postgres.log its log
#   $POSTGRES_RUN                 its unix socket, for the admin connection (peer auth as postgres)
#   .testbed/postgres/password    the role's password (0600), made once and kept across up/down
#
# Records PG_CONN_STR, which holds the password (.testbed/env is 0600). The server runs
# with log_min_error_statement=panic, so a failing ALTER ROLE never lands in its log.
# A second `up` reuses the running server; if the role does not accept this worktree's
# password (another worktree's `up` set its own), the password is set again.

POSTGRES_PORT=${EDGENET_POSTGRES_PORT:-15432}
POSTGRES_HOME=${EDGENET_POSTGRES_HOME:-/var/lib/edgenet-postgres}
POSTGRES_RUN=/run/edgenet-postgres
POSTGRES_NAME=edgenet

postgres_bin() { { ls -d /usr/lib/postgresql/*/bin 2>/dev/null || true; } | sort -V | tail -n 1; }

as_postgres() { (cd / && close_inherited_fds && exec runuser -u postgres -- "$@"); }

postgres_running() { as_postgres "$1/pg_ctl" status -D "$POSTGRES_HOME/data" >/dev/null 2>&1; }

# True when the role logs in over TCP with password $2 (psql at $1).
postgres_login_ok() {
  PGPASSWORD=$2 PGCONNECT_TIMEOUT=5 "$1/psql" -X -q -h 127.0.0.1 -p "$POSTGRES_PORT" -U "$POSTGRES_NAME" \
    -d "$POSTGRES_NAME" -tAc 'select 1' >/dev/null 2>&1
}

testbed_up_postgres() {
  apt_install_no_start postgresql openssl
  local bin data=$POSTGRES_HOME/data
  bin=$(postgres_bin)
  [ -n "$bin" ] || die "postgres: no server binaries under /usr/lib/postgresql"
  local flags="-c listen_addresses=127.0.0.1 -c port=$POSTGRES_PORT -c unix_socket_directories=$POSTGRES_RUN -c log_min_error_statement=panic"
  install -d -o postgres -g postgres -m 0700 "$POSTGRES_HOME" "$POSTGRES_RUN"

  if [ ! -f "$data/PG_VERSION" ]; then
    log "postgres: creating the cluster $data"
    as_postgres "$bin/initdb" -D "$data" -U postgres -E UTF8 --no-locale --auth-local=peer --auth-host=scram-sha-256 \
      >"$POSTGRES_HOME/initdb.log" 2>&1 || { tail -n 20 "$POSTGRES_HOME/initdb.log" >&2; die "postgres: initdb failed"; }
  fi
  local major; major=$(basename "$(dirname "$bin")")
  [ "$(cat "$data/PG_VERSION")" = "$major" ] ||
    die "postgres: $data holds a PostgreSQL $(cat "$data/PG_VERSION") cluster, this machine runs $major; remove $POSTGRES_HOME to start afresh"

  # Admin over the socket as postgres; the edgenet role with a password over loopback TCP; nothing else.
  local hba
  hba=$(printf '%s\n' '# edgenet test bed (scripts/testbed/postgres.sh)' \
    'local all      postgres             peer' \
    "host  $POSTGRES_NAME $POSTGRES_NAME 127.0.0.1/32 scram-sha-256")
  [ "$(cat "$data/pg_hba.conf")" = "$hba" ] || printf '%s\n' "$hba" | as_postgres tee "$data/pg_hba.conf" >/dev/null

  if postgres_running "$bin" && [ "$(cat "$POSTGRES_HOME/postgres.flags" 2>/dev/null)" != "$flags" ]; then
    log "postgres: restarting, its flags changed"
    as_postgres "$bin/pg_ctl" stop -D "$data" -m fast -w >/dev/null
  fi
  if postgres_running "$bin"; then
    as_postgres "$bin/pg_ctl" reload -D "$data" >/dev/null
  else
    log "postgres: starting on 127.0.0.1:$POSTGRES_PORT"
    as_postgres "$bin/pg_ctl" start -D "$data" -w -t 60 -l "$POSTGRES_HOME/postgres.log" -o "$flags" >/dev/null ||
      { tail -n 20 "$POSTGRES_HOME/postgres.log" >&2; die "postgres did not start"; }
    echo "$flags" >"$POSTGRES_HOME/postgres.flags"
  fi

  local pwfile=$TESTBED/postgres/password password
  mkdir -p "$TESTBED/postgres"
  chmod 700 "$TESTBED/postgres"
  [ -s "$pwfile" ] || openssl rand -hex 24 | write_secret "$pwfile"
  chmod 600 "$pwfile"
  password=$(cat "$pwfile")

  if ! postgres_login_ok "$bin" "$password"; then
    log "postgres: setting up role and database $POSTGRES_NAME"
    local err
    # The password goes through stdin, never argv; psql's messages are printed without it.
    err=$(as_postgres "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$POSTGRES_RUN" -p "$POSTGRES_PORT" -d postgres 2>&1 >/dev/null <<SQL
SELECT 'CREATE ROLE $POSTGRES_NAME' WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$POSTGRES_NAME')\gexec
ALTER ROLE $POSTGRES_NAME LOGIN PASSWORD '$password';
SELECT 'CREATE DATABASE $POSTGRES_NAME OWNER $POSTGRES_NAME' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$POSTGRES_NAME')\gexec
SQL
    ) || die "postgres: setting up role $POSTGRES_NAME failed: ${err//$password/***}"
    postgres_login_ok "$bin" "$password" || die "postgres: role $POSTGRES_NAME cannot log in on 127.0.0.1:$POSTGRES_PORT"
  fi
  env_set PG_CONN_STR "postgres://$POSTGRES_NAME:$password@127.0.0.1:$POSTGRES_PORT/$POSTGRES_NAME?sslmode=disable"
  log "postgres: PG_CONN_STR = postgres://$POSTGRES_NAME:***@127.0.0.1:$POSTGRES_PORT/$POSTGRES_NAME"
}

testbed_down_postgres() {
  local bin
  bin=$(postgres_bin)
  [ -n "$bin" ] && [ -f "$POSTGRES_HOME/data/PG_VERSION" ] || return 0
  if postgres_running "$bin"; then
    log "postgres: stopping"
    as_postgres "$bin/pg_ctl" stop -D "$POSTGRES_HOME/data" -m fast -w >/dev/null
  fi
}
