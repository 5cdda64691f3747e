"""Corpus runs for `quotes extract`: worker processes, input order kept, resumable.

Why this module: a run over years of archives takes hours. It must use every core, keep
memory flat whatever the corpus size, and survive Ctrl-C or a killed job without losing
or repeating work.

- `process`: documents go to `jobs` worker processes in small batches; at most a few
  batches per worker are in flight, so memory does not grow with the corpus; results come
  back in input order, so a parallel run writes the same rows as a serial one. Each worker
  loads the spaCy model once (`quotes.nlp.get_nlp` is cached per process). Everything a
  worker must do the same way as the parent (backend, device, spaCy model, attribution
  mode, ranker weights) travels in `Options`, resolved by the parent: a worker does not
  read the command line, and its environment may differ.
- `Journal`: when the output is a file, every finished document is appended as one JSON
  line to ``OUTPUT.part`` (its key and its rows), flushed at once. The final file is built
  from the journal at the end and renamed into place atomically; the journal is then
  removed. After an interruption, ``--resume`` reads the journal, drops a half-written last
  line, and skips the documents already there: the rerun writes exactly the rows of an
  uninterrupted run.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from multiprocessing import get_context
from multiprocessing.managers import SyncManager
from typing import TYPE_CHECKING, Any

from quotes.io.readers import Origin, Skipped, with_line
from quotes.io.writers import quote_row
from quotes.matmul import one_blas_thread
from quotes.model import Document

if TYPE_CHECKING:
    from quotes.cli_options import Setting

BATCH_SIZE = 32  # documents per task: parsed in one batch, small enough to stream
IN_FLIGHT_PER_JOB = 3  # batches queued per worker: enough to keep it busy, no more
POLL_SECONDS = 0.5  # how often the parent looks at the workers' progress while waiting

# (document id, characters done, characters in it): a long document's progress, part by
# part (quotes.chunks), so a run on one big file shows signs of life
OnProgress = Callable[[str, int, int], None]
_worker_progress: queue.Queue | None = None  # in a worker: where its progress goes


@dataclass(frozen=True)
class Options:
    """What each worker needs to extract a document (sent once per batch, small)."""

    include_terms: bool = False
    min_confidence: float = 0.0
    fast: bool = False  # no model: lexicon tagging (quotes.fast)
    backend: str = "spacy"  # quotes.backends: "spacy" or "stanza" (resolved, not "auto")
    device: str = "cpu"
    model: str | None = None  # spaCy pipeline (quotes.nlp.use_model); None: the default
    attribution: str | None = None  # "rules" or "model" (quotes.attribution.choice)
    weights: str | None = None  # ranker weights file (absolute path) for "model"
    lang: str = "auto"  # quotes.lang: "auto" (per document), "fr" or "en"

    @classmethod
    def of(
        cls, setting: Setting, include_terms: bool, min_confidence: float, fast: bool, device: str
    ) -> Options:
        """Options from a `quotes.cli_options.Setting` and the commands' other options."""
        return cls(
            include_terms,
            min_confidence,
            fast,
            setting.backend,
            device,
            setting.model,
            setting.attribution,
            setting.weights,
            setting.lang,
        )


@dataclass
class Outcome:
    """One input item after extraction: its rows, or why it was skipped."""

    origin: Origin
    doc_id: str | None
    rows: list[dict[str, Any]] | None = None
    skipped: Skipped | None = None


def doc_key(origin: Origin, doc_id: str) -> str:
    """Identifies a document of a run's inputs, the same way across reruns."""
    return f"{origin.source}\t{origin.line or ''}\t{doc_id}"


def _extract_batch(
    batch: list[tuple[Origin, Document | Skipped]],
    options: Options,
    on_progress: OnProgress | None = None,
) -> list[Outcome]:
    """Worker side: extract the documents of a batch together (one batched parse); a
    failure skips that document only. A long document's progress goes to `on_progress`
    (in this process) or to the parent (in a worker)."""
    from quotes import backends, pipeline  # imported in the worker: the model loads there

    backends.use_device(options.device)
    backends.use_model(options.model)

    def progress(doc: Document, done: int, total: int) -> None:
        if on_progress is not None:
            on_progress(doc.doc_id, done, total)
        elif _worker_progress is not None:
            with contextlib.suppress(OSError, EOFError):  # progress is news, not data
                _worker_progress.put((doc.doc_id, done, total))

    docs = [item for _, item in batch if isinstance(item, Document)]
    found = iter(
        pipeline.extract_documents(
            docs,
            include_terms=options.include_terms,
            min_confidence=options.min_confidence,
            fast=options.fast,
            backend=options.backend,
            attribution=options.attribution,
            weights=options.weights,
            progress=progress,
            lang=options.lang,
        )
    )
    out = []
    for origin, item in batch:
        if isinstance(item, Skipped):
            out.append(Outcome(origin, item.doc_id, skipped=item))
            continue
        result = next(found)
        if isinstance(result, Exception):  # one bad document must not stop the batch
            reason = with_line(origin.line, f"error: {type(result).__name__}: {result}")
            skipped = Skipped(origin.source, item.doc_id, reason)
            out.append(Outcome(origin, item.doc_id, skipped=skipped))
            continue
        out.append(Outcome(origin, item.doc_id, rows=[quote_row(q, item.meta) for q in result]))
    return out


def _batches(
    items: Iterable[tuple[Origin, Document | Skipped]], size: int
) -> Iterator[list[tuple[Origin, Document | Skipped]]]:
    batch: list[tuple[Origin, Document | Skipped]] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def process(
    items: Iterable[tuple[Origin, Document | Skipped]],
    options: Options,
    jobs: int = 1,
    on_progress: OnProgress | None = None,
) -> Iterator[Outcome]:
    """Extract `items` on `jobs` processes (1: in this process); outcomes in input order.
    `on_progress` hears of a long document's parts as they finish, from any worker."""
    if jobs <= 1:
        for batch in _batches(items, BATCH_SIZE):
            yield from _extract_batch(batch, options, on_progress)
        return
    # spawn, not fork: the parent may run threads (progress display) that fork would copy;
    # workers start (on demand) with one BLAS thread each, as they share the cores
    context = get_context("spawn")
    # A manager's queue, not a plain one: its put() returns once the message is stored,
    # so what a worker said before returning a batch is there when the parent sees the
    # result (a plain queue's feeder thread may still hold the last part's report).
    manager = SyncManager(ctx=context)
    manager.start(_ignore_ctrl_c)  # Ctrl-C is the parent's to handle, as for the workers
    heard = manager.Queue()
    with one_blas_thread(), manager:
        pool = ProcessPoolExecutor(
            max_workers=jobs, mp_context=context, initializer=_start_worker, initargs=(heard,)
        )
        try:
            pending: deque = deque()
            for batch in _batches(items, BATCH_SIZE):
                pending.append(pool.submit(_extract_batch, batch, options))
                if len(pending) >= jobs * IN_FLIGHT_PER_JOB:
                    yield from _wait(pending.popleft(), heard, on_progress)
            while pending:
                yield from _wait(pending.popleft(), heard, on_progress)
        finally:
            pool.shutdown(wait=True, cancel_futures=True)


def _wait(future: Future, heard: Any, on_progress: OnProgress | None) -> list[Outcome]:
    """The outcomes of `future`, passing on the workers' progress while it runs."""
    while True:
        try:
            result = future.result(timeout=POLL_SECONDS)
        except FutureTimeout:
            result = None
        while True:  # what the workers said meanwhile
            try:
                said = heard.get_nowait()
            except queue.Empty:
                break
            if on_progress is not None:
                on_progress(*said)
        if result is not None:
            return result


def _start_worker(heard: Any) -> None:
    """Workers leave Ctrl-C to the parent, which stops cleanly and keeps the journal
    (otherwise each worker would print its own KeyboardInterrupt traceback), and send
    their progress to `heard`."""
    global _worker_progress
    _ignore_ctrl_c()
    _worker_progress = heard


def _ignore_ctrl_c() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def default_jobs() -> int:
    """All cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class Journal:
    """``OUTPUT.part``: one JSON line per finished document, {"key", "rows"}."""

    def __init__(self, output: str, resume: bool) -> None:
        self.path = output + ".part"
        self.done: dict[str, int] = {}  # key -> number of rows, for documents already there
        if resume and os.path.exists(self.path):
            self._recover()
            self._file = open(self.path, "a", encoding="utf-8")  # noqa: SIM115 - kept open
        else:
            self._file = open(self.path, "w", encoding="utf-8")  # noqa: SIM115

    def _recover(self) -> None:
        """Read the finished documents; cut a last line the interruption left half-written."""
        good = 0
        with open(self.path, "rb") as f:
            for raw in f:
                try:
                    entry = json.loads(raw)
                except ValueError:
                    break
                if not raw.endswith(b"\n"):
                    break
                self.done[entry["key"]] = len(entry["rows"])
                good += len(raw)
        with open(self.path, "r+b") as f:
            f.truncate(good)

    def record(self, key: str, rows: list[dict[str, Any]]) -> None:
        """Append a finished document; flushed so a kill loses at most this line."""
        line = json.dumps({"key": key, "rows": rows}, ensure_ascii=False, default=str)
        self._file.write(line + "\n")
        self._file.flush()

    def rows(self) -> Iterator[dict[str, Any]]:
        """Every row of the journal, in the order the documents were recorded."""
        self._file.close()
        with open(self.path, encoding="utf-8") as f:
            for line in f:
                yield from json.loads(line)["rows"]

    def close(self) -> None:
        self._file.close()

    def remove(self) -> None:
        self.close()
        if os.path.exists(self.path):
            os.unlink(self.path)
