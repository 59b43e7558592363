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
# Maven's own failure report adds nothing to the tool's one-line message: keep the tool's output only.
set +e
mvn -B -q compile exec:exec -Dtongbei.args="backup $target" 2>&1 | grep -v -e '^\[ERROR\]' -e '^[[:space:]]*at ' \
  -e '^org.apache.commons.exec' -e '^WARNING: '
exit "${PIPESTATUS[0]}"
