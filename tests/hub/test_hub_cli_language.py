"""The county's command line picks its language by the same rule as the desk's (``domain.lang``)."""

from __future__ import annotations

import pytest

from liaison_desk.hub.cli import main as hub_main

LOCALE_VARS = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@pytest.fixture
def no_locale(monkeypatch):
    for var in (*LOCALE_VARS, "LIAISON_HUB_DB"):
        monkeypatch.delenv(var, raising=False)
    return monkeypatch


@pytest.mark.parametrize(("env", "expected"), [
    ({}, "错误：请用 --db"),
    ({"LC_MESSAGES": "en_US.UTF-8"}, "Error: Give the hub database"),  # the hub's copy ignored LC_MESSAGES
    ({"LC_MESSAGES": "en_US.UTF-8", "LC_ALL": "zh_CN.UTF-8"}, "错误：请用 --db"),  # LC_ALL comes first
    ({"LANG": "en_GB.UTF-8"}, "Error: Give the hub database"),
    ({"LANGUAGE": "", "LANG": "EN_US"}, "Error: Give the hub database"),  # an empty variable is unset
])
def test_the_hub_command_line_follows_the_locale(no_locale, capsys, env, expected):
    for var, value in env.items():
        no_locale.setenv(var, value)
    assert hub_main(["stations"]) == 1
    assert expected in capsys.readouterr().err


def test_lang_option_wins_over_the_locale(no_locale, capsys):
    no_locale.setenv("LC_MESSAGES", "en_US.UTF-8")
    assert hub_main(["--lang", "zh", "stations"]) == 1
    assert "错误：请用 --db" in capsys.readouterr().err
