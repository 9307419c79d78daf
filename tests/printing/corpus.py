"""Realistic Chinese text for wrapping tests: what villagers raise, replies, and sentences dense in punctuation."""

from __future__ import annotations

import random

from liaison_desk.services.admin import demo_data as D

# Quotes, ellipses, dashes, brackets and book-title marks: the marks that end up at line starts.
EXTRA = (
    "群众说：“路修好了，我们出门就方便了！”",
    "他问：“这件事什么时候能办好？”代表答复：“我们会尽快联系交通运输局。”",
    "根据《中华人民共和国各级人民代表大会常务委员会监督法》的规定，代表可以提出建议。",
    "村里的老人们反映——助餐点的饭菜太硬，牙口不好的吃不动……",
    "请尽快处理（最好在春耕之前），以免影响农时。",
    "已登记、已受理、已交办、已答复、已回访、已办结。",
    "反映的问题包括：道路破损；路灯不亮；自来水水压低；垃圾清运不及时。",
    "他连说了三遍“谢谢”，又说：“代表们辛苦了。”",
    "今年的水稻亩产达到了600公斤，比去年增长了8%。",
    "请问：异地就医要怎么备案？报销比例是多少？",
    "《农村公路条例》实施后，「四好农村路」建设有了新要求。",
    "这件事我们已经跑了三趟了……还是没有结果！",
    "老人姓王·名德福，今年八十二岁。",
    "群众反映的情况属实，已责成镇政府限期整改（整改期限为30日）。",
)


def paragraphs(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    pool = [c.format(v=rng.choice(D.VILLAGES), p=rng.choice(D.PLACES)) for cs in D.CONTENT.values() for c in cs]
    pool += list(D.REPLIES) + list(EXTRA)
    return ["".join(rng.choice(pool) for _ in range(rng.randint(2, 7))) for _ in range(n)]
