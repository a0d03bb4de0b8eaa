"""Where the shared corpus is: CORPUS_DIR (absolute, or relative to the repository), else
../shared/corpus beside the repository. One definition for every test package."""

import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("CORPUS_DIR") or REPO.parent / "shared" / "corpus")
if not CORPUS.is_absolute():
    CORPUS = (REPO / CORPUS).resolve()
SEEDS = CORPUS / "seeds"
