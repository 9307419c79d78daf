"""The command lines' language rule (``domain.lang``), used by the desk's and the hub's."""

from __future__ import annotations

import pytest

from liaison_desk.domain.lang import Text, detect_language


@pytest.mark.parametrize(("argv", "env", "expected"), [
    ([], {}, "zh"),
    ([], {"LC_MESSAGES": "en_US.UTF-8"}, "en"),
    ([], {"LC_MESSAGES": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),  # LC_MESSAGES before LANG
    ([], {"LC_ALL": "zh_CN.UTF-8", "LC_MESSAGES": "en_US.UTF-8"}, "zh"),  # LC_ALL before LC_MESSAGES
    ([], {"LANGUAGE": "", "LANG": "en"}, "en"),  # empty counts as unset
    (["--lang", "en"], {"LANG": "zh_CN.UTF-8"}, "en"),
    (["--lang=zh"], {"LC_MESSAGES": "en_US.UTF-8"}, "zh"),
    (["--lang=EN"], {}, "en"),
])
def test_detect_language(argv, env, expected):
    assert detect_language(argv, env) == expected


def test_text_picks_one_form():
    assert Text("en")("中文", "English") == "English"
    assert Text("zh")("中文", "English") == "中文"
