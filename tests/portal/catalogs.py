"""Reading the portal's gettext catalogs in tests (portal/locale_allauth, portal/locale_wagtail)."""

import gettext
import re
from pathlib import Path


def assert_compiled_in_step(po_path: Path) -> int:
    """Each singular message of ``po_path`` reads the same from the ``.mo`` beside it; how many."""
    source = po_path.read_text(encoding="utf-8")
    with po_path.with_suffix(".mo").open("rb") as compiled:
        catalog = gettext.GNUTranslations(compiled)
    pairs = re.findall(r'^msgid "(.+)"\nmsgstr "(.+)"$', source, re.M)
    for msgid, msgstr in pairs:
        assert catalog.gettext(msgid.replace('\\"', '"')) == msgstr.replace('\\"', '"'), msgid
    return len(pairs)
