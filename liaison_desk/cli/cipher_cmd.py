"""The database key (issue 17): ``recover-key`` unlocks a database moved from another PC with its recovery code;
``recovery-code`` makes a new code (for a station encrypted at an upgrade, or a code lost)."""

from __future__ import annotations

import sys

from .. import paths
from .i18n import Text

EXIT_OK = 0
KEEP_IT = "请抄下或打印并妥善保管"


def add_parsers(subparsers, t: Text) -> dict:
    s = subparsers.add_parser(
        "recover-key", help=t("用恢复码解锁从别的电脑拷来的数据库", "unlock a database moved from another PC"),
        description=t("数据库是加密的，密钥保存在原来那台电脑上。把整个数据目录（连同数据库旁边的 .recovery 文件）"
                      "拷到这台电脑后，输入设置时抄下的恢复码，本机就保存好密钥，以后打开不需要再输入。",
                      "The database is encrypted and its key stays on the PC it came from. After copying the whole "
                      "data folder (with the .recovery file beside the database), type the recovery code written "
                      "down at set-up: this PC then keeps the key, and opening needs no typing again."))
    s.add_argument("--code", metavar=t("恢复码", "CODE"),
                   help=t("恢复码（不写时会提示输入，输入的内容不会留在命令历史里）",
                          "the recovery code (asked for when left out, so it stays out of the shell history)"))
    subparsers.add_parser(
        "recovery-code", help=t("生成新的恢复码（旧的作废）", "make a new recovery code (the old one stops working)"),
        description=t("为本站数据库的密钥生成新的恢复码并显示一次；以前抄下的恢复码从此作废。升级时才加密的联络站"
                      "（设置时没有恢复码）或恢复码丢失时使用。",
                      "Make a new recovery code for the station database's key and show it once; an older code "
                      "stops working. For a station encrypted at an upgrade (no code at set-up) or a lost code."))
    return {"recover-key": cmd_recover_key, "recovery-code": cmd_recovery_code}


def show_recovery_code(code: str, t: Text) -> None:
    print(t(f"数据库恢复码：{code}", f"Database recovery code: {code}"))
    print(t(f"（{KEEP_IT}：换电脑时要用它解开数据库；此恢复码只显示这一次）",
            "(write it down or print it and keep it safe: a new PC needs it to open the database; it is shown "
            "only once)"))


def cmd_recover_key(args, t: Text, open_db) -> int:
    from ..services.admin.setup import recover_database_key

    code = args.code
    if not code:
        print(t("请输入恢复码（6 组，每组 5 个字母或数字）：", "Recovery code (6 groups of 5 letters or digits): "),
              end="", file=sys.stderr, flush=True)
        code = input()
    data = paths.data_dir(args.data_dir)
    recover_database_key(data, code)
    print(t("已解锁：本机已保存数据库密钥，以后打开不需要再输入恢复码。",
            "Unlocked: this PC now keeps the database key; opening needs no code again."))
    return EXIT_OK


def cmd_recovery_code(args, t: Text, open_db) -> int:
    from ..domain.errors import DomainError
    from ..services.admin.setup import renew_recovery_code

    code = renew_recovery_code(open_db(args))
    if code is None:
        raise DomainError("not_encrypted", "这个数据库没有加密，不需要恢复码。", message_en="The database is not encrypted.")
    show_recovery_code(code, t)
    return EXIT_OK
