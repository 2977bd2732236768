"""Two processes through one list: this one from the first item, a forked worker from the last.

Reading the sheets and converting their Markdown are the long steps of a build, item by item
and independent: on a machine with two cores or more, a worker forked at the start of such a
step takes items from the end of the list while this process takes them from the start (each
takes the next one nobody has: a shared table of claims), until they meet. What the worker makes
comes back through a pipe (pickled); this process asks for it in its own order (`result`),
so that everything it does with the results (messages, the cache) happens in the same order
as without a worker. An item the worker could not make (an error, a worker gone) is made here.

Fork only: the worker starts with this process's memory as it is (nothing to send it), and
only from a process with no other thread (`mkdocs serve` runs a server: no worker there).
`ATELIER_PARALLEL=off` turns workers off, `on` uses one for any number of items (tests).
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any, Generic, TypeVar

T = TypeVar("T")
MIN_ITEMS = 200  # below, the fork costs about what it saves
_FREE, _HERE, _THERE = 0, 1, 2  # an item's claim: nobody yet, this process, the worker


def setting() -> str:
    """ATELIER_PARALLEL: "off", "on" or "auto" (the default)."""
    value = os.environ.get("ATELIER_PARALLEL", "auto").strip().lower()
    return {"0": "off", "false": "off", "no": "off", "1": "on", "true": "on"}.get(value, value)


def wanted(items: int) -> bool:
    """Whether a step over `items` items runs in two processes (see the module's docstring)."""
    mode = setting()
    if mode == "off" or not hasattr(os, "fork"):
        return False
    if mode == "on":
        return items > 0
    return (
        items >= MIN_ITEMS
        and len(os.sched_getaffinity(0)) > 1
        and threading.active_count() == 1  # a fork copies no other thread, nor what it locked
    )


def each(keys: Sequence[str], make: Callable[[str], T], name: str) -> Iterator[tuple[str, T]]:
    """Every key with what `make` gives for it, in the order of `keys`: made here, or by a
    worker when `wanted` (an item it could not make is made here)."""
    worker: Worker[T] | None = Worker(keys, make, name) if wanted(len(keys)) else None
    try:
        for key in keys:
            made = None
            if worker is not None and not worker.claim(key):
                made = worker.result(key)
            yield key, made if made is not None else make(key)
    finally:
        if worker is not None:
            worker.close()


def in_halves(
    keys: Sequence[str], make: Callable[[Sequence[str]], dict[str, T]], name: str
) -> dict[str, T]:
    """`make(keys)`, in two processes when `wanted`: a forked worker makes the second half and
    sends it back in one message, this process makes the first. For items of ~0.1 ms (ranking
    related sheets), where a message per item would cost about as much as the item. The same
    dict, in the order of `keys`; the worker's half is made here if it fails."""
    if not wanted(len(keys)):
        return make(keys)
    middle = len(keys) // 2
    context = multiprocessing.get_context("fork")
    receiving, sending = context.Pipe(duplex=False)
    process = context.Process(
        target=_make_half, args=(make, keys[middle:], sending), name=f"atelier-{name}",
        daemon=True,
    )  # fmt: skip
    process.start()
    sending.close()
    received: object = None
    try:
        first = make(keys[:middle])
        with contextlib.suppress(EOFError, OSError):  # else the worker is gone
            received = receiving.recv()
    finally:
        receiving.close()
        if process.is_alive():
            process.terminate()
        process.join()
    second: dict[str, T] = received if isinstance(received, dict) else make(keys[middle:])
    return first | second


def _make_half(make: Callable[[Sequence[str]], Any], keys: Sequence[str], sending: Any) -> None:
    """In the worker: the second half, sent whole (None if it could not be made)."""
    try:
        try:
            made = make(keys)
        except Exception:  # made again in this process, which says why
            made = None
        sending.send(made)
    finally:
        sending.close()


class Worker(Generic[T]):
    """The forked process and this side's view of it: which items it took, what it made."""

    def __init__(self, keys: Sequence[str], make: Callable[[str], T | None], name: str) -> None:
        context = multiprocessing.get_context("fork")
        self.keys = list(keys)
        self._index = {key: n for n, key in enumerate(self.keys)}
        self._claims = context.RawArray("b", len(self.keys))
        self._lock = context.Lock()
        receiving, sending = context.Pipe(duplex=False)
        self._results: dict[int, T | None] = {}
        self._done = False
        self._ready = threading.Condition()
        self._process = context.Process(
            target=_work, args=(self.keys, self._claims, self._lock, sending, make),
            name=f"atelier-{name}", daemon=True,
        )  # fmt: skip
        self._process.start()
        sending.close()
        self._receiving = receiving
        self._reader = threading.Thread(target=self._receive, name=f"atelier-{name}-results",
                                        daemon=True)  # fmt: skip
        self._reader.start()

    def claim(self, key: str) -> bool:
        """True if this process makes the item (it was free, it is now ours); False if the
        worker took it. An item not in the list is made here."""
        n = self._index.get(key)
        if n is None:
            return True
        with self._lock:
            if self._claims[n] == _FREE:
                self._claims[n] = _HERE
            return bool(self._claims[n] == _HERE)

    def result(self, key: str) -> T | None:
        """What the worker made of an item it took (waits for it); None if it could not."""
        n = self._index[key]
        with self._ready:
            self._ready.wait_for(lambda: n in self._results or self._done)
            return self._results.pop(n, None)

    def _receive(self) -> None:
        try:
            while (message := self._receiving.recv()) is not None:
                n, made = message
                with self._ready:
                    self._results[n] = made
                    self._ready.notify_all()
        except (EOFError, OSError):
            pass  # the worker is gone: the items it took and did not send are made here
        finally:
            with self._ready:
                self._done = True
                self._ready.notify_all()

    def close(self) -> None:
        """Once every item is claimed: wait for the worker's end, or stop it."""
        if self._process.is_alive():
            self._process.terminate()
        self._process.join()
        self._reader.join()
        self._receiving.close()


def _work(keys: list[str], claims: Any, lock: Any, sending: Any,
          make: Callable[[str], Any]) -> None:  # fmt: skip
    """In the worker: take items from the last, make each, send it; stop where this process
    has come to (it takes them in order from the first)."""
    try:
        for n in range(len(keys) - 1, -1, -1):
            with lock:
                if claims[n] != _FREE:
                    break
                claims[n] = _THERE
            try:
                made = make(keys[n])
            except Exception:  # the item is made again in this process, which says why
                made = None
            sending.send((n, made))
        sending.send(None)
    finally:
        sending.close()
