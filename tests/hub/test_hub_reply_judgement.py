"""Issue 13, item 2: nothing decides a judgement for the user. The county's ``reply`` recorded 已解决 when
``--resolution`` was left out; the resolution must now be given."""

from __future__ import annotations

import pytest

from liaison_desk.domain.lang import Text
from liaison_desk.hub.cli import build_parser


def test_a_reply_without_a_resolution_is_refused_by_the_parser(capsys):
    parser = build_parser(Text("zh"))
    with pytest.raises(SystemExit):
        parser.parse_args(["reply", "LX01-261122-0007-1", "--text", "已疏通"])
    assert "resolution" in capsys.readouterr().err
    args = parser.parse_args(["reply", "LX01-261122-0007-1", "--text", "已疏通", "--resolution", "explained"])
    assert args.resolution == "explained"
