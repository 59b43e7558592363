#!/usr/bin/env bash
# Restores a backup made by backup.sh into an EMPTY installation (empty database, empty bucket), using the
# server's configuration (config/ and TONGBEI_* variables); refuses, changing nothing, if either holds data.
# Then start Tongbei: it migrates to the current schema and rebuilds the search index from PostgreSQL and S3.
#   src/main/scripts/restore.sh /var/backups/tongbei/2026-11-23
set -euo pipefail
if [ $# -ne 1 ]; then
  echo "usage: $0 <backup directory>" >&2
  exit 2
fi
source=$(realpath -m "$1")
cd "$(dirname "$0")/../../.."
# Maven's own failure report adds nothing to the tool's one-line message: keep the tool's output only.
set +e
mvn -B -q compile exec:exec -Dtongbei.args="restore $source" 2>&1 | grep -v -e '^\[ERROR\]' -e '^[[:space:]]*at ' \
  -e '^org.apache.commons.exec' -e '^WARNING: '
exit "${PIPESTATUS[0]}"
