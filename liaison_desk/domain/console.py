"""What the desk's and the county hub's command lines share on the terminal (sibling layers, so it lives
here, plain Python): argparse's own phrases in Chinese, tables padded by display width (a Chinese character
takes two columns), and a quiet stop when the reader of a pipe goes away (``… | head``)."""

from __future__ import annotations

import argparse
import os
import sys
import unicodedata
from collections.abc import Sequence

#: Exit status of a command whose output pipe was closed by its reader: what a shell reports for a
#: process ended by SIGPIPE (128 + 13).
EXIT_BROKEN_PIPE = 141

# argparse's own phrases (Python ships no Chinese catalogue for them).
ARGPARSE_ZH = {
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
        argparse._ = lambda s: ARGPARSE_ZH.get(s, s)  # type: ignore[attr-defined]


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: wide and full-width characters (Chinese, full-width punctuation)
    two, combining marks and zero-width characters none, everything else one."""
    n = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        n += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return n


def pad(text: str, width: int, align: str = "<") -> str:
    """``text`` padded with spaces to ``width`` display columns (``>`` pads on the left)."""
    fill = " " * max(0, width - display_width(text))
    return fill + text if align == ">" else text + fill


def format_table(rows: Sequence[Sequence[object]], header: Sequence[str] | None = None, *,
                 align: str = "", gap: str = "  ") -> list[str]:
    """Lines of a plain-text table whose columns line up next to Chinese. ``align`` gives each column's
    alignment (``<`` left, ``>`` right; left when not given); the last column is never padded on the right,
    so a long last cell (a summary, a reason) only makes its own line longer."""
    cells = [[("" if c is None else str(c)) for c in row] for row in ([list(header)] if header else []) + list(rows)]
    if not cells:
        return []
    ncols = max(len(r) for r in cells)
    for r in cells:
        r.extend([""] * (ncols - len(r)))
    widths = [max(display_width(r[i]) for r in cells) for i in range(ncols)]
    lines = []
    for r in cells:
        parts = []
        for i, c in enumerate(r):
            a = align[i] if i < len(align) else "<"
            last = i == ncols - 1
            parts.append(c if last and a == "<" else pad(c, widths[i], a))
        lines.append(gap.join(parts).rstrip())
    return lines


def print_table(rows: Sequence[Sequence[object]], header: Sequence[str] | None = None, *,
                align: str = "", gap: str = "  ") -> None:
    for line in format_table(rows, header, align=align, gap=gap):
        print(line)


def stdout_closed_by_reader() -> int:
    """Call on ``BrokenPipeError`` while writing standard output (the reader, e.g. ``head``, has what it
    wanted): points standard output at the null device so the interpreter's final flush cannot fail again
    and print "Exception ignored … Broken pipe", and returns the exit status to use."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # not a real file (captured output): nothing to redirect
        pass
    return EXIT_BROKEN_PIPE
