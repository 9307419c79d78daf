"""Command-line language: Simplified Chinese by default, English with ``--lang en`` or an English locale
(``domain.lang``, shared with the hub's command line), and argparse's own phrases in Chinese."""

from __future__ import annotations

import argparse

from ..domain.lang import Text, detect_language

__all__ = ["Text", "detect_language", "install_argparse_language"]

# argparse's own phrases (Python ships no Chinese catalogue for them).
_ARGPARSE_ZH = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "show program's version number and exit": "显示程序版本并退出",
    "the following arguments are required: %s": "缺少必填参数：%s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项：%(value)r（可选：%(choices)s）",
    "expected one argument": "需要一个参数值",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值：%(value)r",
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "ambiguous option: %(option)s could match %(matches)s": "选项不明确：%(option)s 可能是 %(matches)s",
    "expected at least one argument": "至少需要一个参数值",
    "one of the arguments %s is required": "必须提供以下参数之一：%s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "subcommands": "子命令",
}


def install_argparse_language(lang: str) -> None:
    """Point argparse's message lookup at our catalogue (it looks ``_`` up at call time)."""
    if lang == "en":
        argparse._ = lambda s: s  # type: ignore[attr-defined]
    else:
        argparse._ = lambda s: _ARGPARSE_ZH.get(s, s)  # type: ignore[attr-defined]
