#!/usr/bin/env bash
# Backup of Doorbraak: the database as a pg_dump custom-format archive (schema, data, the
# insert-only triggers and the case_events hash chain as they are), plus the attachments.
#
#   DATABASE_URL=postgres://user:pass@host:5432/doorbraak infra/scripts/backup.sh [out-dir]
#   ATTACHMENTS_DIR=/data/attachments   also archive the attachment files (DATA_DIR/attachments)
#
# Writes <out-dir>/doorbraak-<UTC timestamp>.dump (+ .attachments.tar.gz) and a .sha256 file,
# prints the dump's path, exits non-zero on any failure. pg_dump takes a consistent snapshot
# while the app keeps running. Needs pg_dump/pg_restore of the server's major version or newer.
# A nightly dump is not point-in-time recovery: see infra/README.md (Backup and restore).
set -euo pipefail

url="${DATABASE_URL:?set DATABASE_URL to the database to back up}"
out="${1:-./backups}"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
dump="$out/doorbraak-$stamp.dump"

pg_dump --format=custom --compress=6 --no-owner --no-privileges --file="$dump.partial" "$url"
# Readable from end to end before it counts as a backup.
pg_restore --list "$dump.partial" >/dev/null
mv "$dump.partial" "$dump"

files=("$(basename "$dump")")
if [ -n "${ATTACHMENTS_DIR:-}" ]; then
  if [ ! -d "$ATTACHMENTS_DIR" ]; then
    echo "ATTACHMENTS_DIR=$ATTACHMENTS_DIR is not a directory" >&2
    exit 1
  fi
  tar -C "$ATTACHMENTS_DIR" -czf "$out/doorbraak-$stamp.attachments.tar.gz" .
  files+=("doorbraak-$stamp.attachments.tar.gz")
fi
(cd "$out" && sha256sum "${files[@]}" >"doorbraak-$stamp.sha256")
echo "$dump"
