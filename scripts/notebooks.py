#!/usr/bin/python3
"""Executes the Deno notebooks of docs/notebooks/ top to bottom in a real Jupyter
kernel (nbclient + the Deno kernel) and checks them.

A notebook fails when a cell produces an error output, when it shows no
text/html or no image/svg+xml output (the rich display of the library's
results), when a cell does not produce the output types of its stored copy, or
when the stored copy lacks those outputs (the notebooks are kept with their
outputs so they read well on GitHub).

Usage: scripts/notebooks.py [--kernel NAME] [--write] [--timeout S] [NOTEBOOK...]
  --write  store the executed notebooks (refreshes the committed outputs)

Run by scripts/notebooks.sh, which installs what this needs. Uses Debian's
python3-nbclient (run it with /usr/bin/python3).
"""
import argparse
import glob
import os
import sys
import time

from queue import Empty

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionComplete
from nbclient.util import ensure_async

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REQUIRED = ("text/html", "image/svg+xml")


class DenoNotebookClient(NotebookClient):
    """NotebookClient that waits for results the Deno kernel publishes late.

    Deno 2.9's kernel sometimes reports a cell idle on IOPub before that cell's
    execute_result (about one cell in five here); nbclient stops listening at idle
    and would drop the result. After idle, a cell that has no result yet keeps
    listening for LATE seconds more.
    """

    LATE = 0.5

    async def _async_poll_output_msg(self, parent_msg_id, cell, cell_index):
        await super()._async_poll_output_msg(parent_msg_id, cell, cell_index)
        if any(o.get("output_type") == "execute_result" for o in cell.get("outputs", [])):
            return
        while True:
            try:
                msg = await ensure_async(self.kc.iopub_channel.get_msg(timeout=self.LATE))
            except Empty:
                return
            if msg["parent_header"].get("msg_id") == parent_msg_id:
                try:
                    self.process_message(msg, cell, cell_index)
                except CellExecutionComplete:
                    pass


def mime_types(nb):
    found = set()
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            found.update(out.get("data", {}).keys())
    return found


def errors(nb):
    out = []
    for i, cell in enumerate(nb.cells):
        for o in cell.get("outputs", []):
            if o.get("output_type") == "error":
                first = cell.source.strip().splitlines()[0] if cell.source.strip() else ""
                out.append(f"cell {i} ({first[:60]}): {o.get('ename')}: {o.get('evalue')}")
    return out


def execute(path, kernel, timeout):
    """Runs a fresh kernel over the notebook; returns (notebook, problems, seconds)."""
    nb = nbformat.read(path, as_version=4)
    started = time.time()
    client = DenoNotebookClient(
        nb,
        kernel_name=kernel,
        timeout=timeout,
        allow_errors=True,  # collect every error output, then fail below
        resources={"metadata": {"path": os.path.dirname(path)}},
    )
    problems = []
    try:
        client.execute()
    except Exception as e:  # kernel died, timeout, …
        problems.append(f"execution failed: {type(e).__name__}: {e}")
    return nb, problems, time.time() - started


def lost_outputs(stored, nb):
    """Code cells that showed output types in the stored notebook and not in this run."""
    lost = []
    for i, (a, b) in enumerate(zip(stored.cells, nb.cells)):
        if a.cell_type != "code" or a.source != b.source:
            continue
        before = {k for o in a.get("outputs", []) for k in o.get("data", {})}
        after = {k for o in b.get("outputs", []) for k in o.get("data", {})}
        if before - after:
            lost.append(f"cell {i}: {', '.join(sorted(before - after))}")
    return lost


def check(path, kernel, timeout, write):
    problems = []
    stored = nbformat.read(path, as_version=4)
    missing_stored = [m for m in REQUIRED if m not in mime_types(stored)]
    if missing_stored and not write:
        problems.append(f"the stored notebook has no {', '.join(missing_stored)} output (execute it with --write and commit it)")
    if errors(stored) and not write:
        problems.append("the stored notebook contains error outputs")
    nb, run_problems, seconds = execute(path, kernel, timeout)
    lost = lost_outputs(stored, nb)
    if lost and not run_problems and not errors(nb):
        # The Deno kernel now and then reports a cell idle before its result reaches the
        # client (the result is then missing): run the notebook once more before failing.
        print(f"     {os.path.relpath(path, ROOT)}: outputs missing ({'; '.join(lost)}), running it again")
        nb, run_problems, more = execute(path, kernel, timeout)
        seconds += more
        lost = lost_outputs(stored, nb)
    problems.extend(run_problems)
    problems.extend(errors(nb))
    if lost and not write:
        problems.append(f"outputs of the stored notebook not produced: {'; '.join(lost)}")
    missing = [m for m in REQUIRED if m not in mime_types(nb)]
    if missing:
        problems.append(f"no {', '.join(missing)} output")
    unexecuted = [i for i, c in enumerate(nb.cells) if c.cell_type == "code" and c.source.strip() and c.get("execution_count") is None]
    if unexecuted:
        problems.append(f"cells not executed: {unexecuted}")
    if write and not problems:
        # Keep the kernelspec users have (`deno jupyter --install` names it "deno").
        nb.metadata["kernelspec"] = {"name": "deno", "display_name": "Deno", "language": "typescript"}
        nbformat.write(nb, path)
    return problems, seconds


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("notebooks", nargs="*")
    ap.add_argument("--kernel", default=os.environ.get("NOTEBOOK_KERNEL", "deno"))
    ap.add_argument("--timeout", type=int, default=180, help="seconds per cell")
    ap.add_argument("--write", action="store_true")
    args = ap.parse_args()
    paths = args.notebooks or sorted(glob.glob(os.path.join(ROOT, "docs", "notebooks", "*.ipynb")))
    if not paths:
        print("no notebooks found", file=sys.stderr)
        return 1
    passed = failed = 0
    for path in paths:
        problems, seconds = check(os.path.abspath(path), args.kernel, args.timeout, args.write)
        name = os.path.relpath(path, ROOT)
        if problems:
            failed += 1
            print(f"FAIL {name} ({seconds:.1f} s)")
            for p in problems:
                print(f"  - {p}")
        else:
            passed += 1
            print(f"ok   {name} ({seconds:.1f} s)")
    print(f"notebooks: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
