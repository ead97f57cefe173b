"""Bemanna: kompetensförsörjning for a Swedish healthcare region."""

import os

__version__ = "0.1.0"

# The engine's linear algebra is many small products (Historik's search over the days'
# figures): OpenBLAS's threads, each spinning while another process holds the other core
# (a second worker, the import's warming, a test suite beside another), made Historik's
# decision eighteen times slower on a busy 2-core machine (524 s, alone 29 s). One thread
# each, set before numpy is loaded; an operator's own setting stands.
for _name in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_name, "1")
