"""The desk's 统计 page and the month-end pack (issue 16, station side), over the report engine's public
functions (``services.reports``): ``stats_view`` for the page, ``chart_svgs`` for its two charts,
``problem_cases`` for a 问题清单 row's cases, ``write_month_pack`` for the township's one-action pack."""

from .pack import MonthPackFiles, default_folder, write_month_pack
from .view import CaseLine, MonthPoint, StatsView, chart_months, chart_svgs, problem_cases, stats_view

__all__ = ["CaseLine", "MonthPackFiles", "MonthPoint", "StatsView", "chart_months", "chart_svgs", "default_folder",
           "problem_cases", "stats_view", "write_month_pack"]
