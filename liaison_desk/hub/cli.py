"""``liaison-desk-hub``: the county hub's command line (serve, enroll stations, reference data, replies)."""

from __future__ import annotations

import argparse
import logging
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy.engine import URL
from sqlalchemy.exc import OperationalError

from ..domain.access import Role
from ..domain.console import install_argparse_language, print_table, stdout_closed_by_reader
from ..domain.errors import DomainError
from ..domain.lang import Text, detect_language
from ..domain.workflow import EventKind, ReplyClass, Resolution
from ..sync import signing

log = logging.getLogger(__name__)
DB_ENV = "LIAISON_HUB_DB"


def build_parser(t: Text) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="liaison-desk-hub",
                                description=t("县级平台：汇集各联络站的数据，下发基础数据和承办单位答复。",
                                              "The county hub: collects stations' records, sends reference data and replies."))
    p.add_argument("--db", default=os.environ.get(DB_ENV),
                   help=t(f"数据库地址（如 postgresql+psycopg://user@host/db 或 sqlite:///hub.sqlite3；默认取 ${DB_ENV}）",
                          f"database URL (postgresql+psycopg://… or sqlite:///…; default ${DB_ENV})"))
    p.add_argument("--county", default="default", help=t("县（区）代码", "county code"))
    p.add_argument("--lang", choices=["zh", "en"], help=t("界面语言（zh 中文，en 英文）", "language (zh, en)"))
    sub = p.add_subparsers(dest="command", required=True, title=t("子命令", "subcommands"))

    s = sub.add_parser("serve", help=t("启动同步服务", "run the sync service"))
    s.add_argument("--host", default="127.0.0.1")
    s.add_argument("--port", type=int, default=8700)
    s.add_argument("--workers", type=int, default=1,
                   help=t("工作进程数（默认 1；多核服务器可设为核数）", "worker processes (default 1; up to the number of cores)"))
    s.add_argument("--threads", type=int, default=0,
                   help=t("每个工作进程同时处理的请求数（默认 8）", "requests each worker serves at once (default 8)"))
    s.add_argument("--cert", help=t("HTTPS 证书文件（默认用 make-cert 生成的）", "HTTPS certificate (default: the one make-cert made)"))
    s.add_argument("--key", help=t("HTTPS 证书的私钥文件", "the certificate's private key"))
    s.add_argument("--county-name", default=os.environ.get("LIAISON_HUB_COUNTY_NAME") or "",
                   help=t("网页控制台页头显示的县（区）名称，如“某某县人大常委会”", "the county's name in the console's header"))
    s.add_argument("--plain-http", action="store_true",
                   help=t("不加密（仅供本机或测试；联络站只会对本机地址使用 http）", "no TLS (loopback or tests only)"))

    s = sub.add_parser("make-cert", help=t("为县级平台生成自签名 HTTPS 证书（内网地址）",
                                           "make a self-signed HTTPS certificate for the hub's intranet address"))
    s.add_argument("--name", action="append", required=True,
                   help=t("联络站访问县级平台用的主机名或 IP（可给多次）", "host name or IP the stations use (repeatable)"))
    s.add_argument("--days", type=int, default=3650, help=t("有效天数", "days valid"))
    sub.add_parser("fingerprint", help=t("显示县级平台密钥指纹（印在登记单上供核对）", "show the hub's key fingerprint"))

    s = sub.add_parser("add-station", help=t("登记联络站并生成一次性登记码", "enroll a station: prints a one-time token"))
    s.add_argument("--name", required=True)
    s.add_argument("--code", required=True)
    s = sub.add_parser("revoke-station", help=t("注销联络站的同步凭证", "revoke a station's credential"))
    s.add_argument("code")
    sub.add_parser("stations", help=t("列出联络站", "list stations"))
    s = sub.add_parser("resolve-fork", help=t("处理联络站数据库的副本（被拷贝到另一台电脑）：生成再次登记用的一次性登记码",
                                              "take back a forked station database: prints a one-time token to enroll it again"),
                       description=t("联络站的数据库被拷贝到第二台电脑并分别登记后，两台都会被暂停同步。在要继续使用的那台电脑上"
                                     "用这里生成的登记码再次运行 liaison-desk enroll：它的记录全部上传，另一台上传过的记录全部取回；"
                                     "另一台电脑的凭证随即失效（其未上传的记录仍在那台电脑上，可再为它执行一次本命令取回）。",
                                     "When a station's database was copied to a second PC, both copies' sync is paused. "
                                     "On the PC that carries on, run liaison-desk enroll again with the token printed "
                                     "here: its records are all sent, and what the other copy sent comes down to it. The "
                                     "other PC's credential then stops working (what it still holds stays there; run "
                                     "this again for it to take that in too)."))
    s.add_argument("--code", required=True, help=t("站点代码", "station code"))
    s.add_argument("--status", action="store_true", help=t("只显示县级平台掌握的情况，不生成登记码",
                                                           "only show what the hub holds; no token"))

    s = sub.add_parser("export", help=t("导出全部记录（与联络站导出格式相同）", "export records (the station's format)"))
    s.add_argument("--format", choices=["jsonl"], default="jsonl")
    s.add_argument("--station", help=t("只导出该站的副本", "only this station's replica"))
    s.add_argument("-o", "--output", required=True, help=t("输出文件（- 表示标准输出）", "output file (- for stdout)"))

    s = sub.add_parser("import-bundle", help=t("导入联络站的同步文件并生成回执", "import a station's bundle, write the answer"))
    s.add_argument("file")
    s.add_argument("-o", "--output", help=t("回执文件（默认为原文件名加 .answer）", "answer file (default FILE.answer)"))
    s = sub.add_parser("export-enrollment", help=t("为没有网络的联络站生成登记文件（U 盘）",
                                                   "write an enrollment file for a station with no network"),
                       description=t("生成带签名的登记文件，在联络站用 liaison-desk enroll --file 文件 导入；之后用同步文件往来。"
                                     "文件里有本站的同步凭证，请像钥匙一样保管，导入后删除。会替换该站以前的凭证。",
                                     "Writes a signed enrollment file the station imports with liaison-desk enroll "
                                     "--file FILE; bundles then work. It holds the station's credential: carry it like "
                                     "a key and delete it once imported. It replaces the station's earlier credential."))
    s.add_argument("--code", required=True, help=t("站点代码", "station code"))
    s.add_argument("--name", help=t("联络站名称（尚未用 add-station 登记时）", "station name (when not added yet)"))
    s.add_argument("--hub-url", help=t("县级平台地址（以后有网络时使用）", "the hub's address, for when a link appears"))
    s.add_argument("-o", "--output", required=True)
    s = sub.add_parser("export-bundle", help=t("为联络站生成下发文件", "write an answer file for a station"))
    s.add_argument("--station", required=True)
    s.add_argument("-o", "--output", required=True)

    for name, zh, en in (("reply", "登记承办单位答复", "record a department's reply"),
                         ("supervise", "登记督办", "record supervision")):
        s = sub.add_parser(name, help=t(zh, en))
        s.add_argument("case_no", help=t("案件编号（编号重复时用案件 ID）", "case number (the case id when two share a number)"))
        s.add_argument("--text", required=True)
        s.add_argument("--by", default="县人大代表工委", help=t("经办人", "recorded by"))
        if name == "reply":
            s.add_argument("--resolution", required=True, choices=[r.value for r in Resolution])  # never assumed
            s.add_argument("--class", dest="reply_class", choices=[c.value for c in ReplyClass],
                           help=t("答复类别：A 已解决，B 正在解决，C 列入计划，D 因条件限制无法解决并已解释",
                                  "reply class: A solved, B being solved, C planned, D explained why not"))
        else:
            s.add_argument("--level", type=int, help=t("督办级别", "escalation level"))
            s.add_argument("--how", help=t("督办方式（如 一般、重点、挂牌）", "kind of supervision (一般, 重点, 挂牌…)"))

    s = sub.add_parser("add-user", help=t("新增县级平台网页账号：最后一行打印一次性密码", "add a console account: prints a one-time password"),
                       description=t("为县人大、乡镇、领导或承办单位的工作人员新增网页账号。最后一行是一次性密码，"
                                     "本人第一次登录时必须改成自己的密码。",
                                     "Adds a console account. The last line is a one-time password the person "
                                     "must change at the first sign-in."))
    s.add_argument("--name", required=True, help=t("账号名（登录用，不含空格）", "account name (no spaces)"))
    s.add_argument("--role", required=True, choices=[r.value for r in Role],
                   help=t("角色：county_admin 县级管理员，county_staff 县人大工作人员，township_staff 乡镇人大工作人员，"
                          "leader 领导（只读），department 承办单位联络员",
                          "role: county_admin, county_staff, township_staff, leader (read-only), department"))
    where = s.add_mutually_exclusive_group()
    where.add_argument("--township", help=t("乡镇（township_staff 必填）", "township (township_staff)"))
    where.add_argument("--department", help=t("承办单位名称，与基础资料一致（department 必填）",
                                              "department name as in the reference data (department)"))
    sub.add_parser("users", help=t("列出县级平台网页账号", "list console accounts"))
    s = sub.add_parser("reset-password", help=t("重置网页账号的密码：最后一行打印新的一次性密码",
                                                 "reset a console account's password: prints a one-time password"))
    s.add_argument("--name", required=True, help=t("账号名", "account name"))

    _county_action_parsers(sub, t)

    s = sub.add_parser("ref-add", help=t("新增基础数据（代表、单位、类别……）", "add reference data"))
    s.add_argument("entity")
    s.add_argument("values", nargs="*", metavar="FIELD=VALUE")
    s = sub.add_parser("ref-set", help=t("修改基础数据（停用请设 active=0）", "change reference data (active=0 deactivates)"))
    s.add_argument("entity")
    s.add_argument("key", help=t("编号或名称", "id or name"))
    s.add_argument("values", nargs="+", metavar="FIELD=VALUE")
    sub.add_parser("conflicts", help=t("列出同步冲突", "list sync conflicts"))
    s = sub.add_parser("check-digests", help=t("核对各站数据摘要（全部记录重算一遍）",
                                               "recount every record and compare the kept digests"))
    s.add_argument("--fix", action="store_true", help=t("把重算的结果写回", "write the recounted digests"))
    s = sub.add_parser("report", help=t("全县统计报表（JSON、PDF 或 Excel），口径与联络站相同",
                                        "the county's period report (JSON, PDF or Excel), as the stations count"))
    s.add_argument("--period", required=True, metavar=t("期间", "PERIOD"),
                   help=t("统计期间：月份 2026-11、季度 2026Q3、半年 2026H1、年度 2026，或日期范围 2026-01-05..2026-02-10",
                          "month 2026-11, quarter 2026Q3, half 2026H1, year 2026 or range 2026-01-05..2026-02-10"))
    s.add_argument("--by", choices=["station", "township", "village", "category", "department", "triage"],
                   help=t("分组方式：station 联络站、township 乡镇、village 村（社区）、category 问题类别、"
                          "department 承办单位、triage 分办颜色", "breakdown"))
    s.add_argument("--format", choices=["xlsx", "pdf", "json"],
                   help=t("输出格式（默认按输出文件的扩展名，否则 json）", "format (default: the file's extension, else json)"))
    s.add_argument("--thresholds", metavar=t("标准", "RULES"),
                   help=t("通报标准，例如“回复率<92,满意率<85”（默认取环境变量 LIAISON_HUB_REPORT_THRESHOLDS，否则即此）",
                          "notice thresholds, e.g. reply_rate<92,satisfaction_rate<85 "
                          "(default: $LIAISON_HUB_REPORT_THRESHOLDS, else these)"))
    s.add_argument("--county-name", default="全县", help=t("报表抬头的名称", "the name in the report's title"))
    s.add_argument("-o", "--output", required=True, metavar=t("文件", "FILE"),
                   help=t("输出文件（json 可用 - 表示标准输出）", "output file (- for stdout, json only)"))
    s = sub.add_parser("audit-verify", help=t("核验联络站上传的审计日志是否完整（无改动、无缺失）",
                                              "check a station's audit trail as the hub holds it"))
    s.add_argument("--station", required=True, metavar=t("站点代码", "CODE"))
    return p


def _county_action_parsers(sub: Any, t: Text) -> None:
    """交办, 退办, 延期 and 退回重办 at the shell (the console's forms do the same: ``hub.console.actions``)."""
    by = ("--by", {"default": "县人大代表工委", "help": t("经办人", "recorded by")})
    s = sub.add_parser("assign", help=t("交办案件（可一次交办多件，全部成功或全部不交办）",
                                        "assign cases to a department (a batch: all or none)"))
    s.add_argument("case_nos", nargs="+", metavar="CASE_NO", help=t("案件编号", "case number(s)"))
    s.add_argument("--department", required=True, help=t("主办单位名称", "main department's name"))
    s.add_argument("--days", required=True, help=t("办理时限（工作日，按节假日安排计算期限）", "time limit in working days"))
    s.add_argument("--co", action="append", default=[], help=t("会办单位（可给多次）", "co-handling department (repeatable)"))
    s.add_argument("--note", default="", help=t("交办意见", "note"))
    s.add_argument(by[0], **by[1])
    s = sub.add_parser("return-case", help=t("登记承办单位退办（须说明理由）", "record a department returning a case"))
    s.add_argument("case_no")
    s.add_argument("--reason", required=True, help=t("退办理由", "reason"))
    s.add_argument(by[0], **by[1])
    s = sub.add_parser("extend", help=t("延期：登记申请，或批准、不同意", "extension: record a request, or approve or refuse it"))
    s.add_argument("case_no")
    g = s.add_mutually_exclusive_group(required=True)
    g.add_argument("--request", metavar="DATE", help=t("申请延期至（如 2027-01-15）", "request an extension to DATE"))
    g.add_argument("--approve", action="store_true", help=t("批准待审批的延期申请", "approve the pending request"))
    g.add_argument("--refuse", action="store_true", help=t("不同意待审批的延期申请（须说明理由）", "refuse it (give --reason)"))
    s.add_argument("--reason", default="", help=t("理由", "reason"))
    s.add_argument(by[0], **by[1])
    s = sub.add_parser("reopen-case", help=t("退回重办（代表或群众不满意，须说明理由）", "send a case back to be handled again"))
    s.add_argument("case_no")
    s.add_argument("--reason", required=True, help=t("理由", "reason"))
    s.add_argument(by[0], **by[1])


def _run_county_action(hub: Any, args: Any, t: Text) -> None:
    """The shell acts as the county's administrator (who may do every county action)."""
    from ..domain.access import Role as ViewerRole
    from ..domain.access import Viewer
    from .console import actions

    who = Viewer("cli", args.by, ViewerRole.COUNTY_ADMIN)
    if args.command == "assign":
        done = actions.assign(hub, who, args.case_nos, department=args.department, working_days=args.days,
                              co_departments=args.co, note=args.note)
        deadline = done[0].state.deadline
        print(t(f"已交办 {len(done)} 件给{args.department}，办理期限 {deadline}；下次同步时送达联络站。",
                f"Assigned {len(done)} case(s) to {args.department}, due {deadline}; stations receive it at their next sync."))
        return
    if args.command == "return-case":
        acted = actions.return_case(hub, who, args.case_no, reason=args.reason)
    elif args.command == "reopen-case":
        acted = actions.reopen(hub, who, args.case_no, reason=args.reason)
    elif args.request:
        acted = actions.request_extension(hub, who, args.case_no, new_deadline=args.request, reason=args.reason)
    else:
        acted = actions.decide_extension(hub, who, args.case_no, approve=args.approve, note=args.reason)
    print(t(f"已登记，案件当前状态：{acted.state.status}，期限：{acted.state.deadline or '无'}；下次同步时送达联络站。",
            f"Recorded; the case is now {acted.state.status}, due {acted.state.deadline or '-'}. It reaches the "
            "station at its next sync."))


def _pairs(values: Sequence[str]) -> dict[str, str]:
    out = {}
    for v in values:
        if "=" not in v:
            raise DomainError("bad_argument", f"参数应写成 字段=值：{v}", message_en=f"Expected FIELD=VALUE: {v}")
        k, _, val = v.partition("=")
        out[k.strip()] = val
    return out


def open_hub(url: str | None, county: str):
    from .database import make_engine, upgrade
    from .store import Hub

    if not url:
        raise DomainError("no_db", f"请用 --db 或环境变量 {DB_ENV} 指定县级平台数据库。",
                          message_en=f"Give the hub database with --db or ${DB_ENV}.")
    engine = make_engine(url)
    try:
        upgrade(engine)  # the first connection: a missing database or server shows here
    except OperationalError as exc:
        engine.dispose()
        log.debug("cannot open the hub database", exc_info=True)
        raise _unreachable(engine.url, exc) from None
    return Hub(engine, county)


def _unreachable(url: URL, exc: OperationalError) -> DomainError:
    """One line saying what is wrong with the hub database and what to do, instead of the driver's trace."""
    detail = str(exc.orig or exc).strip().splitlines()[0] if str(exc.orig or exc).strip() else ""
    if url.get_backend_name() == "postgresql":
        host, port, name, user = url.host or "localhost", url.port or 5432, url.database or "", url.username
        missing = re.search(r'database "([^"]+)" does not exist', str(exc.orig or exc))
        if missing:
            who = f" -U {user}" if user else ""
            step = f"createdb -h {host} -p {port}{who} {missing.group(1)}"
            return DomainError("hub_db_missing",
                               f"县级平台数据库“{missing.group(1)}”还不存在。请先在数据库服务器上建立它：{step}，然后再运行本命令。",
                               message_en=f"The hub database {missing.group(1)!r} does not exist. Create it first: "
                                          f"{step}, then run this again.")
        if "refused" in detail or "could not translate host name" in detail or "timeout" in detail:
            return DomainError("hub_db_unreachable",
                               f"连不上数据库服务器 {host}:{port}。请确认 PostgreSQL 已启动，--db 中的地址和端口正确。",
                               message_en=f"Cannot reach the database server at {host}:{port}. Is PostgreSQL "
                                          "running, and are the host and port in --db right?")
        return DomainError("hub_db_refused", f"无法打开县级平台数据库 {host}:{port}/{name}：{detail}",
                           message_en=f"Cannot open the hub database {host}:{port}/{name}: {detail}")
    return DomainError("hub_db_refused", f"无法打开县级平台数据库 {url.database}：{detail}",
                       message_en=f"Cannot open the hub database {url.database}: {detail}")


def run(args, t: Text) -> int:
    from . import bundles, county, keys

    cmd = args.command
    if cmd == "make-cert":  # needs no database
        folder = keys.key_dir(args.db)
        cert, key = keys.make_cert(folder, args.name, days=args.days)
        print(t(f"已生成证书 {cert}（私钥 {key}，仅本账户可读）。证书指纹 SHA-256：{keys.cert_sha256(cert.read_text('ascii'))}。"
                "用 serve 启动时自动使用；此后发给联络站的登记码和登记文件会带上它。以前登记的联络站需重新登记。",
                f"Made the certificate {cert} (key {key}, owner only); SHA-256 {keys.cert_sha256(cert.read_text('ascii'))}. "
                "serve uses it; enrollments from now on carry it. Stations enrolled before must enroll again."))
        return 0
    if cmd == "report":
        return _report(args, t)
    hub = open_hub(args.db, args.county)
    fingerprint = signing.show(keys.fingerprint(keys.folder_for(hub)))
    slip = t(f"县级平台密钥指纹（请与联络站显示的核对）：{fingerprint}",
             f"Hub key fingerprint (compare with what the station shows): {fingerprint}")
    if cmd == "fingerprint":
        print(slip)
    elif cmd == "serve":
        import uvicorn

        from .app import create_app
        from .console.deps import ConsoleSettings
        from .console.reports import thresholds_from_env

        thresholds_from_env()  # the county's 通报 thresholds: a wrong value stops here, in words
        if args.threads:
            os.environ["LIAISON_HUB_THREADS"] = str(args.threads)
        tls = tls_files(args, keys.folder_for(hub), t)
        if getattr(args, "workers", 1) > 1:  # each worker process builds its own app and engine
            os.environ["LIAISON_HUB_DB"], os.environ["LIAISON_HUB_COUNTY"] = args.db, args.county
            os.environ["LIAISON_HUB_POOL"] = str(max(4, 20 // args.workers))
            if args.county_name:
                os.environ["LIAISON_HUB_COUNTY_NAME"] = args.county_name
            hub.engine.dispose()
            uvicorn.run("liaison_desk.hub.app:app_from_env", factory=True, workers=args.workers, host=args.host,
                        port=args.port, log_level="info", **tls)
        else:
            uvicorn.run(create_app(hub, console=ConsoleSettings(county_name=args.county_name or "县级平台")),
                        host=args.host, port=args.port, log_level="info", **tls)
    elif cmd == "add-station":
        token = hub.add_station(args.name, args.code)
        print(slip)  # before the instructions: the token stays alone on the last line
        print(t(f"已登记联络站 {args.code.upper()}（{args.name}）。请在该站运行 liaison-desk enroll --hub 地址 --token 下面的登记码（只能用一次）：",
                f"Station {args.code.upper()} ({args.name}) registered. On the station run `liaison-desk enroll "
                "--hub URL --token` with this one-time token:"))
        print(token)
    elif cmd == "revoke-station":
        hub.revoke_station(args.code)
        print(t(f"已注销 {args.code.upper()} 的同步凭证。", f"Credential of {args.code.upper()} revoked."))
    elif cmd == "resolve-fork":
        from . import recovery

        for line in recovery.describe(recovery.fork_status(hub, args.code), t):
            print(line)
        if not args.status:
            token = recovery.resolve_fork(hub, args.code)
            print(slip)
            print(t(f"请在要继续使用的那台电脑上运行 liaison-desk enroll --hub 地址 --token 下面的登记码（只能用一次）。"
                    f"登记后，{args.code.upper()} 的另一台电脑不能再同步。",
                    f"On the PC that carries on, run `liaison-desk enroll --hub URL --token` with this one-time "
                    f"token. Once it is used, the other PC of {args.code.upper()} can no longer sync."))
            print(token)
    elif cmd == "stations":
        listed = []
        for st in hub.stations():
            state = (t("已注销", "revoked") if st["revoked"] else t("已登记", "enrolled") if st["enrolled"]
                     else t("未登记", "-"))
            listed.append((st["code"], st["name"], state, st["last_seen_at"] or ""))
        print_table(listed, (t("代码", "code"), t("名称", "name"), t("状态", "state"), t("最近同步", "last seen")))
    elif cmd == "export":
        if args.output == "-":
            n = county.export_jsonl(hub, sys.stdout, args.station)
            print(t(f"已导出 {n} 条记录", f"Exported {n} records"), file=sys.stderr)
            return 0
        out = Path(args.output)
        tmp = out.with_name(out.name + ".part")
        with tmp.open("w", encoding="utf-8", newline="\n") as fh:
            n = county.export_jsonl(hub, fh, args.station)
        tmp.replace(out)
        print(t(f"已导出 {n} 条记录到 {out}", f"Exported {n} records to {out}"), file=sys.stderr)
    elif cmd == "import-bundle":
        from ..sync.bundlefile import read_bundle

        text, summary = bundles.import_bundle(hub, read_bundle(args.file))  # a bad file: one line, no traceback
        out = Path(args.output or args.file + ".answer")
        tmp = out.with_name(out.name + ".part")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(out)
        print(t(f"{summary['station']}：收到 {summary['received']} 条变更，接受 {summary['accepted']}，拒收 "
                f"{summary['rejected']}；回执含 {summary['sent']} 条下发变更：{out}",
                f"{summary['station']}: {summary['received']} changes received, {summary['accepted']} accepted, "
                f"{summary['rejected']} refused; the answer carries {summary['sent']} changes: {out}"))
        if summary.get("plain"):  # a desk of an earlier release: read, logged; the answer is encrypted
            print(t(f"注意：{summary['station']} 的同步文件没有加密（旧版联络站值班台），已导入；请尽快为该站升级。"
                    "回执文件已加密，旧版程序读不了，升级后再导入。",
                    f"Note: the bundle of {summary['station']} is not encrypted (an older desk); imported. Upgrade "
                    "that desk: the answer is encrypted and only an upgraded desk reads it."))
    elif cmd == "export-enrollment":
        if args.name:
            hub.add_station(args.name, args.code)
        text, summary = bundles.export_enrollment(hub, args.code, args.hub_url)
        out = Path(args.output)
        tmp = out.with_name(out.name + ".part")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(out)
        print(t(f"已为 {summary['station']} 写出登记文件：{out}。在联络站运行 liaison-desk enroll --file 该文件；"
                "然后用 export-bundle 导出第一个同步文件带回导入。文件含同步凭证，导入后请删除。",
                f"Wrote the enrollment file of {summary['station']}: {out}. On the station run liaison-desk enroll "
                "--file with it, then bring back its first bundle (export-bundle). It holds the credential: delete "
                "it once imported."))
        print(slip)
        print(t("联络站首次登记时须输入上面的指纹（enroll --accept-fingerprint），请把它印在登记单上，与文件分开送达。",
                "A station's first enrollment asks for this fingerprint (enroll --accept-fingerprint): print it on "
                "the enrollment slip and deliver the slip apart from the file."))
    elif cmd == "export-bundle":
        text, summary = bundles.export_bundle(hub, args.station)
        out = Path(args.output)
        out.write_text(text, encoding="utf-8")
        print(t(f"已为 {summary['station']} 写出 {summary['sent']} 条下发变更：{out}",
                f"Wrote {summary['sent']} changes for {summary['station']} to {out}"))
    elif cmd in ("reply", "supervise"):
        from .console.actions import rules_from_env as actions_rules

        if cmd == "reply":
            data = {"text": args.text, "resolution": args.resolution, "reply_class": args.reply_class}
            case_state = county.act_on_case(hub, args.case_no, EventKind.REPLY, data, args.by)
        else:
            levels = actions_rules().supervision_levels
            if args.how and args.how not in levels:
                raise DomainError("bad_value", f"督办方式应为：{'、'.join(levels)}", field="how",
                                  message_en=f"The kind of supervision must be one of: {', '.join(levels)}")
            data = {"text": args.text, "escalation_level": args.level, "supervision_level": args.how}
            case_state = county.act_on_case(hub, args.case_no, EventKind.SUPERVISE, data, args.by)
        print(t(f"已登记，案件当前状态：{case_state.status}；下次同步时送达联络站。",
                f"Recorded; the case is now {case_state.status}. It reaches the station at its next sync."))
    elif cmd == "add-user":
        from .console import auth

        password = auth.add_user(hub, args.name, args.role, args.township, args.department)
        print(t(f"已新增账号 {args.name.strip()}。请把下面的一次性密码交给本人，第一次登录时须改成自己的密码（至少 10 个字符）：",
                f"Account {args.name.strip()} added. Give this one-time password to the person; they set their own "
                "(10 characters or more) at the first sign-in:"))
        print(password)  # alone on the last line
    elif cmd == "users":
        from ..domain.access import ROLE_LABELS
        from .console import auth

        print_table([(u.name, ROLE_LABELS[u.role][0 if t.lang == "zh" else 1], u.township or u.department or "",
                      t("已停用", "deactivated") if not u.active else t("待首次登录", "not signed in yet")
                      if u.must_change else t("正常", "active"),
                      f"{u.last_sign_in_at:%Y-%m-%d %H:%M}" if u.last_sign_in_at else "")
                     for u in auth.users(hub)],
                    (t("账号", "name"), t("角色", "role"), t("乡镇/承办单位", "township/department"), t("状态", "state"),
                     t("最近登录（UTC）", "last sign-in (UTC)")))
    elif cmd == "reset-password":
        from .console import auth

        password = auth.reset_password(hub, name=args.name)
        print(t(f"已重置 {args.name.strip()} 的密码，该账号的登录已全部退出。新的一次性密码：",
                f"The password of {args.name.strip()} is reset and its sessions ended. The new one-time password:"))
        print(password)
    elif cmd in ("assign", "return-case", "extend", "reopen-case"):
        _run_county_action(hub, args, t)
    elif cmd == "ref-add":
        ident = county.add_reference(hub, args.entity, _pairs(args.values))
        print(ident)
    elif cmd == "ref-set":
        county.update_reference(hub, args.entity, args.key, _pairs(args.values))
        print(t("已修改，下次同步时送达各联络站。", "Changed; stations receive it at their next sync."))
    elif cmd == "conflicts":
        rows = county.conflicts(hub, mark_seen=True)  # shown to the county: a later clock incident is flagged again
        print_table([(f"{c['detected_at']:%Y-%m-%d %H:%M}", c["kind"], c["station"] or t("县级平台", "hub"), c["entity"],
                      c["entity_id"], c["field"] or "", f"{t('保留', 'kept')} {c['kept']}",
                      f"{t('落选', 'lost')} {c['lost']}", c["reason"] or "")  # e.g. why a station's clock is suspect
                     for c in rows])
        print(t(f"共 {len(rows)} 条冲突。", f"{len(rows)} conflict(s)."))
    elif cmd == "audit-verify":  # issue 17: the station's chain as the hub holds it
        from .audit import verify_station

        held, problems = verify_station(hub, args.station)
        for problem in problems:
            print(problem.message if t.lang == "zh" else problem.message_en)
        print(t(f"{args.station}：县级平台保存审计记录 {held} 条，" + ("逐条相连，没有改动或缺失。" if not problems else
                f"发现 {len(problems)} 处问题。"),
                f"{args.station}: the hub holds {held} audit entries; " + ("intact." if not problems else
                f"{len(problems)} problem(s).")))
        if problems:
            return 3
    elif cmd == "check-digests":
        wrong = hub.check_digests(fix=args.fix)
        print_table([(w["scope"], w["entity"], f"{t('记录的', 'kept')} {w['kept']}", f"{t('重算的', 'counted')} {w['counted']}")
                     for w in wrong])
        if not wrong:
            print(t("数据摘要与记录一致。", "The digests match the records."))
        elif args.fix:
            print(t(f"已改正 {len(wrong)} 项数据摘要。", f"{len(wrong)} digest(s) corrected."))
        else:
            print(t(f"{len(wrong)} 项数据摘要与记录不一致；加 --fix 改正。",
                    f"{len(wrong)} digest(s) differ from the records; run again with --fix."))
            return 3  # as the station's checks: the check ran and failed
    return 0


def _report(args, t: Text) -> int:
    """``report``: the county's figures (every station; the shell reads as the county's administrator)."""
    import json

    from ..domain.access import Viewer
    from ..domain.reports import parse_period, parse_thresholds, report_to_json
    from .console import reports

    out = None if args.output == "-" else Path(args.output)
    fmt = args.format or (out.suffix.lower().lstrip(".") if out and out.suffix.lower() in (".xlsx", ".pdf") else "json")
    if out is None and fmt != "json":
        print(t("错误：", "Error: ") + t(f"{fmt} 格式不能写到标准输出，请用 -o 指定文件名。",
                                       f"{fmt} cannot go to stdout: give a file name."), file=sys.stderr)
        return 2
    try:  # usage errors: one line, exit 2, before the database is opened
        period = parse_period(args.period)
        thresholds = parse_thresholds(args.thresholds) if args.thresholds else reports.thresholds_from_env()
    except DomainError as exc:
        print(t("错误：", "Error: ") + exc.localized(t.lang), file=sys.stderr)
        return 2
    if out is not None and out.is_dir():
        raise DomainError("bad_output", f"{out} 是文件夹，请给出文件名。", message_en=f"{out} is a folder; give a file name.")
    hub = open_hub(args.db, args.county)
    report = reports.county_report(hub, Viewer("cli", "命令行", Role.COUNTY_ADMIN), period, by=args.by,
                                   thresholds=thresholds, county_name=args.county_name)
    if fmt == "json":
        text = json.dumps(report_to_json(report), ensure_ascii=False, indent=2)
        if out is None:
            print(text)
            return 0
        data = (text + "\n").encode("utf-8")
    elif fmt == "pdf":
        from ..services.reports.output import report_pdf

        data = bytes(report_pdf(report))
    else:
        import io

        from ..services.reports.workbook import report_workbook

        buf = io.BytesIO()
        report_workbook(report).save(buf)
        data = buf.getvalue()
    assert out is not None
    tmp = out.with_name(out.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(out)
    print(t(f"已生成 {report.title}（{fmt}）：{out}", f"Wrote the {report.period.code} report ({fmt}) to {out}"),
          file=sys.stderr)
    return 0


def tls_files(args, folder: Path, t: Text) -> dict[str, Any]:
    """uvicorn's TLS arguments: ``--cert``/``--key``, else the certificate ``make-cert`` made; plain HTTP
    only when asked (``--plain-http``) or on this machine's loopback address with no certificate, logged."""
    from ..services.sync.client import is_loopback
    from . import keys

    cert = args.cert or (str(folder / keys.CERT_FILE) if (folder / keys.CERT_FILE).exists() else None)
    key = args.key or (str(folder / keys.TLS_KEY_FILE) if (folder / keys.TLS_KEY_FILE).exists() else None)
    if args.plain_http or ((not cert or not key) and is_loopback(args.host)):
        log.warning("serving plain HTTP on %s: stations use it only to this machine or when allowed", args.host)
        return {}
    if not cert or not key:
        raise DomainError("no_cert", "还没有 HTTPS 证书：请先运行 liaison-desk-hub make-cert --name 县级平台地址"
                                     "（或用 --cert/--key 指定证书；仅本机测试可用 --plain-http）。",
                          message_en="No HTTPS certificate yet: run liaison-desk-hub make-cert --name ADDRESS first "
                                     "(or give --cert/--key; --plain-http for loopback tests only).")
    return {"ssl_certfile": cert, "ssl_keyfile": key}


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    lang = detect_language(argv)
    install_argparse_language(lang)  # usage, "options", argparse's errors: Chinese like the desk's
    t = Text(lang)
    args = build_parser(t).parse_args(argv)
    t = Text(args.lang or lang)
    logging.basicConfig(level=logging.WARNING)
    from .. import paths
    from ..logsetup import MaskingFilter

    paths.private_umask()  # answer and enrollment files (a station's credential), exports: owner-only
    for handler in logging.getLogger().handlers:
        handler.addFilter(MaskingFilter())  # no visitor's phone or ID number in the hub's log either
    try:
        rc = run(args, t)
        sys.stdout.flush()  # a reader gone away (`| head`) shows here, not in the interpreter's last flush
        return rc
    except BrokenPipeError:
        return stdout_closed_by_reader()
    except DomainError as exc:
        print(t("错误：", "Error: ") + exc.localized(t.lang), file=sys.stderr)
        return 1
    except OSError as exc:
        print(t(f"错误：文件操作失败：{exc}", f"Error: file operation failed: {exc}"), file=sys.stderr)
        return 1
    except Exception:
        log.exception("unexpected error")
        print(t("错误：程序遇到意外问题。", "Error: unexpected problem."), file=sys.stderr)
        return 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
