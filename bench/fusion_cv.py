"""Choose the hybrid ranking's settings by 5-fold cross-validation on the dev queries, and
compare re-ranking the lexical top-k with k-NN retrieval (`make bench` runs it; docs/benchmarks.md).

    DJANGO_SETTINGS_MODULE=bench.settings python bench/fusion_cv.py --queries dev/queries.jsonl \\
        --natural dev/queries.natural.jsonl --qrels dev/qrels.tsv --out results/fusion.json

Needs the bench index built with vectors (search_reindex). For every dev query, typed as given
and stripped of its diacritics, it takes what the portal takes: the pinned citations and the
lexical top 100 with their stored vectors (search.bodies, search.engine.msearch), and the
query's vector (search.semantic.query_text: the question without its wrapper, the restored
reading for a query without diacritics).
It also reads every article's vectors once, to rank by exact nearest neighbours: what the k-NN
plugin would return at best (its HNSW graph only approximates this).

Systems compared (nDCG@10, the functions of ../shared/bench/search_quality.py):
  lexical       the portal's lexical ranking;
  rerank K w    its top K re-ranked by lexical + w × best passage + SECOND_WEIGHT × second-best
                chunk (min-max normalised, as search/semantic.py), the rest after;
  knn w         the union of the lexical top 100 and the 100 nearest articles, fused the same way
                (an article missing from one list gets that list's lowest score);
  dense         the nearest articles alone;
  rrf K         reciprocal-rank fusion (k = 60) of the lexical top K and its dense order.
Settings (K, w) are chosen on four folds and scored on the fifth (seeded split); the table gives
the cross-validated score, and the setting chosen on all of dev.

Trying a change of the lexical ranking without reindexing: build an index once under a prefix of
your own (SEARCH_INDEX_PREFIX=me, `search_reindex` takes the vectors from the cache), then run
this with ``--set`` for each weight to change, e.g. ``--set rare=20 --set accented/s:heading=0.5``
(keys of search.ranking.WEIGHTS, or "<profile>/<part:field>" of search.ranking.PROFILES); a
change of the code (search/nlp/questions.py, search/ranking.py) needs nothing more than a rerun.
About two minutes on 2 cores; docs/benchmarks.md ("Ranking quality after branch searchquality").
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEPTHS = (10, 20, 30, 50, 100)
WEIGHTS = tuple(round(0.25 * i, 2) for i in range(0, 17))
FOLDS = 5
SEED = 20261201
K = 10


def quality_module():
    path = Path(os.environ.get("SEARCH_QUALITY", ROOT.parent / "shared" / "bench" / "search_quality.py"))
    spec = importlib.util.spec_from_file_location("search_quality", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def collect(queries, strip, sq):
    """Per query: pinned ids, lexical [(id, score, dense)] with dense = (best passage,
    second-best chunk) as the portal scores them, and the query vector."""
    import numpy as np

    from search import backends, kinds
    from search.bodies import main_body, pin_bodies
    from search.engine import msearch
    from search.request import parse_request
    from search.semantic import hit_scores, query_text
    from search.vectors import embedder

    alias = kinds.get("articles").alias
    vocabulary = backends.vocabulary()
    out = {}
    for q in queries:
        text = sq.strip_diacritics(q["text"]) if strip else q["text"]
        request = parse_request({"q": text, "type": "article", "size": str(K)}, vocabulary)
        if not (request.query.is_searchable or request.query.phrases):
            out[q["id"]] = {"pins": [], "lexical": [], "vector": None}
            continue
        pins = pin_bodies(request)
        answers = msearch([(alias, b) for b in [*pins, main_body(request, extra=len(pins), rerank_depth=100)]], "cv")
        pinned = [h["_source"].get("external_id") for a in answers[: len(pins)] for h in a["hits"]["hits"][:1]]
        vector = embedder.query_vector(query_text(request.query))
        lexical = []
        for hit in answers[len(pins)]["hits"]["hits"]:
            source = hit["_source"]
            dense = hit_scores(vector, source) if vector is not None else (None, None)
            lexical.append((source.get("external_id"), float(hit["_score"]), dense))
        out[q["id"]] = {"pins": pinned, "lexical": lexical, "vector": None if vector is None else np.asarray(vector)}
    return out


def all_vectors():
    """external_id -> chunk matrix, for every article of the bench index."""
    from opensearchpy import helpers

    from search import kinds
    from search.client import get_client
    from search.vectors.codec import decode_many

    found = {}
    for hit in helpers.scan(
        get_client(), index=kinds.get("articles").alias, query={"_source": ["external_id", "vectors"]}
    ):
        source = hit["_source"]
        found[source["external_id"]] = decode_many(source.get("vectors") or [], 384)
    return found


def minmax(values):
    low, high = min(values), max(values)
    return [1.0 for _ in values] if high - low < 1e-9 else [(v - low) / (high - low) for v in values]


def with_pins(pins, ranked):
    return list(dict.fromkeys([*pins, *ranked]))[:K]


def rerank(row, depth, weight):
    from search.semantic import SECOND_WEIGHT
    from search.vectors.fusion import fuse

    top, rest = row["lexical"][:depth], row["lexical"][depth:]
    if not top:
        return with_pins(row["pins"], [])
    best, second = [d[0] for _, _, d in top], [d[1] for _, _, d in top]
    fused = fuse([s for _, s, _ in top], best, weight, second, SECOND_WEIGHT)
    order = [top[i][0] for i in sorted(range(len(top)), key=lambda i: -fused[i])]
    return with_pins(row["pins"], order + [i for i, _, _ in rest])


def knn(row, weight, nearest, dense_of):
    lexical = {i: s for i, s, _ in row["lexical"]}
    near = dict(nearest)
    ids = list(dict.fromkeys([*lexical, *near]))
    if not ids:
        return with_pins(row["pins"], [])
    low_lex = min(lexical.values()) if lexical else 0.0
    lex = minmax([lexical.get(i, low_lex) for i in ids])
    dense = [near[i] if i in near else dense_of(i) for i in ids]
    den = minmax(dense)
    fused = [a + weight * b for a, b in zip(lex, den, strict=True)]
    return with_pins(row["pins"], [ids[i] for i in sorted(range(len(ids)), key=lambda i: -fused[i])])


def rrf(row, depth):
    top = row["lexical"][:depth]
    dense_order = sorted(range(len(top)), key=lambda i: -(top[i][2][0] if top[i][2][0] is not None else -9))
    score = {}
    for rank, i in enumerate(range(len(top))):
        score[top[i][0]] = score.get(top[i][0], 0) + 1 / (60 + rank + 1)
    for rank, i in enumerate(dense_order):
        score[top[i][0]] = score.get(top[i][0], 0) + 1 / (60 + rank + 1)
    order = sorted(score, key=lambda d: -score[d])
    return with_pins(row["pins"], order + [i for i, _, _ in row["lexical"][depth:]])


def evaluate(rows, near, vectors, qrels, natural, fold_of, sq):
    """nDCG@10 of every system and setting, and the cross-validated choice of each family."""
    import numpy as np

    def dense_of_factory(vector):
        def dense_of(i):
            m = vectors.get(i)
            return float(np.max(m @ vector)) if vector is not None and m is not None and m.shape[0] else 0.0

        return dense_of

    systems = {"lexical": lambda row, qid: with_pins(row["pins"], [i for i, _, _ in row["lexical"]])}
    systems["dense"] = lambda row, qid: with_pins(row["pins"], [i for i, _ in near[qid]])
    for depth in DEPTHS:
        systems[f"rrf {depth}"] = lambda row, qid, d=depth: rrf(row, d)
        for weight in WEIGHTS:
            systems[f"rerank {depth} {weight}"] = lambda row, qid, d=depth, w=weight: rerank(row, d, w)
    for weight in WEIGHTS:
        systems[f"knn {weight}"] = lambda row, qid, w=weight: knn(row, w, near[qid], dense_of_factory(row["vector"]))
    scores = {name: {} for name in systems}
    for qid, row in rows.items():
        for name, system in systems.items():
            scores[name][qid] = sq.ndcg(system(row, qid), qrels[qid], K)
    every = list(rows)
    natural_ids = [q for q in rows if q in natural]

    def mean(name, subset):
        values = [scores[name][q] for q in subset]
        return statistics.fmean(values) if values else 0.0

    def cross_validated(prefix):
        """Mean over folds of the held-out score of the setting best on the other folds."""
        names = [n for n in systems if n.split(" ")[0] == prefix]
        held_all, held_nat, chosen = [], [], []
        for fold in range(FOLDS):
            train = [q for q in every if fold_of[q] != fold]
            test = [q for q in every if fold_of[q] == fold]
            best = max(names, key=lambda n: mean(n, train))  # noqa: B023 - used at once
            chosen.append(best)
            held_all += [scores[best][q] for q in test]
            held_nat += [scores[best][q] for q in test if q in natural]
        overall = max(names, key=lambda n: mean(n, every))
        return {
            "cv_dev": round(statistics.fmean(held_all), 4),
            "cv_natural": round(statistics.fmean(held_nat), 4) if held_nat else None,
            "chosen_per_fold": chosen,
            "chosen_on_all_dev": overall,
            "dev_at_chosen": round(mean(overall, every), 4),
            "natural_at_chosen": round(mean(overall, natural_ids), 4),
        }

    result = {
        name: {"dev": round(mean(name, every), 4), "natural": round(mean(name, natural_ids), 4)}
        for name in ("lexical", "dense")
    }
    for prefix in ("rerank", "knn", "rrf"):
        result[prefix] = cross_validated(prefix)
    result["rerank_grid"] = {n: round(mean(n, every), 4) for n in systems if n.startswith("rerank")}
    return result


def override_weights(settings: list[str]) -> None:
    """``rare=20`` sets search.ranking.WEIGHTS["rare"]; ``accented/s:heading=0.5`` a profile's
    boost (0 leaves the field out)."""
    from search import ranking

    for item in settings:
        key, _, value = item.partition("=")
        profile, _, field = key.partition("/")
        if field:
            if profile not in ranking.PROFILES:
                sys.exit(f"no ranking profile {profile!r}: {sorted(ranking.PROFILES)}")
            ranking.PROFILES[profile][field] = float(value)
        elif key in ranking.WEIGHTS:
            ranking.WEIGHTS[key] = float(value)
        else:
            sys.exit(f"no ranking weight {key!r}: {sorted(ranking.WEIGHTS)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--queries", required=True)
    parser.add_argument("--natural", required=True)
    parser.add_argument("--qrels", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument(
        "--set", action="append", default=[], metavar="KEY=VALUE", help="a ranking weight for this run (see above)"
    )
    args = parser.parse_args()

    import django

    django.setup()
    override_weights(args.set)
    import numpy as np

    sq = quality_module()
    qrels = sq.load_qrels(args.qrels)
    queries = [q for q in sq.load_queries(args.queries) if str(q["id"]) in qrels]
    natural = {str(q["id"]) for q in sq.load_queries(args.natural)}
    started = time.time()
    vectors = all_vectors()
    ids = [i for i, m in vectors.items() if m.shape[0]]
    matrix = np.vstack([vectors[i] for i in ids]) if ids else np.zeros((0, 384), dtype=np.float32)
    owner = np.repeat(np.arange(len(ids)), [vectors[i].shape[0] for i in ids])
    coverage = len(ids) / max(1, len(vectors))

    def nearest(vector, n=100):
        if vector is None or not len(ids):
            return []
        sims = matrix @ vector
        best = np.full(len(ids), -1.0, dtype=np.float32)
        np.maximum.at(best, owner, sims)
        top = np.argsort(-best)[:n]
        return [(ids[j], float(best[j])) for j in top]

    report = {
        "coverage": round(coverage, 4),
        "queries": len(queries),
        "natural": len(natural & set(qrels)),
        "modes": {},
    }
    rng = random.Random(SEED)
    order = [str(q["id"]) for q in queries]
    rng.shuffle(order)
    fold_of = {qid: n % FOLDS for n, qid in enumerate(order)}
    for strip in (False, True):
        mode = "stripped" if strip else "accented"
        rows = collect(queries, strip, sq)
        near = {qid: nearest(row["vector"]) for qid, row in rows.items()}
        result = evaluate(rows, near, vectors, qrels, natural, fold_of, sq)
        report["modes"][mode] = result
        print(mode, json.dumps({k: v for k, v in result.items() if k != "rerank_grid"}, ensure_ascii=False), flush=True)
    report["seconds"] = round(time.time() - started, 1)
    Path(args.out).write_text(json.dumps(report, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
