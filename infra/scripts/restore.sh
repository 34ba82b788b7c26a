#!/usr/bin/env bash
# Restore a backup.sh archive into an EMPTY database (create it first), then start the app on it.
#
#   createdb -O doorbraak doorbraak_restored
#   DATABASE_URL=postgres://user:pass@host:5432/doorbraak_restored infra/scripts/restore.sh backups/doorbraak-….dump
#   ATTACHMENTS_DIR=/data/attachments   also unpack the matching .attachments.tar.gz there
#
# Refuses a database that already has tables. Runs in one transaction (all or nothing), restores
# the case_events rows byte for byte (the hash chain verifies afterwards) and re-creates the
# insert-only triggers after the data. Checks the .sha256 file when it is there.
set -euo pipefail

url="${DATABASE_URL:?set DATABASE_URL to the empty database to restore into}"
dump="${1:?usage: restore.sh <backup.dump>}"
[ -f "$dump" ] || { echo "No such file: $dump" >&2; exit 1; }

base="${dump%.dump}"
if [ -f "$base.sha256" ]; then
  (cd "$(dirname "$dump")" && sha256sum --check --quiet "$(basename "$base").sha256")
fi

tables="$(psql "$url" -tAc "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')")"
if [ "$tables" != "0" ]; then
  echo "Refusing to restore: the target database has $tables table(s). Restore into a new, empty database." >&2
  exit 1
fi

pg_restore --exit-on-error --single-transaction --no-owner --no-privileges --dbname="$url" "$dump"
psql "$url" -qc 'ANALYZE'

if [ -n "${ATTACHMENTS_DIR:-}" ]; then
  archive="$base.attachments.tar.gz"
  [ -f "$archive" ] || { echo "No attachments archive $archive" >&2; exit 1; }
  mkdir -p "$ATTACHMENTS_DIR"
  tar -C "$ATTACHMENTS_DIR" -xzf "$archive"
fi

events="$(psql "$url" -tAc 'SELECT count(*) FROM case_events')"
triggers="$(psql "$url" -tAc "SELECT count(*) FROM pg_trigger WHERE tgname LIKE '%no_update_delete' OR tgname LIKE '%no_truncate'")"
echo "Restored $dump: $events case events, $triggers insert-only triggers. Verify a case: GET /api/cases/<id>/events/verify."
