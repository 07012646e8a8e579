"""System Restore is on: Windows keeps restore points (shadow copies of the system drive) to undo a damage to the
system. Not a backup — ransomware usually deletes them first — but one more way back after an incident.

Read without admin rights from the registry (`reg query`): the policy key (DisableSR / DisableConfig = 1: turned off
by a policy) and the SystemRestore key's RPSessionInterval (1 when restore is on for at least one drive, 0 when it is
off everywhere; the system drive is the one Windows protects by default). Listing the restore points themselves
(vssadmin, Get-ComputerRestorePoint) needs administrator rights: the detail says so.
"""

from __future__ import annotations

from gardien.checks.common import optional_registry, registry
from gardien.core.context import CannotTell, Context
from gardien.core.model import Outcome, Status

COUNT_NEEDS_ADMIN = "Compter les points de restauration existants demande des droits d'administrateur."


def windows(ctx: Context) -> Outcome:
    policy = optional_registry(ctx, "reg_system_restore_policy")
    for name in ("DisableSR", "DisableConfig"):
        value = policy.get(name)
        if value is not None and value.as_int() == 1:
            return Outcome(Status.FAIL, "La restauration du système est désactivée par une stratégie de l'ordinateur.",
                           {name: 1})
    values = registry(ctx, "reg_system_restore")
    session = values.get("RPSessionInterval")
    number = session.as_int() if session else None
    if number == 1:
        return Outcome(Status.PASS, "La restauration du système est activée : Windows garde des points de restauration. "
                       + COUNT_NEEDS_ADMIN, {"RPSessionInterval": 1})
    if number == 0:
        return Outcome(Status.FAIL, "La restauration du système est désactivée : aucun point de restauration n'est créé.",
                       {"RPSessionInterval": 0})
    raise CannotTell("Gardien n'a pas trouvé l'état de la restauration du système : vérifiez-le dans les paramètres "
                     "« Protection du système ».")
