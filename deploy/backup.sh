#!/usr/bin/env bash
# Back up the portal: the PostgreSQL database (pg_dump custom format) and MEDIA_ROOT (images,
# renditions, documents), with SHA-256 checksums of both.
#
#   DATABASE_URL=postgres://user@host:5432/iclei_portal MEDIA_ROOT=/srv/portal/media \
#       deploy/backup.sh /backups
#
# writes /backups/portal-<UTC time>/ holding database.dump, media.tar.gz, SHA256SUMS and
# backup.txt (what, when, from which versions), and prints that folder's path last.
# Restore with deploy/restore.sh. Media are read while the site runs: an image uploaded
# during the backup may miss its file, so run it when editors are not uploading (nightly).
set -euo pipefail

dest_root=${1:?usage: deploy/backup.sh DESTINATION_FOLDER}
: "${DATABASE_URL:?DATABASE_URL must name the PostgreSQL database to back up}"
here=$(cd "$(dirname "$0")/.." && pwd)
media=${MEDIA_ROOT:-$here/var/media}
case $DATABASE_URL in
    postgres://* | postgresql://*) ;;
    *) echo "backup.sh: DATABASE_URL is not PostgreSQL" >&2; exit 2 ;;
esac

stamp=$(date -u +%Y%m%dT%H%M%SZ)
folder="$dest_root/portal-$stamp"
mkdir -p "$folder"
chmod 700 "$folder"  # it holds visitors' messages (form submissions)
echo "backup.sh: database → $folder/database.dump" >&2
# Custom format: compressed, restorable table by table; no owners or grants, so it restores
# into a database of any role.
pg_dump --format=custom --no-owner --no-privileges --file="$folder/database.dump" "$DATABASE_URL"

echo "backup.sh: media $media → $folder/media.tar.gz" >&2
mkdir -p "$media"
tar --create --gzip --file="$folder/media.tar.gz" --directory="$media" .

{
    echo "created: $stamp"
    echo "pg_dump: $(pg_dump --version)"
    echo "code: $(git -C "$here" rev-parse HEAD 2>/dev/null || echo unknown)"
    echo "media files: $(find "$media" -type f | wc -l)"
} >"$folder/backup.txt"
(cd "$folder" && sha256sum database.dump media.tar.gz backup.txt >SHA256SUMS)
echo "$folder"
