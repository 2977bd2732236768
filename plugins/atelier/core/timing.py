"""The time of each stage of a build, for `make bench` (benchmarks/build.py).

The plugin marks the boundaries between its stages with `lap`, and times nested work (related
sheets, sanitizing) with `stage`; a nested stage's time is left out of the lap around it, so
the stages add up without overlap. `write` saves them as JSON to the file named by the
environment variable ATELIER_TIMINGS, and does nothing when it is not set.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from time import perf_counter

ENV = "ATELIER_TIMINGS"


class Stages:
    """Seconds per stage name, in the order the stages first ran."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.calls: dict[str, int] = {}
        self._last = perf_counter()
        self._nested = 0.0  # time in `stage` blocks since the last lap

    def add(self, name: str, seconds: float) -> None:
        """Add `seconds` to stage `name`."""
        self.seconds[name] = self.seconds.get(name, 0.0) + seconds
        self.calls[name] = self.calls.get(name, 0) + 1

    def lap(self, name: str | None = None) -> None:
        """End a lap: the time since the last one (less nested stages) goes to `name`;
        without a name, only start a new lap."""
        now = perf_counter()
        if name is not None:
            self.add(name, now - self._last - self._nested)
        self._last, self._nested = now, 0.0

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        """Time a block nested in a lap (left out of that lap's time)."""
        start = perf_counter()
        try:
            yield
        finally:
            elapsed = perf_counter() - start
            self.add(name, elapsed)
            self._nested += elapsed

    def write(self, path: str | None = None) -> None:
        """Save the stages as JSON to `path`, else to $ATELIER_TIMINGS; nothing if neither."""
        target = path or os.environ.get(ENV)
        if not target:
            return
        data = {"seconds": {k: round(v, 4) for k, v in self.seconds.items()}, "calls": self.calls}
        Path(target).write_text(json.dumps(data, indent=1), encoding="utf-8")
