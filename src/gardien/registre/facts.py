"""What the GDPR register says that other parts of Gardien use (walkthrough, round 12: what she told the register was
not known elsewhere). The one place that reads the register for them:
- the practitioner's name (the controller, art. 30.1.a), for the end-of-life certificate;
- the interview's answers that settle or concern questionnaire questions (declared by her, not measured): working
  alone, without secretary, locum or employee, settles the team questions; files hosted online make the HDS question
  hers;
- whether the register exists and how much of it is left « à compléter » (measured by Gardien: it reads the file),
  for the plan's step « Tenir le registre des traitements ».
A register that cannot be read says nothing here (the register page says why).
"""

from __future__ import annotations

from dataclasses import dataclass

from gardien import fr
from gardien.errors import GardienError
from gardien.questionnaire.questions import RegisterFact
from gardien.registre.interview import ACCESS_LABEL, Access, Hosting, Interview
from gardien.registre.model import Register

HDS_QUESTION = "hebergement_hds"
TEAM_QUESTION = "sensibilisation_equipe"
COMPUTERS_QUESTION = "bilan_chaque_ordinateur"  # other computers at the practice: the same audit on each


def register() -> Register | None:
    """The register, None when there is none or it cannot be read."""
    from gardien.registre import storage

    try:
        return storage.load()
    except GardienError:
        return None


def _interview(found: Register | None) -> Interview | None:
    try:
        return Interview.from_dict(found.interview) if found is not None else None
    except (GardienError, ValueError, KeyError, TypeError):
        return None


def practitioner_name() -> str:
    """The practitioner's or the practice's name the register knows, "" when it has none."""
    interview = _interview(register())
    return interview.nom if interview else ""


def questionnaire_facts() -> dict[str, RegisterFact]:
    """Question id -> what the register's interview says of it; empty without a register."""
    found = register()
    interview = _interview(found)
    if interview is None:
        return {}
    at = found.updated_at
    facts = {}
    if interview.hebergement is Hosting.ONLINE:
        software = f" ({interview.logiciel_dossiers})" if interview.logiciel_dossiers else ""
        facts[HDS_QUESTION] = RegisterFact(True, f"vos dossiers patients sont hébergés en ligne{software}", at)
    others = [ACCESS_LABEL[a] for a in interview.acces] + (["des salariés"] if interview.salaries else [])
    if interview.group:
        facts[TEAM_QUESTION] = RegisterFact(True, "vous exercez à plusieurs", at)
    elif others:
        facts[TEAM_QUESTION] = RegisterFact(True, "vous travaillez avec " + fr.listed(others), at)
    else:
        facts[TEAM_QUESTION] = RegisterFact(
            False, "vous exercez en cabinet individuel, sans secrétariat, remplaçant ni salarié", at)
    # several practitioners, or a secretary (a reception computer): this computer is not the only one of the practice
    if interview.group or Access.SECRETARIAT in interview.acces:
        facts[COMPUTERS_QUESTION] = RegisterFact(True, facts[TEAM_QUESTION].said, at)
    return facts


@dataclass(frozen=True)
class Completeness:
    created_at: str
    updated_at: str
    to_complete: int  # « à compléter » elements left (builder.gaps)


def completeness() -> Completeness | None:
    """The register as Gardien reads it: when made, last changed, how many elements are left to complete; None when
    there is none, or it cannot be read."""
    from gardien.registre import builder

    found = register()
    if found is None:
        return None
    return Completeness(found.created_at, found.updated_at, len(builder.gaps(found)))
