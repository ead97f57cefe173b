"""The engine's linear algebra runs on one thread per process (`bemanna/__init__.py`)."""

import ctypes
import glob
import os
import subprocess
import sys

import numpy as np

# `bemanna` (the package) is loaded before numpy here.
_CHECK = "from bemanna.analysis.tests.test_threads import _openblas_threads as n; print(n())"


def _openblas_threads() -> int:
    found = glob.glob(
        os.path.join(os.path.dirname(np.__file__), "..", "numpy.libs", "libscipy_openblas*")
    )
    assert found, "numpy's OpenBLAS"
    return int(ctypes.CDLL(found[0]).scipy_openblas_get_num_threads64_())


def test_the_test_process_runs_openblas_on_one_thread():
    # Historik's decision took 524 s instead of 29 s beside one other busy process on two
    # cores, OpenBLAS's threads spinning for a core; the suites run two such processes.
    assert _openblas_threads() == 1


def test_a_process_that_loads_bemanna_first_runs_it_on_one_thread_unless_told_otherwise():
    env = {k: v for k, v in os.environ.items() if not k.endswith("_NUM_THREADS")}
    ours = subprocess.run([sys.executable, "-c", _CHECK], env=env, capture_output=True, text=True)
    assert ours.stdout.strip() == "1", ours.stderr
    # The mutation, and an operator's own setting: two threads.
    theirs = subprocess.run(
        [sys.executable, "-c", _CHECK],
        env={**env, "OPENBLAS_NUM_THREADS": "2"},
        capture_output=True,
        text=True,
    )
    assert theirs.stdout.strip() == "2", theirs.stderr
