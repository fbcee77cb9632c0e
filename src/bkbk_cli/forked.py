"""Run a function in a forked child process and take its result back.

A forked child inherits the parent's memory as it is, so a large roster already read
is not pickled across (a process pool would send its arguments); only the result
comes back, through a pipe. Where ``fork`` is not available (Windows, macOS by
default) or a child cannot start, the function runs in this process instead.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Generic, TypeVar

_T = TypeVar("_T")


class ForkedError(Exception):
    """The child ended without a result (killed, out of memory): run it here instead."""


class Pending(Generic[_T]):
    """A result being computed in a child; ``pending()`` waits for it."""

    def __init__(self, fn: Callable[[], _T]) -> None:
        self._fn = fn
        self._process: multiprocessing.process.BaseProcess | None = None
        self._receive: Connection | None = None
        if not _can_fork():
            return
        context = multiprocessing.get_context("fork")
        receive, send = context.Pipe(duplex=False)
        process = context.Process(target=_child, args=(fn, send), daemon=True)
        try:
            process.start()
        except OSError:  # no memory or process left for a child: computed when asked
            receive.close()
            send.close()
            return
        send.close()
        self._process, self._receive = process, receive

    def __call__(self) -> _T:
        if self._process is None or self._receive is None:
            return self._fn()
        try:
            outcome, value = self._receive.recv()
        except (EOFError, OSError) as exc:
            raise ForkedError(f"the child process ended without a result: {exc}") from exc
        finally:
            self._receive.close()
            self._process.join()
        if outcome == "error":
            raise value
        return value

    def cancel(self) -> None:
        """Stop the child (its result is no longer wanted)."""
        if self._process is not None and self._receive is not None:
            self._process.terminate()
            self._process.join()
            self._receive.close()
            self._process = self._receive = None


def run_forked(fn: Callable[[], _T]) -> Pending[_T]:
    """Start ``fn`` in a forked child; call the returned object for its result."""
    return Pending(fn)


def _can_fork() -> bool:
    return "fork" in multiprocessing.get_all_start_methods() and (os.cpu_count() or 1) > 1


def _child(fn: Callable[[], object], send: Connection) -> None:
    try:
        try:
            payload: tuple[str, object] = ("ok", fn())
        except Exception as exc:  # raised again in the parent, where it is reported
            payload = ("error", exc)
        try:
            send.send(payload)
        except Exception as exc:  # a result or error that does not pickle
            send.send(("error", ForkedError(f"the child's result could not be sent: {exc}")))
    finally:
        send.close()
