from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from regulations.importing import ImportProblem, rehearse_document, save_document
from regulations.models import LegalStatus
from regulations.parsers import ParseError, parse_document
from regulations.sources import record_from_parsed
from regulations.versioning_options import (
    OUTCOMES,
    add_version_arguments,
    parse_date,
    summary_line,
    version_request,
)


class Command(BaseCommand):
    help = (
        "Import a legal document from .docx, .pdf or .txt: reads the Vietnamese header (issuer, "
        "Số, place and date, type, trích yếu) and splits the body into Chương/Mục/Điều/Khoản/Điểm "
        "(or I./1./a)/- for letters and plans). Safe to re-run: the number (or --external-id) "
        "identifies the document, and a re-import updates its text in place; --new-version keeps "
        "the earlier text as an older version."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument("--number", help="số hiệu, when the header has none or a wrong one")
        parser.add_argument("--type", dest="doc_type", help="loại văn bản, e.g. 'Kế hoạch'")
        parser.add_argument("--issuer", help="cơ quan ban hành")
        parser.add_argument("--date", dest="issued_date", type=parse_date, help="ngày ban hành, YYYY-MM-DD")
        parser.add_argument("--year", dest="issued_year", type=int, help="năm ban hành")
        parser.add_argument("--title", help="tên hiển thị")
        parser.add_argument("--status", choices=LegalStatus.values, help="tình trạng hiệu lực")
        parser.add_argument("--external-id", help="stable id for a document without a number")
        parser.add_argument(
            "--allow-no-number",
            action="store_true",
            help="accept a header without a number (drafts and plans); the file name becomes the id",
        )
        add_version_arguments(parser)
        parser.add_argument("--dry-run", action="store_true")

    def handle(self, *args, files, dry_run, **options):
        self.new_version, self.version = version_request(options)
        overrides = {
            k: options[k]
            for k in ("number", "doc_type", "issuer", "issued_date", "issued_year", "title")
            if options.get(k)
        }
        if options.get("status"):
            overrides["legal_status"] = options["status"]
        failures = 0
        counts = dict.fromkeys(OUTCOMES, 0)
        for path in files:
            try:
                outcome = self._import_one(path, overrides, options, dry_run)
            except (ParseError, ImportProblem) as exc:
                message = str(exc) if isinstance(exc, ParseError) else f"{path}: {exc}"
                self.stderr.write(message)
                failures += 1
                continue
            counts[outcome] += 1
        self.stdout.write(summary_line(counts, failures, dry_run))
        if failures:
            raise CommandError(f"{failures} tệp không nhập được (xem các dòng trên).")

    def _import_one(self, path: Path, overrides, options, dry_run: bool) -> str:
        parsed = parse_document(path, max_bytes=settings.IMPORT_MAX_BYTES)
        number = overrides.get("number") or parsed.header.number
        external_id = options.get("external_id")
        if not number:
            if not (options["allow_no_number"] or parsed.header.is_draft or external_id):
                raise ParseError(
                    str(path),
                    None,
                    "không tìm thấy số hiệu văn bản (dòng «Số: ...»); dùng --number, hoặc --allow-no-number "
                    "cho dự thảo và kế hoạch chưa có số",
                )
            external_id = external_id or f"file:{path.stem}"
        if not parsed.nodes and not parsed.preamble.strip():
            raise ParseError(str(path), None, "không có nội dung sau phần đầu văn bản")
        record = record_from_parsed(parsed, external_id=external_id, overrides=overrides)
        record.source = path.name
        options = {"new_version": self.new_version, "version": self.version}
        if dry_run:
            return rehearse_document(record, **options)
        result = save_document(record, **options)
        version = f", phiên bản {result.version.number}" if result.version else ""
        self.stdout.write(f"{path}: {result.outcome} — {result.page.title} ({result.page.url_path}{version})")
        return result.outcome
