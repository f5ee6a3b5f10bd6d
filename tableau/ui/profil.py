"""Optional server-side measure of each script run (bench only): TI_PROFIL=/path/file.jsonl
appends one line per run (page, CPU ms of the script thread, wall ms); with
TI_PROFIL_DETAIL=1 it also keeps the cProfile of each run next to it (which slows
the run: time the browser against a server without it). Off unless set."""
from __future__ import annotations

import contextlib
import cProfile
import itertools
import json
import os
import time

_compteur = itertools.count()


@contextlib.contextmanager
def mesurer(page: str):
    chemin = os.environ.get("TI_PROFIL")
    if not chemin:
        yield
        return
    prof = cProfile.Profile() if os.environ.get("TI_PROFIL_DETAIL") else None
    cpu0, mur0 = time.thread_time(), time.perf_counter()
    if prof:
        prof.enable()
    try:
        yield
    finally:
        if prof:
            prof.disable()
        n = next(_compteur)
        with open(chemin, "a", encoding="utf-8") as f:
            f.write(json.dumps({"n": n, "t": time.time(), "page": page,
                                "cpu_ms": round((time.thread_time() - cpu0) * 1000, 2),
                                "mur_ms": round((time.perf_counter() - mur0) * 1000, 2)}) + "\n")
        if prof:
            prof.dump_stats(f"{chemin}.{n}.prof")
