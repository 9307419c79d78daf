"""Bring the English catalogue up to date: run lupdate over ``liaison_desk/ui`` and fill in translations
given as tab-separated lines (context, Chinese source, English), then compile the ``.qm``.

    .venv/bin/python -m scripts.add_translations NEW.tsv [MORE.tsv ...]

A line whose source is not in the catalogue is reported; entries still untranslated are listed at the end."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import PySide6

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "resources" / "i18n" / "liaison_desk_en.ts"
QM = TS.with_suffix(".qm")


def _tool(name: str) -> str:
    return str(Path(PySide6.__file__).parent / name)


def read_tsv(paths: list[Path]) -> dict[tuple[str, str], str]:
    given: dict[tuple[str, str], str] = {}
    for path in paths:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) != 3:
                print(f"{path}:{number}: need three tab-separated fields", file=sys.stderr)
                continue
            context, source, english = (p.replace("\\n", "\n") for p in parts)
            given[(context, source)] = english
    return given


def main(argv: list[str]) -> int:
    sources = sorted(str(p) for p in (ROOT / "liaison_desk" / "ui").rglob("*.py"))
    lupdate = [_tool("lupdate"), *sources, "-ts", str(TS), "-no-obsolete"]
    subprocess.run(lupdate, check=True, capture_output=True)
    given = read_tsv([Path(a) for a in argv])
    tree = ET.parse(TS)
    used: set[tuple[str, str]] = set()
    missing: list[tuple[str, str]] = []
    for ctx in tree.getroot().iter("context"):
        name = ctx.findtext("name") or ""
        for message in ctx.iter("message"):
            key = (name, message.findtext("source") or "")
            translation = message.find("translation")
            if translation is None:
                translation = ET.SubElement(message, "translation")
            if key in given:
                translation.text = given[key]
                translation.attrib.pop("type", None)
                used.add(key)
            if translation.get("type") or not (translation.text or "").strip():
                missing.append(key)
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    subprocess.run(lupdate, check=True, capture_output=True)  # lupdate's own layout again: small diffs
    for key in sorted(set(given) - used):
        print("not in the catalogue:", key, file=sys.stderr)
    for key in missing:
        print("untranslated:", key, file=sys.stderr)
    subprocess.run([_tool("lrelease"), str(TS), "-qm", str(QM)], check=True, capture_output=True)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
