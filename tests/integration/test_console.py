"""`buurtlijn chat`: the same dialog core in a terminal, through the real bootstrap and SQLite."""
import io

from bot.app import bootstrap
from bot.console import ConsoleChat, run_console
from bot.settings import load_settings


async def test_full_intake_in_the_console_then_listed(tmp_path):
    settings = load_settings(environ={}, database_url=f"sqlite+aiosqlite:///{tmp_path / 'console.sqlite3'}")
    typed = "\n".join([
        "Er wordt al weken afval gedumpt naast de containers bij de Kerkstraat",
        "/taal", "1",
    ])
    output = io.StringIO()
    await run_console(await bootstrap(settings), chat_id=1, language="nl",
                      input_stream=io.StringIO(typed + "\n"), output=output)
    transcript = output.getvalue()
    assert "Hallo! Dit is Buurtlijn van Huizen." in transcript
    assert "Waar gaat het vooral over?" in transcript
    assert "[1]" in transcript


async def test_console_numbers_press_buttons_and_at_shares_a_location(tmp_path):
    settings = load_settings(environ={}, database_url=f"sqlite+aiosqlite:///{tmp_path / 'console.sqlite3'}")
    app = await bootstrap(settings)
    output = io.StringIO()
    chat = ConsoleChat(app, chat_id=2, language="en", output=output)
    await chat.say("Someone dumped a pile of rubbish and an old mattress next to the containers on our street")
    if "i:cat:openbare_ruimte" not in chat.choices:
        await chat.say(str(chat.choices.index("i:cat:*") + 1))
    await chat.say(str(chat.choices.index("i:cat:openbare_ruimte") + 1))
    assert "Where is it happening?" in output.getvalue()
    await chat.say("@52.3045,5.2405")
    assert "Found: Oude Dorp (Centrum district)" in output.getvalue()
    await app.close()
