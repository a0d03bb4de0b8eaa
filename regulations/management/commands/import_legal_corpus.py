import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from regulations.importing import ImportProblem, rehearse_document, save_document
from regulations.sources import read_corpus_jsonl, record_from_corpus
from regulations.versioning_options import OUTCOMES, add_version_arguments, version_request


class Command(BaseCommand):
    help = (
        "Import a legal corpus in JSONL (one article a line: id, law_id, title, text, optional "
        "law_title, article). Articles are grouped into one document per law_id. Safe to re-run: a "
        "re-import updates each document's text in place; --new-version keeps the earlier text as an "
        "older version."
    )

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path, help="JSONL file(s)")
        parser.add_argument("--dry-run", action="store_true", help="parse and validate, save nothing")
        parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")
        add_version_arguments(parser)

    def handle(self, *args, files, dry_run, no_progress, **options):
        self.new_version, self.version = version_request(options)
        counts = dict.fromkeys((*OUTCOMES, "failed"), 0)
        problems = 0
        articles = 0
        started = time.monotonic()
        for path in files:
            documents, errors = read_corpus_jsonl(path)
            for error in errors:
                self.stderr.write(str(error))
            problems += len(errors)
            bar = tqdm(documents, desc=path.name, unit="văn bản", disable=no_progress or not documents)
            for doc in bar:
                record = record_from_corpus(doc)
                record.source = path.name
                try:
                    outcome = self._save(record, dry_run)
                except ImportProblem as exc:
                    self.stderr.write(f"{path}: văn bản {doc.law_id}: {exc}")
                    counts["failed"] += 1
                    continue
                counts[outcome] += 1
                articles += len(doc.lines)
        elapsed = time.monotonic() - started
        documents_done = sum(counts[outcome] for outcome in OUTCOMES)
        rate = documents_done / elapsed if elapsed else 0.0
        prefix = "[chạy thử] " if dry_run else ""
        self.stdout.write(
            f"{prefix}Đã tạo {counts['created']}, cập nhật {counts['updated']}, "
            f"phiên bản mới {counts['new-version']}, giữ nguyên {counts['unchanged']}, "
            f"lỗi {counts['failed'] + problems}; {articles} điều; {elapsed:.1f} s ({rate:.1f} văn bản/s)"
        )
        if problems or counts["failed"]:
            raise CommandError(f"{problems + counts['failed']} lỗi khi nhập (xem các dòng trên).")

    def _save(self, record, dry_run: bool) -> str:
        options = {"new_version": self.new_version, "version": self.version}
        return rehearse_document(record, **options) if dry_run else save_document(record, **options).outcome
