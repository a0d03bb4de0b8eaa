"""Consultation benchmarks (scripts/bench_consultations.sh), run with the bench settings on the
bench database:

    python bench/consultation_bench.py setup --commenters 40 --out setup.json
    python bench/consultation_bench.py verify --setup setup.json --load load.json --out verify.json
    python bench/consultation_bench.py page --out page.json

`setup`: an open consultation on a 20-article draft and one account with an API key per
commenter. `verify`: every receipt the load issued is in the database, and the database holds
no comment that was not receipted (nothing lost, nothing extra). `page`: the consultation page
with 20 articles and 200 comments, then 200 articles and 2,000 comments: its SQL queries (the
same number whatever the size), its time (median of 10 renders, in process), its size and the
comments it draws (at most INLINE_THREADS threads per unit, whatever the number of comments).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django  # noqa: E402

django.setup()

from datetime import timedelta  # noqa: E402

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.utils import timezone  # noqa: E402

from consultations.folders import ensure_consultation_folder  # noqa: E402
from consultations.intake.api_keys import issue_key  # noqa: E402
from consultations.models import CommenterType, ConsultationComment, ConsultationPage  # noqa: E402
from consultations.timeline import VIETNAM  # noqa: E402
from portal.site_setup import ensure_home_page  # noqa: E402
from regulations.agencies import resolve_agency  # noqa: E402
from regulations.importing import DocumentRecord, save_document  # noqa: E402
from regulations.library import ensure_library  # noqa: E402
from regulations.models import LegalStatus  # noqa: E402
from regulations.parsers.types import ParsedNode  # noqa: E402

TAX_CODE = "0316224581"


def _article(number: int) -> ParsedNode:
    clauses = [
        ParsedNode(
            kind="clause",
            label=str(c),
            heading="",
            text=f"Tổ chức, cá nhân kinh doanh phải đáp ứng điều kiện số {c} của Điều {number} về hồ sơ và thời hạn.",
            line=0,
            children=[],
        )
        for c in (1, 2)
    ]
    heading = f"Điều kiện kinh doanh số {number}"
    return ParsedNode(kind="article", label=str(number), heading=heading, text="", line=0, children=clauses)


def consultation(articles: int, slug: str) -> ConsultationPage:
    ensure_library(ensure_home_page())
    existing = ConsultationPage.objects.filter(slug=slug).first()
    if existing is not None:
        return existing
    record = DocumentRecord(
        title=f"Dự thảo Nghị định thử tải {articles} điều",
        doc_type="nghi-dinh",
        issuer="Bộ Công Thương",
        legal_status=LegalStatus.DRAFT,
        external_id=f"du-thao-bench-{slug}",
        nodes=[_article(n) for n in range(1, articles + 1)],
    )
    draft = save_document(record).page
    folder = ensure_consultation_folder(resolve_agency("Bộ Công Thương"))
    opens_at = timezone.now() - timedelta(days=29)
    page = ConsultationPage(
        title=draft.title,
        slug=slug,
        document=draft,
        opens_at=opens_at,
        closing_date=timezone.localtime(opens_at, VIETNAM).date() + timedelta(days=30),
    )
    folder.add_child(instance=page)
    page.save_revision().publish()
    return ConsultationPage.objects.get(pk=page.pk)


def setup(args: argparse.Namespace) -> dict:
    page = consultation(20, "thu-tai-gop-y")
    User = get_user_model()
    keys = []
    for n in range(args.commenters):
        user, _ = User.objects.get_or_create(username=f"bench-{n}", defaults={"email": f"bench-{n}@example.vn"})
        keys.append(issue_key(user, "bench")[1])
    articles = list(page.version.provisions.filter(kind="article").order_by("position").values_list("pk", flat=True))
    return {"consultation_id": page.pk, "articles": articles, "keys": keys, "tax_code": TAX_CODE}


def verify(args: argparse.Namespace) -> dict:
    setup_data = json.loads(Path(args.setup).read_text(encoding="utf-8"))
    receipts = [
        number for path in args.load for number in json.loads(Path(path).read_text(encoding="utf-8"))["receipts"]
    ]
    issued = set(receipts)
    stored = set(
        ConsultationComment.objects.filter(consultation_id=setup_data["consultation_id"]).values_list(
            "receipt_number", flat=True
        )
    )
    return {
        "issued": len(issued),
        "stored": len(stored),
        "lost": len(issued - stored),
        "stored_without_receipt": len(stored - issued),
        "duplicate_receipts": len(receipts) - len(issued),
    }


def _fill(page: ConsultationPage, comments: int) -> None:
    have = ConsultationComment.objects.filter(consultation=page).count()
    units = list(page.version.provisions.filter(kind="article").order_by("position"))
    now = timezone.now()
    for n in range(have, comments):
        comment = ConsultationComment(
            consultation=page,
            provision=units[n % len(units)] if n % 10 else None,
            comment=f"Góp ý thử số {n}: đề nghị làm rõ hồ sơ và thời hạn giải quyết.",
            commenter_type=CommenterType.BUSINESS if n % 3 else CommenterType.INDIVIDUAL,
            organization=f"Công ty TNHH Thử {n}" if n % 3 else "",
            tax_code=TAX_CODE if n % 3 else "",
            user_name=f"Người góp ý {n}",
            user_email=f"gop-y-{n}@example.vn",
            submit_date=now,
        )
        comment.mark_received(now)
        comment.save()


def _measure(page: ConsultationPage, renders: int = 10) -> dict:
    client = Client(SERVER_NAME="127.0.0.1")
    url = page.url
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    # Counted now: `captured_queries` reads the connection's log, which the next requests clear.
    queries = len(captured.captured_queries)
    times = []
    for _ in range(renders):
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    return {
        "queries": queries,
        "median_ms": round(statistics.median(times), 1),
        "bytes": len(response.content),
        # Comments drawn: at most INLINE_THREADS threads (with their replies) per unit and for the
        # general comments, whatever the number of comments (consultations.models.reading).
        "drawn": response.content.count(b'<article class="comment"'),
        "units": len(page.version.provisions.filter(kind="article")) + 1,
    }


def page(args: argparse.Namespace) -> dict:
    results = {}
    for articles, comments in ((20, 200), (200, 2000)):
        consultation_page = consultation(articles, f"thu-tai-trang-{articles}")
        _fill(consultation_page, comments)
        results[f"{articles}x{comments}"] = {"articles": articles, "comments": comments, **_measure(consultation_page)}
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("setup")
    make.add_argument("--commenters", type=int, default=40)
    make.add_argument("--out", required=True)
    check = commands.add_parser("verify")
    check.add_argument("--setup", required=True)
    check.add_argument("--load", required=True, nargs="+", help="the load runs' JSON files")
    check.add_argument("--out", required=True)
    render = commands.add_parser("page")
    render.add_argument("--out", required=True)
    args = parser.parse_args()
    result = {"setup": setup, "verify": verify, "page": page}[args.command](args)
    Path(args.out).write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    if args.command != "setup":
        print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
