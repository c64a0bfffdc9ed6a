"""Peak RSS of a running streaming job once it has done a number of rows, for bench/speed.sh.

Usage: python3 bench/peak_rss_at.py PARENT_PID OUTPUT_FILE ROWS

Watches the JVM that PARENT_PID (the /usr/bin/time wrapping `java`) runs. Its resumable output commits, at most once
a second, how many input rows are done to `.<output name>.resume/state` beside OUTPUT_FILE; at the first commit of at
least ROWS rows this prints "<rows done> <peak RSS so far, KB>" (VmHWM, which only grows) and exits. The same process's
peak after ROWS rows and at its end differ by what the input's length costs alone: no second JVM's heap sizing, JIT or
allocator arenas in the comparison. Prints nothing if the job ends first.
"""
import os
import sys
import time


def java_under(parent):
    """The first process named java among PARENT's descendants, once it has started."""
    for _ in range(200):
        pending = [parent]
        while pending:
            pid = pending.pop(0)
            try:
                with open("/proc/%d/comm" % pid) as f:
                    if pid != parent and f.read().strip() == "java":
                        return pid
                with open("/proc/%d/task/%d/children" % (pid, pid)) as f:
                    pending.extend(int(c) for c in f.read().split())
            except OSError:
                if pid == parent:
                    return None
        time.sleep(0.05)
    return None


def rows_done(state):
    try:
        with open(state) as f:
            for line in f:
                if line.startswith("rows="):
                    return int(line[5:].strip())
    except (OSError, ValueError):
        pass
    return 0


def peak_kb(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def main():
    parent, output, wanted = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    state = os.path.join(os.path.dirname(os.path.abspath(output)), "." + os.path.basename(output) + ".resume", "state")
    pid = java_under(parent)
    if pid is None:
        return
    while True:
        try:
            rows = rows_done(state)
            peak = peak_kb(pid)
        except OSError:
            return  # the job ended
        if rows >= wanted:
            print(rows, peak)
            return
        time.sleep(0.2)


main()
