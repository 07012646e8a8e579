"""Build the place names of gardien.pseudonym (run by developers, not at run time).

    apt-get install iso-codes            # Debian's ISO 3166 lists and their French translations
    pip download --no-deps --no-binary :none: -d /tmp/places phonenumbers==9.0.43
    python3 scripts/build_place_data.py /tmp/places/phonenumbers-9.0.43-*.whl

Sources, both maintained and read as data only (neither is installed by Gardien):
- Debian's iso-codes (/usr/share/iso-codes/json, translations in /usr/share/locale/fr/LC_MESSAGES): ISO 3166-1
  country names, short and official (« Royaume-Uni de Grande-Bretagne et d'Irlande du Nord »), and ISO 3166-2
  subdivisions (regions, provinces, counties: « Floride », « Essex », « Gaziantep »);
- libphonenumber's French country names (phonenumbers' geodata/locale.py, from the Unicode CLDR), which have the
  current usual names that iso-codes 4.15 lacks in French (« Turquie », « Russie », « Corée du Sud »).
Writes src/gardien/pseudonym/data/{pays,regions}.txt, one name a line, as written.
"""

from __future__ import annotations

import ast
import gettext
import json
import re
import sys
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "gardien" / "pseudonym" / "data"
ISO = Path("/usr/share/iso-codes/json")
LOCALES = Path("/usr/share/locale")


def main(phonenumbers_wheel: Path) -> None:
    countries = _iso_countries() | _cldr_countries(phonenumbers_wheel)
    regions = _iso_subdivisions() - countries
    (OUT / "pays.txt").write_text("\n".join(sorted(countries)) + "\n", encoding="utf-8")
    (OUT / "regions.txt").write_text("\n".join(sorted(regions)) + "\n", encoding="utf-8")
    print(f"{len(countries)} country names, {len(regions)} subdivision names")


def _usable(name: str) -> bool:
    # inverted catalogue forms (« Corée, République de ») are no way of writing a country in a sentence
    return bool(name) and "," not in name and "(" not in name and name[0].isupper()


def _iso_countries() -> set[str]:
    french = gettext.translation("iso_3166-1", str(LOCALES), ["fr"])
    names = set()
    for country in json.loads((ISO / "iso_3166-1.json").read_text(encoding="utf-8"))["3166-1"]:
        for key in ("name", "official_name", "common_name"):
            if country.get(key):
                translated = french.gettext(country[key])
                if translated != country[key] or key == "name":  # an untranslated official name is English
                    names.add(translated)
    return {n for n in names if _usable(n)}


def _iso_subdivisions() -> set[str]:
    french = gettext.translation("iso_3166-2", str(LOCALES), ["fr"])
    names = set()
    for subdivision in json.loads((ISO / "iso_3166-2.json").read_text(encoding="utf-8"))["3166-2"]:
        translated = re.sub(r"\s*\[[^]]*\]", "", french.gettext(subdivision["name"])).strip()
        names.update(part.strip() for part in translated.split(" / "))  # « Bruxelles / Brussel »
    return {n for n in names if _usable(n) and len(n) >= 3}


def _cldr_countries(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        source = archive.read("phonenumbers/geodata/locale.py").decode("utf-8")
    # LOCALE_DATA = {'SE': {'fr': u('Su\u00e8de'), 'ca': '*aa', ...}, ...}; '*xx' points to another language's name
    table = next(node.value for node in ast.parse(source).body
                 if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "LOCALE_DATA")
    names = set()
    for entry in table.values:
        languages = {ast.literal_eval(k): _literal(v) for k, v in zip(entry.keys, entry.values, strict=True)}
        name = languages.get("fr")
        while name and name.startswith("*"):
            name = languages.get(name[1:])
        if name:
            names.add(name)
    return {n for n in names if _usable(n)}


def _literal(node: ast.expr) -> str:
    if isinstance(node, ast.Call):  # u('Su\u00e8de')
        node = node.args[0]
    value = ast.literal_eval(node)
    return value.encode("latin-1", "backslashreplace").decode("unicode_escape") if "\\u" in value else value


if __name__ == "__main__":
    main(Path(sys.argv[1]))
