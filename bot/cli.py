"""The `buurtlijn` command: entry points only translate arguments into calls."""
from __future__ import annotations

import argparse
import asyncio
import logging
import sys

from bot.admin import AdminError
from bot.gemeente.errors import GemeenteConfigError
from bot.settings import Settings, SettingsError, load_settings
from dialogs.vocabulary import LANGUAGES


def _settings(args: argparse.Namespace) -> Settings:
    return load_settings(
        args.settings,
        database_url=args.database,
        gemeente=args.gemeente,
        telegram_api=getattr(args, "telegram_api", None),
        mode=getattr(args, "mode", None),
    )


def _run(args: argparse.Namespace) -> int:
    settings = _settings(args)
    problem = settings.token_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    from bot.app import bootstrap
    from bot.telegram.runner import run_polling, run_webhook

    async def main() -> None:
        app = await bootstrap(settings)
        await (run_webhook(app) if settings.mode == "webhook" else run_polling(app))

    asyncio.run(main())
    return 0


def _chat(args: argparse.Namespace) -> int:
    settings = _settings(args)
    from bot.app import bootstrap
    from bot.console import run_console

    async def main() -> None:
        await run_console(await bootstrap(settings), chat_id=args.chat_id, language=args.language)

    asyncio.run(main())
    return 0


def _db_upgrade(args: argparse.Namespace) -> int:
    from storage.db import ensure_sqlite_directory
    from storage.migrate import upgrade

    settings = _settings(args)
    ensure_sqlite_directory(settings.database_url)
    upgrade(settings.database_url)
    print("database is up to date")
    return 0


def _classify(args: argparse.Namespace) -> int:
    import json

    from dialogs.triage.batch import classify_jsonl, classify_one

    if args.jsonl:
        classify_jsonl(sys.stdin, sys.stdout)
        return 0
    if not args.text:
        print("give a text, or --jsonl to read JSON lines from stdin", file=sys.stderr)
        return 2
    print(json.dumps(classify_one(" ".join(args.text)), ensure_ascii=False))
    return 0


def _invite(args: argparse.Namespace) -> int:
    from bot.admin import create_invite

    code, expires_at = asyncio.run(create_invite(_settings(args), args.partner, args.role, args.days))
    print(f"{code}\nValid until {expires_at:%Y-%m-%d %H:%M} UTC, once. The professional sends: /koppel {code}")
    return 0


def _route(args: argparse.Namespace) -> int:
    from bot.admin import explain_route

    print("\n".join(asyncio.run(explain_route(_settings(args), args.explain))))
    return 0


def _broadcast(args: argparse.Namespace) -> int:
    from bot.broadcast import broadcast, text_argument

    texts = {code: text_argument(value) for code in LANGUAGES if (value := getattr(args, f"text_{code}"))}
    result = asyncio.run(broadcast(_settings(args), args.wijk, texts))
    counts = [f"{code} {n}" for code, n in sorted(result.in_own_language.items())]
    counts += [f"{code} {n} (Dutch, with a note)" for code, n in sorted(result.in_dutch_instead.items())]
    listed = ", ".join(counts) or "nobody follows it yet"
    print(f"{result.recipients} message(s) queued for {result.wijk_name}: {listed}.")
    print(f"They go out from {result.not_before:%Y-%m-%d %H:%M} UTC, within Telegram's limits.")
    return 0


def _queue(args: argparse.Namespace) -> int:
    from bot.outbox.report import queue_report

    print("\n".join(asyncio.run(queue_report(_settings(args)))))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="buurtlijn", description="Buurtlijn: neighbourhood reports that get an answer.")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--settings", help="TOML file with settings (or BUURTLIJN_SETTINGS)")
    common.add_argument("--database", help="database URL (or BUURTLIJN_DATABASE_URL); default: SQLite in ./var")
    common.add_argument("--gemeente", help="gemeente configuration TOML (or BUURTLIJN_GEMEENTE); default: the example")
    common.add_argument("--log-level", default="INFO")
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", parents=[common], help="run the Telegram bot")
    run.add_argument("--telegram-api", help="Bot API base URL, e.g. a self-hosted server (or BUURTLIJN_TELEGRAM_API)")
    run.add_argument("--mode", choices=("polling", "webhook"), help="long polling (default) or webhook")
    run.set_defaults(handler=_run)

    chat = commands.add_parser("chat", parents=[common], help="talk to Buurtlijn in this terminal, no token needed")
    chat.add_argument("--language", help="first language guess: nl, ar, tr or en")
    chat.add_argument("--chat-id", type=int, default=1, help="which console resident you are (default 1)")
    chat.set_defaults(handler=_chat)

    db = commands.add_parser("db", help="database maintenance")
    db_commands = db.add_subparsers(dest="db_command", required=True)
    db_commands.add_parser("upgrade", parents=[common], help="bring the schema up to date").set_defaults(handler=_db_upgrade)

    classify = commands.add_parser("classify", help="language, category and urgency of a text")
    classify.add_argument("text", nargs="*")
    classify.add_argument("--jsonl", action="store_true", help='read {"id", "text"} lines from stdin')
    classify.set_defaults(handler=_classify)

    invite = commands.add_parser("invite", parents=[common], help="a one-time code that links a professional")
    invite.add_argument("--partner", required=True, help="partner id from the gemeente configuration")
    invite.add_argument("--role", default="partner_member",
                        help="partner_member, partner_coordinator, gemeente_coordinator or admin")
    invite.add_argument("--days", type=int, default=7, help="days the code stays valid (default 7)")
    invite.set_defaults(handler=_invite)

    route = commands.add_parser("route", parents=[common], help="why a melding went where it went")
    route.add_argument("--explain", required=True, metavar="REFERENCE", help="e.g. BL-1042")
    route.set_defaults(handler=_route)

    news = commands.add_parser("broadcast", parents=[common],
                               help="'what we did' news for the residents of a wijk who asked for it")
    news.add_argument("--wijk", required=True, help="wijk id from the gemeente configuration")
    for code in LANGUAGES:
        news.add_argument(f"--text-{code}", required=code == "nl", metavar="FILE_OR_TEXT",
                          help="the text in Dutch (required; other languages fall back to it)" if code == "nl"
                          else f"the text in {code}")
    news.set_defaults(handler=_broadcast)

    queue = commands.add_parser("queue", parents=[common], help="what waits to be sent, and what failed and why")
    queue.set_defaults(handler=_queue)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=getattr(args, "log_level", "INFO").upper(),
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    # Every tick of every job would otherwise be logged, burying what matters.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    try:
        return args.handler(args)
    except (SettingsError, AdminError, GemeenteConfigError) as error:
        print(f"buurtlijn: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
