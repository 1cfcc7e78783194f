#!/usr/bin/env bash
# A throwaway PostgreSQL cluster on loopback, for benchmarks and trying the Postgres audit trail by hand
# (the integration tests start their own). As root it runs as the `postgres` user (PostgreSQL refuses root).
# Usage: url="$(bash scripts/pg-scratch.sh start DIR)" … bash scripts/pg-scratch.sh stop DIR
set -euo pipefail
cmd="${1:?start|stop}"; dir="${2:?folder for the cluster}"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -x "$bin/initdb" ] || { echo "PostgreSQL is missing: apt-get install -y postgresql" >&2; exit 2; }
as=(); [ "$(id -u)" = 0 ] && as=(runuser -u postgres --)
case "$cmd" in
  start)
    mkdir -p "$dir"; dir="$(cd "$dir" && pwd)"
    if [ "$(id -u)" = 0 ]; then
      chown postgres: "$dir"
      runuser -u postgres -- test -x "$dir" || { echo "the postgres user cannot reach $dir (a parent folder is private)" >&2; exit 2; }
    fi
    port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
    "${as[@]}" "$bin/initdb" -D "$dir/data" -U dunwell --auth=trust -E UTF8 --locale=C >/dev/null
    "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w start \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1" >/dev/null
    echo "postgres://dunwell@127.0.0.1:$port/postgres?sslmode=disable"
    ;;
  stop)
    "${as[@]}" "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
