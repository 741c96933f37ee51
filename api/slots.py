"""A first-come, first-served limit on how many searches run at once.

Why not ``threading.Semaphore``: it lets a newly arrived thread take a slot that was just freed
for a thread already waiting, and the waiter then queues again at the back. Under a steady load
(eight clients on two cores) a few unlucky requests waited through many turns: the 95th
percentile latency was twice the median. Here a freed slot is handed to the longest waiter
directly, so waiting time follows arrival order and the tail stays close to the median.
"""

from __future__ import annotations

import threading
from collections import deque
from types import TracebackType


class FairSlots:
    """At most ``size`` holders at once; the others wait in arrival order. A context manager."""

    def __init__(self, size: int) -> None:
        if size < 1:
            raise ValueError(f"at least one slot is needed, got {size}")
        self.size = size
        self._free = size
        self._waiting: deque[threading.Event] = deque()
        self._lock = threading.Lock()

    def acquire(self) -> None:
        with self._lock:
            if self._free and not self._waiting:
                self._free -= 1
                return
            turn = threading.Event()
            self._waiting.append(turn)
        turn.wait()  # the releasing thread hands its slot over: nothing to decrement here

    def release(self) -> None:
        with self._lock:
            if self._waiting:
                self._waiting.popleft().set()
            elif self._free < self.size:
                self._free += 1
            else:
                raise RuntimeError("released more slots than were acquired")

    @property
    def waiting(self) -> int:
        """How many threads wait for a slot now."""
        return len(self._waiting)

    @property
    def free(self) -> int:
        return self._free

    def __enter__(self) -> FairSlots:
        self.acquire()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.release()
