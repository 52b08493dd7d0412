# Sourced by the scripts that drive the real window under X (tests/app/*.sh, bench/*.sh).
#
# wait_for_window PID [SECONDS]: prints the id of the first visible window of process PID once it
# is mapped (mondo-window is exec'd in mondo's own process, so the pid is the one started), or
# nothing when none appears within SECONDS (default 60: a sanitizer build on a loaded 2-core
# machine, with a cold font cache, starts slowly) or the process ends first (it says why on its
# stderr; waiting on would only hide that). Visible only: the window is created hidden and shown
# with its first frame, and keys sent to it before then are lost.
wait_for_window() {
    local pid=$1 seconds=${2:-60} window="" _
    for _ in $(seq $((seconds * 50))); do
        window=$(xdotool search --onlyvisible --pid "$pid" 2>/dev/null | head -n 1 || true)
        [ -n "$window" ] && break
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.02
    done
    echo "$window"
}

# give_up_without_window PID LABEL: after wait_for_window found nothing, ends process PID (if it
# still runs), prints "LABEL no window (exit STATUS)" and exits the script with 1.
give_up_without_window() {
    local pid=$1 label=$2 status=0
    kill "$pid" 2>/dev/null || true
    wait "$pid" || status=$?
    echo "${label:+$label }no window (exit $status)"
    exit 1
}
