"""Import speed of `import_legal_corpus`: is the time proportional to the corpus size?

Imports the first quarter, half and all of the search-benchmark corpus (whole laws, in file
order), each into a fresh database, and prints documents/s, articles/s and the time per
article relative to the full run. Run through `make bench` or:

    DJANGO_SETTINGS_MODULE=portal.settings.dev python bench/import_speed.py CORPUS.jsonl
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def split(corpus: Path, fraction: float, folder: Path) -> tuple[Path, int, int]:
    lines = corpus.read_text(encoding="utf-8").splitlines()
    laws: list[str] = []
    for raw in lines:
        law = json.loads(raw)["law_id"]
        if law not in laws:
            laws.append(law)
    keep = set(laws[: max(1, round(len(laws) * fraction))])
    chosen = [raw for raw in lines if json.loads(raw)["law_id"] in keep]
    path = folder / f"corpus-{int(fraction * 100)}.jsonl"
    path.write_text("\n".join(chosen) + "\n", encoding="utf-8")
    return path, len(keep), len(chosen)


def timed_import(path: Path, database_url: str) -> tuple[float, float]:
    """(seconds the import itself reports, seconds for the whole process including start-up)."""
    env = dict(os.environ, DATABASE_URL=database_url)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run(manage + ["migrate", "-v0"], check=True, env=env, cwd=ROOT)
    started = time.perf_counter()
    done = subprocess.run(
        manage + ["import_legal_corpus", str(path), "--no-progress"],
        check=True,
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    whole = time.perf_counter() - started
    reported = re.search(r"; ([0-9.]+) s \(", done.stdout)
    return (float(reported.group(1)) if reported else whole), whole


def main() -> None:
    corpus = Path(sys.argv[1])
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for fraction in (0.25, 0.5, 1.0):
            path, documents, articles = split(corpus, fraction, folder)
            db = folder / f"bench-{int(fraction * 100)}.sqlite3"
            seconds, whole = timed_import(path, f"sqlite:///{db}")
            rows.append((fraction, documents, articles, seconds, whole))
    full_per_article = rows[-1][3] / rows[-1][2]
    print(
        "| share of corpus | documents | articles | import seconds | documents/s | articles/s "
        "| time per article vs full | whole process, s (with start-up) |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for fraction, documents, articles, seconds, whole in rows:
        print(
            f"| {fraction:.0%} | {documents} | {articles} | {seconds:.1f} | {documents / seconds:.2f} | "
            f"{articles / seconds:.0f} | {seconds / articles / full_per_article:.2f} | {whole:.1f} |"
        )


if __name__ == "__main__":
    main()
