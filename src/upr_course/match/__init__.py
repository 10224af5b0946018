"""Find the UPR recommendations that fit an advocacy goal, offline.

``match(country, goal, ...)`` ranks the recommendations a country received against a
goal in plain words (English, Spanish or French), bridging everyday words and UN vocabulary
(``vocabulary.py``, ``glossary.py``) and learning each text's subject from the
dataset's own issue tags (``model.py``). ``allies`` and ``mirror`` answer the advocacy
questions that follow: who to brief, and what a government says abroad.
``goal_relevance`` gives the rubric a number in [0, 1]; ``evaluate`` scores a labelled set.
No module here imports IPython or ipywidgets (see ``upr_course.widgets.match_explorer``).
"""

from .allies import allies
from .evaluate import evaluate
from .mirror import Mirror, mirror
from .relevance import goal_relevance
from .search import few_message, match, other_language_message, read_as_message, to_records, unread_message

__all__ = [
    "match", "few_message", "other_language_message", "unread_message", "read_as_message", "to_records", "allies", "mirror", "Mirror",
    "goal_relevance", "evaluate",
]
