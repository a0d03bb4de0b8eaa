"""django-allauth ships no Vietnamese: portal/locale_allauth/vi translates every message of its
sources the portal shows (forms, adapter errors, flash messages, mails). This test lists them
from allauth's own French catalog (which names each message's source) and fails on any left
untranslated, so an upgrade of allauth that adds one is noticed (portal/locale_allauth/README.md).
"""

import gettext
import re
from pathlib import Path

import allauth
from django.conf import settings

from tests.portal.catalogs import assert_compiled_in_step

ALLAUTH_FR = Path(allauth.__file__).parent / "locale" / "fr" / "LC_MESSAGES" / "django.po"
OURS = settings.BASE_DIR / "portal" / "locale_allauth" / "vi" / "LC_MESSAGES"
# The sources whose messages reach a visitor: the account code (not its Django admin), allauth's
# core, the flash messages and the mails (the pages are the portal's own templates).
SHOWN = re.compile(r"(account/(?!admin)[a-z_/]+\.py|core/[a-z_/]+\.py|templates/account/(messages|email)/)")


def shown_allauth_messages() -> set[str]:
    messages = set()
    for block in ALLAUTH_FR.read_text(encoding="utf-8").split("\n\n"):
        references = " ".join(re.findall(r"^#: (.*)$", block, re.M)).split()
        found = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        if not found or not any(SHOWN.match(reference) for reference in references):
            continue
        msgid = "".join(re.findall(r'"(.*)"', found.group(1)))
        msgid = msgid.replace('\\"', '"').replace("\\n", "\n")
        if msgid:
            messages.add(msgid)
    return messages


def test_it_translates_every_allauth_message_the_portal_shows_into_vietnamese():
    shown = shown_allauth_messages()
    assert len(shown) > 90  # the parse found allauth's messages
    with (OURS / "django.mo").open("rb") as compiled:
        catalog = gettext.GNUTranslations(compiled)
    missing = sorted(message for message in shown if catalog.gettext(message) == message)
    assert not missing, f"untranslated in {OURS / 'django.po'}: {missing}"


def test_it_keeps_the_compiled_catalog_in_step_with_its_source():
    assert assert_compiled_in_step(OURS / "django.po") > 90
