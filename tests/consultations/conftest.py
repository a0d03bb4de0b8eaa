from pathlib import Path

import pytest

from tests.corpus import CORPUS


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The shared corpus beside the repository (CORPUS_DIR overrides). Missing corpus fails."""
    assert (CORPUS / "seeds" / "index.json").exists(), f"shared corpus not found at {CORPUS}; set CORPUS_DIR"
    return CORPUS


@pytest.fixture
def hoa(db):
    """A member of the Prime Minister's Advisory Council (Hội đồng tư vấn cải cách TTHC): reads
    every agency's comments, tags them, keeps notes, signs and publishes opinions."""
    from django.contrib.auth.models import User

    from regulations.roles import ensure_council_group
    from tests.conftest import PASSWORD

    user = User.objects.create_user("hoa", "hoa@example.vn", PASSWORD, first_name="Hoa", last_name="Nguyễn Thị")
    user.groups.add(ensure_council_group())
    return user


@pytest.fixture
def quang(db):
    """Another Council member."""
    from django.contrib.auth.models import User

    from regulations.roles import ensure_council_group
    from tests.conftest import PASSWORD

    user = User.objects.create_user("quang", "quang@example.vn", PASSWORD, first_name="Quang", last_name="Lê Văn")
    user.groups.add(ensure_council_group())
    return user
