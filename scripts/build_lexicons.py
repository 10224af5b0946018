"""Build the matcher's general word lists (``src/upr_course/match/glossaries/lexicon-*.tsv``).

Why: the hand-written glossaries (``es.yaml``, ``fr.yaml``) hold the UN's terms and the words
defenders use most, but a goal written by someone else soon uses an everyday word they lack
("desahucio", "quartiers", "librement", "prier"), and that word was then lost. These lists give
the common words of each language an English meaning, made by a well-kept machine translation
system rather than by hand. The matcher uses them only after its own glossary
(``match/glossary.py``).

How: the 40,000 most common words of Spanish and of French (the ``wordfreq`` package's lists)
are translated one by one by Apertium, the rule-based translation system packaged by Debian
(``apertium-eng-spa`` for Spanish; French goes through Spanish with ``apertium-fr-es``, since
Debian has no French-English pair). A second route for French, through Catalan
(``apertium-fra-cat``, ``apertium-eng-cat``), was tried: it places words the first loses
("faim", "sorcellerie") but changed no result on 70 judged French goals, and its data is
under the GPL version 3 while ``apertium-eng-spa``'s is under version 2 only, so the two
cannot be mixed in one file. ``PIPELINES`` takes several routes per language, first first,
should a compatible one appear. A word
Apertium does not know is left out, and so is an English meaning that uses no word (no stem:
"forests" counts for "forest") of the English recommendations of
``datasets/recommendations.parquet`` (it could not help a match), unless the English word
families (``families-en.tsv``, ``scripts/build_word_families.py``: build it first) link it
to one ("hambriento" -> "hungry", whose family has "hunger"). A word spelt like an English word of the recommendations
("sanctions", "general") is listed as itself, so that the matcher keeps it as it is. The output is committed; its header names the versions used.

Run (needs Debian's ``apertium-eng-spa`` and ``apertium-fr-es``, and ``pip install wordfreq
snowballstemmer pandas pyarrow`` in the Python that runs it; none of them is needed to use
the course)::

    python scripts/build_lexicons.py [--words 40000]
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import unicodedata
from importlib import metadata
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
OUT_DIR = ROOT / "src" / "upr_course" / "match" / "glossaries"
#: The Apertium routes from each language to English, best first (each a list of steps), and
#: the Debian packages they need. A word's meaning comes from the first route that places it.
PIPELINES = {
    "es": [[["apertium", "spa-eng"]]],
    "fr": [[["apertium", "fr-es"], ["apertium", "spa-eng"]]],
}
PACKAGES = {"es": ["apertium-eng-spa"], "fr": ["apertium-fr-es", "apertium-eng-spa"]}
APT_HINT = "On Debian: apt-get install apertium-eng-spa apertium-fr-es"
#: English words that say nothing of a subject: Apertium adds a subject to verbs ("esperan" ->
#: "they expect") and articles to nouns.
_FUNCTION_WORDS = set(
    """a an the to of in on at by for from with and or not no be is are was were been being do does did
    have has had it its he she they we you i me him her them us this that these those as so will would
    shall should can could may might must one some any there here""".split()
)
#: At most this many words in a kept meaning: longer ones are paraphrases, not words.
MAX_WORDS = 3


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def english_stem(word: str) -> str:
    """The matcher's own stemmer (``upr_course.match.text.stem``: Snowball English)."""
    import snowballstemmer

    return snowballstemmer.stemmer("english").stemWord(word)


def recommendation_words() -> set[str]:
    """The (folded) words the English recommendations use (Spain's are in Spanish: their
    words, "vida" among them, must not count as English)."""
    table = pd.read_parquet(ROOT / "datasets" / "recommendations.parquet", columns=["text", "language"])
    texts = table.loc[table["language"] == "en", "text"]
    words: set[str] = set()
    for text in texts.dropna():
        words.update(re.findall(r"[a-z]+", fold(str(text))))
    return words


def family_words() -> set[str]:
    """The English words of ``families-en.tsv`` (``scripts/build_word_families.py``): words no
    recommendation uses but whose family they do ("hungry": "hunger"). The matcher brings in
    their family, so a word whose English is one of them ("hambriento") is worth keeping."""
    path = OUT_DIR / "families-en.tsv"
    if not path.is_file():
        return set()
    return {line.split("\t", 1)[0] for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")}


def common_words(language: str, count: int) -> list[str]:
    from wordfreq import top_n_list

    return [w for w in top_n_list(language, count) if w.isalpha()]


def translate_words(route: list[list[str]], words: list[str]) -> list[str]:
    """Apertium's English for each word by one route, line for line. Each word ends its own
    sentence (" .") so that Apertium never joins two lines into one multi-word unit."""
    text = "".join(f"{w} .\n" for w in words)
    for step in route:
        text = subprocess.run(step, input=text, capture_output=True, text=True, check=True).stdout
    lines = text.splitlines()
    if len(lines) != len(words):
        raise SystemExit(f"Apertium gave {len(lines)} lines for {len(words)} words; the lists cannot be paired.")
    return [line.rstrip().removesuffix(".").strip() for line in lines]


def meaning(english: str, stems: set[str]) -> str | None:
    """The English to keep for one word, or None: unknown to Apertium (marked * # @), too long,
    or using no word a recommendation uses (``stems``: their stems)."""
    if any(mark in english for mark in "*#@"):
        return None
    words = [w for w in re.findall(r"[a-z]+", fold(english)) if w not in _FUNCTION_WORDS]
    if not words or len(words) > MAX_WORDS or not any(english_stem(w) in stems for w in words):
        return None
    return " ".join(words)


def build(language: str, count: int, vocabulary: set[str]) -> dict[str, str]:
    words = common_words(language, count)
    stems = {english_stem(w) for w in vocabulary} | {english_stem(w) for w in family_words()}
    by_route = [translate_words(route, words) for route in PIPELINES[language]]
    lexicon: dict[str, str] = {}
    for word, *meanings in zip(words, *by_route):
        key = fold(word)
        kept = next((m for m in (meaning(english, stems) for english in meanings) if m), None)
        # The lists are most common first: of two words that fold alike ("cerró", "cerro"),
        # the commoner one's meaning is kept.
        if key in lexicon:
            continue
        # A word spelt like an English word of the recommendations ("administration",
        # "justice", "sanctions") is listed as itself, so that the matcher keeps it: Apertium's
        # detour through Spanish for French can only blur it ("administration" ->
        # "administered"), and the matcher would otherwise "correct" it into a glossary word.
        if key in vocabulary:
            lexicon[key] = key
        elif kept:  # also a word Apertium leaves as it is ("financier"): a real word, kept
            lexicon[key] = kept
    return lexicon


def versions(language: str, count: int) -> list[str]:
    found = []
    for package in PACKAGES[language]:
        result = subprocess.run(["dpkg-query", "-W", "-f", "${Version}", package], capture_output=True, text=True)
        found.append(f"{package} {result.stdout.strip() or 'unknown'} (Debian)")
    found.append(f"wordfreq {metadata.version('wordfreq')}: the {count:,} commonest words")
    return found


def write_word_list(path: Path, title: list[str], sources: list[str], licence: str, columns: str, table: dict[str, str]) -> Path:
    """A word list as the matcher reads it (``glossary.read_word_list``): "# " header lines
    naming its sources and licence, then one "word<TAB>words" line per entry, sorted."""
    header = [*(f"# {line}" for line in title), "# Sources:", *[f"#   {s}" for s in sources], f"# Licence: {licence}", f"# Columns: {columns}"]
    lines = [f"{key}\t{value}" for key, value in sorted(table.items())]
    path.write_text("\n".join(header + lines) + "\n", encoding="utf-8")
    return path


def write(language: str, lexicon: dict[str, str], sources: list[str]) -> Path:
    return write_word_list(
        OUT_DIR / f"lexicon-{language}.tsv",
        [f"Common {language} words in English, for the matcher. Built by scripts/build_lexicons.py; do not edit by hand."],
        sources, "GNU GPL version 2, as Apertium's language data; see glossaries/README.md.",
        "the word (lower case, no accents), then its English words.", lexicon)


def missing_inputs(modules: list[str]) -> str | None:
    """What a build script lacks, in a sentence that says how to get it, or None: the built
    datasets, or Python packages (``modules``) needed only to rebuild the lists."""
    import importlib.util

    if not (ROOT / "datasets" / "recommendations.parquet").is_file():
        return "datasets/recommendations.parquet is missing: build the datasets first (make data)."
    absent = [name for name in modules if importlib.util.find_spec(name) is None]
    if absent:
        return f"{', '.join(absent)} not installed in this Python: pip install {' '.join(absent)}"
    return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, default=40_000, help="how many of the commonest words to translate (default 40000)")
    args = parser.parse_args(argv)
    if shutil.which("apertium") is None:
        print(f"Apertium is not installed. {APT_HINT}", file=sys.stderr)
        return 2
    modes = subprocess.run(["apertium", "-l"], capture_output=True, text=True).stdout.split()
    missing = sorted({step[1] for routes in PIPELINES.values() for route in routes for step in route} - set(modes))
    if missing:
        print(f"Apertium has no {', '.join(missing)} translation here. {APT_HINT}", file=sys.stderr)
        return 2
    problem = missing_inputs(["wordfreq", "snowballstemmer"])
    if problem:
        print(problem, file=sys.stderr)
        return 2
    vocabulary = recommendation_words()
    for language in PIPELINES:
        lexicon = build(language, args.words, vocabulary)
        print(f"{write(language, lexicon, versions(language, args.words)).relative_to(ROOT)}: {len(lexicon)} words")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
