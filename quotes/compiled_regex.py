"""A disk cache of compiled regular-expression programs, for spaCy's French tokenizer.

Why this module: importing spaCy's French language data compiles one 1.4 MB regular
expression (the tokenizer's `token_match`, an alternation of hyphenated-word patterns over
the whole Unicode letter class). Python's `re` takes four to five seconds for it, in every
process that loads the model: every `quotes extract` call and every worker process of a
corpus run. That is most of the time a short run takes.

What `re` builds from a pattern is a deterministic program (a list of integers) handed to
`_sre.compile`. `cached_compiles()` keeps that program (as JSON: plain data, nothing in
a cache file can run) for patterns longer than
`MIN_CHARS`, keyed by the pattern, its flags, the Python version and the regular
expression engine's version; the next process rebuilds the same compiled pattern in
milliseconds. Anything unexpected (another Python, a damaged or unwritable cache) falls
back to `re`'s own compile: the cache can make a start slower or faster, never different.

The cache folder is ``QUOTES_CACHE_DIR``, else ``$XDG_CACHE_HOME/quotes``, else
``~/.cache/quotes``; ``QUOTES_CACHE_DIR=off`` disables it.
"""

from __future__ import annotations

import _sre  # type: ignore[import-not-found]
import contextlib
import hashlib
import json
import os
import re
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

MIN_CHARS = 100_000  # only patterns this long are worth a file
_FORMAT = 1
_PATCH = threading.RLock()  # one patch at a time: threads loading models together

try:  # Python 3.11+: re._compiler / re._parser; 3.10: sre_compile / sre_parse
    from re import _compiler, _parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_compile as _compiler  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]


def cache_dir() -> Path | None:
    """Where programs are kept, or None when the cache is off."""
    value = os.environ.get("QUOTES_CACHE_DIR", "")
    if value.lower() == "off":
        return None
    if value:
        return Path(value)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "quotes"


def _key(pattern: str, flags: int) -> str:
    engine = f"{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}|{_FORMAT}|{flags}|"
    data = engine.encode() + pattern.encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()[:32]


def _program(pattern: str, flags: int) -> tuple[int, list[int], int, dict[str, int], tuple]:
    """What `re` hands `_sre.compile` for `pattern` (the work this cache saves)."""
    parsed = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(parsed, flags)]  # named constants: plain ints
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, i in groupindex.items():
        indexgroup[i] = name
    return flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex, tuple(indexgroup)


def _build(pattern: str, program: tuple) -> re.Pattern[str]:
    final_flags, code, groups, groupindex, indexgroup = program
    return _sre.compile(pattern, final_flags, code, groups, groupindex, indexgroup)


def _load(path: Path) -> tuple:
    """A saved program (JSON: plain data, nothing in the file can run)."""
    with path.open(encoding="utf-8") as f:
        e = json.load(f)
    return e["flags"], e["code"], e["groups"], e["groupindex"], tuple(e["indexgroup"])


def _save(path: Path, program: tuple) -> None:
    """Write atomically: parallel workers may save the same program at once."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    try:
        final_flags, code, groups, groupindex, indexgroup = program
        entry = {
            "flags": final_flags,
            "groups": groups,
            "groupindex": groupindex,
            "indexgroup": list(indexgroup),
            "code": code,
        }
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(entry, f, separators=(",", ":"))
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def compile_cached(pattern: Any, flags: int = 0, *, original: Any = None) -> Any:
    """`re`'s internal compile, served from the cache for long string patterns."""
    fallback = original or _compiler.compile
    folder = cache_dir()
    if folder is None or not isinstance(pattern, str) or len(pattern) < MIN_CHARS:
        return fallback(pattern, flags)
    if flags & re.DEBUG:
        return fallback(pattern, flags)
    path = folder / f"re-{_key(pattern, flags)}.json"
    try:
        return _build(pattern, _load(path))
    except Exception:  # missing or unusable entry: compile it anew
        pass
    try:
        program = _program(pattern, flags)
        compiled = _build(pattern, program)
    except Exception:  # re's internals differ here: use re itself
        return fallback(pattern, flags)
    with contextlib.suppress(OSError):
        _save(path, program)
    return compiled


@contextlib.contextmanager
def cached_compiles() -> Iterator[None]:
    """Inside this block, `re.compile` of long patterns goes through the cache."""
    with _PATCH:
        original = _compiler.compile

        def patched(pattern: Any, flags: int = 0) -> Any:
            return compile_cached(pattern, flags, original=original)

        _compiler.compile = patched
        try:
            yield
        finally:
            _compiler.compile = original
