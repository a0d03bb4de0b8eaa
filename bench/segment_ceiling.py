"""The indexing ceiling: underthesea's own `word_tokenize` on the article texts of the corpus.

`search_reindex` cannot index faster than underthesea segments the same text, so this is the
ceiling its articles/s is compared with. Each article's text is its heading and body, as the
indexer analyses it. The texts are segmented in `--workers` processes (default 2, like
`search_reindex`), after each worker has loaded underthesea and segmented one warm-up sentence,
so that model loading is not counted (`search_reindex` counts its own start-up; that is part of
the gap).

    python bench/segment_ceiling.py CORPUS.jsonl [--workers 2] [--repeat N] [--json] [--out SEGMENTED.jsonl]

`--out` also writes each article's segmented text (`{"id", "words"}` per line, words joined by
spaces, syllables by "_", punctuation-only tokens dropped): bench/baseline_server.py indexes it
as the "plain BM25 on segmented text" reference, so the corpus is segmented only once per run.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import time
from pathlib import Path


def _warm_up() -> None:
    from underthesea import word_tokenize

    word_tokenize("Thủ tục hành chính theo Nghị định số 01/2020/NĐ-CP.")


def _segment(text: str) -> str:
    from underthesea import word_tokenize

    return word_tokenize(text, format="text")


def words_only(segmented: str) -> str:
    """Lower-case words, punctuation-only tokens dropped."""
    return " ".join(w for w in segmented.lower().split() if any(c.isalnum() for c in w))


def rows_of(corpus: Path) -> list[tuple[str, str]]:
    rows = []
    with corpus.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                row = json.loads(line)
                rows.append((row["id"], f"{row.get('title') or ''}\n{row.get('text') or ''}".strip()))
    return rows


def measure(rows: list[tuple[str, str]], workers: int, out: Path | None = None, repeat: int = 1) -> dict:
    texts = [text for _, text in rows]
    runs: list[float] = []
    if workers <= 1:
        _warm_up()
        for _ in range(max(1, repeat)):
            started = time.perf_counter()
            segmented = [_segment(t) for t in texts]
            runs.append(time.perf_counter() - started)
    else:
        context = multiprocessing.get_context("spawn")
        with context.Pool(workers, initializer=_warm_up) as pool:
            pool.map(_warm_up_task, range(workers))  # wait until every worker is ready
            for _ in range(max(1, repeat)):
                started = time.perf_counter()
                segmented = list(pool.imap(_segment, texts, chunksize=16))
                runs.append(time.perf_counter() - started)
    seconds = min(runs)  # the fastest run: the machine may be shared
    words = sum(len(s.split()) for s in segmented)
    if out is not None:
        with out.open("w", encoding="utf-8") as f:
            for (article_id, _), text in zip(rows, segmented, strict=True):
                f.write(json.dumps({"id": article_id, "words": words_only(text)}, ensure_ascii=False) + "\n")
    return {
        "articles": len(texts),
        "words": words,
        "seconds": round(seconds, 2),
        "articles_per_s": round(len(texts) / seconds, 1),
        "workers": workers,
        "characters": sum(len(t) for t in texts),
        "runs": [round(len(texts) / r, 1) for r in runs],
    }


def _warm_up_task(_: int) -> None:
    _warm_up()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--repeat", type=int, default=1, help="segment the corpus N times, report the fastest")
    args = parser.parse_args()
    result = measure(rows_of(args.corpus), args.workers, args.out, args.repeat)
    print(json.dumps(result) if args.json else "\n".join(f"{k}: {v}" for k, v in result.items()))


if __name__ == "__main__":
    main()
