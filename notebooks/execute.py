"""Executes the notebooks of this folder with the Java kernel; exits non-zero on any cell error.

Run through run.sh, which installs the client and the kernel. With --update the executed notebooks
(outputs, images included) replace the committed ones; otherwise they go to target/notebooks/.
"""
import pathlib
import re
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

HERE = pathlib.Path(__file__).resolve().parent
ANSI = re.compile(r"\x1b\[[0-9;]*m")


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


def main(argv):
    update = "--update" in argv
    only = [a for a in argv if not a.startswith("--")]
    out_dir = HERE if update else HERE.parent / "target" / "notebooks"
    out_dir.mkdir(parents=True, exist_ok=True)
    failed = []
    for path in sorted(HERE.glob("*.ipynb")):
        if only and path.stem not in only and path.name not in only:
            continue
        nb = nbformat.read(path, as_version=4)
        start = time.time()
        client = NotebookClient(nb, kernel_name="java", timeout=1200, startup_timeout=120,
                                resources={"metadata": {"path": str(HERE)}})
        try:
            client.execute()
            status = "ok"
        except CellExecutionError as e:
            status = "FAILED"
            failed.append(path.name)
            print(str(e)[:3000], file=sys.stderr)
        clean(nb)
        errors = [o for c in nb.cells for o in c.get("outputs", []) if o.get("output_type") == "error"]
        if errors and status == "ok":
            status = "FAILED"
            failed.append(path.name)
        nbformat.write(nb, out_dir / path.name)
        print(f"{path.name}: {status} in {time.time() - start:.0f} s", flush=True)
    if failed:
        print("notebooks with errors: " + ", ".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
