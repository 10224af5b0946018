"""Find the UPR recommendations that fit an advocacy goal, offline.

``match(country, goal, ...)`` ranks the recommendations a country received against a
goal in plain words (English or Spanish), bridging everyday words and UN vocabulary
(``vocabulary.py``, ``glossary_es.py``) and learning each text's subject from the
dataset's own issue tags (``model.py``). ``allies`` and ``mirror`` answer the advocacy
questions that follow: who to brief, and what a government says abroad.
"""

from .search import match, to_records

__all__ = ["match", "to_records"]
