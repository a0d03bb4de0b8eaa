"""Conversational wrappers and question types (search/nlp/questions.py), and what they do to the
parsed query (search/query.py)."""

import pytest

from search.nlp.questions import DEADLINE, FEE, PENALTY, core, question_types
from search.query import parse_query


@pytest.mark.parametrize(
    ("question", "subject"),
    [
        ("Cho em hỏi theo quy định hiện nay thì công ty nợ lương 3 tháng thì sao ạ?", "công ty nợ lương 3 tháng?"),
        ("cho em hoi cong ty no luong 3 thang thi sao a", "cong ty no luong 3 thang"),
        (
            "Thưa luật sư, người lao động được nghỉ phép bao nhiêu ngày ạ?",
            "người lao động được nghỉ phép bao nhiêu ngày?",
        ),
        (
            "Tội vi phạm việc kê biên tài sản được quy định như thế nào theo Bộ luật Hình sự 2015?",
            "Tội vi phạm việc kê biên tài sản theo Bộ luật Hình sự 2015?",
        ),
        (
            "Công dân thuộc hộ nghèo có được miễn tiền tạm ứng án phí không?",
            "Công dân thuộc hộ nghèo có được miễn tiền tạm ứng án phí?",
        ),
        ("Xin hỏi pháp luật quy định về thời giờ làm việc", "thời giờ làm việc"),
    ],
)
def test_the_wrapper_comes_off(question, subject):
    assert core(question) == subject


@pytest.mark.parametrize(
    "text", ["thủ tục cấp giấy phép kinh doanh vàng", "không", "cho em hỏi ạ", "Người nào không được làm chứng?"]
)
def test_a_question_without_wrapper_or_only_wrapper_stays(text):
    assert core(text) == text


@pytest.mark.parametrize(
    ("question", "types"),
    [
        ("Cha, mẹ phải đi đăng ký khai sinh cho con trong bao nhiêu ngày?", (DEADLINE,)),
        ("Nếu không có thỏa thuận thì thời hạn đại diện là bao lâu?", (DEADLINE,)),
        ("Án phí dân sự sơ thẩm là bao nhiêu tiền?", (FEE,)),
        ("le phi cap giay phep xay dung bao nhieu", (FEE,)),
        ("Lôi kéo người khác sử dụng ma túy bị phạt bao nhiêu năm tù?", (PENALTY,)),
        ("kinh doanh vang khong co giay phep bi xu phat the nao", (PENALTY,)),
        ("Điều kiện cấp giấy phép kinh doanh vàng", ()),
    ],
)
def test_it_names_what_the_answer_must_state(question, types):
    assert question_types(question) == types


def test_the_parsed_query_ranks_on_the_subject_and_keeps_the_question():
    query = parse_query("Cho em hỏi người lao động bị phạt thế nào ạ?")

    assert query.syllables == "người lao động bị phạt"
    assert "hỏi" not in query.words
    assert query.question == "Cho em hỏi người lao động bị phạt thế nào ạ"
    assert query.question_types == (PENALTY,)
