"""The ``upr-course`` command: one thin face over the package.

Each sub-command lives in its own module with a ``register(subparsers)`` function that
adds its parser and sets ``handler``. This module only dispatches and turns a
``UserError`` into one plain sentence on stderr and exit code 2; the core knows nothing
of the command line.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from ..errors import UserError

EXIT_OK = 0
EXIT_USER_ERROR = 2

#: Modules under upr_course.cli that add sub-commands, in the order of the help text.
COMMAND_MODULES = ("data_cmd", "timeline_cmd", "grade_cmd", "workshop_cmd", "match_cmd")


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one plain line and exit code 2."""

    def error(self, message: str) -> None:  # noqa: D401 - argparse API
        self.exit(EXIT_USER_ERROR, f"upr-course: {message}. Run '{self.prog} --help' to see how to use it.\n")


def build_parser() -> argparse.ArgumentParser:
    """The full parser, with every sub-command registered."""
    from importlib import import_module

    parser = _Parser(prog="upr-course", description="Tools of the UPR advocacy course.")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    subparsers.required = True
    for module_name in COMMAND_MODULES:
        import_module(f"{__name__}.{module_name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 done, 2 the user's input needs fixing)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code = args.handler(args)
    except UserError as error:
        print(f"upr-course: {error}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("upr-course: stopped.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader stopped early (`upr-course timeline ... | head`): not an error. Point stdout
        # at nothing, so that Python's own flush at exit does not complain again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
    try:
        sys.stdout.flush()  # output still buffered may meet a closed pipe here too
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return EXIT_OK if code is None else code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
