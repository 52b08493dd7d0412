#!/usr/bin/env bash
# The closing backup as Ctrl+Q makes it. Run under an X display (xvfb-run):
#   quit_backup.sh MONDO_BINARY COLLECTION
# Three runs of the real window on one collection, each ended with Ctrl+Q; after each, prints
# "RUN backups N" (the backups beside the collection) and "RUN exit STATUS":
#   new    the collection is made (the built-in interview imported: a change)
#   look   opened and closed, nothing else (no change: no new backup)
#   flag   F2, Ctrl+F: the first card of the day flagged (a change: a new backup)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/wait_for_window.sh"
mondo=$1
db=$2
backups="$(dirname "$db")/backups"

one_run() {
    local name=$1 window=""
    shift
    "$mondo" --db "$db" &
    local pid=$!
    window=$(wait_for_window "$pid")
    [ -n "$window" ] || give_up_without_window "$pid" "$name"
    xdotool windowfocus --sync "$window" 2>/dev/null || true
    sleep 1
    for key in "$@"; do
        xdotool key "$key"
        sleep 1
    done
    xdotool key ctrl+q
    local status=0
    wait "$pid" || status=$?
    echo "$name backups $(find "$backups" -name 'collection-*.sqlite3' 2>/dev/null | wc -l)"
    echo "$name exit $status"
    # Backups are named by the second: the next run's must not share this one's name.
    sleep 1.1
}

one_run new
one_run look
one_run flag F2 ctrl+f
