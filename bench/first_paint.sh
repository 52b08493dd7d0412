#!/usr/bin/env bash
# First paint of the interactive window, mondo against Mnemosyne (Debian package `mnemosyne`),
# alternating, medians of RUNS warm runs each; and mondo's peak RSS on Home. Run under an X display:
#   xvfb-run -a -s '-screen 0 1280x800x24 -noreset' bench/first_paint.sh BUILD/app/mondo [RUNS]
# For each start: ms until a visible window with the app's title exists, and ms until that window
# shows content (grey standard deviation > 0.03, polled with ImageMagick's import, ~70 ms a poll:
# the paint time is when the first poll that saw content began). Prints one line per run, then
# the medians and their ratio. Without Mnemosyne only mondo is measured.
set -uo pipefail
mondo=$1
runs=${2:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export XDG_CACHE_HOME=$work/cache
# Mnemosyne's Qt WebEngine refuses to start as root inside its sandbox.
export QTWEBENGINE_DISABLE_SANDBOX=1

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# first_paint NAME_REGEX CMD... -> "WINDOW_MS PAINT_MS [PEAK_RSS_KB]" (-1 when it never happened)
first_paint() {
    local re=$1 start pid win=-1 paint=-1 w="" sd rss=""
    shift
    start=$(now_ms)
    "$@" >/dev/null 2>&1 &
    pid=$!
    for _ in $(seq 1500); do
        w=$(xdotool search --onlyvisible --name "$re" 2>/dev/null | head -n 1)
        if [ -n "$w" ]; then win=$(( $(now_ms) - start )); break; fi
        sleep 0.01
    done
    if [ -n "$w" ]; then
        for _ in $(seq 200); do
            local t0
            t0=$(now_ms)
            sd=$(import -silent -window "$w" -colorspace gray -format '%[fx:standard_deviation]' info: 2>/dev/null)
            if awk -v sd="${sd:-0}" 'BEGIN { exit !(sd > 0.03) }'; then paint=$(( t0 - start )); break; fi
            [ $(( $(now_ms) - start )) -gt 15000 ] && break
        done
    fi
    if [ "$re" = "^mondo" ]; then
        sleep 1  # Home at rest: its peak is reached
        rss=$(awk '/VmHWM/ { print $2 }' "/proc/$pid/status" 2>/dev/null)
    fi
    kill -TERM "$pid" 2>/dev/null
    sleep 0.3
    kill -9 "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    echo "$win $paint $rss"
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

have_mnemosyne=0
command -v mnemosyne >/dev/null && have_mnemosyne=1
# Warm: the collection and the font subset are made by the first start; caches are filled.
"$mondo" screenshot --screen home --out "$work/warm.png" --db "$work/c.sqlite3" >/dev/null 2>&1
first_paint '^mondo' "$mondo" --db "$work/c.sqlite3" >/dev/null
[ $have_mnemosyne = 1 ] && first_paint '^Mnemosyne' mnemosyne -d "$(mktemp -d -p "$work")" >/dev/null
: >"$work/mondo" && : >"$work/mnemosyne"
for run in $(seq "$runs"); do
    m=$(first_paint '^mondo' "$mondo" --db "$work/c.sqlite3")
    echo "run $run mondo: window $(echo "$m" | cut -d' ' -f1) ms, painted $(echo "$m" | cut -d' ' -f2) ms, peak RSS $(echo "$m" | cut -d' ' -f3) kB"
    echo "$m" >>"$work/mondo"
    if [ $have_mnemosyne = 1 ]; then
        n=$(first_paint '^Mnemosyne' mnemosyne -d "$(mktemp -d -p "$work")")
        echo "run $run mnemosyne: window $(echo "$n" | cut -d' ' -f1) ms, painted $(echo "$n" | cut -d' ' -f2) ms"
        echo "$n" >>"$work/mnemosyne"
    fi
done
mondo_paint=$(cut -d' ' -f2 "$work/mondo" | grep -v '^-1$' | median)
echo "mondo median: window $(cut -d' ' -f1 "$work/mondo" | grep -v '^-1$' | median) ms, painted $mondo_paint ms, peak RSS $(cut -d' ' -f3 "$work/mondo" | median) kB"
if [ $have_mnemosyne = 1 ]; then
    mnemosyne_paint=$(cut -d' ' -f2 "$work/mnemosyne" | grep -v '^-1$' | median)
    echo "mnemosyne median: window $(cut -d' ' -f1 "$work/mnemosyne" | grep -v '^-1$' | median) ms, painted $mnemosyne_paint ms"
    awk -v a="$mondo_paint" -v b="$mnemosyne_paint" 'BEGIN { if (b > 0) printf "mondo / mnemosyne first paint: %.2f\n", a / b }'
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
