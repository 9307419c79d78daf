"""Sync with the county hub: enroll, sync, export-bundle, import-bundle, conflicts."""

from __future__ import annotations

from pathlib import Path

from ..domain.console import print_table
from .i18n import Text

EXIT_OK, EXIT_ERROR, EXIT_DISAGREE = 0, 1, 3


def add_parsers(subparsers, t: Text) -> dict:
    s = subparsers.add_parser("enroll", help=t("在县级平台登记本站", "enroll this station with the county hub"),
                              description=t("用县人大代表工委给的一次性登记码换取本站的同步凭证。已登记过的本机也可以再次登记"
                                            "（县里处理数据库副本后发的新登记码）。",
                                            "Exchange the county's one-time token for this station's credential. An "
                                            "enrolled desk may enroll again (with the new token the county issues "
                                            "after taking back a copied database)."))
    s.add_argument("--hub", metavar="URL", help=t("县级平台地址，如 https://hub.example.cn", "the hub's address"))
    s.add_argument("--token", help=t("一次性登记码", "one-time enrollment token"))
    s.add_argument("--file", metavar=t("文件", "FILE"),
                   help=t("没有网络时：县级平台生成的登记文件（U 盘带来）", "no network: the hub's enrollment file (USB stick)"))
    s.add_argument("--admin-pin", metavar="PIN",
                   help=t("本机已登记过时：管理员密码（不给出则询问）", "when enrolled already: an administrator's PIN (asked if not given)"))
    s.add_argument("--accept-fingerprint", metavar=t("指纹", "FINGERPRINT"),
                   help=t("登记单上印的县级平台密钥指纹：给出则先核对（换到另一个县级平台时必须给出）",
                          "the hub key fingerprint from the enrollment slip: checked when given (required to move "
                          "to another hub)"))
    s.add_argument("--allow-http", action="store_true",
                   help=t("允许不加密的 http:// 地址（仅限没有 https 的内网；会记入日志）",
                          "allow a plain http:// address (an intranet without https only; logged)"))

    s = subparsers.add_parser("sync", help=t("与县级平台同步一次", "sync once with the county hub"),
                              description=t("上传本站变更、下载县级平台数据并核对；双方一致时退出码为 0。",
                                            "Push, pull and verify; exit 0 only when the station and the hub agree."))
    s.add_argument("--hub", metavar="URL", help=t("临时使用另一个地址", "use another address this time"))

    s = subparsers.add_parser("export-bundle", help=t("导出同步文件（U 盘）", "write a sync bundle for a USB stick"))
    s.add_argument("-o", "--output", required=True, metavar=t("文件", "FILE"))
    s = subparsers.add_parser("import-bundle", help=t("导入县级平台的回执文件", "import the hub's answer bundle"))
    s.add_argument("file", metavar=t("文件", "FILE"))

    s = subparsers.add_parser("conflicts", help=t("列出同步冲突", "list sync conflicts"))
    s.add_argument("--all", action="store_true", help=t("包括已处理的", "include reviewed ones"))
    s.add_argument("--resolve", type=int, metavar="ID", help=t("标记为已处理", "mark one as reviewed"))
    return {"enroll": cmd_enroll, "sync": cmd_sync, "export-bundle": cmd_export_bundle,
            "import-bundle": cmd_import_bundle, "conflicts": cmd_conflicts}


def cmd_enroll(args, t: Text, open_db) -> int:
    import sys

    from ..services.context import SYSTEM_ADMIN
    from ..services.sync.enroll import FingerprintUnconfirmed, enroll, enroll_from_file

    if (args.file and (args.hub or args.token)) or (not args.file and not (args.hub and args.token)):
        print(t("请给出 --hub 地址 和 --token 登记码，或者（没有网络时）--file 登记文件。",
                "Give --hub URL and --token TOKEN, or (no network) --file FILE."), file=sys.stderr)
        return 2
    from ..services.sync import state as sync_state

    db = open_db(args)
    pin = args.admin_pin
    if pin is None and sync_state.config(db).credential and sys.stdin.isatty():
        import getpass

        pin = getpass.getpass(t("本机已登记过，再次登记请输入管理员密码：", "Enrolled already: administrator PIN: "))
    allowed_before = sync_state.config(db).allow_http if args.allow_http else True
    if args.allow_http:
        sync_state.allow_http(db)
    known = {"admin_pin": pin, "accept_fingerprint": args.accept_fingerprint}

    def attempt():
        if args.file:
            return enroll_from_file(db, SYSTEM_ADMIN, Path(args.file), **known)
        return enroll(db, SYSTEM_ADMIN, args.hub, args.token, **known)

    try:
        try:
            done = attempt()
        except FingerprintUnconfirmed as exc:
            if args.accept_fingerprint or not sys.stdin.isatty():
                raise  # a script: the one line shows the fingerprint and names --accept-fingerprint
            typed = _ask_fingerprint(t, exc.fingerprint)
            if not typed:
                print(t("已取消登记，本机设置没有改动。", "Enrollment cancelled; nothing was changed."), file=sys.stderr)
                return EXIT_ERROR
            known["accept_fingerprint"] = typed
            done = attempt()
    except BaseException:
        if not allowed_before:  # a refused enrollment (a wrong PIN, say) leaves plain http as it was
            sync_state.allow_http(db, False)
        raise
    if args.file:
        print(t(f"已用登记文件登记（{done.county}）。请运行 export-bundle 导出第一个同步文件，带到县级平台导入。",
                f"Enrolled from the file ({done.county}). Run export-bundle and take the first bundle to the hub."))
    else:
        print(t(f"已在县级平台登记（{done.county}）。现在可以运行 sync。",
                f"Enrolled with the county hub ({done.county}). Run sync now."))
    print(t(f"县级平台密钥指纹：{done.fingerprint}（请与登记单上印的核对，不一致请联系县人大代表工委）",
            f"Hub key fingerprint: {done.fingerprint} (compare it with the enrollment slip)"))
    if done.again:
        print(t("本机此前登记过：下次同步会先上传本机未上传的记录，再取回本站在县级平台上的全部记录（包括另一台电脑上传的）。"
                "案件编号如有重复，会列在 conflicts 中，两件都保留。",
                "This database was enrolled before: the next sync sends what is pending here, then fetches every "
                "record of the station from the hub (also those another PC sent). Case numbers used twice are "
                "listed by conflicts; both cases are kept."))
    for old, new in done.renumbered:
        print(t(f"案件编号 {old} → {new}：另一台电脑已把 {old} 用于另一件案件，本机这件改用新编号，请通知群众。",
                f"Case number {old} → {new}: the other PC gave {old} to another case; this one was renumbered. "
                "Tell the constituent."))
    return EXIT_OK


def _ask_fingerprint(t: Text, shown: str) -> str:
    """At a terminal, a first enrollment: show the hub key's fingerprint (when known) and ask for the one
    printed on the county's enrollment slip; typing it is the confirmation (no default accepts)."""
    if shown:
        print(t(f"首次登记：县级平台密钥指纹是\n\n    {shown}\n\n请与县里登记单上印的指纹逐组比对。",
                f"First enrollment: the hub key's fingerprint is\n\n    {shown}\n\nCompare it group by group "
                "with the county's enrollment slip."))
    else:
        print(t("这个登记码没有附带县级平台的密钥指纹（旧版县级平台），请输入登记单上印的指纹。",
                "This token names no hub key fingerprint (an older hub): type the one on the enrollment slip."))
    return input(t("一致时请照登记单输入指纹（32 位，可带空格；不一致直接回车取消）：",
                   "If they match, type the slip's fingerprint (32 characters, spaces allowed; Enter cancels): ")
                 ).strip()


def cmd_sync(args, t: Text, open_db) -> int:
    from ..services.sync.rounds import sync_round

    r = sync_round(open_db(args), url=args.hub)
    print(t(f"上传 {r.pushed} 条（被拒 {r.rejected} 条），下载 {r.pulled} 条（应用 {r.applied}，暂缓 {r.deferred}），修复 {r.repaired} 条。",
            f"Pushed {r.pushed} ({r.rejected} refused), pulled {r.pulled} ({r.applied} applied, {r.deferred} held "
            f"back), repaired {r.repaired}."))
    for note in r.notes:
        print(t("提示：", "Note: ") + note)
    if r.agreed:
        print(t("核对一致：本站与县级平台的数据相同。", "Verified: the station and the hub agree."))
        return EXIT_OK
    print(t("核对未通过：" + "、".join(r.differing or ["本地仍有待上传的变更"]),
            "Not verified: " + ", ".join(r.differing or ["local changes still pending"])))
    return EXIT_DISAGREE


def cmd_export_bundle(args, t: Text, open_db) -> int:
    from ..services.sync.bundle import export_bundle

    n = export_bundle(open_db(args), Path(args.output))
    print(t(f"已写出同步文件，含 {n} 条变更：{args.output}。请带到县级平台导入，再把回执文件带回导入。",
            f"Wrote {n} changes to {args.output}. Import it at the hub, then bring the answer back."))
    return EXIT_OK


def cmd_import_bundle(args, t: Text, open_db) -> int:
    from ..services.sync.bundle import import_bundle

    r = import_bundle(open_db(args), Path(args.file))
    print(t(f"确认 {r.acknowledged} 条，被拒 {r.rejected} 条；下载 {r.report.pulled} 条（应用 {r.report.applied}）。",
            f"{r.acknowledged} acknowledged, {r.rejected} refused; {r.report.pulled} received "
            f"({r.report.applied} applied)."))
    for note in r.report.notes:
        print(t("提示：", "Note: ") + note)
    if r.agreed is True:
        print(t("核对一致。", "Verified: the station and the hub agree."))
    elif r.agreed is False:
        print(t("与回执中的核对值不一致，请在有网络时运行 sync 修复。", "Differs from the answer's digest: run sync when online."))
    return EXIT_OK if r.agreed is not False else EXIT_DISAGREE


def cmd_conflicts(args, t: Text, open_db) -> int:
    from ..services.admin.stats import record_type_label
    from ..services.context import SYSTEM_ADMIN
    from ..services.sync.rounds import list_conflicts, resolve_conflict

    db = open_db(args)
    if args.resolve is not None:
        resolve_conflict(db, SYSTEM_ADMIN, args.resolve)
        print(t(f"冲突 {args.resolve} 已标记为处理。", f"Conflict {args.resolve} marked as reviewed."))
        return EXIT_OK
    rows = list_conflicts(db, include_resolved=args.all)
    kinds = {"field": t("字段冲突", "field"), "rejected": t("被县级平台拒收", "refused by hub"),
             "clash": t("记录重复", "clash")}
    print_table([(f"#{c.id}", f"{c.detected_at:%Y-%m-%d %H:%M}", kinds.get(c.kind, c.kind),
                  record_type_label(c.entity, t.lang), c.entity_id,
                  t(f"字段 {c.field}：保留 {c.kept!r}，落选 {c.lost!r}", f"field {c.field}: kept {c.kept!r}, lost {c.lost!r}")
                  if c.kind == "field" else c.reason) for c in rows])
    print(t(f"共 {len(rows)} 条同步冲突。", f"{len(rows)} sync conflict(s)."))
    return EXIT_OK
