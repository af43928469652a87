import pytest

from bot.settings import DEFAULT_DATABASE_URL, SettingsError, load_settings


def test_defaults_need_nothing():
    settings = load_settings(environ={})
    assert settings.database_url == DEFAULT_DATABASE_URL and settings.mode == "polling"


def test_file_then_environment_then_flags(tmp_path):
    settings_file = tmp_path / "buurtlijn.toml"
    settings_file.write_text('database_url = "sqlite+aiosqlite:///from-file.sqlite3"\nlog_level = "DEBUG"\n')
    environ = {"BUURTLIJN_DATABASE_URL": "sqlite+aiosqlite:///from-env.sqlite3"}
    assert load_settings(str(settings_file), environ=environ).database_url.endswith("from-env.sqlite3")
    assert load_settings(str(settings_file), environ={}).log_level == "DEBUG"
    flagged = load_settings(str(settings_file), environ=environ, database_url="sqlite+aiosqlite:///flag.sqlite3")
    assert flagged.database_url.endswith("flag.sqlite3")


@pytest.mark.parametrize("content, message", [
    ('databse_url = "x"\n', "unknown setting(s) databse_url"),
    ('mode = "carrier-pigeon"\n', "mode must be 'polling' or 'webhook'"),
    ('mode = "webhook"\n', "webhook mode needs webhook_url"),
    ('telegram_api = "localhost:8081"\n', "telegram_api must be an http(s) URL"),
    ('webhook_port = "eighty"\n', "webhook_port must be a number"),
    ('gemeente = "/nowhere/gemeente.toml"\n', "does not exist"),
    ("this is not toml\n", "buurtlijn.toml"),
])
def test_bad_settings_give_one_clear_error(tmp_path, content, message):
    settings_file = tmp_path / "buurtlijn.toml"
    settings_file.write_text(content)
    with pytest.raises(SettingsError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_settings(str(settings_file), environ={})


@pytest.mark.parametrize("token, problem", [
    (None, "No Telegram bot token"),
    ("not-a-token", "looks malformed"),
    ("123456789:AAH-valid_looking_token_0123456789abcdef", None),
])
def test_token_problems_point_to_the_console(token, problem):
    environ = {"BUURTLIJN_TELEGRAM_TOKEN": token} if token else {}
    found = load_settings(environ=environ).token_problem()
    if problem is None:
        assert found is None
    else:
        assert problem in found and "buurtlijn chat" in found
