"""The attacker's linear solver over explicit rows: each shown figure is the sum of the answers
of a set of units (under whichever tree it was computed on); which unions of units with fewer
than k answers are a linear combination of the rows?"""

from __future__ import annotations

import itertools

import numpy as np


def solvable_small_groups(rows: list[set], own: dict, k: int) -> list[tuple[list, int]]:
    """Every set of units with 0 < answers < k whose total follows from the rows."""
    atoms = sorted(u for u in own if own[u] > 0)
    if not atoms or not rows:
        return []
    matrix = np.array([[1.0 if a in row else 0.0 for a in atoms] for row in rows])
    rank = np.linalg.matrix_rank(matrix)
    found = []
    for size in range(1, len(atoms) + 1):
        for group in itertools.combinations(range(len(atoms)), size):
            vector = np.zeros(len(atoms))
            vector[list(group)] = 1.0
            if np.linalg.matrix_rank(np.vstack([matrix, vector])) == rank:
                count = sum(own[atoms[i]] for i in group)
                if 0 < count < k:
                    found.append(([atoms[i] for i in group], count))
    return found
