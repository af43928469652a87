"""Small TOML configurations for tests: a valid base, and parts to swap for broken ones."""

from __future__ import annotations

from pathlib import Path

HEADER = """\
name = "Testdorp"
timezone = "Europe/Amsterdam"
coordinator_partner = "gemeente"
fallback_partner = "gemeente"
"""

SETTINGS = """\
[help.gemeente]
name = "Gemeente Testdorp"
phones = ["14 000"]
"""


def square(lon: float, lat: float, size: float = 0.01) -> str:
    corners = [(lon, lat), (lon + size, lat), (lon + size, lat + size), (lon, lat + size), (lon, lat)]
    return "[[" + ", ".join(f"[{x}, {y}]" for x, y in corners) + "]]"


def buurt(buurt_id: str, coordinates: str, streets: str = "[]") -> str:
    return f"""\
[[wijken.buurten]]
id = "{buurt_id}"
name = "Buurt {buurt_id}"
streets = {streets}
[wijken.buurten.geometry]
type = "Polygon"
coordinates = {coordinates}
"""


WIJKEN = (
    '[[wijken]]\nid = "noord"\nname = "Noord"\n'
    + buurt("noord-a", square(5.00, 52.00), '["Kerkstraat"]')
    + buurt("noord-b", square(5.01, 52.00), '["Dorpsstraat"]')
    + '[[wijken]]\nid = "zuid"\nname = "Zuid"\n'
    + buurt("zuid-a", square(5.00, 51.99), '["Molenweg"]')
)

PARTNERS = """\
[[partners]]
id = "gemeente"
name = "Gemeente Testdorp"
type = "gemeente"
telegram_chat_id = -100

[[partners]]
id = "wijkagent"
name = "Wijkagent"
type = "wijkagent"
telegram_chat_id = -200
"""

ROUTES = """\
[[routes]]
name = "alles"
categories = ["*"]
partners = ["gemeente"]
"""


def route(name: str, extra: str = "", partners: str = '["gemeente"]') -> str:
    return f'[[routes]]\nname = "{name}"\n{extra}\npartners = {partners}\n'


def write_config(
    directory: Path,
    *,
    header: str = HEADER,
    settings: str = SETTINGS,
    wijken: str = WIJKEN,
    partners: str = PARTNERS,
    routes: str = ROUTES,
    file_name: str = "voorbeeld.toml",
) -> Path:
    path = directory / file_name
    path.write_text("\n".join((header, settings, wijken, partners, routes)), encoding="utf-8")
    return path
