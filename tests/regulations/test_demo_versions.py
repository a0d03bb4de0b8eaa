"""Reading an amendment from the corpus texts (regulations.demo_versions): dates and quoted points."""

from datetime import date

import pytest

from regulations.demo_versions import DemoSourceError, effective_date_in, quoted_point


def test_it_reads_the_effective_date_of_a_law():
    assert effective_date_in("1. Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2023.") == date(2023, 7, 1)
    assert effective_date_in("Luật này có hiệu lực thi hành kể từ ngày 1 tháng 01 năm 2022") == date(2022, 1, 1)
    with pytest.raises(DemoSourceError):
        effective_date_in("Luật này được Quốc hội thông qua ngày 14 tháng 11 năm 2022.")


def test_it_reads_the_point_an_amending_article_quotes():
    text = (
        "1. Sửa đổi khoản 3 Điều 5 như sau: “3. Khác.”.\n\n"
        "2. Sửa đổi, bổ sung điểm a khoản 2 Điều 160 của Luật X như sau:\n\n“a) Thanh tra theo kế hoạch;”."
    )
    assert quoted_point(text, "Sửa đổi, bổ sung điểm a khoản 2 Điều 160 của Luật X như sau:") == (
        "a",
        "Thanh tra theo kế hoạch;",
    )
    with pytest.raises(DemoSourceError):
        quoted_point(text, "Sửa đổi điểm b")
    with pytest.raises(DemoSourceError):
        quoted_point(text, "Sửa đổi khoản 3 Điều 5 như sau:")  # quotes a clause, not a point
