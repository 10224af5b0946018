"""Bridge plain words and UN vocabulary: a goal in a defender's words -> the terms and
UPR Info issues that recommendations on it use.

Two sources, both applied by :func:`expand`:

- ``UN_TERMS``: hand-written concepts. Each has plain-language triggers ("the disappeared",
  "stop executions"), the UN terms that say the same in recommendations ("enforced
  disappearance", "ICPPED", "moratorium") and the UPR Info issues it belongs to.
- the issue taxonomy (``data.issues()``): a goal that names an issue or one of its
  keywords points to that issue.

Triggers match whole stemmed words in order ("disappeared" matches "disappearances"),
so the table stays short.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .text import stem, words


@dataclass(frozen=True)
class Concept:
    triggers: tuple[str, ...]
    terms: str
    issues: tuple[str, ...]


def _c(triggers: str, terms: str, issues: str) -> Concept:
    return Concept(tuple(t.strip() for t in triggers.split("|")), terms, tuple(i.strip() for i in issues.split("|") if i.strip()))


#: Plain words -> UN terms -> UPR Info issues. Triggers are separated by "|".
UN_TERMS: tuple[Concept, ...] = (
    _c("dalit|dalits|caste|untouchability|untouchable|low caste|descent based",
       "caste-based discrimination descent-based discrimination Dalits caste untouchability", "Minorities|Racial discrimination"),
    _c("disappeared|disappearance|disappearances|missing people|missing persons|taken away|abducted|abduction|whereabouts",
       "enforced disappearance enforced disappearances ICPPED International Convention for the Protection of All Persons "
       "from Enforced Disappearance missing persons fate and whereabouts", "Enforced disappearances"),
    _c("lgbt|lgbti|lgbtq|lgbtqi|gay|gays|lesbian|lesbians|bisexual|queer|homosexual|homosexuality|same sex|trans people|transgender|sogi|intersex",
       "sexual orientation gender identity LGBTI same-sex relations homosexuality lesbian gay bisexual transgender",
       "Sexual Orientation and Gender Identity"),
    _c("execution|executions|executed|death penalty|death row|hanging|hanged|capital punishment|death sentence",
       "death penalty capital punishment moratorium on executions abolish death penalty Second Optional Protocol", "Death penalty"),
    _c("torture|tortured|torturing|beaten in custody|beatings|ill treatment|mistreatment|abuse in custody",
       "torture ill-treatment cruel inhuman degrading treatment Convention against Torture CAT OPCAT national preventive mechanism",
       "Torture and other CID treatment"),
    _c("police killings|killed by police|extrajudicial|killings|summary executions|shot by police|death squads",
       "extrajudicial executions extrajudicial killings unlawful killings excessive use of force", "Extrajudicial executions"),
    _c("journalist|journalists|reporters|press freedom|media freedom|free press|censorship|free speech|speak freely|bloggers",
       "freedom of expression journalists media freedom of the press access to information",
       "Freedom of opinion and expression|Freedom of the press"),
    _c("activists|defenders|human rights defenders|civic space|ngos|ngo",
       "human rights defenders civil society journalists protection of human rights defenders", "Human rights defenders|Civil society"),
    _c("protest|protests|protesters|demonstration|demonstrations|assembly|unions|trade union",
       "freedom of peaceful assembly freedom of association protesters", "Freedom of association and peaceful assembly"),
    _c("domestic violence|wife beating|violence against women|rape|femicide|feminicide|gender based violence|sexual violence|sexual abuse",
       "violence against women domestic violence gender-based violence sexual violence femicide", "Women's rights"),
    _c("girls married|child marriage|child brides|early marriage|forced marriage",
       "child marriage early marriage forced marriage minimum age of marriage", "Rights of the Child|Women's rights"),
    _c("fgm|cutting|circumcision|female genital", "female genital mutilation FGM harmful practices", "Women's rights"),
    _c("refugees|refugee|asylum|asylum seekers|deportation|deported|pushbacks|fleeing|flee|fled|sent back",
       "refugees asylum-seekers non-refoulement international protection", "Asylum-seekers - refugees"),
    _c("migrants|migrant|migrant workers|undocumented|domestic workers|kafala",
       "migrants migrant workers Migrant Workers Convention", "Migrants"),
    _c("trafficking|trafficked|sold|forced labour|forced labor|bonded labour|sex trade",
       "trafficking in persons human trafficking victims of trafficking forced labour sexual exploitation", "Trafficking"),
    # Slavery is its own subject (descent-based slavery in Mauritania, Niger, Mali): filed
    # under trafficking, a goal on it found trafficking recommendations. Its recommendations
    # are mostly tagged "Other", so it names no issue and the words decide.
    _c("slavery|slaves|slave|enslaved|enslavement|servitude|slavery like|descent based slavery|modern slavery",
       "slavery descent-based slavery slavery-like practices servitude eradicate slavery anti-slavery law criminalize slavery", ""),
    # Equal pay is a subject of its own, not gender equality in general.
    _c("equal pay|pay gap|wage gap|same pay|same wages|equal wages|equal salary|paid less|earn the same",
       "equal pay for work of equal value gender pay gap wage gap equal remuneration", "Women's rights|Labour"),
    # Birth registration, not nationality in general.
    _c("birth registration|register births|registered at birth|birth certificate|birth certificates|civil registration|register children",
       "birth registration civil registration registered at birth birth certificates", "Rights of the Child"),
    # Persons with albinism: attacks and discrimination against them, not disability in general.
    # Their recommendations are tagged "Minorities" or "Disabilities": no issue, the words decide.
    _c("albinism|albino|albinos|persons with albinism", "persons with albinism albinism attacks against persons with albinism", ""),
    # Consulting indigenous peoples before projects on their land.
    _c("prior consultation|consulted|consult|consultation|free prior|informed consent|extractive",
       "free prior and informed consent prior consultation consultation with indigenous peoples extractive industries", "Indigenous peoples"),
    _c("child labour|child labor|working children", "child labour worst forms of child labour", "Rights of the Child|Labour"),
    _c("children|child|kids|orphans|street children|minors", "children rights of the child child protection", "Rights of the Child"),
    _c("beating children|spanking|corporal punishment|caning", "corporal punishment of children", "Rights of the Child|Torture and other CID treatment"),
    _c("disabled|disability|disabilities|wheelchair|deaf|blind|autism",
       "persons with disabilities CRPD Convention on the Rights of Persons with Disabilities inclusion accessibility", "Disabilities"),
    _c("indigenous|tribal|first nations|native peoples|adivasi|ancestral",
       "indigenous peoples free prior and informed consent ILO Convention 169 land rights", "Indigenous peoples"),
    _c("land grabbing|evicted|eviction|evictions|land rights", "forced evictions land rights land tenure", "Right to land|Right to housing"),
    _c("homeless|housing|slums|shelter", "right to adequate housing forced evictions homelessness", "Right to housing"),
    _c("prison|prisons|prisoners|jail|jails|detainees|detained|locked up|overcrowding|pretrial",
       "detention conditions prisons overcrowding pre-trial detention arbitrary detention", "Detention"),
    _c("fair trial|courts|judges|judiciary|lawyers|legal aid|impunity|access to justice|justice",
       "administration of justice fair trial independence of the judiciary impunity access to justice",
       "Justice|Impunity"),
    _c("corruption|bribes|bribery|kickbacks", "corruption anti-corruption transparency accountability", "Corruption"),
    _c("elections|vote|voting|ballot", "free and fair elections electoral right to vote", "Elections"),
    _c("religion|religious|faith|church|mosque|blasphemy|believers|atheists|converts",
       "freedom of religion or belief religious minorities blasphemy laws", "Freedom of religion and belief"),
    _c("minorities|minority|ethnic|roma|tribes", "minorities ethnic minorities minority rights", "Minorities"),
    _c("racism|racist|racial|race|afro|african descent|xenophobia|hate crimes",
       "racial discrimination racism xenophobia people of African descent ICERD", "Racial discrimination"),
    # No issue: discrimination against whom is said by the goal's other words ("women",
    # "disabled", "gay"); UPR Info's "Racial discrimination" lifted recommendations on race
    # for every goal on discrimination.
    _c("discrimination|discriminated|unequal treatment|equality|equal rights",
       "discrimination non-discrimination equality anti-discrimination law", ""),
    _c("women|woman|girls|gender|wives|mothers", "women's rights gender equality CEDAW", "Women's rights"),
    _c("abortion|contraception|pregnancy|maternal|reproductive|family planning",
       "sexual and reproductive health rights maternal mortality abortion", "Right to health|Women's rights"),
    _c("health|hospital|hospitals|clinics|medicine|medicines|doctors|hiv|aids|mental health|suicide",
       "right to health health care health services", "Right to health|HIV - Aids"),
    _c("school|schools|education|students|teachers|dropout|literacy|scholarships",
       "right to education access to education quality education school enrolment", "Right to education"),
    _c("hunger|hungry|food|malnutrition|starving|starvation|famine", "right to food food security malnutrition", "Right to food"),
    _c("displaced|displacement|idps|idp|forced from their homes|driven from their homes|uprooted",
       "internally displaced persons IDPs displacement durable solutions return", "Internally displaced persons"),
    _c("teach human rights|human rights education|human rights training|train officials|train police",
       "human rights education and training training programmes for law enforcement officials", "Human rights education and training"),
    _c("un committees|treaty bodies|overdue reports|committee reports",
       "treaty bodies submit overdue reports to treaty bodies concluding observations", "Treaty bodies"),
    _c("water|sanitation|toilets", "right to water and sanitation safe drinking water", "Right to water and sanitation"),
    _c("poverty|poor|inequality|welfare|social security", "poverty reduction social protection inequality", "Poverty|ESC rights - general"),
    _c("jobs|work|workers|employment|unemployment|wages|labour|labor",
       "right to work employment labour rights decent work", "Labour"),
    _c("climate|pollution|environment|environmental|mining|deforestation",
       "environment climate change pollution environmental defenders", "Environment"),
    _c("companies|business|corporations|mining companies",
       "business and human rights corporate accountability Guiding Principles", "Business and human rights"),
    _c("stateless|nationality|citizenship",
       "statelessness right to nationality citizenship birth registration", "Statelessness and the right to nationality"),
    _c("surveillance|privacy|spying|spyware|data protection", "right to privacy surveillance data protection", "Privacy"),
    _c("terrorism|terrorist|extremism|emergency law|state of emergency", "counter-terrorism terrorism laws state of emergency", "Counter-terrorism"),
    _c("police|policing|security forces|army|military", "law enforcement police security forces accountability excessive use of force",
       # Not "Extrajudicial executions": most goals on the police are not about killings
       # (the concept above reads those: "killed by police", "police killings").
       "Public security"),
    _c("ombudsman|human rights commission|nhri|paris principles",
       "national human rights institution Paris Principles ombudsman", "National Human Rights Institution"),
    _c("special rapporteur|standing invitation|un experts|country visit", "special procedures standing invitation", "Special procedures"),
    _c("ratify|ratification|treaty|treaties|convention|optional protocol",
       "ratify international human rights instruments optional protocol accede", "International instruments"),
    # No issue: UPR Info files older persons under "Other", a catch-all whose tag would lift
    # every recommendation filed there ("consular access", "human rights indicators").
    _c("older people|elderly|older persons|old people|old age|elderly people|aged persons|pensioners|care homes|nursing homes|retirement homes",
       "older persons rights of older persons ageing long-term care", ""),
    _c("internet|online|social media|shutdown|shutdowns", "internet freedom online expression internet shutdowns", "Freedom of opinion and expression"),
)


@dataclass(frozen=True)
class Expansion:
    """A goal after expansion: the extra UN terms and the UPR Info issues it points to."""

    text: str
    added_terms: str
    issues: tuple[str, ...]

    @property
    def full_text(self) -> str:
        return f"{self.text} {self.added_terms}".strip()


def _stem_seq(phrase: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in words(phrase))


@lru_cache(maxsize=1)
def _compiled() -> tuple[tuple[tuple[tuple[str, ...], ...], str, tuple[str, ...]], ...]:
    from .. import data

    table = data.issues()
    known = set(table["issue"])
    compiled = []
    hand_written = set()
    for concept in UN_TERMS:
        issues = tuple(i for i in concept.issues if i in known)
        triggers = tuple(_stem_seq(t) for t in concept.triggers)
        if not concept.issues:
            hand_written.update(triggers)
        compiled.append((triggers, concept.terms, issues))
    for issue, keywords in zip(table["issue"], table["keywords"].fillna("")):
        if issue == "Other":
            continue
        triggers = [issue] + [k for k in keywords.split("|") if k.strip()]
        # An issue named in the goal points to it; its keywords are not added (they would
        # drown the goal's own words), the topic signal carries the issue instead. A keyword
        # that is a trigger of a hand-written concept naming no issue points to no issue:
        # the taxonomy files "slavery" under trafficking and "albinism" under disabilities,
        # and a goal on either then found the general recommendations of those issues.
        stems = (_stem_seq(t) for t in triggers if len(t) > 2)
        compiled.append((tuple(t for t in stems if t not in hand_written), "", (issue,)))
    return tuple(compiled)


@lru_cache(maxsize=1)
def _trigger_lengths() -> tuple[int, ...]:
    return tuple(sorted({len(t) for triggers, _, _ in _compiled() for t in triggers if t}))


def expand(text: str) -> Expansion:
    """The goal with the UN terms its words call for, and the issues they point to."""
    seq = _stem_seq(text)
    # Every run of words of a trigger's length, once: a set lookup per trigger, instead of
    # sliding each of the ~1,000 triggers along the text (20 ms a goal -> well under 1 ms).
    runs = {seq[i : i + n] for n in _trigger_lengths() for i in range(len(seq) - n + 1)}
    added, issues = [], []
    for triggers, terms, concept_issues in _compiled():
        if any(trigger in runs for trigger in triggers if trigger):
            if terms and terms not in added:
                added.append(terms)
            issues += [i for i in concept_issues if i not in issues]
    return Expansion(text=text, added_terms=" ".join(added), issues=tuple(issues))
