"""Laws and codes by name, each with its successive versions (data; the logic is in ``laws``).

A version is the law of that name adopted in ``year`` (the year in its short name, "Luật Đầu tư
2020"), with its number and, where known, adoption and entry-into-force dates. A version replaces
the previous one of the same name when it enters into force. A version whose ``effective`` date
is not recorded counts as in force from 1 January of its year.

Where each row comes from:
* "corpus": the number, and the date in force where given, are read in the texts of
  ../shared/corpus (the law itself, or a later law naming it: "Luật Du lịch số 44/2005/QH11 hết
  hiệu lực…", "Luật này có hiệu lực thi hành từ ngày…");
* a URL: the page the number and dates were confirmed on;
* "unverified": typed by hand by an earlier session and not yet confirmed from a source.
A successor whose number could not be confirmed has ``number=None``: the portal then knows the
old law has been replaced, and by what law, without inventing its number.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date as D
from typing import Final

__all__ = ["LAWS", "LAW_ALIASES", "LawVersion"]


@dataclass(frozen=True)
class LawVersion:
    year: int
    number: str | None
    effective: D | None = None
    adopted: D | None = None


V = LawVersion

LAWS: Final[dict[str, tuple[LawVersion, ...]]] = {
    # -- codes (Bộ luật) ------------------------------------------------------------------------
    "Bộ luật Dân sự": (
        V(2005, "33/2005/QH11"),  # corpus
        V(2015, "91/2015/QH13", D(2017, 1, 1)),  # corpus
    ),
    "Bộ luật Hình sự": (
        V(1999, "15/1999/QH10"),  # corpus
        # corpus: the code's own text says 01/07/2016; its entry into force was postponed
        # (unverified: 01/01/2018), so no date is recorded.
        V(2015, "100/2015/QH13"),
        V(2017, "100/2015/QH13"),  # corpus: consolidated text 01/VBHN-VPQH (2017) of the same code
    ),
    "Bộ luật Lao động": (
        V(2012, "10/2012/QH13"),  # corpus
        V(2019, "45/2019/QH14", D(2021, 1, 1)),  # corpus
    ),
    "Bộ luật Tố tụng dân sự": (
        V(2004, "24/2004/QH11"),  # corpus
        V(2015, "92/2015/QH13", D(2016, 7, 1)),  # corpus
    ),
    # (number, 27/11/2015; in force 01/01/2018 after its postponement):
    # https://lawfirm.vn/criminal-procedure-code-of-vietnam-2015-law-no-101-2015-qh13
    "Bộ luật Tố tụng hình sự": (V(2015, "101/2015/QH13", D(2018, 1, 1), D(2015, 11, 27)),),
    # -- laws in the corpus, with their other versions -------------------------------------------
    "Hiến pháp": (V(2013, "HIEN-PHAP-2013"),),  # corpus id: the Constitution has no number
    "Luật An ninh mạng": (
        V(2018, "24/2018/QH14", D(2019, 1, 1)),  # corpus
        # https://english.luatvietnam.vn/lawoncybersecurityno116-2025-qh15dateddecember102025ofthenationalassembly-422396-doc1.html
        # (number, 10/12/2025); in force 01/07/2026: https://en.vietnamplus.vn/legislature-adopts-important-laws-resolutions-post334034.vnp
        V(2025, "116/2025/QH15", D(2026, 7, 1), D(2025, 12, 10)),
    ),
    "Luật Bảo vệ môi trường": (
        V(2014, "55/2014/QH13"),  # corpus
        V(2020, "72/2020/QH14", D(2022, 1, 1)),  # corpus
    ),
    "Luật Chăn nuôi": (V(2018, "32/2018/QH14", D(2020, 1, 1)),),  # corpus
    "Luật Các tổ chức tín dụng": (
        V(2010, "47/2010/QH12", D(2011, 1, 1)),  # corpus
        # (number, 18/01/2024, in force 01/07/2024, replaces the 2010 law):
        # https://eoasis.rajahtann.com/eoasis/gn/regionnews.asp?c=11&id=1482&n=44,
        # https://bizlawyer.vn/some-notable-new-points-of-the-law-on-credit-institutions-2024
        V(2024, "32/2024/QH15", D(2024, 7, 1), D(2024, 1, 18)),
    ),
    "Luật Cư trú": (
        V(2006, "81/2006/QH11"),  # corpus
        V(2020, "68/2020/QH14", D(2021, 7, 1)),  # corpus
    ),
    "Luật Dầu khí": (V(2022, "12/2022/QH15", D(2023, 7, 1)),),  # corpus
    "Luật Du lịch": (
        V(2005, "44/2005/QH11"),  # corpus
        V(2017, "09/2017/QH14", D(2018, 1, 1)),  # corpus
    ),
    "Luật Điện ảnh": (
        V(2006, "62/2006/QH11"),  # corpus
        V(2022, "05/2022/QH15", D(2023, 1, 1)),  # corpus
    ),
    "Luật Đất đai": (
        V(2003, "13/2003/QH11"),  # corpus
        V(2013, "45/2013/QH13", D(2014, 7, 1)),  # corpus
        # (number; in force 01/08/2024 by the law of 29/06/2024 that brought it forward):
        # https://baohaiduong.vn/en/luat-dat-dai-luat-nha-o-chinh-thuc-co-hieu-luc-thi-hanh-tu-ngay-1-8-2024-385910.html
        V(2024, "31/2024/QH15", D(2024, 8, 1)),
    ),
    "Luật Giáo dục": (
        V(2005, "38/2005/QH11"),  # corpus
        V(2019, "43/2019/QH14", D(2020, 7, 1)),  # corpus
    ),
    "Luật Hôn nhân và gia đình": (
        V(2000, "22/2000/QH10"),  # corpus
        V(2014, "52/2014/QH13", D(2015, 1, 1)),  # corpus
    ),
    "Luật Hộ tịch": (V(2014, "60/2014/QH13", D(2016, 1, 1)),),  # corpus
    "Luật Khiếu nại": (V(2011, "02/2011/QH13", D(2012, 7, 1)),),  # corpus
    "Luật Kinh doanh bất động sản": (
        V(2006, "63/2006/QH11"),  # corpus
        V(2014, "66/2014/QH13", D(2015, 7, 1)),  # corpus
        V(2023, "29/2023/QH15", D(2024, 8, 1)),  # as 31/2024/QH15 (Luật Đất đai) above
    ),
    "Luật Người cao tuổi": (V(2009, "39/2009/QH12", D(2010, 7, 1)),),  # corpus
    "Luật Nuôi con nuôi": (V(2010, "52/2010/QH12", D(2011, 1, 1)),),  # corpus
    "Luật Phòng, chống bạo lực gia đình": (
        V(2007, "02/2007/QH12"),  # corpus
        V(2022, "13/2022/QH15", D(2023, 7, 1)),  # corpus
    ),
    "Luật Phòng, chống ma túy": (
        V(2000, "23/2000/QH10"),  # corpus
        V(2021, "73/2021/QH14", D(2022, 1, 1)),  # corpus
    ),
    "Luật Thanh niên": (
        V(2005, "53/2005/QH11"),  # corpus
        V(2020, "57/2020/QH14", D(2021, 1, 1)),  # corpus
    ),
    "Luật Thanh tra": (
        V(2010, "56/2010/QH12"),  # corpus
        V(2022, "11/2022/QH15", D(2023, 7, 1)),  # corpus
        # https://english.luatvietnam.vn/law-no-84-2025-qh15-on-inspection-dated-june-25-2025-of-the-national-assembly-404441-doc1.html
        # (number, dated 25/06/2025, in force 01/07/2025, replaces 11/2022/QH15; the vote was reported
        # on 24/06: https://news.laodong.vn/thoi-su/he-thong-moi-cua-co-quan-thanh-tra-vua-duoc-quoc-hoi-thong-qua-1529413.ldo)
        V(2025, "84/2025/QH15", D(2025, 7, 1), D(2025, 6, 25)),
    ),
    "Luật Thi hành án dân sự": (
        V(2008, "26/2008/QH12", D(2009, 7, 1)),  # corpus
        # https://www.mtpartners.vn/en/news/civil-judgment-enforcement-from-july-1-2026-5-key-changes-every-winning-party-must-know/
        # (number, in force 01/07/2026, replaces the 2008 law; adoption date not confirmed)
        V(2025, "106/2025/QH15", D(2026, 7, 1)),
    ),
    "Luật Tiếp cận thông tin": (V(2016, "104/2016/QH13", D(2018, 7, 1)),),  # corpus
    "Luật Tố tụng hành chính": (
        V(2010, "64/2010/QH12"),  # corpus
        V(2015, "93/2015/QH13", D(2016, 7, 1)),  # corpus
    ),
    "Luật Tổ chức Viện kiểm sát nhân dân": (V(2014, "63/2014/QH13", D(2015, 6, 1)),),  # corpus
    "Luật Trọng tài thương mại": (V(2010, "54/2010/QH12", D(2011, 1, 1)),),  # corpus
    "Luật Trồng trọt": (V(2018, "31/2018/QH14", D(2020, 1, 1)),),  # corpus
    "Luật Viên chức": (
        V(2010, "58/2010/QH12", D(2012, 1, 1)),  # corpus
        # Adopted 10/12/2025, in force 01/07/2026, number not confirmed:
        # https://www.vietnam.vn/en/thuc-hien-co-cau-lai-nang-chat-luong-doi-ngu-vien-chuc-gan-voi-vi-tri-viec-lam,
        # https://news.laodong.vn/thoi-su/3-nhom-vi-tri-viec-lam-cua-vien-chuc-tai-don-vi-su-nghiep-cong-lap-1634444.ldo
        V(2025, None, D(2026, 7, 1), D(2025, 12, 10)),
    ),
    "Luật Xây dựng": (
        V(2003, "16/2003/QH11"),  # corpus
        V(2014, "50/2014/QH13", D(2015, 1, 1)),  # corpus
        # Adopted 10/12/2025, in force 01/07/2026 (some articles 01/01/2026), replaces 50/2014/QH13;
        # number not confirmed: https://news.laodong.vn/bat-dong-san/2-truong-hop-khong-phai-dieu-chinh-giay-phep-xay-dung-tu-nam-2026-1633301.ldo,
        # https://www.mondaq.com/construction-planning/1720598/vietnam-issues-amended-law-on-construction
        V(2025, None, D(2026, 7, 1), D(2025, 12, 10)),
    ),
    # -- business laws often cited by business regulations (not in the corpus) --------------------
    "Luật Ban hành văn bản quy phạm pháp luật": (
        V(2015, "80/2015/QH13", adopted=D(2015, 6, 22)),  # https://fr.scribd.com/document/327862125/No-80-2015-QH13
        # (number, 19/02/2025, in force 01/04/2025):
        # https://vietanlaw.com/vietnam-law-on-promulgating-legal-documents-2025
        V(2025, "64/2025/QH15", D(2025, 4, 1), D(2025, 2, 19)),
    ),
    "Luật Bảo hiểm xã hội": (
        V(2014, "58/2014/QH13"),  # corpus
        # (number, 29/06/2024, in force 01/07/2025, replaces 58/2014/QH13):
        # https://askyonder.com/info210/labor-social-insurance
        V(2024, "41/2024/QH15", D(2025, 7, 1), D(2024, 6, 29)),
    ),
    "Luật Bảo vệ quyền lợi người tiêu dùng": (
        # (number, 20/06/2023, in force 01/07/2024): https://dazpro.com/?p=8739,
        # https://digitalpolicyalert.org/event/21093-adopted-law-on-consumer-protection-no-192023qh15-including-usersubject-right
        V(2023, "19/2023/QH15", D(2024, 7, 1), D(2023, 6, 20)),
    ),
    # Adopted 12/06/2018, in force 01/07/2019 (https://www.hkbav.org/revised-law-on-competition-approved_news16791);
    # the number is unverified.
    "Luật Cạnh tranh": (V(2018, "23/2018/QH14", D(2019, 7, 1), D(2018, 6, 12)),),
    # (number, 26/11/2019): https://lawfirm.vn/van-ban/law-on-securities-of-vietnam-2019/
    "Luật Chứng khoán": (V(2019, "54/2019/QH14", adopted=D(2019, 11, 26)),),
    "Luật Doanh nghiệp": (
        V(2014, "68/2014/QH13", D(2015, 7, 1)),  # corpus; in force: http://trithucconsulting.com/thue-gtgt-vb3.html
        # (number, 17/06/2020, in force 01/01/2021, replaces the 2014 law):
        # https://www.crowe.com/vn/news/the-main-updated-points-on-law-of-enterprises-2020
        V(2020, "59/2020/QH14", D(2021, 1, 1), D(2020, 6, 17)),
    ),
    "Luật Đầu tư": (
        V(2014, "67/2014/QH13"),  # corpus
        V(2020, "61/2020/QH14"),  # corpus
        # https://english.luatvietnam.vn/law-on-investment-no-143-2025-qh15-dated-december-11-2025-of-the-national-assembly-422585-doc1.html
        # (number, 11/12/2025); in force 01/03/2026 (Article 7 and Appendix IV from 01/07/2026),
        # replaces the 2020 law: https://www.nusantaradfdl.com/insights/legal-and-tax-updates/vietnam-key-highlights-of-the-new-law-on-investment-2025
        V(2025, "143/2025/QH15", D(2026, 3, 1), D(2025, 12, 11)),
    ),
    "Luật Đầu tư công": (
        V(2019, "39/2019/QH14"),  # corpus
        # https://www.vietnam.vn/en/tranh-tao-khoang-trong-phap-ly-trong-trien-khai-thuc-hien-luat-dau-tu-cong-2024
        # (number, 29/11/2024, in force 01/01/2025); https://en.sggp.org.vn/na-passes-revised-law-on-public-investment-post114178.html
        V(2024, "58/2024/QH15", D(2025, 1, 1), D(2024, 11, 29)),
    ),
    "Luật Đấu thầu": (
        V(2013, "43/2013/QH13"),  # see the 2023 row
        # (number, replaces 43/2013/QH13 from 01/01/2024): https://theinvestor.vn/remarkable-changes-in-bidding-law-2023-d6063.html;
        # adopted 23/06/2023: https://lawnet.vn/thong-tin-phap-luat/en/chinh-sach-moi/law-on-bidding-2023-taking-effect-on-january-1-2024-in-vietnam-125170.html
        V(2023, "22/2023/QH15", D(2024, 1, 1), D(2023, 6, 23)),
    ),
    "Luật Giao dịch điện tử": (
        V(2005, "51/2005/QH11"),  # see the 2023 row
        # (number, 22/06/2023, in force 01/07/2024, replaces 51/2005/QH11):
        # https://ecovis.com.vn/en/anpham/legal-document-newsletter-week-16-09-2023/
        V(2023, "20/2023/QH15", D(2024, 7, 1), D(2023, 6, 22)),
    ),
    # (number, 12/06/2017): https://dichvutuvandoanhnghiep.vn/en/business-establishment.html;
    # in force 01/01/2018: https://vietnamnet.vn/en/12-new-laws-announced-E182064.html
    "Luật Hỗ trợ doanh nghiệp nhỏ và vừa": (V(2017, "04/2017/QH14", D(2018, 1, 1), D(2017, 6, 12)),),
    "Luật Hợp tác xã": (
        # corpus; in force 01/07/2013: http://www.luathoptacxa.com/2014/03/luat-hop-tac-xa-so-23-2012-qh13.html
        V(2012, "23/2012/QH13", D(2013, 7, 1)),
        # Adopted 20/06/2023, in force 01/07/2024
        # (https://en.sggp.org.vn/lawmakers-approve-law-on-cooperatives-revised-post103030.html); number unverified.
        V(2023, "17/2023/QH15", D(2024, 7, 1), D(2023, 6, 20)),
    ),
    # (number, 20/11/2015, in force 01/01/2017): https://apolatlegal.com/laws/law-on-accouting-2015
    "Luật Kế toán": (V(2015, "88/2015/QH13", D(2017, 1, 1), D(2015, 11, 20)),),
    "Luật Kinh doanh bảo hiểm": (
        V(2000, "24/2000/QH10"),  # see the 2022 row
        # (number, 16/06/2022, in force 01/01/2023, replaces 24/2000/QH10):
        # https://luatvietnam.net/en/2022-law-on-insurance-business-vbpl119101.vlo
        V(2022, "08/2022/QH15", D(2023, 1, 1), D(2022, 6, 16)),
    ),
    "Luật Nhà ở": (
        V(2014, "65/2014/QH13"),  # corpus
        V(2023, "27/2023/QH15", D(2024, 8, 1)),  # as 31/2024/QH15 (Luật Đất đai) above
    ),
    "Luật Phí và lệ phí": (V(2015, "97/2015/QH13"),),  # corpus
    # (number, 21/06/2012, in force 01/01/2013):
    # https://vanban123.vn/Van-ban-hop-nhat/Integrated-document-No-04-VBHN-VPQH-dated-February-21-2025-Law-on-Advertising-682044
    "Luật Quảng cáo": (V(2012, "16/2012/QH13", D(2013, 1, 1), D(2012, 6, 21)),),
    "Luật Quản lý thuế": (
        # (number, 13/06/2019): https://vietanlaw.com/vietnams-tax-administration-law-38-2019-qh14-425672/;
        # in force 01/07/2020: https://expertis.vn/en/kb/kb-thue/dong-cap-nhat-ve-thue/luat-quan-ly-thue-2019-ap-dung-tu-01-07-2020/
        V(2019, "38/2019/QH14", D(2020, 7, 1), D(2019, 6, 13)),
        # Adopted 10/12/2025, in force 01/07/2026 (e-invoices of household businesses 01/01/2026);
        # number not confirmed: https://news.laodong.vn/kinh-doanh/quy-dinh-moi-ve-xac-dinh-doanh-thu-nop-thue-cua-ho-kinh-doanh-1623288.ldo
        V(2025, None, D(2026, 7, 1), D(2025, 12, 10)),
    ),
    # (number, 29/11/2005, in force 01/07/2006):
    # https://english.luatvietnam.vn/integrated-document-no-19-vbhn-vpqh-dated-december-18-2013-of-the-office-of-national-assembly-integrates-the-laws-on-intellectual-property-151151-Doc5.html
    "Luật Sở hữu trí tuệ": (V(2005, "50/2005/QH11", D(2006, 7, 1), D(2005, 11, 29)),),
    # (number, 14/06/2005): https://vietanlaw.com/36-2005-qh11; in force 01/01/2006:
    # https://dnlaw.com.vn/news-events/vietnam-new-commercial-law-more-integration-into-the-world-economy/
    "Luật Thương mại": (V(2005, "36/2005/QH11", D(2006, 1, 1), D(2005, 6, 14)),),
    "Luật Tổ chức Chính phủ": (
        V(2015, "76/2015/QH13"),  # corpus
        # https://english.luatvietnam.vn/co-cau-to-chuc/law-on-organization-of-the-government-no-63-2025-qh15-390451-d1.html
        # (number, 18/02/2025); in force 01/03/2025: https://baonghean.vn/en/quoc-hoi-da-thong-qua-luat-to-chuc-chinh-phu-sua-doi-10291407.html
        V(2025, "63/2025/QH15", D(2025, 3, 1), D(2025, 2, 18)),
    ),
    # In force 01/07/2011 (https://legalcentrix.com/media/view/135896); the number is unverified.
    "Luật An toàn thực phẩm": (V(2010, "55/2010/QH12", D(2011, 7, 1)),),
    "Luật Việc làm": (
        # (number, 16/11/2013, in force 01/01/2015):
        # https://lawnet.vn/thong-tin-phap-luat/en/lao-dong-tien-luong/some-basic-contents-of-the-law-on-employment-2013-162988.html
        V(2013, "38/2013/QH13", D(2015, 1, 1), D(2013, 11, 16)),
        # https://english.luatvietnam.vn/law-on-employment-no-74-2025-qh15-dated-june-16-2025-of-the-national-assembly-405176-doc1.html
        # (number, 16/06/2025); in force 01/01/2026, replaces the 2013 law:
        # https://vietnamlawmagazine.vn/law-on-employment-notable-new-points-on-labor-registration-unemployment-insurance-participants-75149.html
        V(2025, "74/2025/QH15", D(2026, 1, 1), D(2025, 6, 16)),
    ),
    "Luật Xử lý vi phạm hành chính": (V(2012, "15/2012/QH13"),),  # corpus
}

# Other ways to write a name → the name in LAWS.
LAW_ALIASES: Final[dict[str, str]] = {
    "BLLĐ": "Bộ luật Lao động",
    "BLDS": "Bộ luật Dân sự",
    "BLHS": "Bộ luật Hình sự",
    "BLTTDS": "Bộ luật Tố tụng dân sự",
    "BLTTHS": "Bộ luật Tố tụng hình sự",
    "Luật Lao động": "Bộ luật Lao động",
    "Luật Dân sự": "Bộ luật Dân sự",
    "Luật Hình sự": "Bộ luật Hình sự",
    "Luật Tổ chức VKSND": "Luật Tổ chức Viện kiểm sát nhân dân",
    "Luật TCTD": "Luật Các tổ chức tín dụng",
    "Luật Tổ chức tín dụng": "Luật Các tổ chức tín dụng",
    "Luật KDBĐS": "Luật Kinh doanh bất động sản",
    "Luật Hôn nhân gia đình": "Luật Hôn nhân và gia đình",
    "Luật BVMT": "Luật Bảo vệ môi trường",
    "Luật Ban hành VBQPPL": "Luật Ban hành văn bản quy phạm pháp luật",
    "Luật XLVPHC": "Luật Xử lý vi phạm hành chính",
    "Luật Phòng chống ma túy": "Luật Phòng, chống ma túy",
    "Luật Phòng chống bạo lực gia đình": "Luật Phòng, chống bạo lực gia đình",
}
