"""The `buurtlijn` command as a newcomer meets it."""
import json
import os
import subprocess
import sys
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def buurtlijn(*args: str, env: dict | None = None, stdin: str | None = None, cwd=None) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("BUURTLIJN_")}
    # Run from a scratch directory (var/ lands there), importing this checkout whether installed or not.
    environment["PYTHONPATH"] = str(PROJECT_ROOT)
    environment.update(env or {})
    return subprocess.run([sys.executable, "-m", "bot", *args], capture_output=True, text=True, input=stdin,
                          env=environment, timeout=120, cwd=cwd)


def test_run_without_token_says_so_in_one_line_and_points_to_chat(tmp_path):
    finished = buurtlijn("run", cwd=tmp_path)
    assert finished.returncode == 2
    assert finished.stderr.strip().count("\n") == 0
    assert "BUURTLIJN_TELEGRAM_TOKEN" in finished.stderr and "buurtlijn chat" in finished.stderr


def test_run_with_malformed_token(tmp_path):
    finished = buurtlijn("run", env={"BUURTLIJN_TELEGRAM_TOKEN": "hello"}, cwd=tmp_path)
    assert finished.returncode == 2 and "malformed" in finished.stderr and "buurtlijn chat" in finished.stderr


def test_broken_gemeente_configuration_is_reported_with_file_and_entry(tmp_path):
    broken = tmp_path / "kapot.toml"
    broken.write_text('name = "Kapot"\n[[partners]]\nid = "x"\n')
    finished = buurtlijn("db", "upgrade", "--database", f"sqlite+aiosqlite:///{tmp_path / 'db.sqlite3'}",
                         cwd=tmp_path)
    assert finished.returncode == 0 and "up to date" in finished.stdout
    finished = buurtlijn("invite", "--partner", "x", "--gemeente", str(broken),
                         "--database", f"sqlite+aiosqlite:///{tmp_path / 'db.sqlite3'}", cwd=tmp_path)
    assert finished.returncode == 2 and "kapot.toml" in finished.stderr


def test_invite_refuses_unknown_partner_and_role(tmp_path):
    database = f"sqlite+aiosqlite:///{tmp_path / 'db.sqlite3'}"
    finished = buurtlijn("invite", "--partner", "nobody", "--database", database, cwd=tmp_path)
    assert finished.returncode == 2 and "unknown partner" in finished.stderr
    finished = buurtlijn("invite", "--partner", "jongerenwerk", "--role", "king", "--database", database, cwd=tmp_path)
    assert finished.returncode == 2 and "unknown role" in finished.stderr
    finished = buurtlijn("invite", "--partner", "jongerenwerk", "--database", database, cwd=tmp_path)
    assert finished.returncode == 0 and "/koppel" in finished.stdout


def test_classify_one_text_and_json_lines(tmp_path):
    finished = buurtlijn("classify", "Er ligt veel afval naast de containers in onze straat", cwd=tmp_path)
    assert finished.returncode == 0, finished.stderr
    result = json.loads(finished.stdout)
    assert result["language"] == "nl" and len(result["candidates"]) >= 3
    lines = '{"id": 1, "text": "There is a man with a knife outside my door right now"}\n{"id": 2, "text": "hallo"}\n'
    finished = buurtlijn("classify", "--jsonl", stdin=lines, cwd=tmp_path)
    rows = [json.loads(line) for line in finished.stdout.splitlines()]
    assert [row["id"] for row in rows] == [1, 2]
    assert rows[0]["urgency"] == "acuut"


def test_route_explain_names_the_rule_and_why_earlier_rules_did_not_match(tmp_path):
    import asyncio
    from datetime import date, datetime, timezone

    from dialogs.events import Sender
    from dialogs.records import NewMelding
    from storage.db import create_engine, create_session_factory
    from storage.migrate import upgrade
    from storage.unit_of_work import UnitOfWork

    database = f"sqlite+aiosqlite:///{tmp_path / 'db.sqlite3'}"
    upgrade(database)

    async def add_melding() -> str:
        engine = create_engine(database)
        async with UnitOfWork(create_session_factory(engine)) as uow:
            now = datetime(2026, 11, 23, 14, 0, tzinfo=timezone.utc)
            reporter = await uow.residents.reporter_for(Sender("telegram", 42, "nl"), now)
            saved = await uow.residents.add_melding(NewMelding(
                reporter_id=reporter.id, text="De lift is kapot", language="nl", category="woning",
                urgency="normaal", acute_kind=None, frequency="recurring", privacy_mode="anonymous",
                status="doorgezet", wijk_id="stad-lande", buurt_id="kostmand", place_text=None, latitude=None,
                longitude=None, photo_file_ids=(), partner_ids=("woningcorporatie",), routing_rule="woning",
                created_at=now, expected_by=date(2026, 11, 30)))
            await uow.commit()
        await engine.dispose()
        return saved.reference

    reference = asyncio.run(add_melding())
    finished = buurtlijn("route", "--explain", reference, "--database", database, cwd=tmp_path)
    assert finished.returncode == 0, finished.stderr
    assert 'routed to woningcorporatie by rule "woning"' in finished.stdout
    assert 'category "woning" not in' in finished.stdout
    finished = buurtlijn("route", "--explain", "BL-999999", "--database", database, cwd=tmp_path)
    assert finished.returncode == 2 and "no melding" in finished.stderr
