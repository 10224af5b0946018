"""The ``upr-course`` command: one thin face over the package.

Each sub-command lives in its own module with a ``register(subparsers)`` function that
adds its parser and sets ``handler``. This module only dispatches and turns a
``UserError`` into one plain sentence on stderr and exit code 2; the core knows nothing
of the command line.

``--lang en|es|fr`` (before or after the command) chooses the language of every message,
help text and error; without it, ``UPR_COURSE_LANG`` and then the computer's locale decide
(``upr_course.i18n``). It is read before the parser is built, so that the help texts are in
that language too. argparse's own messages ("the following arguments are required") are
translated from the course's catalogue (``argparse_messages.py``).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from ..errors import UserError
from ..i18n import LANGUAGES, language
from ..i18n import gettext as _

EXIT_OK = 0
EXIT_USER_ERROR = 2

#: Modules under upr_course.cli that add sub-commands, in the order of the help text.
COMMAND_MODULES = ("data_cmd", "timeline_cmd", "grade_cmd", "workshop_cmd", "match_cmd")


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one plain line and exit code 2."""

    def error(self, message: str) -> None:  # noqa: D401 - argparse API
        text = _("{message}. Run '{prog} --help' to see how to use it.").format(message=message, prog=self.prog)
        self.exit(EXIT_USER_ERROR, f"upr-course: {text}\n")


#: Sub-commands whose own ``--lang`` means something else (match-eval: the queries' language);
#: there, the language of messages is chosen with ``--lang`` before the command.
_OWN_LANG = ("match-eval",)


def build_parser() -> argparse.ArgumentParser:
    """The full parser, with every sub-command registered (help texts in the chosen language)."""
    from importlib import import_module

    from .argparse_messages import translate_argparse

    translate_argparse()
    parser = _Parser(prog="upr-course", description=_("Tools of the UPR advocacy course."))
    parser.add_argument("--lang", dest="ui_lang", choices=LANGUAGES, metavar="{en,es,fr}", help=_lang_help())
    subparsers = parser.add_subparsers(dest="command", metavar=_("COMMAND"), parser_class=_Parser)
    subparsers.required = True
    for module_name in COMMAND_MODULES:
        import_module(f"{__name__}.{module_name}").register(subparsers)
    for command in _leaf_parsers(parser):
        if not any("--lang" in action.option_strings for action in command._actions):
            command.add_argument("--lang", dest="ui_lang", choices=LANGUAGES, metavar="{en,es,fr}", default=argparse.SUPPRESS, help=_lang_help())
    return parser


def _lang_help() -> str:
    """A message, looked up when the parser is built (in the chosen language)."""
    return _("the language of messages: en (English), es (Spanish) or fr (French); default: UPR_COURSE_LANG, else the computer's")


def _leaf_parsers(parser: argparse.ArgumentParser):
    """Every parser that runs a command (``grade``, ``data coverage``...), not those that only hold sub-commands."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for child in dict.fromkeys(action.choices.values()):
                if any(isinstance(a, argparse._SubParsersAction) for a in child._actions):
                    yield from _leaf_parsers(child)
                else:
                    yield child


def language_in(argv: Sequence[str]) -> str | None:
    """The value of ``--lang`` in ``argv``, read before parsing (None when absent or not a language
    of the course: argparse then says so, in the language of the environment)."""
    argv = list(argv)
    for index, token in enumerate(argv):
        if token == "--":
            break
        if token in _OWN_LANG:
            argv = argv[:index]
            break
    for index, token in enumerate(argv):
        value = None
        if token == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        elif token.startswith("--lang="):
            value = token.split("=", 1)[1]
        if value is not None and value in LANGUAGES:
            return value
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code (0 done, 2 the user's input needs fixing)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    chosen = language_in(argv)
    if not chosen:
        return _run(argv)
    with language(chosen):  # the language chosen before this call comes back afterwards
        return _run(argv)


def _run(argv: list[str]) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        code = args.handler(args)
    except UserError as error:
        print(f"upr-course: {error}", file=sys.stderr)
        return EXIT_USER_ERROR
    except KeyboardInterrupt:
        print("upr-course: " + _("stopped."), file=sys.stderr)
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
