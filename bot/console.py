"""`buurtlijn chat`: the same dialog core in a terminal, buttons shown as numbered choices."""
from __future__ import annotations

import asyncio
import re
import sys
from datetime import datetime, timezone
from typing import TextIO

from bot.app import Buurtlijn, RenderedReply
from dialogs.events import ButtonPressed, Event, Incoming, LocationShared, Sender, TextReceived, parse_command

CHANNEL = "console"
# Typing "@52.2931,5.2412" shares a location, as Telegram's location button would.
_LOCATION = re.compile(r"^@\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$")


class ConsoleChat:
    def __init__(self, app: Buurtlijn, chat_id: int, language: str | None, output: TextIO) -> None:
        self.app = app
        self.sender = Sender(CHANNEL, chat_id, language)
        self.output = output
        self.choices: list[str] = []

    def event_for(self, line: str) -> Event:
        stripped = line.strip()
        if stripped.isdigit() and 1 <= int(stripped) <= len(self.choices):
            return ButtonPressed(self.choices[int(stripped) - 1])
        location = _LOCATION.match(stripped)
        if location:
            return LocationShared(float(location.group(1)), float(location.group(2)))
        return parse_command(stripped) or TextReceived(line)

    async def say(self, line: str) -> None:
        answer = await self.app.handle(Incoming(self.sender, self.event_for(line), datetime.now(timezone.utc)))
        self.show(answer.replies)

    def show(self, replies: list[RenderedReply]) -> None:
        self.choices = []
        for reply in replies:
            self.output.write(f"\nBuurtlijn: {reply.text}\n")
            for row in reply.buttons:
                for label, data in row:
                    self.choices.append(data)
                    self.output.write(f"  [{len(self.choices)}] {label}\n")
            if reply.location_hint:
                self.output.write(f"  ({reply.location_hint} — @lat,lon)\n")
        self.output.flush()


async def run_console(app: Buurtlijn, *, chat_id: int, language: str | None,
                      input_stream: TextIO = sys.stdin, output: TextIO = sys.stdout) -> None:
    chat = ConsoleChat(app, chat_id, language, output)
    output.write("Buurtlijn console — type a message, a number to press a button, /hulp for help, Ctrl-D to quit.\n")
    await chat.say("/start")
    try:
        while True:
            output.write("\nU: ")
            output.flush()
            line = await asyncio.to_thread(input_stream.readline)
            if not line:
                break
            if line.strip():
                await chat.say(line.rstrip("\n"))
    finally:
        await app.close()
