#!/usr/bin/env bash
# Backs up a Tongbei installation: PostgreSQL tables (COPY, one consistent snapshot), every S3 object, and a
# manifest with checksums. Uses the same configuration as the server (config/ and TONGBEI_* variables).
#   src/main/scripts/backup.sh /var/backups/tongbei/$(date +%F)
# Embedded mode (no external PostgreSQL/S3 configured): stop the server first.
set -euo pipefail
if [ $# -ne 1 ]; then
  echo "usage: $0 <new backup directory>" >&2
  exit 2
fi
target=$(realpath -m "$1")
cd "$(dirname "$0")/../../.."
exec mvn -q compile exec:exec -Dtongbei.args="backup $target"
