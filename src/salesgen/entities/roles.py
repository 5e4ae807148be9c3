"""Who the contacts are: seniority by company size, department by seniority, buying role by seniority.

Real buying groups are mostly directors, managers and specialists; executives are few and
fewer still as companies grow (a 20-person firm's owner takes the call, a 20,000-person firm's
CEO does not). A company has at most one chief of each department — one CEO, one CFO — and
executives decide or sponsor, they are not "users". Mixes move smoothly with log headcount
between the small and the large end, so there is no step at a size-band edge.

Example:
    >>> import numpy as np
    >>> rng = np.random.default_rng(1)
    >>> s, d = seniority_and_department(np.log(np.full(6, 50.0)), np.array([1, 0, 0, 1, 0, 0], bool),
    ...                                np.array([0, 0, 0, 1, 1, 1]), rng, rng)
    >>> s.shape == d.shape == (6,)
    True
"""

from __future__ import annotations

import numpy as np

from salesgen.vocab.business import DEPARTMENTS, SENIORITIES

C_LEVEL, VP, DIRECTOR, MANAGER, STAFF = range(len(SENIORITIES))
SMALL_LOG_EMPLOYEES, LARGE_LOG_EMPLOYEES = np.log(30.0), np.log(5000.0)
# Seniority mix of the buying committee (C-level, VP, Director, Manager, Individual Contributor).
SENIORITY_SMALL = np.array([0.12, 0.10, 0.20, 0.30, 0.28])
SENIORITY_LARGE = np.array([0.015, 0.075, 0.27, 0.34, 0.30])
# The first contact is the one who can sign: an owner-CEO at a small firm, a VP or director at a large one.
FIRST_SMALL = np.array([0.55, 0.30, 0.15, 0.0, 0.0])
FIRST_LARGE = np.array([0.08, 0.47, 0.45, 0.0, 0.0])
# Department weights by seniority, in DEPARTMENTS order
# (Executive, IT, Finance, Operations, Sales, Marketing, Procurement, Engineering).
DEPARTMENT_MIX = np.array(
    [
        [0.40, 0.13, 0.15, 0.10, 0.07, 0.04, 0.02, 0.09],  # C-level: the CEO is the commonest chief
        [0.04, 0.20, 0.15, 0.17, 0.13, 0.09, 0.08, 0.14],
        [0.03, 0.22, 0.15, 0.17, 0.12, 0.09, 0.09, 0.13],
        [0.01, 0.22, 0.14, 0.18, 0.12, 0.10, 0.10, 0.13],
        [0.01, 0.24, 0.12, 0.18, 0.11, 0.10, 0.09, 0.15],
    ]
)
# Buying role mix by seniority (decision maker, champion, influencer, user, blocker).
ROLE_MIX = np.array(
    [
        [0.60, 0.25, 0.12, 0.00, 0.03],
        [0.30, 0.30, 0.32, 0.00, 0.08],
        [0.10, 0.30, 0.40, 0.10, 0.10],
        [0.02, 0.28, 0.38, 0.24, 0.08],
        [0.00, 0.15, 0.30, 0.50, 0.05],
    ]
)
DECISION_MAKER = 0


def _draw(weights: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """One category per row from per-row weights (rows of ``weights``)."""
    cumulative = np.cumsum(weights, axis=1)
    u = np.asarray(rng.random(weights.shape[0]), dtype=np.float64).reshape(-1, 1) * cumulative[:, -1:]
    return np.asarray(np.minimum((u >= cumulative).sum(axis=1), weights.shape[1] - 1), dtype=np.int64)


def seniority_and_department(
    log_employees: np.ndarray,
    first_contact: np.ndarray,
    parent: np.ndarray,
    seniority_rng: np.random.Generator,
    department_rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray]:
    """(seniority, department) per contact; at most one chief per department and company.

    ``parent`` is the contact's account (rows grouped by account); a second chief of the same
    department at the same account becomes that department's VP.
    """
    t = np.clip((log_employees - SMALL_LOG_EMPLOYEES) / (LARGE_LOG_EMPLOYEES - SMALL_LOG_EMPLOYEES), 0, 1)[:, None]
    mix = np.where(
        first_contact[:, None], (1 - t) * FIRST_SMALL + t * FIRST_LARGE, (1 - t) * SENIORITY_SMALL + t * SENIORITY_LARGE
    )
    seniority = _draw(mix, seniority_rng)
    department = _draw(DEPARTMENT_MIX[seniority], department_rng)
    chief = np.flatnonzero(seniority == C_LEVEL)
    _, first = np.unique(parent[chief] * len(DEPARTMENTS) + department[chief], return_index=True)
    repeated = np.ones(chief.size, bool)
    repeated[first] = False
    seniority[chief[repeated]] = VP
    return seniority, department


def buying_roles(seniority: np.ndarray, first_contact: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Buying role per contact by seniority; each account's first contact is its decision maker."""
    return np.asarray(np.where(first_contact, DECISION_MAKER, _draw(ROLE_MIX[seniority], rng)), dtype=np.int64)
