"""Count the word-order model of the free-text grader (``src/upr_course/rubric/lexicon/word_order.json``).

The grader tells a sentence from words put in no order (``rubric/word_order.py``) with a
small bigram model of *kinds of position* (function words, numbers, other words by their last
two letters). This script counts it from the course's own texts in each language: the
translated lessons, exercises and messages (``translations/<lang>/**/*.po`` and the package's
``locale/<lang>``): the Spanish and French from their translations, the English from the
messages they translate. The output is committed; rerun after large changes to the texts:

    .venv/bin/python scripts/build_word_order.py
"""

from __future__ import annotations

import json
from pathlib import Path

from upr_course.i18n.catalogues import read_catalogue
from upr_course.rubric.word_order import MODEL_FILE, count_pairs

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "upr_course" / "rubric" / "lexicon" / MODEL_FILE
TRANSLATED = ("es", "fr")


def _first(value) -> str:
    return value if isinstance(value, str) else (value[0] if value else "")


def texts() -> dict[str, list[str]]:
    found: dict[str, dict[str, None]] = {"en": {}, **{code: {} for code in TRANSLATED}}
    for code in TRANSLATED:
        paths = sorted((ROOT / "translations" / code).rglob("*.po")) + sorted((ROOT / "src" / "upr_course" / "locale" / code).rglob("*.po"))
        for path in paths:
            for message in read_catalogue(path):
                english, translated = _first(message.id), _first(message.string)
                if not english:
                    continue
                found["en"][english] = None
                if translated and not message.fuzzy:
                    found[code][translated] = None
    return {code: list(values) for code, values in found.items()}


def main() -> None:
    model = {code: count_pairs(values, code) for code, values in texts().items()}
    OUT.write_text(json.dumps(model, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}: " + ", ".join(f"{code} {sum(len(v) for v in pairs.values())} pairs" for code, pairs in model.items()))


if __name__ == "__main__":
    main()
