"""The ceiling of a rebuild with vectors: underthesea's `word_tokenize` and the embedding model
alone, on the same article texts, in the same number of processes as `search_reindex`.

Each article is segmented (heading and body, as bench/segment_ceiling.py does) and its chunks
embedded (search/vectors/chunks.py: clause chunks with "<law title>. Điều N. <heading>" first,
as the index does), in `--workers` processes that have loaded both models beforehand, one thread
each (as the rebuild's processes). No cache: every chunk is embedded, as in a rebuild with an
empty vector cache, which is what `make bench` compares this with.

    python bench/vector_ceiling.py CORPUS.jsonl [--workers 2] [--json]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

_model = None


def _warm_up() -> None:
    global _model
    from underthesea import word_tokenize

    from search.vectors import embedder

    word_tokenize("Thủ tục hành chính theo Nghị định số 01/2020/NĐ-CP.")
    _model = embedder.load(threads=1)
    _model.passages(["Điều 1. Phạm vi điều chỉnh"])


def _work(item: tuple[str, list[str]]) -> int:
    from underthesea import word_tokenize

    text, chunks = item
    word_tokenize(text, format="text")
    assert _model is not None
    _model.passages(chunks)
    return len(chunks)


def _ready(_: int) -> None:
    pass


def items_of(corpus: Path) -> list[tuple[str, list[str]]]:
    from search.vectors.chunks import chunk_text

    items = []
    with corpus.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                row = json.loads(line)
                number, _, heading = (row.get("title") or "").partition(". ")
                title = ". ".join(p for p in (row.get("law_title"), number, heading) if p)
                text = f"{row.get('title') or ''}\n{row.get('text') or ''}".strip()
                items.append((text, chunk_text(row.get("text") or "", title)))
    return items


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    items = items_of(args.corpus)
    context = multiprocessing.get_context("spawn")
    with context.Pool(args.workers, initializer=_warm_up) as pool:
        pool.map(_ready, range(args.workers))
        started = time.perf_counter()
        chunks = sum(pool.imap(_work, items, chunksize=4))
        seconds = time.perf_counter() - started
    result = {
        "articles": len(items),
        "chunks": chunks,
        "seconds": round(seconds, 1),
        "articles_per_s": round(len(items) / seconds, 2),
        "workers": args.workers,
    }
    print(json.dumps(result) if args.json else "\n".join(f"{k}: {v}" for k, v in result.items()))


if __name__ == "__main__":
    main()
