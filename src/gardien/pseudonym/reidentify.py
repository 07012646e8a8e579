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


# a person's other surname is written after « née » or « épouse »: the same placeholder, put back as written there
OTHER_SURNAME_BEFORE = re.compile(r"(?<![\w'’-])(?i:(née|nee)|(épouse|epouse|ép\.|ep\.))[ \t]+$")


def other_surname_word(text: str, start: int) -> str:
    """« née » or « épouse » when the name at `start` follows one of them, else ""."""
    m = OTHER_SURNAME_BEFORE.search(text, max(0, start - 10), start)
    return "" if not m else "née" if m.group(1) else "épouse"


def other_form_key(placeholder: str, word: str) -> str:
    """The correspondence's key of a person's birth or married name (« [PATIENT_1] épouse »): no placeholder an
    answer can hold, so `check` and the lists of people never see it."""
    return f"{placeholder} {word}"


def reidentify(text: str, mapping: dict[str, str]) -> tuple[str, int]:
    """(restored text, number of replacements). Call `check` first: this fills in what it knows."""
    count = 0

    def put_back(m: re.Match) -> str:
        nonlocal count
        key = canonical(m.group(1) or m.group(3), m.group(2) or m.group(4))
        if key not in mapping:
            return m.group(0)
        count += 1
        if (other := other_surname_word(m.string, m.start())) and other_form_key(key, other) in mapping:
            return mapping[other_form_key(key, other)]
        return mapping[key]

    return PLACEHOLDER.sub(put_back, text), count


class Mismatch(GardienError):
    """The answer does not belong to the chosen text: nothing is put back."""


class UnknownMarkers(Mismatch):
    """Markers that no prepared text holds (an AI that invents or renumbers one, walkthrough round 17): named first;
    when every other marker comes from one text (`document`), the names can be put back and these left as written,
    if she asks."""

    def __init__(self, unknown: list[str], origin: str | None, others: bool, document: Kept | None = None,
                 where: str = "dans aucun texte préparé ici") -> None:
        self.unknown, self.document = unknown, document
        several = len(unknown) > 1
        listed = _listed(unknown)
        nowhere = f"{listed[0].upper()}{listed[1:]} n'existe{'nt' if several else ''} {where}"
        if origin is None:
            rest = ", et les autres repères de la réponse ne viennent pas tous d'un seul texte" if others else ""
            super().__init__(f"{nowhere}{rest} : elle a sans doute été écrite à propos d'un autre texte. Gardien ne remet "
                             "aucun nom.")
        else:
            them, made, as_is = ("les a", "s", "tels quels") if several else ("l'a", "", "tel quel")
            super().__init__(f"{nowhere} : l'IA {them} sans doute inventé{made} ou renuméroté{made}. Tous les autres repères "
                             f"viennent {origin}. Gardien peut remettre les autres noms et laisser {_shown(unknown)} {as_is}, "
                             "à corriger vous-même.")


def check(answer: str, mapping: dict[str, str], origin: str = "de ce texte", left: frozenset[str] = frozenset()) -> set[str]:
    """The answer's placeholders, when they all belong to `mapping` (but those `left` as written); raise Mismatch
    (French reason) otherwise."""
    found = placeholders_in(answer) - left
    if not found and left:
        raise Mismatch(f"Aucun repère de cette réponse ne vient {origin} : il n'y a rien à remettre.")
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
        people = [_initials(mapping[k]) for prefix in ("[PATIENT", "[PERSONNE") for k in mapping
                  if k.startswith(prefix) and k.endswith("]")]
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


def choose(answer: str, kept: list[Kept], chosen: int | None, leave_unknown: bool = False) -> Kept:
    """The correspondence to use for `answer`: the chosen one if its placeholders match, else the only one whose
    placeholders contain all of the answer's. Raise Mismatch with the reason otherwise; UnknownMarkers first when some
    placeholders are in no text at all, unless `leave_unknown` (then they are left as written: `unknown_in`)."""
    found = placeholders_in(answer)
    if not found:
        check(answer, {})
    nowhere = unknown_in(answer, kept)
    if nowhere and not leave_unknown:
        try:
            document = choose(answer, kept, chosen, leave_unknown=True)
        except Mismatch:
            document = None
        raise UnknownMarkers(nowhere, document.origin if document else None, found > set(nowhere), document)
    found -= set(nowhere)
    if chosen is not None:
        document = next((k for k in kept if k.number == chosen), None)
        if document is None:
            raise Mismatch("Ce texte n'est plus en mémoire (Gardien a été fermé, ou trop de textes ont été préparés depuis) : "
                           "refaites l'étape 1.")
        check(answer, document.mapping, document.origin, frozenset(nowhere))
        return document
    if not found:
        check(answer, {}, "des textes préparés ici", frozenset(nowhere))
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


def unknown_in(answer: str, kept: list[Kept]) -> list[str]:
    """The answer's placeholders that no prepared text holds."""
    return sorted(placeholders_in(answer) - {p for k in kept for p in k.mapping})


def _shown(placeholders: list[str]) -> str:
    return ", ".join(placeholders[:5]) + (" …" if len(placeholders) > 5 else "")


def _listed(placeholders: list[str]) -> str:
    return f"le repère {_shown(placeholders)}" if len(placeholders) == 1 else f"les repères {_shown(placeholders)}"
