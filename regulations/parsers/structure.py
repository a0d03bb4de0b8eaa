"""Split the body of a Vietnamese document into its numbered units.

Laws and decrees: Chương I / Mục 1 / Điều 5. / 1. (khoản) / a) (điểm).
Letters, resolutions and plans: I. (phần) / 1. / a) / "-" and "+" items.
Both can mix: "Điều" under roman parts, or roman parts inside an "Điều"; "Phụ lục" sections;
a second whole document attached after the first one's signature (an "attachment" node).

A numbered line only becomes a node where that number can continue the numbering around it
("3." after "2." in the same container, "b)" after "a)"...); anything else is text of the
enclosing node. An enumeration that restarts inside a sentence ("(1) ... (2) ..." inside an
item) stays text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from regulations.legaltext.normalize import compare_key
from regulations.parsers.header import is_caps, parse_header
from regulations.parsers.machine import Machine
from regulations.parsers.markers import APPENDIX, BULLET_SYMBOLS, POINT, classify, split_inline_points, unwrap
from regulations.parsers.readers import normalize_text
from regulations.parsers.types import ParsedNode

_RECIPIENTS = re.compile(r"^(?:Nơi nhận|NƠI NHẬN)\s*:?", re.IGNORECASE)
_FILED = re.compile(r"^[-–+•]\s*(?:Lưu|LƯU)\s*:")
_SIGNATURE = re.compile(r"^(?:TM|T\.M|KT|K\.T|TL|T\.L|TUQ|T\.U\.Q|Q|PP|P\.P)\s*\.\s*(?P<rest>\S.*)$")
# Numbered content that may follow a closing block (an appendix, a regulation issued with it).
_RESUMING_KINDS = frozenset({"appendix", "chapter", "section", "article", "part"})
_ATTACHED_NOTE = re.compile(r"^\(?\s*(?:Ban hành\s+)?(?:kèm theo|Kèm theo|KÈM THEO)\b")


# -- public ------------------------------------------------------------------------------------


def parse_structure(lines: list[str], start_line: int = 1) -> tuple[str, list[ParsedNode], str]:
    """Split body lines into (preamble, nodes, closing).

    ``start_line`` is the 1-based line number of ``lines[0]`` in the source, so that node
    line numbers point into the original file. The closing collects the signature blocks and
    "Nơi nhận:" lists (of the main document and of any attached document), blank-line separated.
    """
    clean = [_clean_line(line) for line in lines]
    starts = _attachment_starts(clean)
    bounds = [0, *starts, len(clean)]

    preamble, nodes, closing = _parse_segment(clean[: bounds[1]], start_line)
    closings = [closing] if closing else []
    attachment_count = 0
    for begin, end in zip(bounds[1:-1], bounds[2:], strict=True):
        segment = clean[begin:end]
        header = parse_header("\n".join(segment))
        body_start = min(header.body_start_line, len(segment))
        pre, children, closing = _parse_segment(segment[body_start:], start_line + begin + body_start)
        attachment_count += 1
        label = header.number or str(attachment_count)
        nodes.append(
            ParsedNode(
                kind="attachment",
                label=label,
                heading=(header.title or "") if header.number else _attachment_heading(header.doc_type, header.title),
                text=pre,
                line=start_line + begin + _first_text(segment),
                children=children,
            )
        )
        if closing:
            closings.append(closing)
    return preamble, nodes, "\n\n".join(closings)


def _attachment_heading(doc_type: str | None, title: str | None) -> str:
    """The name of an attached document without a number of its own (a regulation issued with a
    decision): "Quy chế tiếp nhận phản ánh, kiến nghị", its type then its trích yếu. One with a
    number is labelled by it ("468/QĐ-TTg") and headed by its trích yếu alone."""
    if not title:
        return doc_type or ""
    if not doc_type or compare_key(title).startswith(compare_key(doc_type)):
        return title
    return f"{doc_type} {title[:1].lower()}{title[1:]}"


def parse_article_body(text: str) -> tuple[str, list[ParsedNode]]:
    """Split the body of one article ("1. ...\\na) ...", points may also run inline after
    "...sau đây: a) ... b) ...") into (intro text, clauses with their points)."""
    lines: list[str] = []
    for raw in unwrap(normalize_text(text)):
        lines.extend(split_inline_points(raw))
    machine = Machine(root_kind="article")
    for index, line in enumerate(lines):
        machine.feed(line, index + 1)
    return machine.finish()


# -- segments: attachments and closing blocks --------------------------------------------------


def _clean_line(line: str) -> str:
    return normalize_text(line).replace("\n", " ")


def _first_text(lines: Sequence[str]) -> int:
    for index, line in enumerate(lines):
        if line.strip():
            return index
    return 0


def _is_closing_marker(stripped: str) -> bool:
    if _RECIPIENTS.match(stripped) or _is_filed(stripped):
        return True
    match = _SIGNATURE.match(stripped)
    return bool(match and is_caps(match.group("rest")))


def _attachment_starts(lines: Sequence[str]) -> list[int]:
    """Where a second whole document begins, after the first one's signature or recipients."""
    starts: list[int] = []
    seen_closing = False
    index = 0
    while index < len(lines):
        stripped = lines[index].strip()
        if not stripped:
            index += 1
            continue
        if _is_closing_marker(stripped):
            seen_closing = True
        elif seen_closing and "CỘNG" in stripped and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA" in compare_key(stripped):
            start = index
            back = index - 1
            while back >= 0 and (not lines[back].strip() or _is_issuer_line(lines[back])):
                if lines[back].strip():
                    start = back
                back -= 1
            if not starts or start > starts[-1]:
                starts.append(start)
            seen_closing = False
        elif seen_closing and _starts_attached_document(lines, index):
            starts.append(index)
            seen_closing = False
        index += 1
    return starts


def _is_issuer_line(line: str) -> bool:
    stripped = line.strip()
    return is_caps(stripped) and not _SIGNATURE.match(stripped) and not stripped.endswith(":")


def _starts_attached_document(lines: Sequence[str], index: int) -> bool:
    """A titled document in capitals ("QUY CHẾ ...") followed by "(Ban hành kèm theo ...)"."""
    stripped = lines[index].strip()
    if not is_caps(stripped) or APPENDIX.match(stripped) or _SIGNATURE.match(stripped):
        return False
    seen = 0
    for following in lines[index + 1 :]:
        text = following.strip()
        if not text:
            continue
        if _ATTACHED_NOTE.match(text) and "Ban hành" in text:
            return True
        seen += 1
        if seen > 4 or not is_caps(text):
            return False
    return False


def _is_filed(stripped: str) -> bool:
    """ "- Lưu: VT, KSTT." — the last line of a recipients list (VT: văn thư, the registry)."""
    return (
        bool(_FILED.match(stripped))
        and len(stripped) < 150
        and ("VT" in stripped or "Văn thư" in stripped or "văn thư" in stripped)
    )


def _closing_range(lines: Sequence[str]) -> tuple[int, int] | None:
    """[start, end) of the signature / recipients block of one document, if any.

    It starts at "Nơi nhận:", at a signature line ("TM. CHÍNH PHỦ", "KT. BỘ TRƯỞNG") or at a
    recipients list ending in "- Lưu: VT..." and ends where numbered content resumes
    ("Phụ lục", "Điều", "Chương", a roman part), or at the end."""
    start: int | None = None
    for index, line in enumerate(lines):
        stripped = line.strip()
        if _RECIPIENTS.match(stripped):
            start = index
            break
        match = _SIGNATURE.match(stripped)
        if match and is_caps(match.group("rest")):
            start = index
            break
        if _is_filed(stripped):
            start = _recipient_run_start(lines, index)
            break
    if start is None:
        return None
    # the closing sentence ("... ./.") just before belongs to the closing formula
    back = start - 1
    while back >= 0 and not lines[back].strip():
        back -= 1
    if back >= 0:
        stripped = lines[back].strip()
        if stripped.endswith("./.") and classify(stripped) is None:
            start = back
    end = len(lines)
    for index in range(start + 1, len(lines)):
        marker = classify(lines[index].strip())
        if marker is not None and marker.kind in _RESUMING_KINDS:
            end = index
            break
    return start, end


def _recipient_run_start(lines: Sequence[str], filed_at: int) -> int:
    start = filed_at
    index = filed_at - 1
    while index >= 0:
        stripped = lines[index].strip()
        if not stripped:
            index -= 1
            continue
        if _RECIPIENTS.match(stripped):
            return index
        if stripped[0] in BULLET_SYMBOLS and len(stripped) < 150 and POINT.match(stripped) is None:
            start = index
            index -= 1
            continue
        break
    return start


def _parse_segment(lines: Sequence[str], start_line: int) -> tuple[str, list[ParsedNode], str]:
    closing_range = _closing_range(lines)
    machine = Machine(root_kind="root")
    closing_lines: list[str] = []
    for index, line in enumerate(lines):
        if closing_range and closing_range[0] <= index < closing_range[1]:
            if line.strip():
                closing_lines.append(line.strip())
            if index == closing_range[0]:
                machine.close_all()
            if index == closing_range[1] - 1:
                machine.restart_numbering()  # what follows the signature numbers afresh
            continue
        machine.feed(line, start_line + index)
    preamble, nodes = machine.finish()
    return preamble, nodes, "\n".join(closing_lines)
