"""Who is at the desk now: the open database, the language, and the signed-in person and shift; and the desk's
one signal for what changed (``DeskSignals.changed``, see ``services.changes``)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from ..domain.errors import DomainError
from ..domain.workflow import Role

if TYPE_CHECKING:  # the desk's first screen is drawn before the services (and the ORM) are loaded
    from ..services.changes import Changes
    from ..services.context import Actor, Database


class DeskSignals(QObject):
    """One per desk window. Whoever calls a write service publishes what it returned; open screens connect
    to ``changed`` and reload only when the value concerns them."""

    changed = Signal(object)  # a services.changes.Changes, never empty


@dataclass(frozen=True)
class DeskSession:
    """Passed to every screen; ``actor`` is recorded on everything they do (events, visits, shifts)."""

    db: Database
    lang: str = "zh"
    data_dir: Path | None = None
    actor: Actor | None = None
    shift_id: uuid.UUID | None = None
    signals: DeskSignals | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        # One shift for the session and its actor (the actor's is what a registration records): given either
        # way, both carry it.
        if self.actor is None:
            return
        if self.shift_id is None:
            object.__setattr__(self, "shift_id", self.actor.shift_id)
        elif self.actor.shift_id != self.shift_id:
            object.__setattr__(self, "actor", replace(self.actor, shift_id=self.shift_id))

    @property
    def signed_in(self) -> bool:
        return self.actor is not None

    @property
    def role(self) -> Role | None:
        return self.actor.role if self.actor else None

    def require_actor(self) -> Actor:
        """The signed-in person; a DomainError (shown as a sentence) when nobody is signed in."""
        if self.actor is None:
            raise DomainError("not_signed_in", "请先签到。", message_en="Sign in first.")
        return self.actor

    def publish(self, changes: Changes | None) -> None:
        """Tell the open screens what a write changed (nothing when it changed nothing, or no desk listens)."""
        if changes and self.signals is not None:
            self.signals.changed.emit(changes)

    def with_actor(self, actor: Actor | None, shift_id: uuid.UUID | None = None) -> DeskSession:
        return replace(self, actor=actor, shift_id=shift_id)
