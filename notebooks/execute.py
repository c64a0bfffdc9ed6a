"""Executes the notebooks of this folder with the Java kernel; exits non-zero on any cell error.

Run through run.sh, which installs the client and the kernel. With --update the executed notebooks
(outputs, images included) replace the committed ones; otherwise they go to target/notebooks/.
With --jar FILE the notebooks load FILE in place of ../cli/target/chemdl.jar (CI passes a copy, so that the
builds it runs meanwhile cannot replace the jar under them).
"""
import asyncio
import atexit
import pathlib
import re
import subprocess
import sys
import tempfile
import time

import nbformat
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

HERE = pathlib.Path(__file__).resolve().parent
ANSI = re.compile(r"\x1b\[[0-9;]*m")
STARTUP_SECONDS = 120
# A kernel that works answers its first request within 0.3 s of the wait below (18 of 18 starts with both cores
# busy); one caught by the ZeroMQ fault below never does. Five seconds tells them apart; each try costs a kernel's
# start (about 3 s), so eight tries leave a notebook unstarted about once in 25,000 at the fault's worst rate seen.
READY_SECONDS = 5
START_ATTEMPTS = 8


class PatientKernelManager(AsyncKernelManager):
    """Starts the Java kernel and returns only once it can take requests.

    rapaio-jupyter-kernel 3.0.1 starts reading its shell socket before it registers its message
    handlers. A request that arrives in between (the client's first kernel_info_request, on a busy
    machine) kills the kernel's shell thread with a NullPointerException in Channels.getHandler, and
    the kernel never answers. The kernel logs one "Binding" line per socket; this manager waits for
    all five, then a grace period for the handler registration that follows them, before any client
    talks to the kernel. The kernel's log goes to a file in log_dir; last_log names the latest, for
    the error message when a start fails.

    A second fault remains, in the kernel's ZeroMQ (jeromq 0.6.0): now and then a kernel whose
    sockets are all connected never sees a request on its shell socket, and does not answer one
    (6 of 40 starts here, with or without the wait; 7 of 25 with both cores busy, whatever the order in which the
    kernel bound its sockets). Nothing on the client side avoids it, so execute() gives such a kernel READY_SECONDS
    to answer and then starts a new one.
    """

    SOCKETS = 5
    GRACE_SECONDS = 1.0
    log_dir = pathlib.Path(tempfile.gettempdir())
    last_log = None

    async def start_kernel(self, **kw):
        log_path = pathlib.Path(tempfile.mkstemp(prefix="java-kernel-", suffix=".log", dir=self.log_dir)[1])
        PatientKernelManager.last_log = log_path
        with open(log_path, "w") as log:
            await super().start_kernel(stdout=log, stderr=subprocess.STDOUT, **kw)
        deadline = time.monotonic() + STARTUP_SECONDS
        while log_path.read_text(errors="replace").count("]: Binding ") < self.SOCKETS:
            if not await self.is_alive():
                raise RuntimeError("the Java kernel exited while starting")
            if time.monotonic() > deadline:
                await self.shutdown_kernel(now=True)
                raise RuntimeError(f"the Java kernel did not open its sockets in {STARTUP_SECONDS} s")
            await asyncio.sleep(0.05)
        await asyncio.sleep(self.GRACE_SECONDS)


def kernel_log_tail(lines=30):
    path = PatientKernelManager.last_log
    if path is None or not path.exists():
        return "(no kernel log)"
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


def execute(nb, path):
    """Runs every cell of nb in a fresh kernel; returns "ok" or "FAILED". A kernel that does not
    answer is replaced, up to START_ATTEMPTS times (see PatientKernelManager); once the kernel has
    answered, nothing is retried: a cell error fails the notebook."""
    for attempt in range(1, START_ATTEMPTS + 1):
        started = []
        client = NotebookClient(nb, kernel_name="java", timeout=1200, startup_timeout=READY_SECONDS,
                                kernel_manager_class=PatientKernelManager,
                                on_notebook_start=lambda notebook: started.append(True),
                                resources={"metadata": {"path": str(HERE)}})
        try:
            client.execute()
            return "ok"
        except CellExecutionError as e:
            print(str(e)[:3000], file=sys.stderr)
            return "FAILED"
        except RuntimeError as e:
            # nbclient leaves its exit-time cleanup registered when the kernel fails to start; the
            # kernel is already gone, and the cleanup would fail at exit.
            atexit.unregister(client._cleanup_kernel)
            if started:
                print(f"{path.name}: {e}", file=sys.stderr)
                return "FAILED"
            print(f"{path.name}: the kernel did not start (attempt {attempt} of {START_ATTEMPTS}): {e}\n"
                  f"kernel log:\n{kernel_log_tail()}", file=sys.stderr, flush=True)
    return "FAILED"


def clean(nb):
    """Drops the kernel's terminal colour codes and joins the pieces of text it streams, so the
    committed outputs read as plain text."""
    for cell in nb.cells:
        joined = []
        for output in cell.get("outputs", []):
            if output.get("output_type") == "stream":
                output["text"] = ANSI.sub("", output["text"])
                previous = joined[-1] if joined else None
                if previous is not None and previous.get("output_type") == "stream" \
                        and previous.get("name") == output.get("name"):
                    previous["text"] += output["text"]
                    continue
            elif output.get("output_type") == "error":
                output["traceback"] = [ANSI.sub("", line) for line in output.get("traceback", [])]
            joined.append(output)
        if cell.get("cell_type") == "code":
            cell["outputs"] = joined


JARS_MAGIC = "%jars ../cli/target/chemdl.jar"


def main(argv):
    update = "--update" in argv
    jar = None
    if "--jar" in argv:
        at = argv.index("--jar")
        jar = pathlib.Path(argv[at + 1]).resolve()
        argv = argv[:at] + argv[at + 2:]
    only = [a for a in argv if not a.startswith("--")]
    out_dir = HERE if update else HERE.parent / "target" / "notebooks"
    out_dir.mkdir(parents=True, exist_ok=True)
    failed = []
    with tempfile.TemporaryDirectory(prefix="notebook-kernels-") as logs:
        PatientKernelManager.log_dir = pathlib.Path(logs)
        run_all(only, out_dir, failed, jar)
    if failed:
        print("notebooks with errors: " + ", ".join(failed), file=sys.stderr)
        return 1
    return 0


def run_all(only, out_dir, failed, jar):
    """Executes the notebooks (those named in only, or all) into out_dir. With jar, the notebooks load that
    file instead of ../cli/target/chemdl.jar while they run; the written notebooks keep their own text."""
    for path in sorted(HERE.glob("*.ipynb")):
        if only and path.stem not in only and path.name not in only:
            continue
        nb = nbformat.read(path, as_version=4)
        replaced = []
        if jar is not None:
            for cell in nb.cells:
                if cell.cell_type == "code" and JARS_MAGIC in cell.source:
                    replaced.append((cell, cell.source))
                    cell.source = cell.source.replace(JARS_MAGIC, f"%jars {jar}")
            if not replaced:
                print(f"{path.name}: no '{JARS_MAGIC}' cell to point at {jar}", file=sys.stderr)
                failed.append(path.name)
                continue
        start = time.time()
        status = execute(nb, path)
        for cell, source in replaced:
            cell.source = source
        clean(nb)
        errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
        if errors:
            status = "FAILED"
        if status != "ok":
            failed.append(path.name)
        nbformat.write(nb, out_dir / path.name)
        print(f"{path.name}: {status} in {time.time() - start:.0f} s", flush=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
