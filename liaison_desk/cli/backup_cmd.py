"""Backups: ``backup`` (now, into the data folder and the USB folder) and ``restore FILE``."""

from __future__ import annotations

import sys
from pathlib import Path

from .. import paths
from .i18n import Text

EXIT_OK, EXIT_ERROR, EXIT_PARTIAL = 0, 1, 3


def add_parsers(subparsers, t: Text) -> dict:
    s = subparsers.add_parser(
        "backup", help=t("立即备份本站数据库", "back the station database up now"),
        description=t("用 SQLite 的在线备份把数据库完整复制一份（值班台开着也可以），核对无误后保存到数据目录的 backups "
                      "文件夹，并保存到设置的 U 盘文件夹；只保留最近几份。备份文件与数据库一样加密。",
                      "Copy the database with SQLite's online backup (the desk may be open), verify the copy, "
                      "keep it in the data folder's backups folder and in the chosen USB folder; older copies "
                      "beyond the number kept are removed. A backup is encrypted like the database."))
    s.add_argument("--to", metavar=t("文件夹", "FOLDER"),
                   help=t("这次另外保存到这个文件夹（例如 U 盘）", "also save to this folder this time (a USB stick)"))
    s.add_argument("--usb-dir", metavar=t("文件夹", "FOLDER"),
                   help=t("设置以后每次备份都保存到的 U 盘文件夹（\"\" 表示不再保存到 U 盘）",
                          "set the USB folder every backup is also saved to (\"\" for none)"))
    s.add_argument("--keep", type=int, metavar="N", help=t("设置保留最近几份备份（1–60，默认 7）",
                                                           "set how many backups are kept (1-60, default 7)"))

    s = subparsers.add_parser(
        "restore", help=t("从备份恢复本站数据库", "restore the station database from a backup"),
        description=t("核对备份文件后把它恢复为本站数据库（换了新电脑、硬盘坏了时用）。数据目录中已有数据库时需要加 "
                      "--force，原数据库会先另存到 backups 文件夹。恢复后请先同步，再登记新的来访。",
                      "Verify a backup file and restore it as the station database (a new PC, a dead disk). A "
                      "folder that already holds a database needs --force; that database is copied to backups "
                      "first. After restoring, sync before registering new visits."))
    s.add_argument("file", metavar=t("备份文件", "FILE"))
    s.add_argument("--recovery-code", metavar=t("恢复码", "CODE"),
                   help=t("在新电脑上恢复加密的备份时：设置时抄下的恢复码", "on a new PC: the recovery code written down at set-up"))
    s.add_argument("--force", action="store_true",
                   help=t("替换数据目录中已有的数据库（先另存一份）", "replace the database in the folder (copied aside first)"))
    return {"backup": cmd_backup, "restore": cmd_restore}


def cmd_backup(args, t: Text, open_db) -> int:
    from ..services.admin.backup import make_backup, set_backup_settings
    from ..services.context import SYSTEM_ADMIN

    db = open_db(args)
    if args.usb_dir is not None or args.keep is not None:
        settings = set_backup_settings(db, SYSTEM_ADMIN, usb_dir=args.usb_dir, keep=args.keep)
        print(t(f"备份设置：U 盘文件夹 {settings.usb_dir or '（未设置）'}，保留 {settings.keep} 份。",
                f"Backup settings: USB folder {settings.usb_dir or '(none)'}, keep {settings.keep}."))
    res = make_backup(db, usb_dir=args.to)
    print(t(f"已备份并核对：{res.path}（{res.cases} 件案件，{res.size / 1e6:.1f} MB，用时 {res.seconds:.1f} 秒）",
            f"Backed up and verified: {res.path} ({res.cases} cases, {res.size / 1e6:.1f} MB, {res.seconds:.1f} s)"))
    if res.usb_path is not None:
        print(t(f"U 盘备份：{res.usb_path}", f"USB copy: {res.usb_path}"))
    if res.removed:
        print(t(f"已删除较早的 {res.removed} 份备份。", f"Removed {res.removed} older backup(s)."))
    if res.usb_error:
        print(t("注意：", "Note: ") + res.usb_error, file=sys.stderr)
        return EXIT_PARTIAL
    return EXIT_OK


def cmd_restore(args, t: Text, open_db) -> int:
    from ..services.admin.backup import restore_backup

    data = paths.data_dir(args.data_dir)
    res = restore_backup(Path(args.file), data, force=args.force, recovery_code=args.recovery_code)
    print(t(f"已恢复：{res.path}（{res.cases} 件案件）", f"Restored: {res.path} ({res.cases} cases)"))
    if res.safety_copy is not None:
        print(t(f"原来的数据库已另存为 {res.safety_copy}", f"The previous database was saved as {res.safety_copy}"))
        if res.safety_copy.is_file():  # encrypted with the key this PC keeps now: it restores without a code
            print(t(f"要换回原来的数据库：liaison-desk restore \"{res.safety_copy}\" --force",
                    f"To go back to it: liaison-desk restore \"{res.safety_copy}\" --force"))
    print(t("请先运行 sync（或在值班台上同步）取回备份之后的记录，再登记新的来访。",
            "Run sync (or sync at the desk) to fetch what came after the backup before registering new visits."))
    return EXIT_OK
