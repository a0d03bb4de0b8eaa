"""regulations.legaltext: document numbers, the law table and citations in real texts (no Django)."""

import datetime
import json

import pytest

from regulations.legaltext.law_table import LAWS
from regulations.legaltext.laws import law_by_number, resolve_law
from regulations.legaltext.numbers import canonical_number, doc_type_of_number, find_document_numbers
from regulations.legaltext.recognizers import ARTICLE_REF, LEGAL_REF, Entity, extract_citations
from tests.corpus import CORPUS, SEEDS

# Built by hand from `grep -o "[0-9][0-9./]* */ *[A-ZĐ][A-ZĐa-z0-9-]*"` over each seed, with the
# two numbers grep cuts ("**1804**/UBND-NCKSTT" in bold, "10362/VPCP- KSTT" with a stray space).
SEED_NUMBERS = {
    "000_30dcf1b77f192af4.txt": {
        "09/2019/NĐ-CP",
        "1015/QĐ-TTg",
        "107/2021/NĐ-CP",
        "1498/QĐ-TTg",
        "28/2018/QĐ-TTg",
        "288/QĐ-TTg",
        "39/2022/NĐ-CP",
        "42/2022/NĐ-CP",
        "45/2020/NĐ-CP",
        "468/QĐ-TTg",
        "50/NQ-CP",
        "61/2018/NĐ-CP",
        "63/NQ-CP",
        "68/NQ-CP",
        "76/NQ-CP",
        "766/QĐ-TTg",
    },
    "001_6f34ac1246c3fa43.txt": {
        "1804/UBND-NCKSTT",
        "01/2018/TT-VPCP",
        "150/2016/NĐ-CP",
        "45/2020/NĐ-CP",
        "468/QĐ-TTg",
        "47/2020/NĐ-CP",
        "61/2018/NĐ-CP",
        "63/2010/NĐ-CP",
        "92/2017/NĐ-CP",
    },
    "002_8fd2b55280f195ae.txt": {
        "104/QĐ-TTg",
        "107/2021/NĐ-CP",
        "108/NQ-CP",
        "1085/QĐ-TTg",
        "16/CT-TTg",
        "206/QĐ-TTg",
        "27/CT-TTg",
        "45/2020/NĐ-CP",
        "498/QĐ-TTg",
        "63/2024/NĐ-CP",
        "727/TTg-KSTT",
        "766/QĐ-TTg",
    },
    "003_2fc9944f3c6bff1d.txt": {
        "09/2019/NĐ-CP",
        "107/2021/NĐ-CP",
        "1085/QĐ-TTg",
        "131/NQ-CP",
        "1498/QĐ-TTg",
        "422/QĐ-TTg",
        "45/2020/NĐ-CP",
        "468/QĐ-TTg",
        "61/2018/NĐ-CP",
        "68/NQ-CP",
        "6936/VPCP-KSTT",
        "766/QĐ-TTg",
    },
    "004_3c51375675936ea5.txt": {
        "01/NQ-CP",
        "06/CT-TTg",
        "09/2019/NĐ-CP",
        "10362/VPCP-KSTT",
        "11796/VPCP-KSTT",
        "1250/VPCP-KSTT",
        "28/2018/QĐ-TTg",
        "293/QĐ-TTg",
        "45/2018/QĐ-TTg",
        "68/NQ-CP",
        "7798/VPCP-KSTT",
        "807/VPCP-KSTT",
        "8363/VPCP-KSTT",
        "9568/VPCP-KSTT",
    },
}


def _seed(name: str) -> str:
    path = SEEDS / name
    assert path.exists(), f"seed corpus not found at {SEEDS} (set CORPUS_DIR)"
    return path.read_text(encoding="utf-8")


def _numbers_cited_by_number(entities: list[Entity]) -> set[str]:
    return {e.number for e in entities if e.label == LEGAL_REF and e.number and "/" in e.text}


@pytest.mark.parametrize("seed", sorted(SEED_NUMBERS))
def test_it_finds_every_document_number_of_each_seed(seed: str) -> None:
    assert _numbers_cited_by_number(extract_citations(_seed(seed))) == SEED_NUMBERS[seed]


def test_it_finds_the_numbers_the_brief_names_in_the_seeds() -> None:
    found: set[str] = set()
    for seed in SEED_NUMBERS:
        found |= _numbers_cited_by_number(extract_citations(_seed(seed)))
    for number in (
        "468/QĐ-TTg",
        "131/NQ-CP",
        "39/2022/NĐ-CP",
        "45/2018/QĐ-TTg",
        "06/CT-TTg",
        "6936/VPCP-KSTT",
        "1804/UBND-NCKSTT",
    ):
        assert number in found


def test_it_reads_the_point_clause_and_section_lists_of_seed_001() -> None:
    refs = [e for e in extract_citations(_seed("001_6f34ac1246c3fa43.txt")) if e.label == ARTICLE_REF]
    by_point = {e.point: e for e in refs if e.point}
    first = by_point["a,b,c,d,đ,e,h,i,k,l,m,o"]
    assert first.text == "điểm a, b, c, d, đ, e, h, i, k, l, m, o khoản 1, Mục V"
    assert (first.clause, first.part) == ("1", "V")
    assert (by_point["g"].clause, by_point["g"].part) == ("1", "V")
    assert (by_point["n"].clause, by_point["n"].part) == ("1", "V")


def test_it_links_an_article_of_a_seed_to_the_decree_after_it() -> None:
    refs = [e for e in extract_citations(_seed("001_6f34ac1246c3fa43.txt")) if e.label == ARTICLE_REF]
    article_25 = next(e for e in refs if e.article == "25")
    assert article_25.number == "45/2020/NĐ-CP"


def test_it_links_clause_and_article_refs_of_seed_000() -> None:
    refs = [e for e in extract_citations(_seed("000_30dcf1b77f192af4.txt")) if e.label == ARTICLE_REF]
    found = {(e.point, e.clause, e.article, e.part, e.number) for e in refs}
    assert (None, "4", "12", None, "42/2022/NĐ-CP") in found
    assert (None, "3", "4", None, "766/QĐ-TTg") in found
    assert ("a", "15", None, "I", "50/NQ-CP") in found


def test_it_resolves_law_names_in_seed_000_as_of_its_date() -> None:
    # The draft is of 2022: "Luật Tổ chức Chính phủ" was 76/2015/QH13 then; 63/2025/QH15 replaced
    # it on 01/03/2025.
    text = _seed("000_30dcf1b77f192af4.txt")
    then = [e for e in extract_citations(text, on=datetime.date(2022, 12, 31)) if e.name]
    assert ("Luật Tổ chức Chính phủ", "76/2015/QH13") in {(e.name, e.number) for e in then}
    now = [e for e in extract_citations(text, on=datetime.date(2025, 3, 1)) if e.name]
    assert ("Luật Tổ chức Chính phủ", "63/2025/QH15") in {(e.name, e.number) for e in now}


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("45/2020/nđ-cp", "45/2020/NĐ-CP"),
        ("45/2020/ND-CP", "45/2020/NĐ-CP"),
        ("45/2020/NÐ-CP", "45/2020/NĐ-CP"),
        ("468 /qd-ttg", "468/QĐ-TTg"),
        ("727/ttg-kstt", "727/TTg-KSTT"),
        ("1804**/UBND-NCKSTT", "1804/UBND-NCKSTT"),
        ("10362/VPCP- KSTT", "10362/VPCP-KSTT"),
        ("1/2018/TT-VPCP", "01/2018/TT-VPCP"),
        ("001/VBHN-VPQH", "01/VBHN-VPQH"),
        ("66.19/2026/NQ-CP", "66.19/2026/NQ-CP"),
        ("59/2020/qh14", "59/2020/QH14"),
        ("12/2021/nq-hdnd", "12/2021/NQ-HĐND"),
    ],
)
def test_it_gives_one_canonical_spelling_of_a_number(raw: str, canonical: str) -> None:
    assert canonical_number(raw) == canonical


@pytest.mark.parametrize(
    ("number", "doc_type"),
    [
        ("45/2020/NĐ-CP", "Nghị định"),
        ("468/QĐ-TTg", "Quyết định"),
        ("131/NQ-CP", "Nghị quyết"),
        ("01/2021/TT-BTC", "Thông tư"),
        ("06/CT-TTg", "Chỉ thị"),
        ("01/VBHN-VPQH", "Văn bản hợp nhất"),
        ("59/2020/QH14", "Luật"),
        ("326/2016/UBTVQH14", "Nghị quyết"),
        ("727/TTg-KSTT", "Công văn"),
        ("1804/UBND-NCKSTT", "Công văn"),
    ],
)
def test_it_knows_the_document_type_of_a_number(number: str, doc_type: str) -> None:
    assert doc_type_of_number(number).name == doc_type


@pytest.mark.parametrize(
    "text",
    [
        "59/2020/QH14",
        "45/2020/NĐ-CP",
        "01/2021/TT-BTC",
        "468/QĐ-TTg",
        "727/TTg-KSTT",
        "1804/UBND-NCKSTT",
        "66.19/2026/NQ-CP",
        "01/VBHN-VPQH",
    ],
)
def test_it_recognises_every_number_shape(text: str) -> None:
    found = find_document_numbers(f"theo văn bản số {text} ngày 01/01/2021")
    assert [d.number for d in found] == [text]


@pytest.mark.parametrize("text", ["phí 5/tháng", "tỷ lệ 1/2 số phiếu", "24/7", "ngày 27/3/2021"])
def test_it_does_not_take_other_slashes_for_document_numbers(text: str) -> None:
    assert find_document_numbers(text) == []


@pytest.mark.parametrize(
    ("name", "year", "number"),
    [
        ("Bộ luật Lao động", 2019, "45/2019/QH14"),
        ("Bộ luật Dân sự", 2015, "91/2015/QH13"),
        ("Bộ luật Hình sự", 2015, "100/2015/QH13"),
        ("Bộ luật Tố tụng dân sự", 2015, "92/2015/QH13"),
        ("Luật Du lịch", 2017, "09/2017/QH14"),
        ("Luật Đất đai", 2013, "45/2013/QH13"),
        ("Luật Xây dựng", 2014, "50/2014/QH13"),
        ("bo luat lao dong", 2019, "45/2019/QH14"),
        ("BLLĐ", None, "45/2019/QH14"),
        ("blld", None, "45/2019/QH14"),
        ("Luật Du lịch", None, "09/2017/QH14"),
    ],
)
def test_it_resolves_law_names(name: str, year: int | None, number: str) -> None:
    law = resolve_law(name, year)
    assert law is not None
    assert law.number == number


def test_it_resolves_a_name_without_year_to_the_law_in_force() -> None:
    law = resolve_law("Bộ luật Lao động")
    assert law is not None
    assert (law.year, law.number) == (2019, "45/2019/QH14")


def test_it_does_not_invent_a_number_for_an_unknown_year() -> None:
    assert resolve_law("Bộ luật Lao động", 2030) is None
    assert resolve_law("Luật không có thật") is None


def test_it_knows_every_law_of_the_search_benchmark() -> None:
    path = CORPUS / "search-benchmark" / "corpus.jsonl"
    assert path.exists(), f"benchmark corpus not found at {path}; set CORPUS_DIR"
    pairs = set()
    with path.open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            pairs.add((row["law_id"], row["law_title"]))
    for law_id, title in pairs:
        if "/NĐ-CP" in law_id or "/UBTVQH" in law_id:
            continue  # decrees and resolutions are cited by number
        known = law_by_number(law_id)
        assert known is not None, (law_id, title)
        assert title.startswith(known.name), (law_id, title, known.name)


def test_it_keeps_table_numbers_canonical() -> None:
    for versions in LAWS.values():
        for version in versions:
            if version.number and "/" in version.number:
                assert canonical_number(version.number) == version.number
