#!/usr/bin/env python3
"""A keyboard monkey for the real window: a seeded random player of keys, chords and typed text.

Run under an X display (xvfb-run):
    keyboard_monkey.py --mondo BUILD/app/mondo [--seconds 60] [--seed 17] [--db PATH]

It opens mondo on a fresh collection and, for --seconds, plays random input with xdotool: quick
taps, held keys (auto-repeat), chords (Ctrl+Z, Ctrl+F, Shift+Up, @ …), screen switches (F1–F6)
and typed text in ASCII and Japanese. It fails (exit 1) if the app dies or reports on stderr (a
sanitizer, an ImGui assertion), if Ctrl+Q does not end it with status 0, or if `mondo check`
finds the collection inconsistent afterwards. The seed is printed so a failure can be replayed.
"""
import argparse
import os
import random
import subprocess
import sys
import tempfile
import time

KEYS = ["Return", "space", "1", "2", "3", "4", "Up", "Down", "Left", "Right", "Tab", "Escape",
        "BackSpace", "Delete", "Home", "End", "Prior", "Next", "j", "k", "t", "f", "g", "c", "r",
        "s", "e", "u", "slash", "KP_Enter"]
SCREENS = ["F1", "F2", "F3", "F4", "F5", "F6"]
CHORDS = ["ctrl+z", "ctrl+f", "ctrl+a", "ctrl+c", "ctrl+v", "ctrl+x", "ctrl+y", "shift+Up",
          "shift+Down", "shift+Tab", "at", "ctrl+shift+z", "alt+Left"]
TEXTS = ["abc", "deepseek", "Liang", "42", "a b", "投資家", "イノベーション", "中国", "資本",
         "自信", "ＡＩ", "、。", "梁文峰"]
# Words the app must survive on stderr: sanitizers, failed assertions, aborts.
REPORTS = ["Sanitizer", "runtime error", "Assertion", "assert", "Aborted", "SUMMARY"]


def xdotool(*args):
    subprocess.run(["xdotool", *args], check=False, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)


def find_window(deadline):
    while time.monotonic() < deadline:
        found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "^mondo"],
                               capture_output=True, text=True)
        if found.stdout.strip():
            return found.stdout.split()[0]
        time.sleep(0.1)
    return None


def play(rng, log):
    roll = rng.random()
    if roll < 0.40:
        key = rng.choice(KEYS)
        log.append(key)
        xdotool("keydown", key, "keyup", key)  # a quick tap: press and release back to back
    elif roll < 0.50:
        key = rng.choice(SCREENS)
        log.append(key)
        xdotool("key", key)
    elif roll < 0.70:
        chord = rng.choice(CHORDS)
        log.append(chord)
        xdotool("key", chord)
    elif roll < 0.90:
        text = rng.choice(TEXTS)
        log.append("type:" + text)
        xdotool("type", "--delay", str(rng.randint(1, 30)), text)
    else:
        key = rng.choice(["Down", "Up", "BackSpace", "Right", "Left"])
        log.append("hold:" + key)
        xdotool("keydown", key)
        time.sleep(rng.uniform(0.2, 0.6))  # long enough for auto-repeat
        xdotool("keyup", key)
    time.sleep(rng.choice([0, 0, 0.005, 0.02, 0.05, 0.1]))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mondo", required=True)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--seed", type=int, default=int(time.time()))
    parser.add_argument("--db")
    args = parser.parse_args()
    print(f"keyboard monkey: seed {args.seed}, {args.seconds:g} s", flush=True)
    rng = random.Random(args.seed)

    work = tempfile.TemporaryDirectory(prefix="mondo-monkey-")
    db = args.db or os.path.join(work.name, "collection.sqlite3")
    env = dict(os.environ, XDG_CACHE_HOME=os.path.join(work.name, "cache"))
    stderr_path = os.path.join(work.name, "stderr")
    with open(stderr_path, "w") as stderr:
        app = subprocess.Popen([args.mondo, "--db", db], stdout=subprocess.DEVNULL, stderr=stderr,
                               env=env)
    failures = []
    log = []
    window = find_window(time.monotonic() + 60)
    if window is None:
        failures.append("no window appeared")
    else:
        xdotool("windowfocus", window)
        time.sleep(0.5)
        end = time.monotonic() + args.seconds
        while time.monotonic() < end and app.poll() is None:
            play(rng, log)
        if app.poll() is not None:
            failures.append(f"the app died (status {app.returncode}) during the run")
        else:
            xdotool("key", "Escape")  # leave a text box or a composition, then quit
            time.sleep(0.2)
            xdotool("key", "ctrl+q")
            try:
                status = app.wait(timeout=60)
                if status != 0:
                    failures.append(f"Ctrl+Q: the app exited with status {status}")
            except subprocess.TimeoutExpired:
                failures.append("Ctrl+Q did not end the app within 60 s")
    if app.poll() is None:
        app.kill()
        app.wait()
    reports = open(stderr_path, errors="replace").read()
    if any(word in reports for word in REPORTS):
        failures.append("the app reported on stderr:\n" + reports[-6000:])
    if os.path.exists(db):
        check = subprocess.run([args.mondo, "check", "--db", db], capture_output=True, text=True,
                               env=env)
        if check.returncode != 0:
            failures.append("mondo check: " + check.stdout + check.stderr)
    else:
        failures.append("no collection was written")

    print(f"played {len(log)} actions", flush=True)
    if failures:
        print("last actions: " + " ".join(log[-40:]))
        print(f"FAILED (replay with --seed {args.seed}):")
        for failure in failures:
            print("  " + failure)
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
