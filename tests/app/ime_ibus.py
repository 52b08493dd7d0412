#!/usr/bin/env python3
"""A real input method in the real window: IBus with the Anthy engine in hiragana mode.

Run under an X display (xvfb-run):
    ime_ibus.py --mondo BUILD/app/mondo

What a Japanese learner does, keys sent with xdotool to the X server (so they go X -> SDL -> IBus
-> Anthy -> SDL, as a keyboard's would). No IME panel runs, so anything the learner sees of the
composition is mondo's own drawing:
  1. Browse, Ctrl+F (Anthy already in hiragana, the usual state), type "kanji": the
     composition かんじ is drawn inline; Space converts it (感じ); Return confirms it into the
     search box and must not act on the screen (Enter there would study the selected question).
  2. Study: with the IME still on, Space shows the answer and 3 grades it Good (text input is off
     outside text boxes, so the keys reach mondo instead of opening a composition).
  3. A cloze (Browse, 4th question, Enter): "kanji", Space, Return confirms the conversion and
     must not submit; the next Return submits 感じ, the next grades it.
Checked: the window's dark pixels grow while composing (the inline preedit), and the collection
afterwards holds exactly the recall review (Good) and one cloze review whose typed answer is 感じ.

Exits 77 (ctest: skipped) when IBus or its Anthy engine is not installed; scripts/bootstrap
installs both for the test command, so CI runs it.

Set-up details that decide whether IBus talks to SDL at all (each one broke it before):
  - a D-Bus session bus (SDL 2.26 reaches IBus through libdbus; this script starts its own);
  - IBUS_ADDRESS must be unset: SDL 2.26 reads that variable as the *name of a file* holding the
    address and fails; it finds the address file under $XDG_CONFIG_HOME/ibus/bus by itself;
  - the Anthy engine is a Python program started as `python3`: a python3 first in PATH without
    Debian's `gi` module (pyenv, a venv) kills the engine, so /usr/bin comes first here;
  - Anthy may start in direct (Latin) input; a learner turns hiragana on with 半角/全角 (or
    Ctrl+J), a toggle, so the test sets the mode itself rather than pressing it blind.
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time

SKIP = 77
# Puts Anthy in hiragana mode through IBus itself, as the input-mode menu of an IME panel does
# (Debian's python3 has IBus' bindings: python3-gi comes with ibus-anthy). Anthy keeps its mode
# for every input context of the process, so mondo's comes up in hiragana too. Checked with a key:
# in hiragana Anthy takes "k" into a composition.
HIRAGANA = r"""
import sys, time
import gi
gi.require_version("IBus", "1.0")
from gi.repository import IBus, GLib
IBus.init()
bus = IBus.Bus()
context = bus.create_input_context("mondo-ime-test")
context.set_capabilities(IBus.Capabilite.FOCUS | IBus.Capabilite.PREEDIT_TEXT)
context.focus_in()
loop = GLib.MainContext.default()
def pump(seconds):
    end = time.time() + seconds
    while time.time() < end:
        loop.iteration(False)
        time.sleep(0.01)
for attempt in range(20):
    pump(0.3)
    context.property_activate("InputMode.Hiragana", IBus.PropState.CHECKED)
    pump(0.3)
    if context.process_key_event(ord("k"), 37, 0):
        context.reset()
        pump(0.2)
        context.focus_out()
        pump(0.2)
        sys.exit(0)
sys.exit("Anthy did not take keys in hiragana mode")
"""
ANTHY_COMPONENT = "/usr/share/ibus/component/anthy.xml"
REPORTS = ["Sanitizer", "runtime error", "Assertion", "Aborted", "SUMMARY"]


def xdotool(*args):
    subprocess.run(["xdotool", *args], check=False, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)


def tap(*keys, pause=0.25):
    """Each key pressed and released back to back, as a quick typist does."""
    for key in keys:
        xdotool("keydown", key, "keyup", key)
        time.sleep(pause)


def wait_for(predicate, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    return None


def screenshot(window, path):
    """The window's picture once the app has drawn what the last keys caused (two equal shots)."""
    previous = None
    for _ in range(20):
        shot = subprocess.run(["import", "-window", window, "png:-"], capture_output=True).stdout
        if shot and shot == previous:
            break
        previous = shot
        time.sleep(0.25)
    with open(path, "wb") as out:
        out.write(previous or b"")
    return path


def changed_pixels(before, after):
    """Pixels that differ clearly between two pictures (ImageMagick's absolute error count)."""
    result = subprocess.run(["compare", "-metric", "AE", "-fuzz", "15%", before, after, "null:"],
                            capture_output=True, text=True)
    try:
        return int(float(result.stderr.split()[0]))
    except (IndexError, ValueError):
        return -1


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mondo", required=True)
    args = parser.parse_args()

    missing = [tool for tool in ("ibus-daemon", "ibus", "dbus-daemon", "xdotool", "import")
               if not shutil.which(tool, path="/usr/bin:/bin:" + os.environ.get("PATH", ""))]
    if missing or not os.path.exists(ANTHY_COMPONENT):
        print("SKIPPED: IBus with the Anthy engine is not installed (missing: "
              + ", ".join(missing + ([] if os.path.exists(ANTHY_COMPONENT) else ["ibus-anthy"]))
              + "); `scripts/bootstrap test` installs it")
        return SKIP

    work = tempfile.TemporaryDirectory(prefix="mondo-ime-")
    home = work.name
    env = dict(os.environ)
    env.pop("IBUS_ADDRESS", None)  # SDL 2.26 would take it for a file name
    for name in ("GTK_IM_MODULE", "QT_IM_MODULE", "XMODIFIERS", "SDL_IM_MODULE"):
        env.pop(name, None)
    env.update(HOME=home, XDG_CONFIG_HOME=os.path.join(home, "config"),
               XDG_CACHE_HOME=os.path.join(home, "cache"), GSETTINGS_BACKEND="memory",
               PATH="/usr/bin:/bin:" + env.get("PATH", ""))
    processes = []
    failures = []

    def start(command, **kwargs):
        process = subprocess.Popen(command, env=env, **kwargs)
        processes.append(process)
        return process

    try:
        bus = start(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        env["DBUS_SESSION_BUS_ADDRESS"] = bus.stdout.readline().strip()
        ibus_log = open(os.path.join(home, "ibus.log"), "w")
        start(["ibus-daemon", "--panel=disable", "--emoji-extension=disable", "--verbose"],
              stdout=ibus_log, stderr=ibus_log)
        ready = wait_for(lambda: subprocess.run(["ibus", "list-engine"], env=env,
                                                capture_output=True).returncode == 0, 30)
        if not ready:
            print("FAILED: ibus-daemon did not answer within 30 s")
            return 1
        # `ibus engine NAME` exits 1 even when it worked (IBus 1.5.27): ask which engine is set.
        def anthy_set():
            subprocess.run(["ibus", "engine", "anthy"], env=env, capture_output=True)
            return subprocess.run(["ibus", "engine"], env=env, capture_output=True,
                                  text=True).stdout.strip() == "anthy"

        if not wait_for(anthy_set, 30):
            print("FAILED: IBus did not take the Anthy engine within 30 s")
            return 1

        hiragana = subprocess.run(["/usr/bin/python3", "-c", HIRAGANA], env=env,
                                  capture_output=True, text=True, timeout=60)
        if hiragana.returncode != 0:
            print("FAILED: could not put Anthy in hiragana mode: " + hiragana.stderr[-2000:])
            return 1

        db = os.path.join(home, "collection.sqlite3")
        app_err = open(os.path.join(home, "mondo.err"), "w")
        app = start([args.mondo, "--db", db], stdout=subprocess.DEVNULL, stderr=app_err)

        def find_window():
            found = subprocess.run(["xdotool", "search", "--onlyvisible", "--name", "^mondo"],
                                   capture_output=True, text=True)
            return found.stdout.split()[0] if found.stdout.strip() else None

        # A loaded machine (CI on 2 cores) can take long to show a window; the app's own exit or
        # its messages say more than the wait does, so they are printed with the failure.
        window = wait_for(lambda: find_window() or app.poll() is not None, 120)
        if window is None or window is True or app.poll() is not None:
            app_err.flush()
            with open(os.path.join(home, "mondo.err")) as err:
                messages = err.read()[-2000:]
            print("FAILED: no window appeared within 120 s (mondo "
                  + ("exited with " + str(app.returncode) if app.poll() is not None
                     else "still running") + "); its messages:\n" + messages)
            return 1
        xdotool("windowfocus", "--sync", window)
        time.sleep(1.0)

        def composes(where):
            """Types "kanji", converts with Space; checks the composition was drawn each time."""
            name = where.replace(" ", "-")
            before = screenshot(window, os.path.join(home, name + "-0.png"))
            tap("k", "a", "n", "j", "i")
            typing = screenshot(window, os.path.join(home, name + "-1.png"))
            tap("space")
            converted = screenshot(window, os.path.join(home, name + "-2.png"))
            typed = changed_pixels(before, typing)
            conversion = changed_pixels(typing, converted)
            print(f"{where}: {typed} pixels changed by typing かんじ, {conversion} by converting "
                  "it to 感じ")
            # Nothing else on the screen changes while composing (the text is not in the box
            # yet); three glyphs and an underline change several hundred pixels, a caret blink
            # a few dozen.
            if typed < 150:
                failures.append(f"{where}: the composition かんじ was not drawn inline "
                                f"({typed} pixels changed)")
            if conversion < 150:
                failures.append(f"{where}: the conversion to 感じ was not drawn inline "
                                f"({conversion} pixels changed)")

        # 1. The search box on Browse.
        tap("F4")
        xdotool("key", "ctrl+f")
        time.sleep(0.3)
        composes("search box")
        tap("Return")  # confirms the conversion into the box
        tap("ctrl+a", "BackSpace", "Escape")
        # 2. Study with the IME on: Space shows the answer, 3 grades Good.
        tap("F2", "space", "3")
        # 3. A cloze: Browse, the 4th question of exchange 1, study it.
        tap("F4", "Home", "Down", "Down", "Down", "Return")
        time.sleep(0.3)
        composes("cloze box")
        tap("Return")  # confirms the conversion: must not submit
        tap("Return")  # submits 感じ
        tap("Return")  # grades with the suggested grade
        xdotool("key", "Escape")
        time.sleep(0.2)
        xdotool("key", "ctrl+q")
        try:
            status = app.wait(timeout=60)
            if status != 0:
                failures.append(f"Ctrl+Q: the app exited with status {status}")
        except subprocess.TimeoutExpired:
            failures.append("Ctrl+Q did not end the app within 60 s")
        app_err.close()
        reports = open(os.path.join(home, "mondo.err"), errors="replace").read()
        if any(word in reports for word in REPORTS):
            failures.append("the app reported on stderr:\n" + reports[-4000:])

        rows = subprocess.run(
            ["sqlite3", "-separator", "|", db,
             "SELECT q.kind, r.rating, r.answer_given FROM reviews r JOIN questions q "
             "ON q.qid = r.qid ORDER BY r.id"],
            capture_output=True, text=True).stdout.splitlines()
        print("reviews: " + "; ".join(rows))
        if not rows or rows[0] != "recall|3|":
            failures.append("Study with the IME on: Space then 3 did not grade the first question "
                            "Good (the keys went to the IME, or Return in the search box acted)")
        cloze = [row for row in rows if row.startswith("cloze|")]
        if len(cloze) != 1 or not cloze[0].endswith("|感じ"):
            failures.append("the cloze: expected one review with the typed answer 感じ (the "
                            "confirming Return must not submit), got " + repr(cloze))
        if len(rows) != 2:
            failures.append(f"expected exactly 2 reviews, got {len(rows)}")
    finally:
        for process in reversed(processes):
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()

    if failures:
        print("FAILED:")
        for failure in failures:
            print("  " + failure)
        log = os.path.join(home, "ibus.log")
        if os.path.exists(log):
            print("ibus-daemon said:\n" + open(log, errors="replace").read()[-3000:])
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
