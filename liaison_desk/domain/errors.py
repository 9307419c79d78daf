"""Domain errors: every rule violation raises one, with a message in the user's language."""

from __future__ import annotations


class DomainError(Exception):
    """A rule was broken by the input; ``message`` is shown to the user as it is (Chinese by default).

    ``code`` is stable for programs and tests; ``field`` names the input at fault when there is one.
    """

    def __init__(self, code: str, message: str, *, field: str | None = None, message_en: str | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.message_en = message_en or message
        self.field = field

    def localized(self, lang: str = "zh") -> str:
        return self.message_en if lang == "en" else self.message


class ValidationError(DomainError):
    """An input value is malformed (phone number, ID number, name, date, case number…)."""


class WorkflowError(DomainError):
    """A case action is not allowed in the case's current state, or not for this role."""


class PermissionDenied(DomainError):
    """The signed-in role may not do this."""
