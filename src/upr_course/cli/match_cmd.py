"""``upr-course match``, ``match-eval``, ``allies`` and ``mirror``: thin faces over
``upr_course.match``. Each parses its arguments, asks the core and prints a table (or JSON
with ``--json``). Bad input is a ``UserError``: one sentence on stderr, exit code 2.
"""

from __future__ import annotations

import json
import textwrap

from ..data import local_state_names
from ..errors import UserError
from ..i18n import gettext as _
from ..i18n import pgettext
from ..issue_names import issue_label, issue_labels
from ..summaries import response_word


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "match",
        help=_("find the recommendations a country received that fit your advocacy goal"),
        description=_(
            "Rank the UPR recommendations made to a country against a goal in your own words "
            "(English, Spanish or French), for example --goal 'find the disappeared'."
        ),
    )
    parser.add_argument("--country", required=True, metavar="NAME", help=_("the State under Review: a name, alias or ISO3 code"))
    parser.add_argument("--goal", required=True, metavar="TEXT", help=_("your advocacy goal in a few words"))
    parser.add_argument(
        "--response", metavar="supported|noted|pending", help=_("only recommendations the State supported, only noted, or not answered yet")
    )
    parser.add_argument("--cycle", metavar="N", help=_("only this UPR cycle"))
    parser.add_argument("--session", metavar="N", help=_("only this Working Group session"))
    parser.add_argument("--issue", metavar="NAME", help=_("only recommendations tagged with this UPR Info issue"))
    parser.add_argument("--recommending-state", dest="recommending_state", metavar="NAME", help=_("only those made by this State"))
    parser.add_argument("--top", default="10", metavar="K", help=_("how many to show (default 10)"))
    parser.add_argument(
        "--show-all", dest="show_all", action="store_true",
        help=_("also show results that score under half of the best one (left out by default: they are about other subjects)"),
    )
    parser.add_argument("--json", action="store_true", help=_("print a JSON list, best first"))
    parser.set_defaults(handler=run_match)

    parser = subparsers.add_parser(
        "match-eval",
        help=_("measure the matcher on a labelled set (hit@10, recall@10, precision@10, MRR, NDCG@10)"),
        description=_("Evaluate the matcher on a labelled set laid out like shared/benchmarks/costa-rica-2024-matching."),
    )
    parser.add_argument("--pool", required=True, metavar="CSV", help=_("target_id,text_en: the recommendations to rank"))
    parser.add_argument("--queries", required=True, metavar="CSV", help=_("source_id,text_en,text_es: the queries"))
    parser.add_argument("--qrels", required=True, metavar="CSV", help=_("source_id,target_id,relevance_score: the labels"))
    parser.add_argument(
        "--lang", default="en", metavar="en|es",
        help=_("which query text to use (default en); for the language of messages, put --lang before match-eval"),
    )
    parser.add_argument("--json", action="store_true", help=_("print one JSON object"))
    parser.set_defaults(handler=run_match_eval)

    parser = subparsers.add_parser(
        "allies",
        help=_("the States that raised an issue with a country: the embassies to brief"),
        description=_(
            "Which recommending States raised a goal or issue with a country, how often, in which cycles, "
            "and what the country answered them."
        ),
    )
    parser.add_argument("--country", required=True, metavar="NAME", help=_("the State under Review"))
    what = parser.add_mutually_exclusive_group(required=True)
    what.add_argument("--goal", metavar="TEXT", help=_("your advocacy goal in a few words"))
    what.add_argument("--issue", metavar="NAME", help=_("a UPR Info issue, e.g. 'Death penalty'"))
    parser.add_argument("--json", action="store_true", help=_("print a JSON list"))
    parser.set_defaults(handler=run_allies)

    parser = subparsers.add_parser(
        "mirror",
        help=_("what a State recommends to others on an issue, beside how it answers at home"),
        description=_(
            "What a State recommended to other States on an issue, next to how it responded when it was "
            "recommended to act on the same issue itself."
        ),
    )
    parser.add_argument("--country", required=True, metavar="NAME", help=_("the State to hold the mirror to"))
    parser.add_argument("--issue", required=True, metavar="NAME", help=_("a UPR Info issue"))
    parser.add_argument("--json", action="store_true", help=_("print one JSON object"))
    parser.set_defaults(handler=run_mirror)


def _print_json(value) -> None:
    print(json.dumps(value, indent=2, ensure_ascii=False))


def _wrap(text: str, width: int, indent: str, later: str | None = None) -> str:
    return textwrap.fill(text, width=width, initial_indent=indent, subsequent_indent=indent if later is None else later)


def run_match(args) -> int:
    from ..match import few_message, match, other_language_message, read_as_message, to_records, unread_message

    result = match(
        args.country, args.goal, response=args.response, cycle=args.cycle, session=args.session, issue=args.issue,
        recommending_state=args.recommending_state, top=args.top, cut=not args.show_all,
    )
    if args.json:
        _print_json(to_records(result))
        return 0
    print(format_matches(result, args.goal))
    other = other_language_message(result)
    if other:
        print("\n" + other)
    few = few_message(result)
    if few:
        print("\n" + few + " " + _("Add --show-all to see them."))
    for message in (read_as_message(result), unread_message(result)):
        if message:
            print("\n" + message)
    _print_note(args.country)
    return 0


def _print_note(country: str) -> None:
    """One line when the country's latest reviews are missing from the data (every tool says it)."""
    from ..coverage import missing_reviews_note
    from ..data import find_country

    note = missing_reviews_note(find_country(country).iso3)
    if note:
        print("\n" + _("Note: {note}").format(note=note))


def format_matches(result, goal: str) -> str:
    if result.empty:
        return _("No recommendation matches these filters for the goal '{goal}'.").format(goal=goal)
    country = local_state_names(result["country"].iloc[0])
    lines = [_("Recommendations to {country} for the goal '{goal}' (best first; score 0-1)").format(country=country, goal=goal), ""]
    for row in result.itertuples(index=False):
        where = _("cycle {cycle}, session {session}").format(cycle=row.cycle, session=row.session)
        head = f"{row.rank:>3}. {row.score:.2f}  {where}  {response_word(row.response)}  [{row.id}]"
        lines.append(head)
        lines.append(_wrap(_("by {state}").format(state=local_state_names(row.recommending_state)), 96, "       "))
        lines.append(_wrap(row.text, 96, "       "))
        if row.issues:
            lines.append(_wrap(_("issues: {issues}").format(issues="; ".join(issue_labels(row.issues))), 96, "       "))
        lines.append("")
    return "\n".join(lines).rstrip()


def run_match_eval(args) -> int:
    from ..match.evaluate import evaluate

    figures = evaluate(args.pool, args.queries, args.qrels, args.lang)
    if args.json:
        _print_json(figures)
        return 0
    print(_("Matcher on {count} labelled queries ({lang}), top 10:").format(count=figures["queries"], lang=args.lang))
    for key in ("hit@10", "recall@10", "precision@10", "mrr", "ndcg@10"):
        print(f"  {key:<13} {figures[key]:.4f}")
    return 0


def run_allies(args) -> int:
    from ..match import allies

    from ..data import find_country
    from ..match.filters import parse_issue

    table = allies(args.country, goal=args.goal, issue=args.issue)
    if args.json:
        _print_json(table.to_dict(orient="records"))
        return 0
    # As the reader names them ("Kenia", "Pena de muerte"), not as they were typed ("kenya", "death penalty").
    country = local_state_names(find_country(args.country).name)
    issue = issue_label(parse_issue(args.issue)) if args.issue else None
    if table.empty:
        if args.issue:
            print(_("No State raised the issue '{issue}' with {country} in the data.").format(issue=issue, country=country))
        else:
            print(_("No State raised the goal '{goal}' with {country} in the data.").format(goal=args.goal, country=country))
        _print_note(args.country)
        return 0
    if args.issue:
        title = _("States that raised the issue '{issue}' with {country} (most recommendations first)").format(issue=issue, country=country)
    else:
        title = _("States that raised the goal '{goal}' with {country} (most recommendations first)").format(goal=args.goal, country=country)
    lines = [title, ""]
    rows = [[
        pgettext("table heading", "State"), pgettext("table heading", "recs"), pgettext("table heading", "cycles"),
        pgettext("table heading", "supported"), pgettext("table heading", "noted"), pgettext("table heading", "pending"),
        pgettext("table heading", "last answer"),
    ]]
    for row in table.itertuples(index=False):
        last = _("{response} (cycle {cycle})").format(response=response_word(row.last_response), cycle=row.last_cycle) if row.last_response else ""
        rows.append([
            local_state_names(row.recommending_state),
            str(row.n_recommendations),
            ",".join(map(str, row.cycles)),
            str(row.supported),
            str(row.noted),
            str(row.pending),
            last,
        ])
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines += ["  " + "  ".join(cell.ljust(w) for cell, w in zip(r, widths)).rstrip() for r in rows]
    print("\n".join(lines))
    _print_note(args.country)
    return 0


def run_mirror(args) -> int:
    from ..match import mirror

    result = mirror(args.country, args.issue)
    if args.json:
        _print_json(result.to_dict())
        return 0
    s = result.summary()
    title = _("{country} on '{issue}': what it says abroad, and how it answers at home")
    lines = [title.format(country=local_state_names(result.country), issue=issue_label(result.issue)), ""]
    abroad = _("Abroad: {count} recommendation(s) to {states} State(s)").format(count=s["made_abroad"], states=s["states_addressed"])
    if s["abroad_by_cycle"]:
        abroad += ", " + _("by cycle {cycles}").format(cycles=_cycles(s["abroad_by_cycle"]))
    lines.append(abroad)
    for row in result.abroad.head(8).itertuples(index=False):
        line = _("to {country} (cycle {cycle}): {text}").format(country=local_state_names(row.sur), cycle=row.cycle, text=row.text)
        lines.append(_wrap(line, 96, "  - ", "    "))
    if len(result.abroad) > 8:
        lines.append("  " + _("... and {count} more (use --json for all)").format(count=len(result.abroad) - 8))
    lines.append("")
    home = _("At home: received {received}: supported {supported}, noted {noted}").format(
        received=s["received_at_home"], supported=s["supported_at_home"], noted=s["noted_at_home"]
    )
    if s["pending_at_home"]:
        home += ", " + _("pending (no answer yet) {count}").format(count=s["pending_at_home"])
    if s["supported_share_at_home"] is not None:
        home += " " + _("({share} supported)").format(share=f"{s['supported_share_at_home']:.0%}")
    lines.append(home)
    if s["at_home_no_data_cycles"]:
        lines.append("  " + _("no data for cycle {cycles}: that review is not in the data (not 'none received')").format(
            cycles=", ".join(map(str, s["at_home_no_data_cycles"]))
        ))
    noted = result.at_home[result.at_home["response"] == "Noted"]
    for row in noted.head(8).itertuples(index=False):
        line = _("noted, from {state} (cycle {cycle}): {text}").format(state=local_state_names(row.recommending_state), cycle=row.cycle, text=row.text)
        lines.append(_wrap(
            line, 96, "  - ", "    "
        ))
    if s["note"]:
        lines += ["", _("Note: {note}").format(note=s["note"])]
    print("\n".join(lines))
    return 0


def _cycles(counts: dict[str, int]) -> str:
    return ", ".join(f"{cycle}: {n}" for cycle, n in counts.items())


__all__ = ["register", "UserError"]
