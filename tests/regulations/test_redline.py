"""The redline engine (regulations.redline): words inserted and deleted, articles matched by
similarity across renumbering, added and removed articles. Pure: no database."""

from regulations.redline import Article, ChangeKind, Op, Segment, diff_words, match, redline, tokens


def _article(number: int, heading: str, text: str) -> Article:
    return Article(key=f"dieu-{number}", label=f"Điều {number}", heading=heading, text=text)


def test_it_marks_inserted_and_deleted_syllables_in_reading_order():
    segments = diff_words(
        "Thanh tra thường xuyên được tiến hành theo kế hoạch;",
        "Thanh tra theo kế hoạch hằng năm;",
    )
    assert segments == (
        Segment(Op.EQUAL, "Thanh tra"),
        Segment(Op.DELETE, " thường xuyên được tiến hành"),
        Segment(Op.EQUAL, " theo kế hoạch"),
        Segment(Op.INSERT, " hằng năm"),
        Segment(Op.EQUAL, ";"),
    )


def test_it_gives_the_text_back_from_its_tokens():
    text = "1. Doanh nghiệp  phải:\na) Nộp hồ sơ (bản sao);"
    assert "".join(tokens(text)) == text


def test_it_reads_old_style_tones_and_odd_spaces_as_the_same_words():
    segments = diff_words("Cộng hoà xã\u00a0hội, quí vị", "Cộng hòa xã hội, quý vị")
    assert [segment.op for segment in segments] == [Op.EQUAL]
    assert segments[0].text == "Cộng hòa xã hội, quý vị"  # the newer text is shown


def test_it_shows_a_change_of_case_as_a_change():
    assert {segment.op for segment in diff_words("bộ Tài chính", "Bộ Tài chính")} == {Op.EQUAL, Op.DELETE, Op.INSERT}


OLD = [
    _article(1, "Phạm vi điều chỉnh", "Luật này quy định về điều kiện kinh doanh dịch vụ cầm đồ."),
    _article(2, "Đối tượng áp dụng", "Luật này áp dụng đối với doanh nghiệp, hộ kinh doanh kinh doanh dịch vụ cầm đồ."),
    _article(
        3,
        "Điều kiện kinh doanh",
        "1. Có giấy chứng nhận đủ điều kiện về an ninh, trật tự.\n2. Có vốn pháp định tối thiểu 5 tỷ đồng.",
    ),
    _article(4, "Báo cáo định kỳ", "Doanh nghiệp báo cáo hằng tháng với cơ quan công an cấp huyện."),
    _article(5, "Hiệu lực thi hành", "Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2027."),
]
NEW = [
    OLD[0],
    OLD[1],
    _article(3, "Giải thích từ ngữ", "Cầm đồ là việc bên nhận cầm đồ cho vay và nhận tài sản cầm cố."),
    _article(
        4,
        "Điều kiện kinh doanh",
        "1. Có giấy chứng nhận đủ điều kiện về an ninh, trật tự.\n2. Có vốn điều lệ tối thiểu 1 tỷ đồng.",
    ),
    _article(5, "Hiệu lực thi hành", "Luật này có hiệu lực thi hành từ ngày 01 tháng 01 năm 2028."),
]


def test_it_matches_a_renumbered_article_by_its_text_not_its_number():
    pairs = match(OLD, NEW)
    assert pairs[2][0] == 3  # old Điều 3 is new Điều 4
    assert 0.5 <= pairs[2][1] < 1.0
    assert pairs[0] == (0, 1.0) and pairs[1] == (1, 1.0)
    assert pairs[4][0] == 4  # the same number, its date rewritten
    assert 3 not in pairs  # old Điều 4 is gone


def test_it_lists_added_removed_renumbered_and_changed_articles_in_the_newer_order():
    result = redline(OLD, NEW)
    summary = [
        (c.kind, c.old.label if c.old else None, c.new.label if c.new else None, c.renumbered) for c in result.changes
    ]
    assert summary == [
        (ChangeKind.UNCHANGED, "Điều 1", "Điều 1", False),
        (ChangeKind.UNCHANGED, "Điều 2", "Điều 2", False),
        (ChangeKind.ADDED, None, "Điều 3", False),
        (ChangeKind.CHANGED, "Điều 3", "Điều 4", True),
        (ChangeKind.REMOVED, "Điều 4", None, False),
        (ChangeKind.CHANGED, "Điều 5", "Điều 5", False),
    ]
    renumbered = result.changes[3]
    assert [s.text for s in renumbered.body if s.op == Op.DELETE] == [" pháp định", " 5"]
    assert [s.text for s in renumbered.body if s.op == Op.INSERT] == [" điều lệ", " 1"]
    assert renumbered.heading == (Segment(Op.EQUAL, "Điều kiện kinh doanh"),)
    assert (renumbered.inserted_words, renumbered.deleted_words) == (3, 3)
    assert result.changes[2].body == (Segment(Op.INSERT, NEW[2].text),)
    assert result.changes[4].body == (Segment(Op.DELETE, OLD[3].text),)
    assert len(result.modified) == 4
    assert result.counterpart("dieu-3") == NEW[3]
    assert result.counterpart("dieu-4") is None


def test_it_keeps_a_same_numbered_article_rewritten_in_place_as_the_same_article():
    old = [_article(7, "Phí", "Mức phí thẩm định hồ sơ là 500.000 đồng một hồ sơ.")]
    new = [_article(7, "Phí", "Mức phí thẩm định là 300.000 đồng cho mỗi lần nộp.")]
    (change,) = redline(old, new).changes
    assert change.kind == ChangeKind.CHANGED and not change.renumbered


def test_it_puts_a_removed_first_article_before_the_rest():
    result = redline(OLD, OLD[1:])
    assert [c.kind for c in result.changes][:2] == [ChangeKind.REMOVED, ChangeKind.UNCHANGED]


def test_it_compares_empty_versions():
    assert redline([], []).changes == ()
    assert [c.kind for c in redline([], OLD[:1]).changes] == [ChangeKind.ADDED]


def test_it_keeps_the_spacing_before_a_change_apart_from_its_words():
    segment = Segment(Op.DELETE, "\n 2. Có vốn")
    assert (segment.lead, segment.words) == ("\n ", "2. Có vốn")
