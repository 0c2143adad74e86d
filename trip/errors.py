"""The one error a broken data file raises, so the app can name file, row and field."""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dataclass_field
from typing import Any

from trip.text import quote


@dataclass
class DataFileError(Exception):
    """A data file broke a rule; ``key`` names the catalog message that explains it.

    ``row`` is the line number in the file (the header is line 1); ``None`` when the
    problem is the file as a whole.
    """

    key: str
    file: str
    row: int | None = None
    field: str | None = None
    value: Any = None
    expected: str = ""
    details: dict[str, Any] = dataclass_field(default_factory=dict)

    def __post_init__(self) -> None:
        super().__init__(self.__str__())

    @property
    def placeholders(self) -> dict[str, Any]:
        """Values for the catalog message; every message may use any of them."""
        return {
            "file": self.file,
            "row": "–" if self.row is None else self.row,
            "field": self.field or "–",
            "value": "" if self.value is None else quote(self.value, 80),
            "expected": self.expected,
            **self.details,
        }

    def __str__(self) -> str:
        where = f"{self.file}, line {self.row}" if self.row else self.file
        column = f", field {self.field!r}" if self.field else ""
        return (
            f"{where}{column}: {self.key} (got {quote(self.value or '', 80)!r}, "
            f"expected {self.expected})"
        )
