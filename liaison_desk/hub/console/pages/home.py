"""The home page (首页): a greeting, what this account may do, and the parts other page modules add.

A module that has something for the home page (the case tiles, station health…) registers a part::

    @home_part(order=10)
    def tiles(console: Console, viewer: Viewer) -> HomePart | None:
        return HomePart("home_tiles.html", {"tiles": ...})

``home.html`` includes each part's template with its context, in ``order``; a part returns None for a
viewer it has nothing for.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from ....domain.access import Viewer
from ..deps import Console, console_of, current_viewer, nav_for, render

router = APIRouter()


@dataclass(frozen=True)
class HomePart:
    template: str
    context: dict[str, Any] = field(default_factory=dict)


PartFn = Callable[[Console, Viewer], "HomePart | None"]
_PARTS: list[tuple[int, PartFn]] = []


def home_part(order: int = 100) -> Callable[[PartFn], PartFn]:
    """Register a part of the home page (see the module's docstring)."""

    def register(fn: PartFn) -> PartFn:
        _PARTS.append((order, fn))
        _PARTS.sort(key=lambda p: p[0])
        return fn

    return register


def home_context(console: Console, viewer: Viewer) -> dict[str, Any]:
    """What ``home.html`` shows to ``viewer``: the sections they may open and every part that has something."""
    parts = [p for _order, fn in _PARTS if (p := fn(console, viewer)) is not None]
    return {"sections": [n for n in nav_for(viewer) if n.path != "/"], "parts": parts}


@router.get("/", response_class=HTMLResponse)
async def home(request: Request, viewer: Annotated[Viewer, Depends(current_viewer)]) -> HTMLResponse:
    context = await run_in_threadpool(home_context, console_of(request), viewer)
    return render(request, "home.html", context)
