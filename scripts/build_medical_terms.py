"""Build the medical vocabulary of gardien.pseudonym from edsnlp's terminologies (run by developers, not at run time).

    pip download --no-deps -d /tmp/edsnlp edsnlp==0.23.0
    python3 scripts/build_medical_terms.py /tmp/edsnlp/edsnlp-0.23.0-*.whl

Only the wheel's data files are read (it is a zip): edsnlp itself is not installed, neither here nor by Gardien.
Writes src/gardien/pseudonym/data/{medicaments,maladies,vocabulaire_medical,unites}.txt.
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
PRENOMS = Path(__file__).resolve().parents[1] / "src" / "gardien" / "passwords" / "data" / "prenoms_fr.txt"
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# Words of the CIM-10 labels that say nothing medical on their own and are common surnames or everyday words in
# letters; a capitalised one must stay a possible name ("Mme Long", "M. Blanc").
NOT_MEDICAL = {"sans", "avec", "autres", "autre", "non", "par", "pour", "dans", "des", "les", "une", "aux", "sur", "sous",
               "précision", "precision", "classés", "classes", "ailleurs", "site", "type", "due", "dus", "lors"}


def plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def main(wheel: Path) -> None:
    first_names = set(PRENOMS.read_text(encoding="utf-8").split())
    with zipfile.ZipFile(wheel) as archive:
        drugs = json.loads(archive.read("edsnlp/resources/drugs.json"))
        cim10 = list(csv.DictReader(io.StringIO(gzip.decompress(archive.read("edsnlp/resources/cim10.csv.gz")).decode("utf-8"))))
        quantities = archive.read("edsnlp/pipes/misc/quantities/patterns.py").decode("utf-8")
    # one entry names its maker ("... assistance publique-hopitaux de paris"): the maker is not a drug
    drug_names = sorted({plain(name).split(" assistance publique")[0].strip() for names in drugs.values() for name in names})
    # the three-character categories are the disease names a letter uses ("Maladie de Crohn", "Arthrose de la hanche")
    diseases = sorted({row["long"].strip() for row in cim10 if len(row["code"]) == 3})
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
    (OUT / "unites.txt").write_text("\n".join(units) + "\n", encoding="utf-8")
    print(f"{len(drug_names)} drug names, {len(diseases)} diseases, {len(vocabulary)} words, {len(units)} units")


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
    main(Path(sys.argv[1]))
