"""Every user of a document number agrees on its key (regulations.legaltext.numbers), and the
migration that brought existing rows to it."""

import importlib

import pytest
from django.apps import apps

from regulations.importing import RelationRecord
from regulations.legaltext import doctypes
from regulations.models import DocumentRelation, DocumentType, LegalDocumentPage
from tests.regulations.builders import make_document

pytestmark = pytest.mark.django_db


def test_the_document_types_are_the_rows_of_the_one_table():
    assert [(v, str(label)) for v, label in DocumentType.choices] == [(t.value, t.name) for t in doctypes.DOC_TYPES]
    assert DocumentType.DECREE == "nghi-dinh"
    assert DocumentType("huong-dan").label == "Hướng dẫn"


def test_a_page_a_reimport_and_a_relation_share_one_key_whatever_the_spelling():
    page = make_document(number="1/2018/TT-VPCP", title="Thông tư 1/2018/TT-VPCP", doc_type="thong-tu")
    assert page.number_key == "01/2018/tt-vpcp"

    again = make_document(number="01/2018/TT-VPCP", title="Thông tư 01/2018/TT-VPCP", doc_type="thong-tu")
    assert again.pk == page.pk
    assert LegalDocumentPage.objects.filter(number_key="01/2018/tt-vpcp").count() == 1

    citing = make_document(
        number="45/2020/NĐ-CP",
        title="Nghị định 45/2020/NĐ-CP",
        relations=[RelationRecord(kind="can-cu", number="1/2018/tt-vpcp")],
    )
    relation = DocumentRelation.objects.get(source=citing)
    assert (relation.target_key, relation.target_id) == ("01/2018/tt-vpcp", page.pk)


def test_the_migration_brings_old_keys_types_and_relations_to_the_one_key():
    recompute = importlib.import_module("regulations.migrations.0007_document_types_and_number_keys").recompute
    decree = make_document(number="45/2020/ND-CP", title="Nghị định 45/2020/ND-CP")
    circular = make_document(number="1/2018/TT-VPCP", title="Thông tư 1/2018/TT-VPCP", doc_type="thong-tu")
    guidance = make_document(number="03/HD-BTC", title="Hướng dẫn 03/HD-BTC về quyết toán", doc_type="khac")
    # As the old key wrote them: the number as typed, lower case.
    LegalDocumentPage.objects.filter(pk=decree.pk).update(number_key="45/2020/nd-cp")
    LegalDocumentPage.objects.filter(pk=circular.pk).update(number_key="1/2018/tt-vpcp")
    old = DocumentRelation.objects.create(source=decree, kind="can-cu", target_number="1/2018/TT-VPCP")
    DocumentRelation.objects.filter(pk=old.pk).update(target_key="1/2018/tt-vpcp")
    twice = DocumentRelation.objects.create(source=decree, kind="can-cu", target_number="01/2018/TT-VPCP")

    recompute(apps, None)

    keys = dict(LegalDocumentPage.objects.filter(pk__in=[decree.pk, circular.pk]).values_list("pk", "number_key"))
    assert keys == {decree.pk: "45/2020/nđ-cp", circular.pk: "01/2018/tt-vpcp"}
    assert LegalDocumentPage.objects.get(pk=guidance.pk).doc_type == "huong-dan"
    # The same relation written twice under two spellings is kept once, under the one key.
    assert list(DocumentRelation.objects.filter(source=decree).values_list("pk", "target_key")) == [
        (twice.pk, "01/2018/tt-vpcp")
    ]
