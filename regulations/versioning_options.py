"""The options the import commands share for versions: --new-version, --draft, --effective-date."""

from datetime import date

from django.core.management.base import CommandError

from regulations.importing import VersionDetails
from regulations.models import VersionKind

OUTCOMES = ("created", "updated", "new-version", "unchanged")


def parse_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise CommandError(f"Ngày không hợp lệ: {value} (dùng YYYY-MM-DD)") from exc


def add_version_arguments(parser) -> None:
    parser.add_argument(
        "--new-version",
        action="store_true",
        help="store the text as a new version of a document already in the portal, leaving the "
        "earlier versions intact (without it, a re-import updates the text in place)",
    )
    parser.add_argument("--draft", action="store_true", help="the new version is a draft (dự thảo)")
    parser.add_argument(
        "--effective-date",
        type=parse_date,
        help="the date the new official version takes effect, YYYY-MM-DD (required with --new-version unless --draft)",
    )
    parser.add_argument("--version-label", default="", help="a name for the new version, e.g. 'Dự thảo lần 2'")


def version_request(options) -> tuple[bool, VersionDetails | None]:
    """(new_version, details) from the options, refusing combinations that make no sense."""
    new_version = bool(options.get("new_version"))
    draft = bool(options.get("draft"))
    effective = options.get("effective_date")
    if not new_version:
        if draft or effective or options.get("version_label"):
            raise CommandError("--draft, --effective-date và --version-label chỉ dùng cùng --new-version.")
        return False, None
    if draft and effective:
        raise CommandError("Dự thảo không có ngày có hiệu lực: bỏ --effective-date hoặc --draft.")
    if not draft and not effective:
        raise CommandError("Phiên bản chính thức mới cần --effective-date (ngày có hiệu lực), hoặc dùng --draft.")
    kind = VersionKind.DRAFT if draft else VersionKind.OFFICIAL
    return True, VersionDetails(kind=kind, effective_date=effective, label=options.get("version_label") or "")


def summary_line(counts: dict[str, int], failures: int, dry_run: bool) -> str:
    prefix = "[chạy thử] " if dry_run else ""
    return (
        f"{prefix}Đã tạo {counts['created']}, cập nhật {counts['updated']}, phiên bản mới {counts['new-version']}, "
        f"giữ nguyên {counts['unchanged']}, lỗi {failures}"
    )
