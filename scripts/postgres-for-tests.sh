#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the store's conformance tests, on loopback only.
#
#   export TENURE_TEST_POSTGRES_URL="$(scripts/postgres-for-tests.sh)"
#   npx vitest run src/store
#   scripts/postgres-for-tests.sh stop
#
# Prints the database URL on stdout (progress goes to stderr). Idempotent: a cluster already running in
# the same directory is reused. The data directory defaults to a fixed path under the temp dir so that
# reruns find it; set TENURE_PG_DIR to put it elsewhere and TENURE_PG_PORT to change the port.
set -euo pipefail

port="${TENURE_PG_PORT:-54329}"
dir="${TENURE_PG_DIR:-${TMPDIR:-/tmp}/tenure-postgres-$port}"
user=tenure
database=tenure_test

bindir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
if [[ -z "$bindir" || ! -x "$bindir/pg_ctl" ]]; then
  echo "PostgreSQL is not installed: apt-get install -y postgresql" >&2
  exit 1
fi

# initdb refuses to run as root, so as root the cluster belongs to the postgres system user.
as_owner() {
  if [[ "$(id -u)" == 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

if [[ "${1:-}" == stop ]]; then
  if [[ -f "$dir/data/postmaster.pid" ]]; then as_owner "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >&2; fi
  rm -rf "$dir"
  exit 0
fi

if [[ ! -f "$dir/data/PG_VERSION" ]]; then
  mkdir -p "$dir"
  if [[ "$(id -u)" == 0 ]]; then chown postgres: "$dir"; fi
  chmod 700 "$dir"
  # trust auth is fine here: the server listens on 127.0.0.1 and a socket only its owner can reach.
  as_owner "$bindir/initdb" -D "$dir/data" --username="$user" --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
fi

if ! as_owner "$bindir/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
  as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >&2 || { tail -n 20 "$dir/server.log" >&2; exit 1; }
fi

exists="$(as_owner "$bindir/psql" -h "$dir" -p "$port" -U "$user" -d postgres -Atc "SELECT 1 FROM pg_database WHERE datname = '$database'")"
if [[ "$exists" != 1 ]]; then
  as_owner "$bindir/createdb" -h "$dir" -p "$port" -U "$user" "$database"
fi

echo "postgres://$user@127.0.0.1:$port/$database"
