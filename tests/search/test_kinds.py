"""A search kind is one module and one registry line: a kind declared here, over Wagtail's own
pages, is indexed by the outbox and by `search_reindex`, reported by `search_status`, searched
with `type=` through the API and the page, and answered by the database fallback, without a
change anywhere else."""

from datetime import date

import pytest
from django.core.management import call_command
from wagtail.models import Page

from regulations.importing import DocumentRecord, save_document
from regulations.legaltext.normalize import normalize
from regulations.parsers.types import ParsedNode
from search import health, kinds
from search.client import get_client
from search.facets import Filters
from search.indexes import alias_targets
from search.kinds.base import ModelEntryBuilder, SearchKind
from search.models import IndexRequest
from search.ranking import FieldSet
from search.results import Hit
from search.search_index import INTEGER, NOT_INDEXED, syllable_text
from search.tasks import drain
from search.triggers import page_changes

pytestmark = [pytest.mark.opensearch, pytest.mark.django_db]

TITLE = "Luật Du lịch"
CLOSED_PORT = "http://127.0.0.1:9"


def live_pages():
    return Page.objects.live().public().filter(depth__gt=1)


def page_entry(page):
    return {"page_id": page.pk, "title": normalize(page.title), "url": page.get_url() or "", "text": page.title}


class PagesKind(SearchKind):
    """Every published page, by its title: the smallest kind there is."""

    name = "test-pages"
    type = "test-page"
    label = "Pages"
    builder = ModelEntryBuilder("test-pages", live_pages, page_entry)
    fields = FieldSet(heading="title", context=None, id_field="page_id", date_tiebreak="page_id")
    owner_field = "page_id"
    id_prefix = "p"
    source_fields = ("page_id", "title", "url", "text")
    database_fields = ("title",)

    def properties(self):
        return {"page_id": INTEGER, "title": syllable_text(), "url": NOT_INDEXED}

    def triggers(self):
        return page_changes(Page)

    def hit(self, source, entry_id):
        return Hit(self.type, source["page_id"], None, "", None, source["title"], source["url"])

    def database_queryset(self, filters: Filters):
        return live_pages()

    def database_hit(self, object_id, row):
        return Hit(self.type, object_id, None, "", None, row.title, row.url or "")


@pytest.fixture
def pages_kind(search_indexes):
    with kinds.registered(PagesKind()) as kind:
        yield kind


def law():
    article = ParsedNode(kind="article", label="31", heading="Kinh doanh lữ hành", text="Phải có giấy phép.", line=0)
    return DocumentRecord(
        title=TITLE,
        doc_type="luat",
        number="09/2017/QH14",
        issuer="Quốc hội",
        issued_date=date(2017, 6, 19),
        nodes=[article],
    )


def entries(kind):
    get_client().indices.refresh(index=kind.alias)
    hits = get_client().search(index=kind.alias, body={"size": 100})["hits"]["hits"]
    return {hit["_id"]: hit["_source"]["title"] for hit in hits}


def search(client, **params):
    response = client.get("/api/v1/search", params)
    assert response.status_code == 200, response.content[:300]
    return response.json()


def test_a_registered_kind_is_queued_indexed_and_removed_by_the_outbox(pages_kind):
    page = save_document(law()).page

    # One publication, one request per kind that indexes it (the home page, the library and the
    # agency's folder were published on the way, Wagtail's welcome page deleted: pages too).
    requests = list(IndexRequest.objects.values_list("kind", "object_id", "action"))
    assert [r for r in requests if r[1] == page.pk] == [
        ("articles", page.pk, "index"),
        ("documents", page.pk, "index"),
        ("test-pages", page.pk, "index"),
    ]
    assert {kind for kind, pk, _action in requests if pk != page.pk} == {"test-pages"}
    others = [(pk, action) for _kind, pk, action in requests if pk != page.pk]
    published = [pk for pk, action in others if action == "index"]
    result = drain(reschedule=False)
    assert (result.indexed, result.deleted, result.remaining) == (2 + len(published), len(others) - len(published), 0)
    assert result.entries == {"articles": 1, "documents": 1, "test-pages": 1 + len(published)}
    indexed = entries(pages_kind)
    assert indexed[f"p{page.pk}"] == TITLE
    assert set(indexed) <= {f"p{pk}" for pk in live_pages().values_list("pk", flat=True)}

    page.unpublish()
    drain(reschedule=False)
    assert f"p{page.pk}" not in entries(pages_kind)
    assert len(entries(pages_kind)) == len(published)


def test_a_registered_kind_is_rebuilt_and_reported(pages_kind, capsys):
    save_document(law())
    before = alias_targets(pages_kind)

    call_command("search_reindex", "--kind", "test-pages", "--workers", "0", "--no-progress")

    assert alias_targets(pages_kind) != before
    expected = {f"p{page.pk}": page.title for page in live_pages()}
    assert TITLE in expected.values() and len(expected) >= 4  # home, library, folder, law
    assert entries(pages_kind) == expected
    call_command("search_status")
    assert f"{pages_kind.alias} -> {alias_targets(pages_kind)[0]}: {len(expected)} entries" in capsys.readouterr().out


def test_the_api_and_the_page_search_a_registered_kind(pages_kind, client, settings):
    page = save_document(law()).page
    drain(reschedule=False)
    get_client().indices.refresh(index=pages_kind.alias)
    health.reset()

    body = search(client, q="du lich", type="test-page")
    assert body["backend"] == "opensearch"
    assert [(r["type"], r["id"], r["title"]) for r in body["results"]] == [("test-page", page.pk, TITLE)]
    assert body["facets"] == {}
    html = client.get("/tim-kiem/", {"q": "du lich", "type": "test-page"}).content.decode()
    assert 'id="f-type-test-page"' in html and f'href="{page.url}"' in html

    # Filters belong to kinds: the legal-document ones do not apply here.
    response = client.get("/api/v1/search", {"q": "du lich", "type": "test-page", "agency": "quoc-hoi"})
    assert response.status_code == 400
    assert "agency" in response.json()["errors"]

    settings.OPENSEARCH_URL = CLOSED_PORT
    health.reset()
    down = search(client, q="du lich", type="test-page")
    assert down["backend"] == "database"
    assert [(r["type"], r["id"], r["title"]) for r in down["results"]] == [("test-page", page.pk, TITLE)]
    assert down["results"][0]["highlight"] == "Luật <mark>Du</mark> <mark>lịch</mark>"
    health.reset()


def test_an_unknown_type_lists_the_registered_ones(pages_kind, client):
    response = client.get("/api/v1/search", {"q": "x", "type": "everything"})

    assert response.status_code == 400
    assert response.json()["allowed"]["type"] == ["article", "document", "cost", "consultation", "test-page"]


def test_the_registry_refuses_a_second_kind_of_the_same_name():
    with pytest.raises(ValueError, match="already registered"):
        with kinds.registered(kinds.get("articles")):
            pass
    with pytest.raises(kinds.UnknownKind):
        kinds.get("drafts")
    assert kinds.names() == ["articles", "documents", "costs", "consultations"]
