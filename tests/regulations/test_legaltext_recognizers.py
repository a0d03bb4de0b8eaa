"""regulations.legaltext.recognizers: citations, dates, money and durations, with and without accents."""

import datetime
import threading
from decimal import Decimal

import pytest

from regulations.legaltext.normalize import normalize
from regulations.legaltext.recognizers import (
    ARTICLE_REF,
    DATE,
    DURATION,
    LEGAL_REF,
    MONEY,
    Entity,
    extract_citations,
    extract_entities,
    get_nlp,
)


def _only(text: str, label: str) -> Entity:
    found = [e for e in extract_entities(text) if e.label == label]
    assert len(found) == 1, found
    return found[0]


def _labelled(text: str, label: str) -> list[Entity]:
    return [e for e in extract_entities(text) if e.label == label]


@pytest.mark.parametrize(
    ("text", "number", "doc_type", "year"),
    [
        ("theo Luật số 59/2020/QH14", "59/2020/QH14", "Luật", 2020),
        ("Nghị định 45/2020/NĐ-CP", "45/2020/NĐ-CP", "Nghị định", 2020),
        ("Thông tư 01/2021/TT-BTC", "01/2021/TT-BTC", "Thông tư", 2021),
        ("Quyết định số 468/QĐ-TTg", "468/QĐ-TTg", "Quyết định", None),
        ("Công văn 727/TTg-KSTT", "727/TTg-KSTT", "Công văn", None),
        ("Số: 1804/UBND-NCKSTT", "1804/UBND-NCKSTT", "Công văn", None),
        ("Nghị quyết 66.19/2026/NQ-CP", "66.19/2026/NQ-CP", "Nghị quyết", 2026),
        ("văn bản hợp nhất 01/VBHN-VPQH", "01/VBHN-VPQH", "Văn bản hợp nhất", None),
        ("Số: 468 /QĐ-TTg", "468/QĐ-TTg", "Quyết định", None),
        ("Nghị quyết số 43/2022/QH15", "43/2022/QH15", "Nghị quyết", 2022),
    ],
)
def test_it_tags_every_document_number_shape(text: str, number: str, doc_type: str, year: int | None) -> None:
    ref = _only(text, LEGAL_REF)
    assert (ref.number, ref.doc_type, ref.year) == (number, doc_type, year)


@pytest.mark.parametrize(
    ("text", "number", "doc_type"),
    [
        ("NĐ 45/2020", "45/2020/NĐ-CP", "Nghị định"),
        ("nghị định số 45/2020", "45/2020/NĐ-CP", "Nghị định"),
        ("Nghị định 45", None, "Nghị định"),
        ("Thông tư 01/2021", None, "Thông tư"),
        ("Luật Du lịch", "09/2017/QH14", "Luật"),
        ("Bộ luật Lao động 2019", "45/2019/QH14", "Bộ luật"),
        ("Bộ luật Lao động năm 2019", "45/2019/QH14", "Bộ luật"),
        ("BLLĐ", "45/2019/QH14", "Bộ luật"),
        ("Bộ luật Dân sự 2015", "91/2015/QH13", "Bộ luật"),
        ("Bộ luật Hình sự", "100/2015/QH13", "Bộ luật"),
        ("Luật Phòng, chống ma túy", "73/2021/QH14", "Luật"),
        ("Luật 45/2019", "45/2019/QH14", "Bộ luật"),
    ],
)
def test_it_tags_loose_legal_references(text: str, number: str | None, doc_type: str) -> None:
    ref = _only(text, LEGAL_REF)
    assert ref.text == text
    assert (ref.number, ref.doc_type) == (number, doc_type)


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("nghi dinh 45/2020/ND-CP", "45/2020/NĐ-CP"),
        ("nd 45/2020", "45/2020/NĐ-CP"),
        ("nghi dinh so 45/2020", "45/2020/NĐ-CP"),
        ("bo luat lao dong 2019", "45/2019/QH14"),
        ("luat du lich", "09/2017/QH14"),
        ("blld", "45/2019/QH14"),
        ("quyet dinh 468/qd-ttg", "468/QĐ-TTg"),
    ],
)
def test_it_tags_legal_references_typed_without_diacritics(text: str, number: str) -> None:
    assert _only(text, LEGAL_REF).number == number


def test_it_keeps_the_name_and_year_of_a_law_when_the_year_is_unknown() -> None:
    ref = _only("Bộ luật Lao động 2030", LEGAL_REF)
    assert (ref.number, ref.name, ref.year) == (None, "Bộ luật Lao động", 2030)


def test_it_does_not_take_the_law_in_general_for_a_named_law() -> None:
    assert _labelled("theo quy định của pháp luật đất đai", LEGAL_REF) == []


def test_it_does_not_take_the_verb_decide_for_a_decision() -> None:
    assert _labelled("Hội đồng quyết định 3 vấn đề", LEGAL_REF) == []


@pytest.mark.parametrize(
    ("text", "point", "clause", "article"),
    [
        ("điểm a khoản 2 Điều 5", "a", "2", "5"),
        ("khoản 4 Điều 12", None, "4", "12"),
        ("Điều 11", None, None, "11"),
        ("các Điều 3, 4 và 5", None, None, "3,4,5"),
        ("khoản 1, 2 Điều 3", None, "1,2", "3"),
        ("điểm đ khoản 1 Điều 7", "đ", "1", "7"),
        ("Điều 5 khoản 2 điểm a", "a", "2", "5"),
        ("dieu 5 khoan 2", None, "2", "5"),
        ("diem a khoan 2 dieu 5", "a", "2", "5"),
    ],
)
def test_it_tags_article_references(text: str, point: str | None, clause: str | None, article: str) -> None:
    ref = _only(text, ARTICLE_REF)
    assert ref.text == text
    assert (ref.point, ref.clause, ref.article) == (point, clause, article)


def test_it_reads_a_section_after_a_clause() -> None:
    ref = _only("tại khoản 1, Mục V của Quyết định", ARTICLE_REF)
    assert (ref.clause, ref.part, ref.text) == ("1", "V", "khoản 1, Mục V")


def test_it_reads_a_chapter() -> None:
    assert _only("Chương II", ARTICLE_REF).chapter == "II"


def test_it_does_not_take_a_lone_point_or_a_level_for_a_reference() -> None:
    assert _labelled("thời điểm a", ARTICLE_REF) == []
    assert _labelled("mức 1", ARTICLE_REF) == []


@pytest.mark.parametrize(
    ("text", "article", "number"),
    [
        ("Điều 11 NĐ 24/2012", "11", "24/2012/NĐ-CP"),
        ("Điều 31 Luật Du lịch", "31", "09/2017/QH14"),
        ("Điều 113 Bộ luật Lao động 2019", "113", "45/2019/QH14"),
        ("dieu 113 BLLD", "113", "45/2019/QH14"),
        ("dieu 113 bo luat lao dong", "113", "45/2019/QH14"),
        ("khoản 4 Điều 12 Nghị định số 42/2022/NĐ-CP", "12", "42/2022/NĐ-CP"),
        ("Điều 5 của Luật Du lịch", "5", "09/2017/QH14"),
    ],
)
def test_it_links_an_article_to_the_document_after_it(text: str, article: str, number: str) -> None:
    citations = extract_citations(text)
    article_ref = next(e for e in citations if e.label == ARTICLE_REF)
    legal_ref = next(e for e in citations if e.label == LEGAL_REF)
    assert (article_ref.article, article_ref.number) == (article, number)
    assert legal_ref.number == number


def test_it_does_not_link_an_article_to_a_distant_document() -> None:
    citations = extract_citations("Điều 5 quy định chung, còn Luật Du lịch quy định riêng")
    article_ref = next(e for e in citations if e.label == ARTICLE_REF)
    assert article_ref.number is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("ngày 27 tháng 3 năm 2021", datetime.date(2021, 3, 27)),
        ("27/3/2021", datetime.date(2021, 3, 27)),
        ("ngày 06/10/2022", datetime.date(2022, 10, 6)),
        ("ngày 24 tháng 01 năm 2024", datetime.date(2024, 1, 24)),
        ("ngay 27 thang 3 nam 2021", datetime.date(2021, 3, 27)),
        ("20.08.2014", datetime.date(2014, 8, 20)),
    ],
)
def test_it_tags_and_parses_dates(text: str, value: datetime.date) -> None:
    date = _only(text, DATE)
    assert (date.text, date.value) == (text, value)


def test_it_tags_a_month_without_a_day_as_a_date_without_value() -> None:
    date = _only("trong tháng 11 năm 2022", DATE)
    assert (date.text, date.value) == ("tháng 11 năm 2022", None)


def test_it_gives_no_value_to_an_impossible_date() -> None:
    assert _only("ngày 31/02/2021", DATE).value is None


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("500.000 đồng", Decimal("500000")),
        ("1,5 triệu đồng", Decimal("1500000")),
        ("2 tỷ đồng", Decimal("2000000000")),
        ("100.000 VNĐ", Decimal("100000")),
        ("2 tỷ 500 triệu đồng", Decimal("2500000000")),
        ("1.000.000,50 đồng", Decimal("1000000.50")),
        ("500.000 dong", Decimal("500000")),
        ("1,5 trieu dong", Decimal("1500000")),
        ("300 nghìn đồng", Decimal("300000")),
    ],
)
def test_it_tags_and_parses_money(text: str, amount: Decimal) -> None:
    money = _only(f"mức phí {text} mỗi hồ sơ", MONEY)
    assert (money.text, money.amount) == (text, amount)


def test_it_does_not_take_other_words_for_the_currency() -> None:
    assert _labelled("lắp 5 động cơ", MONEY) == []


@pytest.mark.parametrize(
    ("text", "days", "working", "months"),
    [
        ("15 ngày làm việc", 15, True, None),
        ("03 tháng", None, False, 3),
        ("30 ngày", 30, False, None),
        ("2 năm", None, False, 24),
        ("2 tuần", 14, False, None),
        ("15 ngay lam viec", 15, True, None),
    ],
)
def test_it_tags_and_parses_durations(text: str, days: int | None, working: bool, months: int | None) -> None:
    duration = _only(f"trong thời hạn {text} kể từ khi nhận hồ sơ", DURATION)
    assert duration.text == text
    assert (duration.days, duration.working_days, duration.months) == (days, working, months)


def test_it_does_not_take_part_of_a_date_for_a_duration() -> None:
    text = "định kỳ ngày 18 tháng cuối quý, ngày 27 tháng 3 năm 2021"
    assert _labelled(text, DURATION) == []


def test_it_reports_offsets_in_the_normalised_text() -> None:
    text = "Theo  Nghị\u00a0định  45/2020/NÐ-CP ngày 27/3/2021"
    normalized = normalize(text, keep_newlines=True)
    for entity in extract_entities(text):
        assert normalized[entity.start : entity.end] == entity.text


def test_it_returns_citations_only() -> None:
    labels = {e.label for e in extract_citations("Điều 5 NĐ 45/2020, phí 500.000 đồng, 30 ngày")}
    assert labels == {ARTICLE_REF, LEGAL_REF}


def test_it_returns_nothing_for_empty_text() -> None:
    assert extract_entities("") == []
    assert extract_entities(" \u200b ") == []


def test_it_builds_the_spacy_pipeline_once() -> None:
    assert get_nlp() is get_nlp()
    assert get_nlp().pipe_names == ["vi_legal_entities"]


def test_it_gives_the_same_answers_from_several_threads() -> None:
    text = "điểm a khoản 2 Điều 5 Nghị định 45/2020/NĐ-CP, phí 500.000 đồng"
    expected = extract_entities(text)
    results: list[list[Entity]] = []

    def work() -> None:
        for _ in range(20):
            results.append(extract_entities(text))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == 80
    assert all(r == expected for r in results)
