"""The commentable units of a draft: its articles, or, without articles, its numbered
sections and items as the parser finds them (seed 000, a real draft resolution)."""

import pytest

from consultations.units import commentable_kinds, commentable_units, is_commentable
from regulations.importing import save_document
from regulations.parsers import parse_document
from regulations.sources import record_from_parsed
from tests.consultations.builders import make_draft
from tests.corpus import CORPUS

pytestmark = pytest.mark.django_db

SEED_000 = CORPUS / "seeds" / "000_30dcf1b77f192af4.txt"


def test_it_comments_a_draft_with_articles_article_by_article(django_assert_max_num_queries):
    version = make_draft(articles=5).versions.get()
    with django_assert_max_num_queries(2):
        units = commentable_units(version)
    assert [u.anchor for u in units] == [f"dieu-{n}" for n in range(1, 6)]


def test_it_comments_the_draft_resolution_of_seed_000_on_its_sections_and_items():
    record = record_from_parsed(parse_document(SEED_000), external_id="seed:000")
    version = save_document(record).page.versions.get()
    assert version.kind == "du-thao"
    units = commentable_units(version)
    labels = [(u.kind, u.label) for u in units]
    assert labels[:3] == [("part", "I"), ("clause", "1"), ("clause", "2")]
    assert [label for kind, label in labels if kind == "part"] == ["I", "II", "III"]
    assert sum(1 for kind, _ in labels if kind == "clause") == 13
    assert sum(1 for kind, _ in labels if kind == "point") == 18
    assert "bullet" not in {kind for kind, _ in labels}
    point_d = next(u for u in units if u.anchor == "phan-ii-khoan-1-diem-d")
    assert point_d.text.startswith("Văn phòng Chính phủ")
    assert all(is_commentable(unit, version) for unit in units)
    bullet = version.provisions.filter(kind="bullet").first()
    assert not is_commentable(bullet, version)


def test_it_has_no_unit_in_a_draft_without_numbered_parts():
    assert commentable_kinds({"bullet"}) == ()
    assert commentable_kinds({"chapter", "article", "clause"}) == ("article",)
    assert commentable_kinds({"part", "clause", "bullet"}) == ("part", "clause")
