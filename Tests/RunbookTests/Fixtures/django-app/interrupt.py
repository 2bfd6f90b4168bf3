#!/usr/bin/env python3
"""Runs a command in a pseudo-terminal, as an operator runs it over SSH, and cuts
it short once a process it started is busy with a given step:

    interrupt.py HOW PATTERN CWD DELAY OUTPUT -- COMMAND [ARG...]

HOW is how the run is cut short:
  term     SIGTERM to the command (a service manager, `kill`)
  ctrl-c   the interrupt character typed at the terminal: the terminal driver
           sends SIGINT to the foreground process group, as Ctrl-C does
  hangup   the terminal's master side closed: the kernel sends SIGHUP to the
           session and the terminal is gone, as when sshd's connection drops
PATTERN is a substring of the command line of the process to wait for, CWD its
working directory (both must match), DELAY the seconds to let it work first.
Everything the command prints goes to OUTPUT. Prints "EXIT <code>" once the
command has ended (a command that outlives its terminal is waited for).
"""
import os
import pty
import select
import signal
import sys
import time

how, pattern, cwd, delay, output = sys.argv[1:6]
command = sys.argv[sys.argv.index("--") + 1:]
cwd = os.path.realpath(cwd)


def busy():
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/cmdline", "rb") as f:
                line = f.read().replace(b"\0", b" ").decode(errors="replace")
            if pattern in line and os.path.realpath(f"/proc/{entry}/cwd") == cwd:
                return True
        except OSError:
            continue
    return False


pid, fd = pty.fork()
if pid == 0:
    # The test runner starts its children with these signals ignored; an operator's shell does not.
    signal.pthread_sigmask(signal.SIG_SETMASK, set())
    for s in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(s, signal.SIG_DFL)
    os.execvp(command[0], command)

log = open(output, "wb")
open_fd = True  # False once a hangup closed the terminal


def drain():
    """Copies what the terminal has ready (one read: a pty read blocks when empty)."""
    try:
        data = os.read(fd, 65536)
    except OSError:
        return
    log.write(data)
    log.flush()


deadline = time.time() + 600
while not busy() and time.time() < deadline:
    ready, _, _ = select.select([fd], [], [], 0.05)
    if ready:
        drain()
    if os.waitpid(pid, os.WNOHANG) != (0, 0):
        print("the command ended before the step began", file=sys.stderr)
        sys.exit(2)
end = time.time() + float(delay)
while time.time() < end:
    ready, _, _ = select.select([fd], [], [], 0.05)
    if ready:
        drain()
print(f"cutting short ({how})", file=sys.stderr)
cut = time.time()
if how == "term":
    os.kill(pid, signal.SIGTERM)
elif how == "ctrl-c":
    os.write(fd, b"\x03")
elif how == "hangup":
    os.close(fd)
    open_fd = False
else:
    sys.exit(f"unknown HOW {how}")
status = None
while status is None:
    if open_fd and select.select([fd], [], [], 0.05)[0]:
        drain()
    done, raw = os.waitpid(pid, os.WNOHANG)
    if done:
        status = os.waitstatus_to_exitcode(raw)
    elif not open_fd:
        time.sleep(0.05)
print(f"rollback took {time.time() - cut:.1f} s (from the cut to the end of the run)")
print("EXIT", status)
