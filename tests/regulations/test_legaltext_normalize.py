"""regulations.legaltext.normalize: one spelling for index, query and parsers (no Django needed)."""

import unicodedata

import pytest

from regulations.legaltext.normalize import (
    ascii_slug,
    clean_characters,
    compare_key,
    fold_diacritics,
    fold_for_matching,
    normalize,
    place_tones,
)


@pytest.mark.parametrize(
    ("old", "modern"),
    [
        ("hoà", "hòa"),
        ("Cộng hoà", "Cộng hòa"),
        ("HOÀ BÌNH", "HÒA BÌNH"),
        ("hoá đơn", "hóa đơn"),
        ("toà án", "tòa án"),
        ("thuỷ sản", "thủy sản"),
        ("THUỶ", "THỦY"),
        ("huỷ bỏ", "hủy bỏ"),
        ("Thuỵ Điển", "Thụy Điển"),
        ("khoẻ", "khỏe"),
        ("xoè", "xòe"),
        ("quí khách", "quý khách"),
        ("quĩ đầu tư", "quỹ đầu tư"),
        ("qui định", "quy định"),
    ],
)
def test_it_moves_old_style_tone_marks_to_the_modern_style(old: str, modern: str) -> None:
    assert normalize(old) == modern


@pytest.mark.parametrize(
    "word",
    [
        "thuở",
        "quả",
        "giữa",
        "hoàng",
        "khuyến",
        "khuỷu",
        "quý",
        "quỳ",
        "hòa",
        "thủy",
        "khỏe",
        "hoặc",
        "thuế",
        "người",
    ],
)
def test_it_leaves_words_that_are_already_right_unchanged(word: str) -> None:
    assert normalize(word) == word


def test_it_makes_both_tone_styles_equal() -> None:
    assert normalize("Cộng hoà, thuỷ lợi, khoẻ") == normalize("Cộng hòa, thủy lợi, khỏe")


def test_it_composes_decomposed_input() -> None:
    nfd = unicodedata.normalize("NFD", "Nghị định về thủ tục hành chính")
    assert nfd != "Nghị định về thủ tục hành chính"
    assert normalize(nfd) == "Nghị định về thủ tục hành chính"


def test_it_composes_decomposed_old_style_input_to_modern_style() -> None:
    assert normalize(unicodedata.normalize("NFD", "hoà")) == "hòa"


def test_it_strips_zero_width_characters_and_soft_hyphens() -> None:
    text = "thủ\u200b tục\u200c hành\u200d chính\u2060 \ufeffdoanh\u00adnghiệp"
    assert normalize(text) == "thủ tục hành chính doanhnghiệp"


def test_it_turns_non_breaking_spaces_into_spaces() -> None:
    assert normalize("Điều\u00a05\u202fkhoản\u00a0\u00a02") == "Điều 5 khoản 2"


def test_it_removes_control_characters() -> None:
    assert normalize("a\x00b\x07c\x1bd\x7fe\x85f") == "abcde f"


def test_it_collapses_whitespace() -> None:
    assert normalize("  Điều   5\t\tkhoản\n\n 2  ") == "Điều 5 khoản 2"


def test_it_keeps_single_newlines_when_asked() -> None:
    text = "Điều 1.  Phạm vi\r\n\r\n\r\n  1. Nội dung \n2. Khác\r3."
    assert normalize(text, keep_newlines=True) == "Điều 1. Phạm vi\n1. Nội dung\n2. Khác\n3."


def test_it_fixes_eth_typed_for_d_with_stroke() -> None:
    assert normalize("45/2020/NÐ-CP") == "45/2020/NĐ-CP"


def test_it_returns_empty_text_for_blank_input() -> None:
    assert normalize("") == ""
    assert normalize(" \u200b\u00a0\n") == ""


def test_it_is_idempotent() -> None:
    text = "Cộng hoà  xã hội\u00a0chủ nghĩa\u200b Việt Nam\n\nĐộc lập - Tự do - Hạnh phúc"
    once = normalize(text, keep_newlines=True)
    assert normalize(once, keep_newlines=True) == once


def test_it_folds_all_diacritics() -> None:
    assert fold_diacritics("Nghị định về thủ tục hành chính") == "Nghi dinh ve thu tuc hanh chinh"
    assert fold_diacritics("Đường ĐỒNG đẳng ươ ỨNG") == "Duong DONG dang uo UNG"


def test_it_folds_decomposed_input() -> None:
    assert fold_diacritics(unicodedata.normalize("NFD", "Bộ luật Lao động")) == "Bo luat Lao dong"


def test_it_folds_to_a_same_length_lower_case_string_for_matching() -> None:
    text = "Điểm a Khoản 2 ĐIỀU 5 Nghị định"
    folded = fold_for_matching(text)
    assert folded == "diem a khoan 2 dieu 5 nghi dinh"
    assert len(folded) == len(text)


def test_it_moves_old_style_tone_marks_only_at_the_end_of_a_syllable() -> None:
    # The one placement the header parser and the search share (they had one table each).
    assert place_tones("CỘNG HOÀ, Uỷ ban, thuỷ") == "CỘNG HÒA, Ủy ban, thủy"
    assert place_tones("KẾ HOẠCH hoàn thành quý") == "KẾ HOẠCH hoàn thành quý"


def test_it_cleans_characters_and_keeps_the_lines() -> None:
    text = "Điều\u00a05.\u200b Nghị định 45/2020/NÐ\u2010CP\r\nkhoản\t1"
    assert clean_characters(text) == "Điều 5. Nghị định 45/2020/NĐ-CP\nkhoản 1"


def test_names_printed_any_way_compare_equal() -> None:
    assert compare_key("Cộng hoà  xã hội") == compare_key("CỘNG HÒA XÃ HỘI") == "CỘNG HÒA XÃ HỘI"


def test_it_makes_ascii_slugs() -> None:
    assert ascii_slug("24/2012/NĐ-CP") == "24-2012-nd-cp"
    assert ascii_slug("Bộ Văn hóa, Thể thao và Du lịch") == "bo-van-hoa-the-thao-va-du-lich"
