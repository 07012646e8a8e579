"""Put the original values back into an AI's answer, even when it alters the placeholders a little:
[PATIENT_1], [Patient_1], [PATIENT 1], PATIENT_1, [PATIENT-1], « PATIENT_1 ».

Never the wrong patient: the answer's placeholders must all come from the chosen correspondence. An answer that
names a placeholder the correspondence does not hold (it was written about another text), or that several kept
correspondences could explain, is refused with the reason instead of being filled in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from gardien.errors import GardienError

LABELS = ("PATIENT", "MEDECIN", "PERSONNE", "DATE_NAISSANCE", "DATE", "TEL", "EMAIL", "NIR", "ADRESSE", "VILLE", "PAYS", "LIEU",
          "CODE_POSTAL", "CODE_ACCES", "ETABLISSEMENT", "IPP", "NDA", "DOSSIER", "RPPS", "ADELI", "FINESS", "IBAN", "URL")
_LABEL = "|".join(label.replace("_", "[ _-]") for label in LABELS)
# every way an AI writes a placeholder back: brackets or not, any case, space, dash or underscore before the number
PLACEHOLDER = re.compile(rf"\[\s*({_LABEL})[ _-]?(\d+)\s*\]|(?<![\w\[])({_LABEL})[_-](\d+)(?![\d\w])", re.I)


def canonical(label: str, number: str) -> str:
    return f"[{re.sub(r'[ _-]', '_', label.upper())}_{int(number)}]"


def placeholders_in(text: str) -> set[str]:
    """The placeholders an answer contains, written the way Gardien writes them ([PATIENT_1])."""
    return {canonical(m.group(1) or m.group(3), m.group(2) or m.group(4)) for m in PLACEHOLDER.finditer(text)}


def reidentify(text: str, mapping: dict[str, str]) -> tuple[str, int]:
    """(restored text, number of replacements). Call `check` first: this fills in what it knows."""
    count = 0

    def put_back(m: re.Match) -> str:
        nonlocal count
        key = canonical(m.group(1) or m.group(3), m.group(2) or m.group(4))
        if key not in mapping:
            return m.group(0)
        count += 1
        return mapping[key]

    return PLACEHOLDER.sub(put_back, text), count


class Mismatch(GardienError):
    """The answer does not belong to the chosen text: nothing is put back."""


def check(answer: str, mapping: dict[str, str], origin: str = "de ce texte") -> set[str]:
    """The answer's placeholders, when they all belong to `mapping`; raise Mismatch (French reason) otherwise."""
    found = placeholders_in(answer)
    if not found:
        raise Mismatch("Cette réponse ne contient aucun repère comme [PATIENT_1] : il n'y a rien à remettre. "
                       "Vérifiez que vous avez collé la réponse de l'IA au texte préparé ici.")
    unknown = sorted(found - set(mapping))
    if unknown:
        raise Mismatch(f"Cette réponse contient {_listed(unknown)}, qui ne vien{'nen' if len(unknown) > 1 else ''}t pas "
                       f"{origin} : elle a sans doute été écrite à propos d'un autre texte. Gardien ne remet aucun nom, "
                       "pour ne jamais mettre le nom d'un patient dans la réponse qui en concerne un autre.")
    return found


PREVIEW_CHARS = 70


@dataclass(frozen=True)
class Kept:
    """One pseudonymised text's correspondence, as the web session keeps it."""

    number: int
    mapping: dict[str, str]
    preview: str  # the beginning of the pseudonymised text (no identifier in it), to recognise the document
    time: str  # « 10:42 »
    about: str = ""  # the initials of the people in it (« C. D., K. B. »): letters on one letterhead all begin alike

    @classmethod
    def of(cls, number: int, mapping: dict[str, str], text: str, time: str) -> Kept:
        words = " ".join(text.split())
        # the patients first; the practitioner of the letterhead is among the people too, the same in every letter
        people = [_initials(mapping[k]) for prefix in ("[PATIENT", "[PERSONNE") for k in mapping if k.startswith(prefix)]
        return cls(number, mapping, words[:PREVIEW_CHARS] + ("…" if len(words) > PREVIEW_CHARS else ""), time,
                   ", ".join(dict.fromkeys(p for p in people if p)))

    @property
    def origin(self) -> str:
        return f"du texte n° {self.number} (préparé à {self.time})"


def _initials(name: str) -> str:
    """« M. Karim Benali » -> « K. B. »: enough to tell two letters apart, no name in the list (the titles are the
    name finder's own, names.TITLES)."""
    from gardien.pseudonym.names import TITLES, plain

    parts = [w for w in re.split(r"[\s.-]+", name) if w[:1].isalpha() and plain(w) not in TITLES]
    return " ".join(f"{w[0].upper()}." for w in parts[:3])


def choose(answer: str, kept: list[Kept], chosen: int | None) -> Kept:
    """The correspondence to use for `answer`: the chosen one if its placeholders match, else the only one whose
    placeholders contain all of the answer's. Raise Mismatch with the reason otherwise."""
    if chosen is not None:
        document = next((k for k in kept if k.number == chosen), None)
        if document is None:
            raise Mismatch("Ce texte n'est plus en mémoire (Gardien a été fermé, ou trop de textes ont été préparés depuis) : "
                           "refaites l'étape 1.")
        check(answer, document.mapping, document.origin)
        return document
    found = placeholders_in(answer)
    if not found:
        check(answer, {})
    matching = [k for k in kept if found <= set(k.mapping)]
    if not matching:
        raise Mismatch(f"Cette réponse contient {_listed(sorted(found))}, mais aucun des textes préparés ici ne les contient "
                       "tous : elle a sans doute été écrite à propos d'un autre texte. Gardien ne remet aucun nom.")
    # texts that give the answer's placeholders the same names (one text prepared twice) give the same answer back
    if len({tuple(k.mapping[p] for p in sorted(found)) for k in matching}) == 1:
        return matching[-1]
    if len(matching) > 1:
        numbers = ", ".join(f"n° {k.number}" for k in matching)
        raise Mismatch(f"Ces repères existent dans plusieurs textes préparés ici ({numbers}) : Gardien ne peut pas savoir "
                       "de quel patient parle la réponse. Choisissez le texte dans la liste « Cette réponse concerne ».")
    return matching[0]


def _listed(placeholders: list[str]) -> str:
    shown = ", ".join(placeholders[:5]) + (" …" if len(placeholders) > 5 else "")
    return f"le repère {shown}" if len(placeholders) == 1 else f"les repères {shown}"
