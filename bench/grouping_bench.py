"""`make bench`, near-duplicate grouping: 10,000 generated comments (70% from 20 campaign
templates with edits), grouped by consultations.grouping.engine; time, purity, recall and the
number of groups, written into docs/benchmarks.md between the grouping markers.

    .venv/bin/python bench/grouping_bench.py --corpus ../shared/corpus --doc docs/benchmarks.md

The time is the engine's alone (normalisation, shingles, signatures, LSH, verification,
components), best of `--repeat` runs because the machine may be shared; generating the comments
is not timed. The load average before and after is reported with the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from consultations.grouping.campaigns import corpus_sentences, generate  # noqa: E402
from consultations.grouping.engine import Params, group_comments  # noqa: E402
from consultations.grouping.quality import measure  # noqa: E402
from consultations.grouping.shingles import _run_words, _word_value  # noqa: E402

BEGIN, END = "<!-- bench:grouping:begin -->", "<!-- bench:grouping:end -->"
TARGET_SECONDS = 10.0
TARGET_SHARE = 0.95


def run(corpus: Path, total: int, repeat: int) -> dict[str, object]:
    sentences = corpus_sentences(corpus / "search-benchmark" / "corpus.jsonl")
    comments = generate(sentences, total=total, campaign_share=0.7, templates=20)
    texts = {c.key: c.text for c in comments}
    load_before = " ".join(open("/proc/loadavg").read().split()[:3])
    times = []
    grouping = None
    for _ in range(repeat):
        _run_words.cache_clear()  # every run starts cold, as a fresh worker process would
        _word_value.cache_clear()
        started = time.perf_counter()
        grouping = group_comments(texts)
        times.append(time.perf_counter() - started)
    assert grouping is not None
    quality = measure([g.members for g in grouping.groups], {c.key: c.template for c in comments})
    params = Params()
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "comments": total,
        "campaign_comments": quality.campaign_comments,
        "templates": quality.templates,
        "seconds": min(times),
        "runs": times,
        "purity": quality.purity,
        "recall": quality.recall,
        "groups": quality.groups,
        "grouped": quality.grouped,
        "largest": max((len(g) for g in grouping.groups), default=0),
        "compared": grouping.compared,
        "params": f"{params.shingle_size}-word shingles, {params.num_perm} permutations, "
        f"{params.bands} bands × {params.rows} rows, join ≥ {params.threshold}, core ≥ {params.core_threshold}",
        "nproc": os.cpu_count(),
        "load_before": load_before,
        "load_after": " ".join(open("/proc/loadavg").read().split()[:3]),
    }


def table(r: dict[str, object]) -> str:
    def verdict(ok: bool) -> str:
        return "yes" if ok else "**no**"

    seconds, purity, recall = float(r["seconds"]), float(r["purity"]), float(r["recall"])  # type: ignore[arg-type]
    runs = ", ".join(f"{t:.2f}" for t in r["runs"])  # type: ignore[attr-defined]
    return "\n".join(
        [
            f"Measured {r['date']} on {r['nproc']} cores (load {r['load_before']} before, {r['load_after']} after).",
            "",
            "| measure | value | target | met |",
            "|---|---|---|---|",
            f"| comments grouped | {r['comments']:,} ({r['campaign_comments']:,} from {r['templates']} campaigns) | "
            "10,000, 70% from 20 templates | yes |",
            f"| time (best of {len(r['runs'])}: {runs} s) | {seconds:.2f} s | < {TARGET_SECONDS:.0f} s | "  # type: ignore[arg-type]
            f"{verdict(seconds < TARGET_SECONDS)} |",
            f"| purity | {purity:.2%} | ≥ {TARGET_SHARE:.0%} | {verdict(purity >= TARGET_SHARE)} |",
            f"| recall | {recall:.2%} | ≥ {TARGET_SHARE:.0%} | {verdict(recall >= TARGET_SHARE)} |",
            f"| groups found | {r['groups']} (largest {r['largest']}, {r['grouped']:,} comments in a group) | "
            f"{r['templates']} campaigns | — |",
            f"| exact similarities computed | {r['compared']:,} | — | — |",
            "",
            f"Parameters: {r['params']}.",
        ]
    )


def write(doc: Path, text: str) -> None:
    content = doc.read_text(encoding="utf-8")
    block = f"{BEGIN}\n{text}\n{END}"
    if BEGIN in content and END in content:
        head, rest = content.split(BEGIN, 1)
        content = head + block + rest.split(END, 1)[1]
    else:
        content = content.rstrip("\n") + "\n\n## Near-duplicate grouping of comments\n\n" + block + "\n"
    doc.write_text(content, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    parser.add_argument("--total", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--doc", type=Path, help="write the table into this Markdown file")
    parser.add_argument("--json", type=Path, help="write the raw figures here")
    args = parser.parse_args()
    result = run(args.corpus, args.total, args.repeat)
    text = table(result)
    print(text)
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    if args.doc:
        write(args.doc, text)
    met = result["seconds"] < TARGET_SECONDS and min(result["purity"], result["recall"]) >= TARGET_SHARE  # type: ignore[operator]
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
