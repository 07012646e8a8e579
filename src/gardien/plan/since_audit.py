"""What changed since the last audit, that its figures (score, counts, the « Bilan » page) cannot show yet: a backup or
restore test Gardien recorded after it, the backup settings changed after it (a copy added or taken out), plan steps
marked done after it. The dashboard and the audit page say so and offer to redo the audit (round 14: they showed
the old figures with nothing to say they were older than what Gardien knew)."""

from __future__ import annotations

from datetime import datetime

from gardien import fr
from gardien.plan.moments import moment


def changes(audited_at: str) -> list[str]:
    """Each change newer than the audit that ran at `audited_at` (ISO), in words, for « Depuis ce bilan : … »; empty when
    nothing newer is known, or the audit's date cannot be read."""
    audited = moment(audited_at)
    if audited is None:
        return []
    found = []
    backup = backup_after(audited_at)
    if backup is not None:
        found.append(f"une sauvegarde ou une restauration d'essai, le {fr.day_and_time(backup)}")
    settings = _settings_changed()
    if settings is not None and settings > audited:
        found.append(f"les réglages de sauvegarde, modifiés le {fr.day_and_time(settings)}")
    done = _steps_done_after(audited)
    if done:
        found.append(fr.plural(done, "étape marquée faite", "étapes marquées faites") + " dans votre plan")
    return found


def backup_after(audited_at: str) -> datetime | None:
    """When Gardien last recorded a backup or a restore test, if after the audit that ran at `audited_at`; None otherwise
    (the register says it on the audit's backup line, registre/measures.py)."""
    audited, last = moment(audited_at), _last_backup_event()
    return last if audited is not None and last is not None and last > audited else None


def _last_backup_event() -> datetime | None:
    from gardien.backup import state
    from gardien.errors import GardienError
    from gardien.plan.backup_facts import last_recorded

    if not state.path().exists():
        return None
    try:
        last = last_recorded(state.load())
    except GardienError:  # a damaged history: the backup page says so
        return None
    return moment(last) if last else None


def _settings_changed() -> datetime | None:
    from gardien.backup import config

    try:
        return datetime.fromtimestamp(config.path().stat().st_mtime).astimezone()
    except OSError:  # no backup set up
        return None


def _steps_done_after(audited: datetime) -> int:
    from gardien.store import steps

    return sum(1 for state in steps.states().values()
               if state.status == "fait" and (when := moment(state.changed_at)) is not None and when > audited)


def said(audited_at: str) -> str:
    """« Depuis ce bilan : … » and what to do, or "" when nothing newer than the audit is known."""
    found = changes(audited_at)
    if not found:
        return ""
    return (f"Depuis ce bilan : {fr.listed(found)}. Ses chiffres ne le montrent pas encore : refaites le bilan pour les "
            "mettre à jour (quelques secondes, rien n'est modifié).")
