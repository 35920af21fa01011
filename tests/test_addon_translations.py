"""Every addon speaks Persian: its fa.po translates every term of its .pot template."""

from pathlib import Path

import polib
import pytest

ADDONS = sorted(
    p.parent for p in (Path(__file__).parent.parent / "odoo_addons").glob("*/__manifest__.py")
)


@pytest.mark.parametrize("addon", ADDONS, ids=lambda p: p.name)
def test_persian_translation_is_complete(addon: Path):
    pot_path = addon / "i18n" / f"{addon.name}.pot"
    fa_path = addon / "i18n" / "fa.po"
    assert pot_path.exists(), f"{addon.name}: export the .pot (README, 'Translations')"
    assert fa_path.exists(), f"{addon.name}: no i18n/fa.po"
    template = {entry.msgid for entry in polib.pofile(str(pot_path))}
    persian = polib.pofile(str(fa_path))
    untranslated = [e.msgid for e in persian if not e.msgstr and not e.obsolete]
    assert not untranslated, f"{addon.name}: untranslated {untranslated[:5]}"
    missing = template - {entry.msgid for entry in persian}
    assert not missing, f"{addon.name}: fa.po lacks terms of the .pot: {sorted(missing)[:5]}"


@pytest.mark.parametrize("addon", ADDONS, ids=lambda p: p.name)
def test_placeholders_survive_translation(addon: Path):
    """A translated %(name)s or %s that goes missing breaks the message at run time."""
    import re

    placeholder = re.compile(r"%\(\w+\)s|%s|%%")
    for entry in polib.pofile(str(addon / "i18n" / "fa.po")):
        if entry.msgstr:
            assert sorted(placeholder.findall(entry.msgid)) == sorted(
                placeholder.findall(entry.msgstr)
            ), f"{addon.name}: {entry.msgid!r}"
