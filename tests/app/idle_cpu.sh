#!/usr/bin/env bash
# Idle CPU of the real window on each of the six screens. Run under an X display (xvfb-run):
#   idle_cpu.sh MONDO_BINARY COLLECTION SECONDS
# Opens the app, switches screens with F1..F6 as a user would, checks each switch was drawn (the
# window's pixels change), then measures the CPU the process uses while left alone for SECONDS.
# Prints "SCREEN_KEY CPU_MS" per screen, then quits with Ctrl+Q and prints "exit STATUS".
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib/wait_for_window.sh"
mondo=$1
db=$2
seconds=$3

"$mondo" --db "$db" &
pid=$!
window=$(wait_for_window "$pid")
[ -n "$window" ] || give_up_without_window "$pid" ""
xdotool windowfocus --sync "$window" 2>/dev/null || true
sleep 1

cpu_ms() {  # user + system time of the app, in ms (clock ticks from /proc)
    awk -v hz="$(getconf CLK_TCK)" '{ print int(($14 + $15) * 1000 / hz) }' "/proc/$pid/stat"
}
picture() { import -window "$window" rgb:- | md5sum | cut -d' ' -f1; }

previous=$(picture)
for key in F2 F3 F4 F5 F6 F1; do
    xdotool key "$key"
    # The switch must show without any further input (an idle loop that never wakes would fail
    # here); polled for up to 5 s so a slow sanitizer build on a busy machine does not flake.
    now=$previous
    for _ in $(seq 50); do
        sleep 0.1
        now=$(picture)
        [ "$now" != "$previous" ] && break
    done
    [ "$now" != "$previous" ] || echo "unchanged $key"
    # The first changed picture is the first of the few frames drawn after a key (and after the
    # screen's own follow-up, such as Browse loading the selected question's history): rest
    # starts once the app used no CPU for 0.3 s (at most 3 s), or a loaded machine puts those
    # frames into the measurement.
    settled=$(cpu_ms)
    for _ in $(seq 10); do
        sleep 0.3
        [ "$(cpu_ms)" = "$settled" ] && break
        settled=$(cpu_ms)
    done
    previous=$(picture)
    before=$(cpu_ms)
    sleep "$seconds"
    echo "$key $(( $(cpu_ms) - before ))"
done
xdotool key ctrl+q
status=0
wait "$pid" || status=$?
echo "exit $status"
