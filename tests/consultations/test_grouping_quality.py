"""Grouping quality on generated comments with mass campaigns, from the corpus' provisions:
2,000 comments here (`make bench` measures 10,000, with the time)."""

from collections import Counter

import pytest

from consultations.grouping.campaigns import corpus_sentences, generate
from consultations.grouping.engine import group_comments
from consultations.grouping.quality import measure
from consultations.grouping.shingles import words
from tests.corpus import CORPUS

ARTICLES = CORPUS / "search-benchmark" / "corpus.jsonl"


@pytest.fixture(scope="module")
def sentences() -> list[str]:
    assert ARTICLES.exists(), f"the corpus is needed: {ARTICLES}"
    return corpus_sentences(ARTICLES, limit=1500)


@pytest.fixture(scope="module")
def comments(sentences):
    return generate(sentences, total=2000, campaign_share=0.7, templates=20)


def test_it_generates_campaigns_of_edited_copies_and_comments_written_alone(comments, sentences):
    assert [c.key for c in comments] == list(range(1, 2001))
    per_template = Counter(c.template for c in comments)
    assert per_template.pop(None) == 600
    assert len(per_template) == 20 and sum(per_template.values()) == 1400
    for template in per_template:
        texts = [c.text for c in comments if c.template == template]
        assert len(set(texts)) == len(texts), "every copy is edited (at least its names)"
    assert len({c.text for c in comments if c.template is None}) == 600
    assert all(len(words(c.text)) >= 20 for c in comments)
    quoted = sum(1 for c in comments for s in sentences[:1500] if s in c.text)
    assert quoted >= 2000, "every comment quotes real provisions of the corpus"
    assert generate(sentences, total=2000) == comments, "the same seed gives the same comments"


def test_it_groups_campaigns_with_purity_and_recall_of_at_least_95_percent(comments):
    grouping = group_comments({c.key: c.text for c in comments})
    quality = measure([group.members for group in grouping.groups], {c.key: c.template for c in comments})
    assert quality.purity >= 0.95, quality
    assert quality.recall >= 0.95, quality
    assert 20 <= quality.groups <= 40, quality
