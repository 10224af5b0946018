"""An internal measure on our own data: for each UPR Info issue, a plain-language query
(written here, not the tag's name) and the precision@20 of the matcher's ranking against
the recommendations tagged with that issue (cycles 1-2, which carry tags).

Run per country (the matcher always works within one country) over the countries with
the most tagged recommendations, and averaged. Measured twice: ``with_tags`` as the
matcher runs (it uses a recommendation's tags when the goal names an issue), and
``text_only`` with the tags hidden, which measures the text matching alone.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

#: Plain words for each issue, as a defender might put it.
ISSUE_QUERIES = {
    "Asylum-seekers - refugees": "people fleeing war who ask for protection should not be sent back",
    "Business and human rights": "hold companies responsible for the harm they cause to communities",
    "CP rights - general": "respect people's civil and political freedoms",
    "Civil society": "let NGOs work freely and take part in decisions",
    "Corruption": "stop officials taking bribes and stealing public money",
    "Counter-terrorism": "anti-terror laws must not be used to abuse people",
    "Death penalty": "stop executions",
    "Detention": "humane conditions for prisoners and no arbitrary arrests",
    "Development": "economic growth and public investment that reach everyone",
    "Disabilities": "equal rights and access for disabled people",
    "ESC rights - general": "economic and social rights for all",
    "Elections": "free and fair voting",
    "Enforced disappearances": "find the disappeared",
    "Environment": "protect people from pollution and climate damage",
    "Extrajudicial executions": "stop police and soldiers killing people without trial",
    "Freedom of association and peaceful assembly": "let people protest and form groups and unions",
    "Freedom of movement": "let people travel and leave the country",
    "Freedom of opinion and expression": "let people speak freely without being punished",
    "Freedom of religion and belief": "let people practise their faith or none",
    "Freedom of the press": "protect journalists and independent media",
    "General": "improve the human rights situation overall",
    "HIV - Aids": "treatment and no stigma for people living with HIV",
    "Human rights defenders": "protect activists from threats and attacks",
    "Human rights education and training": "teach human rights to officials and in schools",
    "Human rights violations by state agents": "punish abuses committed by police and soldiers",
    "Impunity": "bring those responsible for abuses to justice",
    "Indigenous peoples": "respect the rights and lands of native communities",
    "Internally displaced persons": "help families forced from their homes inside the country",
    "International humanitarian law": "protect civilians during armed conflict",
    "International instruments": "sign and join the UN human rights treaties",
    "Justice": "fair trials and independent judges",
    "Labour": "decent work, fair wages and workers' rights",
    "Migrants": "protect foreign workers and people who migrate",
    "Minorities": "end discrimination against ethnic and religious minority groups",
    "National Human Rights Institution": "an independent human rights commission",
    "Poverty": "help poor families meet their basic needs",
    "Privacy": "stop spying on people's phones and private data",
    "Public security": "make neighbourhoods safe from crime and gangs",
    "Racial discrimination": "end racism",
    "Right to education": "every child in a good school",
    "Right to food": "nobody should go hungry",
    "Right to health": "health care for everyone",
    "Right to housing": "stop evictions and give people decent homes",
    "Right to land": "secure land for farmers and communities",
    "Right to water and sanitation": "clean drinking water and toilets for all",
    "Rights of the Child": "protect children from abuse and exploitation",
    "Sexual Orientation and Gender Identity": "LGBT equality",
    "Special procedures": "let UN independent experts visit the country",
    "Statelessness and the right to nationality": "people without any citizenship",
    "Technical assistance and cooperation": "ask other countries and the UN for help and support",
    "Torture and other CID treatment": "stop torture and beatings in custody",
    "Trafficking": "stop people being sold and exploited",
    "Treaty bodies": "send overdue reports to the UN committees and follow their advice",
    "UPR process": "follow up this review's recommendations with civil society",
    "Women's rights": "end violence against women and give them equal rights",
}


def issue_precision(k: int = 20, countries: int = 15, hide_tags: bool = False) -> pd.DataFrame:
    """Per issue: the query, how many countries were measured, the mean precision@k."""
    from .. import data
    from .model import corpus_model
    from .rank import DocumentSet, Query
    from .search import _country_index

    frame = data._recommendations()
    tagged = frame[frame["cycle"].astype("Int64") <= 2]
    busiest = tagged["sur_iso3"].astype(str).value_counts().head(countries).index.tolist()
    rows = []
    scores: dict[str, list[float]] = {issue: [] for issue in ISSUE_QUERIES}
    for iso3 in busiest:
        index = _country_index(iso3)
        keep = np.flatnonzero(index.groups["tagged"].to_numpy() & (index.groups["cycle"].astype("Int64") <= 2).to_numpy())
        groups = index.groups.iloc[keep]
        documents = index.documents
        if hide_tags:
            documents = DocumentSet(corpus_model(), groups["text"].tolist(), tags=None)
        for issue, query in ISSUE_QUERIES.items():
            relevant = groups["issues"].map(lambda tags, issue=issue: issue in tags).to_numpy()
            if relevant.sum() < k // 2:
                continue  # too few tagged recommendations in this country to measure precision@k
            all_scores = documents.scores(Query.parse(query, "en"))
            s = all_scores if hide_tags else all_scores[keep]
            top = np.argsort(-s, kind="stable")[:k]
            scores[issue].append(float(relevant[top].mean()))
    for issue, query in ISSUE_QUERIES.items():
        values = scores[issue]
        rows.append({"issue": issue, "query": query, "countries": len(values), f"precision@{k}": round(float(np.mean(values)), 3) if values else None})
    return pd.DataFrame(rows)
