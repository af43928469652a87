"""Runs the real bot (``python -m bot run``) as a subprocess against a fake Bot API."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable, Mapping
from pathlib import Path

from tests.support.fake_bot_api import TEST_TOKEN, FakeBotAPI

PROJECT_ROOT = Path(__file__).resolve().parents[2]


class BotProcess:
    """One bot process; it can be started again after `stop()` or `kill()` to test restarts.

    Output of every run is appended to one log file, `log_path`.
    """

    def __init__(
        self,
        base_url: str,
        database_url: str,
        *,
        gemeente_path: str | os.PathLike[str] | None = None,
        extra_args: Iterable[str] = (),
        env: Mapping[str, str] | None = None,
        log_dir: str | os.PathLike[str] | None = None,
    ) -> None:
        self.command = [sys.executable, "-m", "bot", "run"]
        self.command += ["--telegram-api", base_url, "--database", database_url]
        if gemeente_path is not None:
            self.command += ["--gemeente", str(gemeente_path)]
        self.command += list(extra_args)
        self.env = {
            **os.environ,
            # Logs must reach the file before a SIGKILL, not sit in a buffer.
            "PYTHONUNBUFFERED": "1",
            "BUURTLIJN_TELEGRAM_TOKEN": TEST_TOKEN,
            **(env or {}),
        }
        self.log_path = Path(log_dir or tempfile.mkdtemp(prefix="buurtlijn-bot-")) / "bot.log"
        self._process: subprocess.Popen[bytes] | None = None
        self._started_at = 0.0
        self._runs = 0
        self._exit_requested = False

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    @property
    def returncode(self) -> int | None:
        return None if self._process is None else self._process.poll()

    @property
    def exited_unexpectedly(self) -> bool:
        """The process ended without `stop()` or `kill()` asking it to: it crashed or quit."""
        return self._process is not None and not self.running and not self._exit_requested

    def start(self) -> None:
        if self.running:
            raise RuntimeError("the bot process is already running")
        self._runs += 1
        with self.log_path.open("ab") as log:
            log.write(f"--- run {self._runs}: {' '.join(self.command)}\n".encode())
            log.flush()
            self._process = subprocess.Popen(
                self.command,
                cwd=PROJECT_ROOT,
                env=self.env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self._started_at = time.monotonic()
        self._exit_requested = False

    async def wait_ready(self, api: FakeBotAPI, timeout: float = 30.0) -> None:
        """Wait until this run of the process has polled the fake for updates."""
        deadline = time.monotonic() + timeout
        while not self._has_polled_since_start(api):
            if not self.running:
                raise AssertionError(
                    f"the bot exited with code {self.returncode} before polling for updates\n"
                    + self.log_text()
                )
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"the bot did not poll for updates within {timeout:g} s\n" + self.log_text()
                )
            # A process exit is no event of the fake's, so poll instead of waiting on it.
            await asyncio.sleep(0.05)

    async def stop(self, timeout: float = 10.0) -> int | None:
        """Ask the bot to shut down (SIGTERM); kill it if it has not exited within `timeout`.

        Asynchronous because the bot may still call the fake API, which runs in this event loop,
        while it shuts down.
        """
        if not self.running:
            return self.returncode
        self._exit_requested = True
        self._process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while self.running and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        if self.running:
            self.kill()
        return self.returncode

    def kill(self) -> int | None:
        """End the process at once (SIGKILL), as a crash or power loss would."""
        if self.running:
            self._exit_requested = True
            self._process.kill()
            self._process.wait()
        return self.returncode

    def _has_polled_since_start(self, api: FakeBotAPI) -> bool:
        return any(
            call.method == "getUpdates" and call.time >= self._started_at for call in api.calls
        )

    def log_text(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""
