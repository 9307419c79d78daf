"""The station's tables, every one: the core records (``models_core``) and each later feature's tables
(``models_duty``, ``models_desk``, ``models_sync``), with the registry of synced models. Import models from
here.

The feature modules build on the core (its ``Base``, ``Synced``, ``Case``…), so the core does not import
them; they come together here, above all of them (no module imports one that imports it back).
"""

from __future__ import annotations

from . import models_audit, models_civic, models_desk, models_duty, models_sync
from .models_core import *  # noqa: F403  (every core table and helper under its usual name)
from .models_core import (
    Activity,
    ActivityParticipant,
    Case,
    CaseEvent,
    Category,
    Constituent,
    Department,
    Deputy,
    DeputyGroup,
    DeputyGroupMember,
    DutyShift,
    Operator,
    PrintRecord,
    StaffMember,
    Station,
    StationAssignment,
    Synced,
    Village,
    Visit,
)

# Each feature module lists its synced models in ``SYNCED``, in an order where parents come before children.
SYNCED_MODELS: tuple[type[Synced], ...] = (
    Station, Deputy, DeputyGroup, DeputyGroupMember, StationAssignment, StaffMember, Operator, Department,
    Category, Village, Constituent, DutyShift, Visit, Case, CaseEvent, Activity, ActivityParticipant,
    PrintRecord, *models_duty.SYNCED, *models_desk.SYNCED, *models_sync.SYNCED,
    *models_audit.SYNCED, *models_civic.SYNCED,
)
ENTITY_NAMES: dict[type, str] = {m: m.__tablename__ for m in SYNCED_MODELS}
MODELS_BY_ENTITY: dict[str, type[Synced]] = {m.__tablename__: m for m in SYNCED_MODELS}
