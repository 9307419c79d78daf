"""Does the PC's date look right? Compared with what the station knows, before anything dated is written.

Station PCs lose their date after a power cut (a dead CMOS battery sets them back years) or are set wrong by
hand; case numbers, deadlines and closing dates then carry that date. The PC's clock is the only clock the
desk has, so it cannot be corrected here; but it can be compared with dates the station knows to be real:

- the build date of this release: the program cannot run before it was made (nor, plausibly, for years
  after without an update);
- the county hub's clock at the last sync (the hub keeps server time): time does not go back, and a year
  without a sync is unusual;
- the newest stamp the station holds (its own writes): the clock was at least there when they were made,
  unless those stamps are the ones that ran ahead. They are no evidence when they are later than any
  plausible time: more than a day after the hub's time at the last sync, or, when the hub's time is not
  known (a station that never synced over the network, or syncs by USB only), after this release's
  plausible lifetime (the build date + ``AFTER_BUILD``, the bound after which the PC's own date would be
  called wrong). A PC set right after running years ahead (2035) is then not called wrong for being
  before its own 2035 records, while one set back (its records plausible, the PC's date before them) still
  is. Between the two (a PC that ran a few days or months ahead, never synced) the station cannot tell
  which date was wrong: it asks, and staff confirm.

The verdict says which comparison failed, in plain Chinese, so staff can fix the date or confirm it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

#: How far behind a known date the PC may be before the date looks wrong (a wrong time zone setting on
#: the PC is 8 hours; a day covers it).
BEHIND = dt.timedelta(days=1)
#: How far after the last sync's hub time, and after the build date, before it looks wrong.
AFTER_SYNC = dt.timedelta(days=400)
AFTER_BUILD = dt.timedelta(days=3 * 366)


@dataclass(frozen=True)
class ClockVerdict:
    plausible: bool
    now: dt.datetime  # the PC's time, naive UTC
    reason: str  # ok | before_build | behind_hub | behind_records | long_after_sync | long_after_build
    message: str  # plain Chinese, "" when plausible
    message_en: str
    reference: dt.datetime | None = None  # the known date it was compared with (naive UTC)


def _day(value: dt.datetime) -> str:
    local = value + dt.timedelta(hours=8)  # station time (China Standard Time)
    return f"{local.year}年{local.month}月{local.day}日"


def _verdict(now: dt.datetime, reason: str, reference: dt.datetime, why: str, why_en: str) -> ClockVerdict:
    zh = (f"这台电脑的日期是 {_day(now)}，看起来不对：{why}（{_day(reference)}）。"
          "案件编号、办理期限和办结日期都按电脑日期记录。请先把电脑的日期和时间改正确；"
          "如果日期确实没错，请确认后继续。")
    en = (f"This PC's date is {now:%Y-%m-%d}, which looks wrong: {why_en} ({reference:%Y-%m-%d}). Case "
          "numbers, deadlines and closing dates use it. Set the PC's date and time right, or confirm it is right.")
    return ClockVerdict(False, now, reason, zh, en, reference)


def judge_clock(now: dt.datetime, *, build: dt.date, hub_time: dt.datetime | None = None,
                newest_stamp: dt.datetime | None = None) -> ClockVerdict:
    """The verdict on the PC's time ``now`` (naive UTC). ``build``: this release's build date;
    ``hub_time``: the hub's clock at the last sync; ``newest_stamp``: the wall time of the newest stamp the
    station holds. Each is left out when unknown."""
    built = dt.datetime.combine(build, dt.time())
    if now < built - BEHIND:
        return _verdict(now, "before_build", built, "它早于本程序的发布日期", "it is before this release was built")
    if hub_time is not None and now < hub_time - BEHIND:
        return _verdict(now, "behind_hub", hub_time, "它早于最近一次与县级平台同步时平台的日期",
                        "it is before the county hub's date at the last sync")
    if newest_stamp is not None and now < newest_stamp - BEHIND:
        # the newest records were stamped by a clock that ran ahead (later than any plausible time): they
        # prove nothing
        latest_plausible = hub_time + BEHIND if hub_time is not None else built + AFTER_BUILD
        ran_ahead = newest_stamp > latest_plausible
        if not ran_ahead:
            return _verdict(now, "behind_records", newest_stamp, "它早于本机已保存的最新记录的时间",
                            "it is before the newest record kept on this PC")
    if hub_time is not None and now > hub_time + AFTER_SYNC:
        return _verdict(now, "long_after_sync", hub_time, "它比最近一次与县级平台同步时晚了一年多",
                        "it is more than a year after the last sync with the county hub")
    if hub_time is None and now > built + AFTER_BUILD:
        return _verdict(now, "long_after_build", built, "它比本程序的发布日期晚了三年多",
                        "it is more than three years after this release was built")
    return ClockVerdict(True, now, "ok", "", "")
