"""A small pool of render worker processes for an asyncio server.

Each worker renders one job at a time over its own pipe. The pool bounds the renders in flight
(running plus waiting for a worker): past ``max_pending`` a render is refused at once with
:class:`Busy`, never queued without limit. A render that overruns ``timeout`` has its worker
killed; a worker that dies (killed, out of memory, crashed engine) is replaced in the background,
so one bad document costs one answer, never the server.

Why our own pool, not ``concurrent.futures.ProcessPoolExecutor``: that pool cannot kill one
stuck render (only all of them), and a worker that dies breaks the whole executor.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import time
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from typing import Any

from kzdocs.errors import RenderError
from kzdocs.render.renderer import Renderer

from .worker import Job, Outcome, serve_jobs

log = logging.getLogger("kzdocs.serve")


class Busy(RenderError):
    """Too many renders in flight (or the server is stopping): try again shortly."""

    code = "busy"


class RenderTimeout(RenderError):
    """A render overran its time limit; its worker was killed and replaced."""

    code = "render.timeout"


class WorkerLost(RenderError):
    """A worker died during a render (killed, out of memory, crashed engine); it was replaced."""

    code = "render.worker_lost"


def context() -> BaseContext:
    """``forkserver`` preloading the warm engines where the platform has it, else ``spawn``."""
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload(["kzdocs.serve.warm"])
        return ctx
    return multiprocessing.get_context("spawn")


class Worker:
    """One worker process and the parent's end of its pipe."""

    def __init__(self, ctx: BaseContext, renderer: Renderer | None = None) -> None:
        self.conn, child = ctx.Pipe()
        self.process: BaseProcess = ctx.Process(target=serve_jobs, args=(child, renderer), daemon=True,  # type: ignore[attr-defined]
                                                name="kzdocs-render")
        self.process.start()
        child.close()  # so that the parent sees EOF when the worker dies
        self.pid: int = self.conn.recv()  # sent once warm

    def call(self, job: Job) -> Outcome:
        self.conn.send(job)
        outcome: Outcome = self.conn.recv()
        return outcome

    def alive(self) -> bool:
        return self.process.is_alive()

    def kill(self) -> None:
        self.process.kill()
        self.process.join(5)
        self.conn.close()

    def stop(self, timeout: float) -> None:
        """Close the pipe (the worker exits when idle); kill it if it has not after ``timeout`` seconds."""
        self.conn.close()
        self.process.join(timeout)
        if self.process.is_alive():
            self.kill()


class WorkerPool:
    """``size`` worker processes, at most ``max_pending`` renders in flight, ``timeout`` seconds each."""

    def __init__(self, size: int, *, max_pending: int, timeout: float, renderer: Renderer | None = None) -> None:
        self.size = size
        self.renderer = renderer  # sent to each worker once (the kit and key; caches are rebuilt there)
        self.max_pending = max_pending
        self.timeout = timeout
        self.pending = 0
        self.closing = False
        self._ctx = context()
        self._workers: set[Worker] = set()
        self._idle: asyncio.Queue[Worker] = asyncio.Queue()
        self._threads = ThreadPoolExecutor(size + 1, thread_name_prefix="kzdocs-pipe")
        self._tasks: set[asyncio.Task[None]] = set()

    async def start(self) -> None:
        """Start every worker and wait until all are warm."""
        await asyncio.gather(*(self._add() for _ in range(self.size)))

    async def _add(self) -> None:
        worker = await asyncio.get_running_loop().run_in_executor(self._threads, Worker, self._ctx, self.renderer)
        if self.closing:
            worker.stop(1)
            return
        self._workers.add(worker)
        self._idle.put_nowait(worker)

    def _replace(self, worker: Worker) -> None:
        self._workers.discard(worker)
        if self.closing:
            return
        task = asyncio.get_running_loop().create_task(self._respawn())
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _respawn(self) -> None:
        delay = 0.5
        while not self.closing:
            try:
                await self._add()
                return
            except Exception as exc:  # the platform refused a process: try again, slower
                log.error("cannot start a render worker (%s); retrying in %.1f s", type(exc).__name__, delay)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 30)

    def status(self) -> dict[str, Any]:
        ready = sum(1 for worker in self._workers if worker.alive())
        return {"workers": self.size, "ready": ready, "in_flight": self.pending, "max_in_flight": self.max_pending}

    async def _acquire(self) -> Worker:
        while True:
            worker = await self._idle.get()
            if worker.alive():
                return worker
            log.warning("render worker %d had died while idle; replacing it", worker.pid)
            worker.kill()
            self._replace(worker)

    async def render(self, job: Job) -> Outcome:
        """Render ``job`` on a free worker; :class:`Busy`, :class:`RenderTimeout` or :class:`WorkerLost`."""
        if self.closing:
            raise Busy("the server is stopping")
        if self.pending >= self.max_pending:
            raise Busy(f"{self.pending} renders are in flight, the most this server takes; try again shortly")
        self.pending += 1
        try:
            worker = await self._acquire()
            loop = asyncio.get_running_loop()
            try:
                return await asyncio.wait_for(loop.run_in_executor(self._threads, worker.call, job), self.timeout)
            except TimeoutError:
                log.warning("render worker %d overran %.1f s; killing and replacing it", worker.pid, self.timeout)
                await loop.run_in_executor(None, worker.kill)
                self._replace(worker)
                raise RenderTimeout(f"the render took longer than {self.timeout:g} s, the limit") from None
            except (EOFError, OSError):
                log.error("render worker %d died during a render; replacing it", worker.pid)
                await loop.run_in_executor(None, worker.kill)
                self._replace(worker)
                raise WorkerLost("the render worker died during this render") from None
            except BaseException:  # cancelled (the client left): the worker is still rendering; drop it
                worker.kill()
                self._replace(worker)
                raise
            finally:
                if worker in self._workers and worker.alive() and not worker.conn.closed:
                    self._idle.put_nowait(worker)
        finally:
            self.pending -= 1

    async def close(self, timeout: float = 10.0) -> None:
        """Stop every worker: each finishes the render it has, then exits."""
        self.closing = True
        for task in list(self._tasks):
            task.cancel()
        started = time.monotonic()
        loop = asyncio.get_running_loop()
        for worker in list(self._workers):
            left = max(0.1, timeout - (time.monotonic() - started))
            await loop.run_in_executor(None, worker.stop, left)
        self._workers.clear()
        self._threads.shutdown(wait=False, cancel_futures=True)
