"""Translations: all messages translated, .mo files fresh, pages follow ?lang=.

How to update the catalogs after changing strings: docs/translations.md.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po
from markupsafe import escape

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "helpdesk" / "translations"
LANGUAGES = ("kk", "ru", "en")
# English is the source language: its msgstrs may stay empty (gettext then
# shows the msgid). Kazakh and Russian must be complete.
MUST_TRANSLATE = ("kk", "ru")
# the same keywords as the extract command in docs/translations.md
EXTRA_KEYWORDS = ("lazy_gettext", "N_")
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdif]")
HINT = "update the catalogs as docs/translations.md says"


def load_po(lang: str) -> Catalog:
    with open(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po", "rb") as fh:
        return read_po(fh, locale=lang)


def _rel(path: str) -> str:
    p = Path(path)
    return str(p.relative_to(ROOT)) if p.is_relative_to(ROOT) else path


def _texts(value: str | tuple[str, ...] | list[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> Catalog:
    """The messages in the code now, extracted as `pybabel extract` does."""
    pot = tmp_path_factory.mktemp("i18n") / "messages.pot"
    argv = ["pybabel", "-q", "extract", "-F", str(ROOT / "babel.cfg")]
    for keyword in EXTRA_KEYWORDS:
        argv += ["-k", keyword]
    argv += ["-o", str(pot), str(ROOT)]
    CommandLineInterface().run(argv)
    with open(pot, "rb") as fh:
        catalog = read_po(fh)
    assert len(catalog) > 50, "extraction found almost nothing: is babel.cfg right?"
    return catalog


def _problems(message, found) -> list[str]:  # type: ignore[no-untyped-def]
    """What is wrong with the translation `found` of an extracted `message`."""
    msgid = _texts(message.id)[0]
    where = ", ".join(f"{_rel(p)}:{line}" for p, line in message.locations[:3])
    label = f"{msgid!r} ({where})"
    if found is None:
        return [f"missing: {label}"]
    strings = _texts(found.string)
    if found.fuzzy:
        return [f"fuzzy: {label}"]
    if not strings or not all(s.strip() for s in strings):
        return [f"empty: {label}"]
    wanted = set(PLACEHOLDER.findall(msgid))
    # templates always %-format the translation; Python does when given values
    formatted = wanted or any(p.endswith(".html") for p, _ in message.locations)
    problems = []
    for text in strings:
        if set(PLACEHOLDER.findall(text)) != wanted:
            problems.append(f"placeholders differ: {label} -> {text!r}")
        elif formatted:
            try:
                text % dict.fromkeys(wanted, 1)
            except (ValueError, TypeError, KeyError) as exc:
                problems.append(f"bad format ({exc}): {label} -> {text!r}")
    return problems


@pytest.mark.parametrize("lang", MUST_TRANSLATE)
def test_every_message_is_translated(extracted: Catalog, lang: str) -> None:
    """(a) Each msgid in the code has a translation, not fuzzy, same placeholders."""
    catalog = load_po(lang)
    problems = [
        problem
        for message in extracted
        if message.id
        for problem in _problems(message, catalog.get(message.id, message.context))
    ]
    assert not problems, (
        f"{len(problems)} message(s) not translated right in {lang}; {HINT}:\n  "
        + "\n  ".join(problems)
    )


def _compiled(catalog: Catalog) -> dict[tuple[object, object], object]:
    return {(m.id, m.context): m.string for m in catalog if m.id}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_mo_file_matches_po(lang: str) -> None:
    """(b) The committed .mo is what `pybabel compile` makes of the committed .po."""
    mo_path = TRANSLATIONS / lang / "LC_MESSAGES" / "messages.mo"
    assert mo_path.is_file(), f"{mo_path} is missing; {HINT}"
    buf = io.BytesIO()
    write_mo(buf, load_po(lang))  # without fuzzy entries, as pybabel compile
    buf.seek(0)
    expected = _compiled(read_mo(buf))
    with open(mo_path, "rb") as fh:
        actual = _compiled(read_mo(fh))
    stale = sorted(
        str(key[0])
        for key in expected.keys() | actual.keys()
        if expected.get(key) != actual.get(key)
    )
    assert not stale, f"{mo_path} is stale ({len(stale)}: {stale[:5]}); {HINT}"


def test_citizen_page_follows_language(client) -> None:  # type: ignore[no-untyped-def]
    """(c) `/?lang=` renders the page, and its JavaScript strings, in that language."""
    for lang in LANGUAGES:
        catalog = load_po(lang)

        def tr(msgid: str, catalog: Catalog = catalog) -> str:
            found = catalog.get(msgid)
            text = found.string if found is not None else ""
            return text if isinstance(text, str) and text else msgid

        res = client.get(f"/?lang={lang}")
        assert res.status_code == 200
        page = res.get_data(as_text=True)
        assert f'<html lang="{lang}">' in page
        heading = tr("Ask a cyber-volunteer")
        if lang in MUST_TRANSLATE:
            assert heading != "Ask a cyber-volunteer"
        assert str(escape(heading)) in page, f"{lang}: {heading!r} not on the page"
        found = re.search(r"window\.I18N = (\{.*?\});", page, re.S)
        assert found, "the page has no window.I18N block"
        strings = json.loads(found.group(1))
        assert strings["required"] == tr("Please write your question.")


def test_system_messages_use_conversation_language(app) -> None:  # type: ignore[no-untyped-def]
    """N_() marks a message; it is translated later inside force_locale(conv.lang)."""
    from flask_babel import force_locale, gettext

    from helpdesk.services.routing import JOINED

    name = "Айгерім"
    with app.test_request_context("/?lang=en"):
        for lang in MUST_TRANSLATE:
            found = load_po(lang).get(JOINED)
            assert found is not None and found.string, f"{JOINED!r} not in {lang}"
            assert isinstance(found.string, str)  # no plural forms
            with force_locale(lang):
                assert gettext(JOINED, name=name) == found.string % {"name": name}
