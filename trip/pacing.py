"""A session's budget of script runs, so that one client cannot slow the
others (issue 18; ``components/pacing.py`` applies it to rerun requests).

A token bucket: a reader's clicks, the map's first value after it mounts, a
quick run through the timeline all fit in its burst; past it, a session's
requests wait for their turn.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

# Runs a session may make at once, and per second after that. A reader clicks a
# few times a second at most; each click is a run or two (the map reports back).
BURST = 10
PER_SECOND = 1.0


@dataclass
class RunBudget:
    """Tokens for script runs; one per run, ``per_second`` come back."""

    burst: int = BURST
    per_second: float = PER_SECOND
    clock: Callable[[], float] = field(default=time.monotonic, repr=False)
    tokens: float = field(init=False)
    at: float = field(init=False)

    def __post_init__(self) -> None:
        self.tokens = float(self.burst)
        self.at = self.clock()

    def take(self) -> float:
        """Take a run's token; the seconds to wait first (0 while within the
        budget). The token is taken now, so waits queue up in order."""
        now = self.clock()
        self.tokens = min(
            float(self.burst), self.tokens + (now - self.at) * self.per_second
        )
        self.at = now
        self.tokens -= 1
        return 0.0 if self.tokens >= 0 else -self.tokens / self.per_second
