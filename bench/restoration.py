"""Diacritic restoration accuracy on the dev queries stripped of their accents (`make bench`).

    DJANGO_SETTINGS_MODULE=bench.settings python bench/restoration.py --queries dev/queries.jsonl --out F.json

Uses the lexicon the bench's `search_reindex` stored (search/statistics.py) and the portal's own
restoration (search/nlp/accents.py). A syllable counts as right when it is restored exactly as
the query wrote it (lower case); a query when all its syllables are.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--queries", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    import django

    django.setup()
    from search import statistics
    from search.nlp.accents import restore
    from search.nlp.lexicon import syllable_runs

    path = Path(os.environ.get("SEARCH_QUALITY", ROOT.parent / "shared" / "bench" / "search_quality.py"))
    spec = importlib.util.spec_from_file_location("search_quality", path)
    sq = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(sq)
    lexicon = statistics.lexicon()
    if lexicon is None:
        sys.exit("no text statistics: run search_reindex first")
    queries = sq.load_queries(args.queries)
    right = total = whole = 0
    started = time.perf_counter()
    examples = []
    for q in queries:
        gold = [s for run in syllable_runs(q["text"]) for s in run]
        got = [s for run in syllable_runs(restore(sq.strip_diacritics(q["text"]), lexicon)) for s in run]
        hits = sum(a == b for a, b in zip(gold, got, strict=False)) if len(gold) == len(got) else 0
        right, total = right + hits, total + len(gold)
        whole += hits == len(gold)
        if hits != len(gold) and len(examples) < 5:
            examples.append({"query": q["text"], "restored": " ".join(got)})
    result = {
        "queries": len(queries),
        "syllables": total,
        "syllable_accuracy": round(right / total, 4),
        "query_accuracy": round(whole / len(queries), 4),
        "ms_per_query": round((time.perf_counter() - started) * 1000 / len(queries), 2),
        "lexicon_entries": lexicon.documents,
        "examples": examples,
    }
    Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=1))
    print(json.dumps({k: v for k, v in result.items() if k != "examples"}))


if __name__ == "__main__":
    main()
