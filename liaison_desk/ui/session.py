"""Who is at the desk now: the open database, the language, and the signed-in person and shift."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from ..domain.workflow import Role

if TYPE_CHECKING:  # the desk's first screen is drawn before the services (and the ORM) are loaded
    from ..services.context import Actor


@dataclass(frozen=True)
class DeskSession:
    """Passed to every screen; ``actor`` is recorded on everything they do (events, visits, shifts)."""

    db: object
    lang: str = "zh"
    data_dir: Path | None = None
    actor: Actor | None = None
    shift_id: uuid.UUID | None = None

    @property
    def signed_in(self) -> bool:
        return self.actor is not None

    @property
    def role(self) -> Role | None:
        return self.actor.role if self.actor else None

    def with_actor(self, actor: Actor | None, shift_id: uuid.UUID | None = None) -> DeskSession:
        return replace(self, actor=actor, shift_id=shift_id)
