"""Reference data a new station starts with until the county hub sends its own."""

from __future__ import annotations

# (code, name, livelihood?) — the categories the reports name most often.
DEFAULT_CATEGORIES: tuple[tuple[str, str, bool], ...] = (
    ("IRR", "农田灌溉", True),
    ("ROAD", "道路交通", True),
    ("LIGHT", "路灯照明", True),
    ("WATER", "饮水安全", True),
    ("MEAL", "老年助餐", True),
    ("ELDER", "养老服务", True),
    ("HUKOU", "户籍办理", True),
    ("LAND", "土地承包", False),
    ("JOB", "就业创业", True),
    ("MEDINS", "医疗保险", True),
    ("SOCSEC", "社会保障", True),
    ("ENV", "生态环境", True),
    ("EDU", "教育", True),
    ("HOUSE", "住房安全", True),
    ("SAFE", "社会治安", False),
    ("ECON", "产业发展", False),
    ("OTHER", "其他", False),
)
