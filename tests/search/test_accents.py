"""Diacritic restoration (search/nlp/accents.py) from a lexicon learned on real corpus texts."""

import json
import zlib

import pytest

from search.nlp.accents import restore
from search.nlp.lexicon import Lexicon, LexiconBuilder
from search.query import parse_query, reading_surface
from search.semantic import query_text
from tests.corpus import CORPUS

LAWS = {"24/2012/NĐ-CP", "09/2017/QH14", "45/2019/QH14"}  # gold trading, tourism, labour code


@pytest.fixture(scope="module")
def lexicon():
    builder = LexiconBuilder()
    with open(CORPUS / "search-benchmark" / "corpus.jsonl", encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if row["law_id"] in LAWS:
                builder.add(f"{row['title']}\n{row['text']}")
    return Lexicon.from_bytes(builder.build().to_bytes())


@pytest.mark.parametrize(
    ("typed", "restored"),
    [
        ("thu tuc cap giay phep kinh doanh vang", "thủ tục cấp giấy phép kinh doanh vàng"),
        ("nguoi lao dong", "người lao động"),
        ("hop dong lao dong", "hợp đồng lao động"),
        ("doanh nghiep kinh doanh dich vu lu hanh", "doanh nghiệp kinh doanh dịch vụ lữ hành"),
    ],
)
def test_it_restores_known_phrases(lexicon, typed, restored):
    assert restore(typed, lexicon) == restored


def test_it_keeps_what_is_typed_with_accents_and_lets_it_guide_the_rest(lexicon):
    assert restore("thủ tuc cap giấy phep", lexicon) == "thủ tục cấp giấy phép"


def test_numbers_punctuation_and_unknown_syllables_stay(lexicon):
    assert restore("von dieu le 100 ty dong, xyzq", lexicon) == "vốn điều lệ 100 tỷ đồng, xyzq"


def test_the_texts_a_query_found_guide_words_that_legal_texts_rarely_use(lexicon):
    context = LexiconBuilder()
    context.add("Chủ sở hữu cây phải chặt cây chạm vào dây điện.")

    assert restore("cay cham vao day dien", lexicon) != "cây chạm vào dây điện"
    assert restore("cay cham vao day dien", lexicon, context.build(prune=False)) == "cây chạm vào dây điện"
    assert restore("thu tuc cap giay phep", lexicon, context.build(prune=False)) == "thủ tục cấp giấy phép"


def test_an_empty_lexicon_changes_nothing():
    assert restore("thu tuc", Lexicon()) == "thu tuc"


def test_the_lexicon_counts_entries_forms_and_pairs():
    builder = LexiconBuilder()
    builder.add("Kinh doanh vàng. Vàng miếng")
    builder.add("kinh doanh")
    built = Lexicon.from_bytes(builder.build().to_bytes())

    assert built.documents == 2
    assert built.df["vàng"] == 1 and built.df["kinh"] == 2
    assert built.forms["vang"] == {"vàng": 2}
    assert built.bigrams == {"kinh doanh": 2}  # "doanh vàng" once (pruned), "vàng vàng" crosses a full stop
    assert built.trigrams == {}  # "kinh doanh vàng" once (pruned)
    assert builder.build(prune=False).trigrams == {"kinh doanh vàng": 1}
    assert built.idf("vàng") > built.idf("kinh")


@pytest.mark.parametrize(
    "typed",
    [
        "thu tuc cap giay phep kinh doanh vang",
        "Cho em hỏi người lao động được nghỉ hằng năm bao nhiêu ngày ạ?",
        'cho em hoi "nghi hang nam" bao nhieu ngay a',
        "Điều 11 NĐ 24/2012 điều kiện kinh doanh vàng",
        "xyzt qwv",
        "(*~",
        "",
    ],
)
def test_the_reading_known_before_the_analysis_is_the_one_embedded(lexicon, typed):
    """search/semantic.py starts the query's vector from ``reading_surface`` before the query is
    analysed; it must be the text the parsed query embeds (``semantic.query_text``)."""
    parsed = parse_query(typed, lexicon)
    early = reading_surface(typed, lexicon)

    if not parsed.is_searchable:
        assert early is None
    else:
        assert early is not None and (early.syllables or early.text) == query_text(parsed)


def test_it_counts_triples_and_reads_a_lexicon_stored_without_them():
    builder = LexiconBuilder()
    builder.add_all(["giấy phép kinh doanh vàng"] * 2)
    built = builder.build()
    assert built.trigrams["kinh doanh vàng"] == 2

    stored = json.loads(zlib.decompress(built.to_bytes()))
    del stored["trigrams"]
    older = Lexicon.from_bytes(zlib.compress(json.dumps(stored).encode()))
    assert older.trigrams == {} and older.bigrams == built.bigrams
    assert restore("kinh doanh vang", older) == "kinh doanh vàng"
