"""Highlighting (search/highlight.py): the fast path on folded text marks exactly what the
diacritics-insensitive patterns mark, and the excerpt is the window with the most terms."""

import concurrent.futures
import json
import random
import re

import pytest

from regulations.legaltext.normalize import fold_for_matching
from search.engine import _highlight_while_waiting
from search.highlight import WORD_RE, _best_window, folded_spans, highlight_text, python_pattern
from search.semantic import Plan
from tests.corpus import CORPUS

BENCHMARK = CORPUS / "search-benchmark"


def _reference_window(spans, size):
    """The window search as first written (quadratic): kept here as the specification."""
    best_start, best_terms = 0, 0
    for i, (start, _end, _n) in enumerate(spans[:200]):
        covered = {n for s, _e, n in spans[i:] if s < start + size - 40}
        if len(covered) > best_terms:
            best_start, best_terms = start, len(covered)
    return best_start, best_terms


@pytest.mark.parametrize(
    "term, text",
    [
        ("thu tuc", "Thủ tục hành chính; các THỦ TỤC khác, thủtục"),
        ("dang ky", "Đăng ký kinh doanh, đăng  ký lại"),
        ("an", "ban hành, an toàn, bản án"),
        ("a b a", "xa b a b a"),  # a candidate inside a word, then an overlapping real one
        ("2012", "Nghị định 24/2012/NĐ-CP năm 2012a và 2012"),
        ("hòa giải", "hoà giải, hóa giải, HÒA GIẢI"),
    ],
)
def test_folded_spans_are_the_spans_of_the_accent_insensitive_pattern(term, text):
    expected = [m.span() for m in python_pattern(term).finditer(text)]

    assert list(folded_spans(term, fold_for_matching(text))) == expected
    assert expected  # each case matches something


def test_folded_spans_agree_with_the_patterns_on_real_articles_and_queries():
    articles = [json.loads(line) for line in (BENCHMARK / "corpus.jsonl").open(encoding="utf-8")]
    queries = [json.loads(line)["text"] for line in (BENCHMARK / "dev" / "queries.jsonl").open(encoding="utf-8")]
    rng = random.Random(10)
    words = [w.lower() for q in queries for w in WORD_RE.findall(q)]
    terms = list(dict.fromkeys(words))[:400] + [" ".join(rng.sample(words, 2)) for _ in range(100)]
    checked = 0
    for row in rng.sample(articles, 60):
        text = f"{row.get('title') or ''}\n{row['text']}"
        folded = fold_for_matching(text)
        for term in rng.sample(terms, 40):
            assert list(folded_spans(term, folded)) == [m.span() for m in python_pattern(term).finditer(text)], term
            checked += 1
    assert checked == 2400


def test_a_term_without_letters_or_digits_marks_nothing():
    assert list(folded_spans("黄金", fold_for_matching("vàng 黄金"))) == []
    assert "<mark>" not in highlight_text("vàng 黄金", ["黄金"])


def test_the_best_window_is_the_one_the_first_version_chose():
    rng = random.Random(3)
    for _ in range(2000):
        spans = []
        for _ in range(rng.randint(0, 250)):
            start = rng.randint(0, 3000)
            spans.append((start, start + rng.randint(1, 12), rng.randint(0, 8)))
        spans.sort()
        size = rng.choice([240, 120, 41, 40, 30])
        assert _best_window(spans, size - 40) == _reference_window(spans, size)


def test_a_highlight_of_a_long_text_marks_the_densest_window():
    text = "mở đầu " * 300 + "kinh doanh vàng trang sức tại Điều 11" + " kết thúc" * 300

    html = highlight_text(text, ["vang", "trang suc", "dieu", "kinh doanh"])

    assert "<mark>kinh doanh</mark> <mark>vàng</mark> <mark>trang sức</mark>" in html
    assert re.search(r"<mark>Điều</mark> 11", html)


def test_the_lexical_page_is_highlighted_while_the_query_vector_is_awaited():
    """search/engine.py makes the lexical page's excerpts while the query's vector is computed,
    and stops as soon as it is ready; an excerpt made then is the one made afterwards."""
    hits = [
        {"_id": "a1", "_source": {"text": "Điều kiện kinh doanh vàng miếng."}},
        {"_id": "a2", "_source": {"text": "Kinh doanh dịch vụ lữ hành."}},
    ]
    terms = ["kinh doanh", "vàng"]
    waiting: concurrent.futures.Future[None] = concurrent.futures.Future()
    made: dict[str, str] = {}

    _highlight_while_waiting(hits, terms, made)(Plan(depth=50, vector=waiting))

    assert made == {hit["_id"]: highlight_text(hit["_source"]["text"], terms) for hit in hits}
    assert "<mark>vàng</mark>" in made["a1"]

    waiting.set_result(None)
    none: dict[str, str] = {}
    _highlight_while_waiting(hits, terms, none)(Plan(depth=50, vector=waiting))
    assert none == {}
