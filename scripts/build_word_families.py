"""Build the matcher's English word families (``src/upr_course/match/glossaries/families-en.tsv``).

Why: the matcher's word signal meets only the stems that recommendations use. A plain word of
a goal whose stem they never use ("hungry", "violently", "beaten", "obey") was lost, although
the recommendations use another word of its family ("hunger", "violent", "beating",
"obedience"): the Snowball stemmer cuts endings, it does not know that "hungry" and "hunger"
are one word family. The same holds for the English that Apertium gives a Spanish or French
goal ("hambriento" -> "hungry").

How: for each of the 40,000 commonest English words (the ``wordfreq`` package's list) whose
stem no English recommendation uses, WordNet 3.0 (Princeton; Debian's ``wordnet-base`` and
``wordnet-sense-index``, read with NLTK) gives its base form ("beaten" -> "beat") and, for
that base form's two commonest senses, the words derived from it ("hungry" -> "hunger") and,
for adverbs, the adjective they come from ("violently" -> "violent"). Only words of the same
family are taken, never synonyms: a synonym carries another sense ("beat" is also "crush" and
"shell"). The words kept are those whose stem the recommendations use, at most
``MAX_RELATED``. The output is committed; its header names the versions used.

Run (needs Debian's ``wordnet-base`` and ``wordnet-sense-index``, ``pip install nltk wordfreq
snowballstemmer pandas pyarrow`` in the Python that runs it, and the course set up with
``make setup``; none of them is needed to use the course)::

    python scripts/build_word_families.py [--words 40000]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build_lexicons import OUT_DIR, ROOT, english_stem, fold, missing_inputs, recommendation_words, write_word_list  # noqa: E402

WORDNET = Path("/usr/share/wordnet")
PACKAGES = ["wordnet-base", "wordnet-sense-index"]
#: WordNet's parts of speech, in the order a base form is looked for.
POS = ("n", "v", "a", "r")
#: Senses of a base form whose derived words are taken: the commonest ones.
SENSES = 2
#: At most this many family words per word.
MAX_RELATED = 3
#: Shorter words are left out: mostly abbreviations and fragments ("ses").
MIN_LENGTH = 4


def wordnet_reader(folder: Path):
    """NLTK's WordNet reader on Debian's files. NLTK reads only from its own data folders and
    wants a ``lexnames`` file that Debian ships as a manual page, so both are put in a
    temporary NLTK data folder."""
    data = Path(tempfile.mkdtemp()) / "corpora" / "wordnet"
    shutil.copytree(folder, data, ignore=shutil.ignore_patterns("bin", "pixmaps", "wnres"))
    manual = subprocess.run(["man", "-P", "cat", "5WN", "lexnames"], capture_output=True, text=True).stdout
    if not (data / "lexnames").exists():
        (data / "lexnames").write_text(_lexnames(manual), encoding="utf-8")
    import nltk
    from nltk.corpus import wordnet

    nltk.data.path.insert(0, str(data.parent.parent))

    wordnet.ensure_loaded()
    return wordnet


def _lexnames(manual: str) -> str:
    """WordNet's 45 lexicographer files ("05<TAB>noun.animal<TAB>1"), from its manual page."""
    category = {"noun": 1, "verb": 2, "adj": 3, "adv": 4}
    lines = []
    for line in manual.splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0].isdigit() and len(parts[0]) == 2 and "." in parts[1]:
            lines.append(f"{parts[0]}\t{parts[1]}\t{category[parts[1].split('.')[0]]}")
    if len(lines) != 45:
        raise SystemExit(f"Could not read WordNet's lexicographer files from its manual page ({len(lines)} of 45).")
    return "\n".join(lines) + "\n"


def family(wordnet, word: str) -> list[str]:
    """Words of ``word``'s family in WordNet: its base forms and the words derived from them."""
    found: list[str] = []
    for pos in POS:
        base = wordnet.morphy(word, pos)
        if base is None:
            continue
        if base != word:
            found.append(base)
        for synset in wordnet.synsets(base, pos)[:SENSES]:
            for lemma in synset.lemmas():
                if lemma.name().lower() != base:
                    continue
                found += [d.name() for d in lemma.derivationally_related_forms()]
                found += [p.name() for p in lemma.pertainyms()]
    return found


def matcher_stop_words() -> set[str] | None:
    """The matcher's stop words (``upr_course.match.text.STOP_WORDS``), read with the course's
    own Python (``make setup``): a family word among them would be dropped anyway ("became" ->
    "become"). None when the course is not set up."""
    python = ROOT / ".venv" / "bin" / "python"
    if not python.is_file():
        return None
    code = "from upr_course.match.text import STOP_WORDS; print(' '.join(sorted(STOP_WORDS)))"
    result = subprocess.run([str(python), "-c", code], capture_output=True, text=True, cwd=ROOT)
    return set(result.stdout.split()) if result.returncode == 0 else None


def build(words: list[str], vocabulary: set[str], wordnet) -> dict[str, str]:
    """``vocabulary``: the words the matcher indexes (the recommendations' words, stop words out)."""
    stems = {english_stem(w) for w in vocabulary}
    families: dict[str, str] = {}
    for word in words:
        key = fold(word)
        if not key.isalpha() or len(key) < MIN_LENGTH or key in families or english_stem(key) in stems:
            continue
        kept: list[str] = []
        for related in family(wordnet, key):
            related = fold(related)
            if related.isalpha() and related != key and english_stem(related) in stems and related not in kept:
                kept.append(related)
        if kept:
            families[key] = " ".join(kept[:MAX_RELATED])
    return families


def write(families: dict[str, str], sources: list[str]) -> Path:
    return write_word_list(
        OUT_DIR / "families-en.tsv",
        ["English words no recommendation uses, with words of their family that recommendations use.",
         "Built by scripts/build_word_families.py; do not edit by hand."],
        sources, "WordNet 3.0 licence (WordNet 3.0 Copyright 2006 by Princeton University); see glossaries/README.md.",
        "the word (lower case), then its family's words.", families)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--words", type=int, default=40_000, help="how many of the commonest English words to look up (default 40000)")
    args = parser.parse_args(argv)
    if not (WORDNET / "index.sense").is_file():
        print(f"WordNet is not installed. On Debian: apt-get install {' '.join(PACKAGES)}", file=sys.stderr)
        return 2
    problem = missing_inputs(["nltk", "wordfreq", "snowballstemmer"])
    if problem:
        print(problem, file=sys.stderr)
        return 2
    from wordfreq import top_n_list

    stop_words = matcher_stop_words()
    if stop_words is None:
        print("The course is not set up here: run make setup first (the script reads the matcher's stop words).", file=sys.stderr)
        return 2
    wordnet = wordnet_reader(WORDNET)
    families = build(top_n_list("en", args.words), recommendation_words() - stop_words, wordnet)
    versions = [f"{p} {subprocess.run(['dpkg-query', '-W', '-f', '${Version}', p], capture_output=True, text=True).stdout.strip() or 'unknown'} (Debian)"
                for p in PACKAGES]
    sources = [f"WordNet {wordnet.get_version()}: " + ", ".join(versions), f"nltk {metadata.version('nltk')}",
               f"wordfreq {metadata.version('wordfreq')}: the {args.words:,} commonest English words"]
    print(f"{write(families, sources).relative_to(ROOT)}: {len(families)} words")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
