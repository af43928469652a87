"""Configuration problems, collected so a gemeente can fix its whole file in one go.

Every problem names the file and the entry, e.g. `huizen.toml: routes[3] "jeugd-avond": ...`.
List positions are zero-based, as in the `routes[3]` notation.
"""

from __future__ import annotations

from pathlib import Path


class GemeenteConfigError(ValueError):
    def __init__(self, path: Path, problems: tuple[str, ...]) -> None:
        self.path = path
        self.problems = problems
        count = f"{len(problems)} problem" + ("" if len(problems) == 1 else "s")
        super().__init__(f"{path.name}: {count} in gemeente configuration\n" + "\n".join(problems))


class Problems:
    """Collects problems while parsing continues, so one mistake does not hide the next."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._lines: list[str] = []

    def add(self, entry: str, message: str) -> None:
        self._lines.append(f"{self._path.name}: {entry}: {message}")

    def __len__(self) -> int:
        return len(self._lines)

    def raise_if_any(self) -> None:
        if self._lines:
            raise GemeenteConfigError(self._path, tuple(self._lines))
