"""Entry point of ``liaison-desk``: a subcommand runs in the terminal, no subcommand opens the desk."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence

from . import paths
from .logsetup import configure_logging


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    paths.private_umask()  # every file made from here on is owner-only (POSIX; see paths)
    from .cli.main import describe_command, parse, run_command

    args, lang = parse(argv)
    overridden = bool(args.data_dir) or bool(paths.os.environ.get(paths.DATA_DIR_ENV))
    data = paths.data_dir(args.data_dir)
    try:
        configure_logging(paths.log_dir(data, overridden=overridden))
    except OSError as exc:  # a read-only profile must not stop the desk; say so once
        print(f"警告：无法写入日志文件（{exc}）", file=sys.stderr)
    logging.getLogger(__name__).info("liaison-desk %s", describe_command(args))  # never a PIN, token or phone
    if args.command:
        return run_command(args, lang)
    from .ui.desk import run_desk

    return run_desk(data, lang)


if __name__ == "__main__":
    sys.exit(main())
