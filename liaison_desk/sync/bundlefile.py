"""Reading a bundle or enrollment file from a USB stick: whatever the file is — binary, another program's,
not UTF-8, cut short (also in the middle of a character), empty, a folder, gone — the answer is one clear
Chinese line (``BundleRefused``), never a traceback. Used at the hub (``import-bundle``) and at the station
(``import-bundle``, the desk's 导入县级回执文件). What the text then holds is checked by ``bundle.peek`` and
``bundle.verify``."""

from __future__ import annotations

from pathlib import Path

from .bundle import BundleRefused

_BOM = b"\xef\xbb\xbf"
#: how a bundle's JSON text may begin (after a byte-order mark some editors add)
_JSON_START = frozenset(b"{[ \t\r\n")


def _refused(code: str, zh: str, en: str) -> BundleRefused:
    return BundleRefused(code, zh, message_en=en)


def read_bundle(path: Path | str) -> str:
    """The text of the bundle file at ``path``, or ``BundleRefused`` saying in one line what is wrong."""
    path = Path(path)
    folder = _refused("bundle_is_folder", f"{path} 是一个文件夹，不是同步文件。请选择文件夹里的同步文件。",
                      f"{path} is a folder, not a bundle file. Choose the file inside it.")
    if path.is_dir():  # (Windows says "permission denied" when a folder is opened as a file)
        raise folder
    try:
        with path.open("rb") as fh:
            head = fh.read(len(_BOM) + 1)
            if head[:len(_BOM)] != _BOM and head[:1] and head[0] not in _JSON_START:
                data = head  # a video or an archive picked by mistake is not read whole to be refused
            else:
                data = head + fh.read()
    except IsADirectoryError:
        raise folder from None
    except FileNotFoundError:
        raise _refused("bundle_missing", f"找不到文件 {path}（U 盘拔出了，或者路径写错了？）。",
                       f"There is no file {path} (stick removed, or a wrong path?).") from None
    except PermissionError:
        raise _refused("bundle_unreadable", f"没有权限读取文件 {path}。",
                       f"No permission to read {path}.") from None
    except OSError as exc:  # a failing stick: an I/O error while reading
        raise _refused("bundle_unreadable", f"读取文件 {path} 时出错（{exc.strerror or exc}）：U 盘可能有问题，请重新拷贝。",
                       f"Reading {path} failed ({exc.strerror or exc}): recopy it from a sound stick.") from None
    if data.startswith(_BOM):
        data = data[len(_BOM):]
    if not data.strip():
        raise _refused("bundle_empty", f"文件 {path} 是空的（可能拷贝未完成），已拒绝导入，数据没有改动。",
                       f"{path} is empty (an unfinished copy?); nothing was imported.")
    if data[0] not in _JSON_START:
        raise _refused("not_a_bundle", f"文件 {path} 不是联络站值班台的同步文件（可能选错了文件），已拒绝导入，数据没有改动。",
                       f"{path} is not a LiaisonDesk bundle (the wrong file?); nothing was imported.")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3 and exc.reason.startswith("unexpected end"):  # cut inside a character
            raise _refused("bundle_damaged", "同步文件已损坏或不完整（可能拷贝未完成），已拒绝导入，数据没有改动。",
                           "The bundle file is damaged or incomplete; nothing was imported.") from None
        raise _refused("not_a_bundle", f"文件 {path} 不是联络站值班台的同步文件（文字编码不对，可能被别的程序另存过），"
                       "已拒绝导入，数据没有改动。",
                       f"{path} is not a LiaisonDesk bundle (not UTF-8: saved by another program?); "
                       "nothing was imported.") from None
