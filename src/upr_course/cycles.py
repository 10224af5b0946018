"""UPR cycles and Working Group sessions: which session belongs to which cycle.

Cycle 1 had 12 sessions (2008-2011); from cycle 2 on each cycle has 14 sessions
(4.5 years, three sessions a year). Source: OHCHR, "Cycles of the Universal Periodic
Review" (see the course's fact sheet).
"""

from __future__ import annotations

FIRST_CYCLE_SESSIONS = 12
SESSIONS_PER_CYCLE = 14
#: The last session of the most recent cycle whose calendar is known (cycle 4 ends with session 54).
LAST_KNOWN_SESSION = 54


def cycle_of_session(session: int) -> int:
    """The cycle a Working Group session belongs to (sessions 1-12 -> 1, 13-26 -> 2, 27-40 -> 3...)."""
    if session < 1:
        raise ValueError(f"session numbers start at 1, got {session}")
    if session <= FIRST_CYCLE_SESSIONS:
        return 1
    return 2 + (session - FIRST_CYCLE_SESSIONS - 1) // SESSIONS_PER_CYCLE


def sessions_of_cycle(cycle: int) -> range:
    """The Working Group sessions of a cycle."""
    if cycle < 1:
        raise ValueError(f"cycle numbers start at 1, got {cycle}")
    if cycle == 1:
        return range(1, FIRST_CYCLE_SESSIONS + 1)
    first = FIRST_CYCLE_SESSIONS + 1 + (cycle - 2) * SESSIONS_PER_CYCLE
    return range(first, first + SESSIONS_PER_CYCLE)
