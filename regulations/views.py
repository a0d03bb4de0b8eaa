"""Stable short links: /vb/<number>/ and /vb/<number>/<anchor>/ redirect to the document page
(its current version)."""

from django.http import Http404
from django.shortcuts import redirect

from regulations.models import LegalDocumentPage, Provision


def _document(number_slug: str) -> LegalDocumentPage:
    page = LegalDocumentPage.objects.live().public().filter(slug=number_slug).first()
    if page is None:
        raise Http404("Không có văn bản mang số hiệu này.")
    return page


def document_by_number(request, number_slug: str):
    return redirect(_document(number_slug).url)


def provision_permalink(request, number_slug: str, anchor: str):
    page = _document(number_slug)
    if not Provision.objects.current().filter(document=page, anchor=anchor).exists():
        raise Http404("Văn bản không có điều, khoản này.")
    return redirect(f"{page.url}#{anchor}")
