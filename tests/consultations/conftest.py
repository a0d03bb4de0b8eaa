from pathlib import Path

import pytest

from tests.corpus import CORPUS


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The shared corpus beside the repository (CORPUS_DIR overrides). Missing corpus fails."""
    assert (CORPUS / "seeds" / "index.json").exists(), f"shared corpus not found at {CORPUS}; set CORPUS_DIR"
    return CORPUS
