#!/usr/bin/env bash
# Restore a backup made by deploy/backup.sh into an empty database and media folder.
#
#   DATABASE_URL=postgres://user@host:5432/portal_restored MEDIA_ROOT=/srv/portal/media \
#       deploy/restore.sh /backups/portal-20261129T020000Z
#
# Checks the checksums first, refuses a database that already has tables or a media folder
# that already has files (a restore never mixes with live data: create a fresh database with
# `createdb`, restore, then point the site at it), restores in a single transaction, and
# unpacks the media. Afterwards run `manage.py migrate --noinput` if the code is newer than
# the backup (backup.txt names its commit).
set -euo pipefail

folder=${1:?usage: deploy/restore.sh BACKUP_FOLDER}
: "${DATABASE_URL:?DATABASE_URL must name the empty PostgreSQL database to restore into}"
: "${MEDIA_ROOT:?MEDIA_ROOT must name the media folder to restore into}"

echo "restore.sh: checking $folder/SHA256SUMS" >&2
(cd "$folder" && sha256sum --check --quiet SHA256SUMS)

tables=$(psql "$DATABASE_URL" --no-psqlrc --tuples-only --no-align --command \
    "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")
if [ "$tables" != "0" ]; then
    echo "restore.sh: the database already has $tables tables; restore into an empty one" >&2
    exit 3
fi
if [ -d "$MEDIA_ROOT" ] && [ -n "$(find "$MEDIA_ROOT" -mindepth 1 -print -quit)" ]; then
    echo "restore.sh: $MEDIA_ROOT is not empty; restore into an empty folder" >&2
    exit 3
fi

echo "restore.sh: database → $DATABASE_URL" >&2
pg_restore --no-owner --no-privileges --single-transaction --exit-on-error \
    --dbname="$DATABASE_URL" "$folder/database.dump"

echo "restore.sh: media → $MEDIA_ROOT" >&2
mkdir -p "$MEDIA_ROOT"
tar --extract --gzip --file="$folder/media.tar.gz" --directory="$MEDIA_ROOT"
echo "restore.sh: done ($(find "$MEDIA_ROOT" -type f | wc -l) media files)" >&2
