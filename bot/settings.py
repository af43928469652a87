"""Runtime settings from defaults, an optional TOML file, BUURTLIJN_* environment variables and flags."""
from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path

DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///var/buurtlijn.sqlite3"
_TOKEN = re.compile(r"^\d{3,}:[A-Za-z0-9_-]{5,}$")


class SettingsError(ValueError):
    pass


@dataclass(frozen=True)
class Settings:
    database_url: str = DEFAULT_DATABASE_URL
    telegram_token: str | None = None
    telegram_api: str | None = None  # a self-hosted Bot API server (or the test server)
    gemeente: str | None = None  # path of the gemeente configuration; None means the bundled example
    mode: str = "polling"
    webhook_url: str | None = None
    webhook_host: str = "127.0.0.1"
    webhook_port: int = 8080
    webhook_secret: str | None = None
    log_level: str = "INFO"

    def checked(self) -> "Settings":
        problems = []
        if self.mode not in ("polling", "webhook"):
            problems.append(f"mode must be 'polling' or 'webhook', not {self.mode!r}")
        if self.mode == "webhook" and not self.webhook_url:
            problems.append("webhook mode needs webhook_url (BUURTLIJN_WEBHOOK_URL)")
        if self.telegram_api and not re.match(r"^https?://", self.telegram_api):
            problems.append(f"telegram_api must be an http(s) URL, not {self.telegram_api!r}")
        if self.gemeente and not Path(self.gemeente).is_file():
            problems.append(f"gemeente configuration {self.gemeente!r} does not exist")
        if problems:
            raise SettingsError("; ".join(problems))
        return self

    def token_problem(self) -> str | None:
        """One clear line when Telegram cannot be used, pointing to the console channel."""
        if not self.telegram_token:
            return ("No Telegram bot token: set BUURTLIJN_TELEGRAM_TOKEN (from @BotFather). "
                    "To try Buurtlijn without a token, run: buurtlijn chat")
        if not _TOKEN.match(self.telegram_token):
            return ("The Telegram bot token looks malformed (expected digits, a colon and letters, as @BotFather gives it). "
                    "To try Buurtlijn without a token, run: buurtlijn chat")
        return None


def _coerce(name: str, value: object) -> object:
    if name == "webhook_port":
        try:
            return int(value)
        except (TypeError, ValueError):
            raise SettingsError(f"webhook_port must be a number, not {value!r}") from None
    if not isinstance(value, str):
        raise SettingsError(f"{name} must be text, not {value!r}")
    return value


def load_settings(settings_file: str | None = None, environ: dict[str, str] | None = None, **overrides) -> Settings:
    environ = os.environ if environ is None else environ
    names = {f.name for f in fields(Settings)}
    values: dict[str, object] = {}
    settings_file = settings_file or environ.get("BUURTLIJN_SETTINGS")
    if settings_file:
        try:
            with open(settings_file, "rb") as handle:
                data = tomllib.load(handle)
        except OSError as error:
            raise SettingsError(f"cannot read settings file {settings_file}: {error.strerror}") from None
        except tomllib.TOMLDecodeError as error:
            raise SettingsError(f"{settings_file}: {error}") from None
        unknown = sorted(set(data) - names)
        if unknown:
            raise SettingsError(f"{settings_file}: unknown setting(s) {', '.join(unknown)}")
        values.update(data)
    for name in names:
        env_value = environ.get(f"BUURTLIJN_{name.upper()}")
        if env_value:
            values[name] = env_value
    values.update({k: v for k, v in overrides.items() if v is not None})
    return replace(Settings(), **{k: _coerce(k, v) for k, v in values.items()}).checked()
