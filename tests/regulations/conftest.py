import os
from pathlib import Path

import pytest
from django.conf import settings


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The shared corpus beside the repository (CORPUS_DIR overrides). Missing corpus fails."""
    path = Path(os.environ.get("CORPUS_DIR") or settings.BASE_DIR.parent / "shared" / "corpus")
    assert (path / "seeds" / "index.json").exists(), f"shared corpus not found at {path}; set CORPUS_DIR"
    return path
