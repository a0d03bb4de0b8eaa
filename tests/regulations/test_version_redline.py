"""The redline on two real versions of a law: Luật Bảo vệ môi trường 2020 (72/2020/QH14) as
passed and as amended by Luật Thanh tra 2022, both read from the shared corpus as the demo
loads them (regulations.demo_versions)."""

import pytest

from regulations.demo_versions import amended_law_records
from regulations.importing import save_document
from regulations.redline import ChangeKind, Op
from regulations.version_redline import compare, units_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def law(corpus_dir):
    passed, amended, details = amended_law_records(corpus_dir)
    save_document(passed)
    return save_document(amended, new_version=True, version=details).page


def test_it_finds_the_one_amended_article_of_the_real_law_and_its_words(law):
    first, second = law.versions.order_by("number")
    redline, old_units, new_units = compare(first, second)

    assert len(redline.changes) == len(old_units) == len(new_units) > 150
    (changed,) = redline.modified
    assert changed.kind == ChangeKind.CHANGED and not changed.renumbered
    assert changed.old.label == changed.new.label == "Điều 160"
    deleted = "".join(segment.text for segment in changed.body if segment.op == Op.DELETE)
    inserted = "".join(segment.text for segment in changed.body if segment.op == Op.INSERT)
    assert "thường xuyên được tiến hành" in deleted
    assert "thường xuyên" not in inserted
    new_text = "".join(segment.text for segment in changed.body if segment.op != Op.DELETE)
    assert "a) Thanh tra theo kế hoạch;" in new_text
    old_text = "".join(segment.text for segment in changed.body if segment.op != Op.INSERT)
    assert "a) Thanh tra thường xuyên được tiến hành" in old_text
    assert {c.kind for c in redline.changes} == {ChangeKind.UNCHANGED, ChangeKind.CHANGED}
    assert redline.counterpart("dieu-160") == changed.new


def test_it_reads_an_article_with_its_clauses_and_points(law):
    first = law.versions.order_by("number").first()
    units = dict((article.key, article) for _provision, article in units_of(first))
    article = units["dieu-160"]
    assert article.label == "Điều 160"
    assert "\n2. " in article.text and "\na) Thanh tra thường xuyên" in article.text
