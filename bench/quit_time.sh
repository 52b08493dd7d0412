#!/usr/bin/env bash
# Ctrl+Q on the scale benchmark's collection (issue 14: it took 6.0 s): from the key to the window
# gone from the screen, and to the end of the process, in two cases:
#   look    the app opened on Home and closed (nothing of the learner's changed)
#   flag    F2, Ctrl+F (the first card of the day flagged: a change the closing backup must keep)
# Run under an X display, after scale_bench has made the collection:
#   xvfb-run -a -s '-screen 0 1280x800x24 -noreset' bench/quit_time.sh BUILD/app/mondo [COLLECTION] [RUNS]
# The collection is copied once into a temporary folder (its backups go beside the copy and are
# removed after each run, so they do not pile up beside the benchmark's own file); the first open
# of the copy checks it in full and is not timed. Prints each run and the medians, in ms.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/wait_for_window.sh"
mondo=$1
collection=${2:-${TMPDIR:-/tmp}/mondo-scale-bench/collection-v1.sqlite3}
runs=${3:-3}
[ -f "$collection" ] || { echo "no collection at $collection: run scale_bench first" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db="$work/collection.sqlite3"
cp "$collection" "$db"
export XDG_CACHE_HOME="$work/cache"

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# one_quit CASE -> "WINDOW_GONE_MS EXIT_MS BACKUPS" (-1 -1 0 when the window never came)
one_quit() {
    local pid w="" gone=-1 done=-1 start
    "$mondo" --db "$db" >/dev/null 2>&1 &
    pid=$!
    w=$(wait_for_window "$pid")
    if [ -z "$w" ]; then
        kill -9 "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
        echo "-1 -1 0"
        return
    fi
    xdotool windowfocus --sync "$w" 2>/dev/null
    sleep 2  # Home drawn and at rest
    if [ "$1" = flag ]; then
        xdotool key F2
        sleep 2  # today's queue, the first card
        xdotool key ctrl+f
        sleep 1
    fi
    start=$(now_ms)
    xdotool key ctrl+q
    while xdotool search --onlyvisible --pid "$pid" >/dev/null 2>&1; do sleep 0.01; done
    gone=$(( $(now_ms) - start ))
    wait "$pid" 2>/dev/null
    done=$(( $(now_ms) - start ))
    local backups
    backups=$(find "$work/backups" -name 'collection-*.sqlite3' 2>/dev/null | wc -l)
    rm -rf "$work/backups"
    echo "$gone $done $backups"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

one_quit look >/dev/null  # the copy's first open (its full check), the font cache
for case in look flag; do
    : >"$work/$case"
    for run in $(seq "$runs"); do
        r=$(one_quit "$case")
        echo "$case run $run: window gone $(echo "$r" | cut -d' ' -f1) ms, process ended $(echo "$r" | cut -d' ' -f2) ms after Ctrl+Q, backups made $(echo "$r" | cut -d' ' -f3)"
        echo "$r" >>"$work/$case"
    done
    echo "$case median: window gone $(cut -d' ' -f1 "$work/$case" | median) ms, process ended $(cut -d' ' -f2 "$work/$case" | median) ms"
done
echo "collection $(du -m "$collection" | cut -f1) MB; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
