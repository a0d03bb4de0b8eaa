"""A database as `main` left it before Agency and Field moved from portal to regulations, with
data, migrated forward: the scenario behind tests/regulations/test_migrations.py.

Runs in-process on the test database (PostgreSQL) and, as `python -m
tests.regulations.agency_move_scenario`, in a subprocess on a fresh SQLite file; it prints what
it found as JSON.
"""

import json
import uuid

from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE_THE_MOVE = [("portal", "0001_initial"), ("regulations", "0001_initial")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def _leaf_nodes():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _page(apps, model, parent_path: str, index: int, **fields):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Locale = apps.get_model("wagtailcore", "Locale")
    content_type, _ = ContentType.objects.get_or_create(app_label="regulations", model=model.lower())
    locale = Locale.objects.first() or Locale.objects.create(language_code="vi")
    slug = fields.pop("slug")
    return apps.get_model("regulations", model).objects.create(
        title=fields.pop("title"),
        draft_title=slug,
        slug=slug,
        path=f"{parent_path}{index:04d}",
        depth=len(parent_path) // 4 + 1,
        numchild=0,
        url_path=f"/{slug}/",
        live=True,
        content_type=content_type,
        locale=locale,
        translation_key=uuid.uuid4(),
        **fields,
    )


def populate_before_the_move(apps) -> None:
    """Agencies, fields, a folder, documents and a business regulation, as main stored them."""
    Agency = apps.get_model("portal", "Agency")
    Field = apps.get_model("portal", "Field")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")

    finance = Agency.objects.create(name="Bộ Tài chính", short_name="BTC", code="BTC", slug="bo-tai-chinh", kind="bo")
    trade = Agency.objects.create(name="Bộ Công Thương", short_name="BCT", code="BCT", slug="bo-cong-thuong", kind="bo")
    banking = Field.objects.create(name="Tài chính, ngân hàng", slug="tai-chinh-ngan-hang")
    building = Field.objects.create(name="Xây dựng", slug="xay-dung")

    agency_type, _ = ContentType.objects.get_or_create(app_label="portal", model="agency")
    ContentType.objects.get_or_create(app_label="portal", model="field")
    change_agency, _ = Permission.objects.get_or_create(
        content_type=agency_type, codename="change_agency", defaults={"name": "Can change cơ quan"}
    )
    Group.objects.create(name="Biên tập danh mục").permissions.add(change_agency)

    folder = _page(apps, "AgencyFolderPage", "0001", 901, title="Bộ Tài chính", slug="bo-tai-chinh", agency=finance)
    first = _page(
        apps,
        "LegalDocumentPage",
        folder.path,
        1,
        title="Thông tư 16/2012/TT-BTC",
        slug="16-2012-tt-btc",
        number="16/2012/TT-BTC",
        number_key="16/2012/tt-btc",
        doc_type="thong-tu",
        issuing_agency=finance,
    )
    links = apps.get_model("regulations", "LegalDocumentPage").fields.through.objects
    links.create(legaldocumentpage=first, field=banking)
    links.create(legaldocumentpage=first, field=building)
    second = _page(
        apps,
        "LegalDocumentPage",
        folder.path,
        2,
        title="Nghị định 08/2018/NĐ-CP",
        slug="08-2018-nd-cp",
        number="08/2018/NĐ-CP",
        number_key="08/2018/nđ-cp",
        doc_type="nghi-dinh",
        issuing_agency=trade,
    )
    links.create(legaldocumentpage=second, field=banking)
    apps.get_model("regulations", "BusinessRegulation").objects.create(
        title="Điều kiện kinh doanh",
        document=second,
        category="dieu-kien-dau-tu-kinh-doanh",
        agency=trade,
        sector=building,
    )


def _foreign_key_enforced() -> bool:
    """True when the database refuses a document pointing at an agency that does not exist."""
    from django.db import IntegrityError, transaction

    from regulations.models import LegalDocumentPage

    try:
        with transaction.atomic():
            LegalDocumentPage.objects.update(issuing_agency_id=987654)
            connection.check_constraints()
    except IntegrityError:
        return True
    return False


def found_after_the_move() -> dict:
    """What the moved models hold, read through today's models."""
    from django.contrib.auth.models import Group
    from django.contrib.contenttypes.models import ContentType

    from regulations.models import Agency, AgencyFolderPage, BusinessRegulation, Field, LegalDocumentPage

    documents = LegalDocumentPage.objects.order_by("number")
    regulation = BusinessRegulation.objects.get()
    group = Group.objects.get(name="Biên tập danh mục")
    return {
        "agencies": sorted(Agency.objects.values_list("name", flat=True)),
        "fields": sorted(Field.objects.values_list("name", flat=True)),
        "documents": {
            d.number: {"agency": d.issuing_agency.name, "fields": sorted(f.name for f in d.fields.all())}
            for d in documents
        },
        "folder_agency": AgencyFolderPage.objects.get().agency.name,
        "regulation": [regulation.agency.name, regulation.sector.name],
        "content_types": sorted(
            f"{ct.app_label}.{ct.model}" for ct in ContentType.objects.filter(model__in=["agency", "field"])
        ),
        "group_permissions": sorted(
            f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type")
        ),
        "foreign_key_enforced": _foreign_key_enforced(),
        "new_agency": Agency.objects.create(name="Bộ Xây dựng", slug="bo-xay-dung").pk is not None,
    }


def run() -> dict:
    """Go back to main's schema, store data, migrate forward, and report what survived."""
    populate_before_the_move(_migrate(BEFORE_THE_MOVE))
    _migrate(_leaf_nodes())
    connection.check_constraints()  # every row still points at an existing row
    return found_after_the_move()


def restore_schema() -> None:
    _migrate(_leaf_nodes())


if __name__ == "__main__":
    import django

    django.setup()
    print(json.dumps(run(), ensure_ascii=False))
