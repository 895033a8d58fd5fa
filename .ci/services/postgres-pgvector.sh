#!/usr/bin/env bash
# Adapted from the shared recipe: also installs the server headers when only the client is present.
# Start PostgreSQL 15 with the pgvector extension on 127.0.0.1:$PGPORT, as root, on Debian 12.
# Debian 12 packages no pgvector, so it is built from Debian 13's source package (fetched with a
# private apt configuration; the system's apt configuration is left as it is).
# Prints the connection URL on its last line. Stop: runuser -u postgres -- $PGBIN/pg_ctl -D $DIR/data -m fast stop
set -euo pipefail
PGPORT="${PGPORT:-55433}"
DIR="${PGVECTOR_DIR:-/tmp/weft-pg}"
PGBIN=/usr/lib/postgresql/15/bin
export DEBIAN_FRONTEND=noninteractive
mkdir -p "$DIR"
if [ ! -x "$PGBIN/initdb" ] || [ ! -f /usr/include/postgresql/15/server/postgres.h ]; then
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends postgresql-15 postgresql-server-dev-15 make gcc dpkg-dev >/dev/null
fi
if [ ! -f /usr/share/postgresql/15/extension/vector.control ]; then
  mkdir -p "$DIR/apt/lists/partial" "$DIR/apt/cache/archives/partial" "$DIR/apt/parts" "$DIR/src"
  mirror=$(awk '/^URIs:/{print $2; exit}' /etc/apt/sources.list.d/debian.sources)
  echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror trixie main" > "$DIR/apt/sources.list"
  apto=(-o Dir::Etc::sourcelist="$DIR/apt/sources.list" -o Dir::Etc::sourceparts="$DIR/apt/parts"
        -o Dir::State::Lists="$DIR/apt/lists" -o Dir::Cache="$DIR/apt/cache")
  apt-get "${apto[@]}" update -qq
  (cd "$DIR/src" && apt-get "${apto[@]}" source -qq pgvector 2>/dev/null)
  make -s -C "$DIR"/src/pgvector-*/ PG_CONFIG=$PGBIN/pg_config OPTFLAGS="" -j2 >/dev/null
  make -s -C "$DIR"/src/pgvector-*/ PG_CONFIG=$PGBIN/pg_config install >/dev/null
fi
if [ -f "$DIR/data/postmaster.pid" ]; then
  runuser -u postgres -- $PGBIN/pg_ctl -D "$DIR/data" -m fast stop >/dev/null 2>&1 || true
fi
rm -rf "$DIR/data" && mkdir -p "$DIR/data" "$DIR/run" && chown postgres:postgres "$DIR/data" "$DIR/run"
runuser -u postgres -- $PGBIN/initdb -D "$DIR/data" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
runuser -u postgres -- $PGBIN/pg_ctl -D "$DIR/data" -l "$DIR/run/pg.log" -w \
  -o "-p $PGPORT -k $DIR/run -c listen_addresses=127.0.0.1" start >/dev/null
psql -h 127.0.0.1 -p "$PGPORT" -U postgres -Atc "CREATE EXTENSION IF NOT EXISTS vector" >/dev/null
echo "postgres://postgres@127.0.0.1:$PGPORT/postgres"
