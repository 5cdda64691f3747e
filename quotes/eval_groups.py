"""Gold sets made of several files: loading them together and choosing documents by metadata.

`quotes eval` pools several gold files into one scored set. Two things must then hold:
every document keeps its own identity (ids may repeat across files), and documents can be
kept out by a metadata value (a held-out outlet) before anything is extracted. Grouping
the scores is in quotes/eval_report.py (`group_reports`), on the same `group_value`.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from pathlib import Path

from quotes.eval_report import FILE_FIELD, file_labels, group_value
from quotes.evaluation import GoldDoc, GoldError, load_gold


class SelectionError(ValueError):
    """A `--by`, `--only` or `--exclude` that names no field or value of the gold set."""


def load_gold_files(paths: Sequence[str | Path]) -> list[GoldDoc]:
    """Load several gold files as one set, in order, with ids unique across files.

    An id found in more than one file becomes "<file stem>:<id>" in every file that has it
    (a suffix "~2", "~3" after the stem if that is taken too), so no document is dropped or
    merged with another and ids that do not collide stay as they are. Problems from every
    file are raised together in one GoldError, like `load_gold` does for one file. The same
    file given twice is an error: it would silently count every document twice.
    """
    problems: list[str] = []
    seen: dict[Path, str] = {}
    loaded: list[tuple[Path, list[GoldDoc]]] = []
    for raw in paths:
        path = Path(raw)
        key = path.resolve()
        if key in seen:
            problems.append(f"{path}: gold file given twice (also as {seen[key]})")
            continue
        seen[key] = str(path)
        try:
            loaded.append((path, load_gold(path)))
        except GoldError as exc:
            problems += exc.problems
    if problems:
        raise GoldError(problems)
    files_with = Counter(d.doc_id for _, docs in loaded for d in docs)
    taken = {i for i, n in files_with.items() if n == 1}
    out: list[GoldDoc] = []
    for path, docs in loaded:
        for doc in docs:
            if files_with[doc.doc_id] > 1:
                new_id, n = f"{path.stem}:{doc.doc_id}", 2
                while new_id in taken:
                    new_id, n = f"{path.stem}~{n}:{doc.doc_id}", n + 1
                taken.add(new_id)
                doc = dataclasses.replace(doc, doc_id=new_id)
            out.append(doc)
    return out


def parse_filters(option: str, items: Iterable[str]) -> list[tuple[str, str]]:
    """`FIELD=VALUE` strings as (field, value) pairs; `option` names the flag in messages."""
    pairs = []
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise SelectionError(f"{option} expects FIELD=VALUE, got {item!r}")
        pairs.append((name.strip(), value))
    return pairs


def _fields(docs: Sequence[GoldDoc]) -> set[str]:
    return {FILE_FIELD} | {k for d in docs for k in d.meta}


def check_field(docs: Sequence[GoldDoc], name: str, option: str) -> None:
    """Refuse a field no document has: a typo would otherwise put everything under "-"."""
    known = _fields(docs)
    if name not in known:
        raise SelectionError(
            f"{option}: no gold document has a field {name!r} (fields: {', '.join(sorted(known))})"
        )


def select_docs(
    docs: Sequence[GoldDoc],
    only: Sequence[tuple[str, str]] = (),
    exclude: Sequence[tuple[str, str]] = (),
) -> list[GoldDoc]:
    """The documents to score: matching `only` (if any) and none of `exclude`.

    Several `only` values for one field are alternatives (outlet=a or outlet=b); different
    fields must all match. Values compare as `group_value` writes them, so "-" selects the
    documents lacking the field and `file=NAME` a gold file. A field or value that matches
    no document at all is an error, not a no-op: a mistyped `--exclude` would let held-out
    documents into a development run without anyone noticing.
    """
    labels = file_labels(docs)
    for option, pairs in (("--only", only), ("--exclude", exclude)):
        for name, value in pairs:
            check_field(docs, name, option)
            values = {group_value(d, name, labels) for d in docs}
            if value not in values:
                raise SelectionError(
                    f"{option} {name}={value}: no gold document has this value "
                    f"({name} values: {', '.join(sorted(values))})"
                )
    wanted: dict[str, set[str]] = defaultdict(set)
    for name, value in only:
        wanted[name].add(value)

    def keep(doc: GoldDoc) -> bool:
        if any(group_value(doc, n, labels) not in vs for n, vs in wanted.items()):
            return False
        return all(group_value(doc, n, labels) != v for n, v in exclude)

    kept = [d for d in docs if keep(d)]
    if not kept:
        raise SelectionError("no gold document left after --only/--exclude")
    return kept
