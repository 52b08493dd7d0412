#!/usr/bin/env bash
# Peak RSS of the app with the scale benchmark's collection open (issue 13: <= 200 MB): mondo starts
# on the 100,000-question / 1,000,000-review collection that bench/scale_bench makes (its file, given
# with --db), shows Home, then Study (F2); VmHWM (the process's peak
# resident set) is read after each, at rest. Medians of RUNS starts. Run under an X display, after
# scale_bench has made the collection:
#   xvfb-run -a -s '-screen 0 1280x800x24 -noreset' bench/scale_rss.sh BUILD/app/mondo [COLLECTION] [RUNS]
# COLLECTION defaults to scale_bench's ($TMPDIR/mondo-scale-bench/collection-v1.sqlite3). The
# collection is used in place (a copy would be checked in full at open: a different file).
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/lib/wait_for_window.sh"
mondo=$1
collection=${2:-${TMPDIR:-/tmp}/mondo-scale-bench/collection-v1.sqlite3}
runs=${3:-3}
[ -f "$collection" ] || { echo "no collection at $collection: run scale_bench first" >&2; exit 1; }

hwm() { awk '/VmHWM/ { print $2 }' "/proc/$1/status" 2>/dev/null; }

# one_start -> "HOME_KB STUDY_KB" (-1 when the window never came)
one_start() {
    local pid w="" home=-1 study=-1
    "$mondo" --db "$collection" >/dev/null 2>&1 &
    pid=$!
    w=$(wait_for_window "$pid")
    if [ -n "$w" ]; then
        sleep 2  # Home drawn and at rest
        home=$(hwm "$pid")
        xdotool windowfocus --sync "$w" 2>/dev/null
        xdotool key F2
        sleep 2  # Study: today's queue, the first card
        study=$(hwm "$pid")
    fi
    kill -TERM "$pid" 2>/dev/null
    for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    echo "$home $study"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
one_start >/dev/null  # warm: the font subset cache and the OS's page cache
for run in $(seq "$runs"); do
    r=$(one_start)
    echo "run $run: peak RSS on Home $(echo "$r" | cut -d' ' -f1) kB, on Study $(echo "$r" | cut -d' ' -f2) kB"
    echo "$r" >>"$work/rss"
done
echo "median peak RSS: Home $(cut -d' ' -f1 "$work/rss" | median) kB, Study $(cut -d' ' -f2 "$work/rss" | median) kB ($(du -m "$collection" | cut -f1) MB collection)"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
