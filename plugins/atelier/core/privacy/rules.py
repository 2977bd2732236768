"""Rules: what has a shape or a fixed vocabulary, which a model misses.

E-mails, phones (France, North America), student ids (INE, Québec code permanent, NIR), class
codes (3eB, groupe 402), postal codes (a French one with its town, a Canadian one always, a bare
one when the sentence says someone lives there), street addresses (France, Québec, English),
initials, school names, a capitalised name after a student noun or a title (« l'élève Lucas »,
« Mme Lefebvre »), health, disability and family terms tied to someone identifiable, and
judgemental words about people.

Every pattern is linear: no nested quantifier can backtrack over the same characters (the
tests run them on 512 KB of hostile input).
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass

from atelier.core.privacy.names import (
    NAME_WORD,
    WORD,
    L,
    U,
    is_common,
    person_after,
    person_before,
)

_NAME = rf"{NAME_WORD}(?: {NAME_WORD})?"

# --- Cheap gates -------------------------------------------------------------------------------
# Most text holds none of what a rule looks for. Before a rule's regex (an alternation of many
# words, which Python's engine tries at every offset), a set test: the first letters of the
# words of the text (lowercased, at most 4) against the keys that any match of the rule must
# contain (the first 4 letters of one of its words). One C-level pass per text, shared by all
# the rules (tests check every gate lets through what its rule finds).
_KEY = re.compile(r"\b[^\W_]{1,4}")


@functools.lru_cache(maxsize=16)  # the same chunk, rule_hits then tied_hits: not a corpus cache
def word_keys(text: str) -> frozenset[str]:
    """The first (up to) 4 letters of every word of `text`, lowercased."""
    return frozenset(_KEY.findall(lowered(text)))


def _keys(*words: str) -> frozenset[str]:
    return frozenset(w.lower()[:4] for w in words)


@functools.lru_cache(maxsize=16)
def lowered(text: str) -> str:
    """`text` in lowercase, same offsets (else unchanged: the lowercase regexes are gates)."""
    low = text.lower()
    return low if len(low) == len(text) else text


def _lowercase(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """A case-sensitive copy of a pattern for lowercase text: case-insensitive matching is
    several times slower in Python's engine. Its matches are a superset of the pattern's on
    `lowered` text (acronyms included), so it serves to find where to try the pattern."""
    source = pattern.pattern
    assert not re.search(r"\\[A-Z]", source), "an uppercase escape would change meaning"
    source = source.replace("(?i:", "(?:").replace("(?i)", "").lower()
    return re.compile(source.replace("(?p<", "(?P<"))


@dataclass
class Hit:
    start: int
    end: int
    kind: str
    words: str


def overlap(a: Hit, b: Hit) -> bool:
    return a.start < b.end and b.start < a.end


class Taken:
    """The characters of a text already in a hit: overlap checks in linear time."""

    def __init__(self, size: int) -> None:
        self.mask = bytearray(size)

    def free(self, start: int, end: int) -> bool:
        return not any(self.mask[start:end])

    def take(self, start: int, end: int) -> None:
        self.mask[start:end] = b"\x01" * (end - start)


def add_hit(hits: list[Hit], taken: Taken, text: str, start: int, end: int, kind: str) -> None:
    if taken.free(start, end):
        hits.append(Hit(start, end, kind, text[start:end].strip()))
        taken.take(start, end)


# --- Contact data and ids ----------------------------------------------------------------------

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}\b")
_PHONE = re.compile(
    r"(?<![\w+])(?:"
    r"(?:(?:\+|00)33[ .-]?(?:\(0\)[ .-]?)?|0)[1-9](?:[ .-]?\d{2}){4}"  # France
    r"|(?:\+?1[ .-]?)?(?:\(\d{3}\)[ .-]?|\d{3}[ .-])\d{3}[ .-]\d{4}"  # North America
    r")(?![\w])"
)
_STUDENT_ID = re.compile(
    r"\b(?:\d{10}[A-Z]|\d{9}[A-Z]{2})\b"  # INE (France)
    r"|\b[A-Z]{4} ?\d{4} ?\d{4}\b"  # code permanent, RAMQ (Québec)
    r"|\b[12] ?\d{2} ?(?:0[1-9]|1[0-2]|[2-9]\d) ?(?:\d{2}|2[AB]) ?\d{3} ?\d{3}(?: ?\d{2})?\b"  # NIR
)
# Any id written after the words that name one: « matricule 2041187 », « numéro d'élève :
# 8817 », "student number (S0048213)", "Student #200457813", "OEN 317 204 589".
_ID_CUE = re.compile(
    r"(?:(?i:\b(?:matricule|numéro\s+(?:d['’]élève|d['’]étudiante?|élève|étudiante?|de\s+fiche|de\s+dossier"
    r"|d['’]inscription|INE|permanent|(?:de\s+)?candidat|d['’]anonymat|d['’]examen)"
    r"|n[°o]\.?\s*(?:d['’])?(?:élève|étudiante?|INE|candidat)|code\s+permanent"
    r"|identifiant(?:\s+(?:élève|national))?|INE|OEN|UPN|ULN|SSID|NAS|NIR|student\s*(?:id|number|no\.?|#)"
    r"|pupil\s+(?:id|number|no\.?)|(?:learner|school|candidate|exam)\s+(?:id|number)|id\s+number"
    r"|education\s+number)\b"
    # « élève n° 20231457 », « fiche de l'élève no 7045… », "pupil #20457"
    r"|\b(?:élève|étudiante?|student|pupil|learner|fiche|dossier)\s*(?:n[°o]|#|num(?:éro)?)\.?"
    rf"(?![{U}{L}]))"
    # "ID 2024-0173", « ID : 44719 »; not « l'ID 12345 de l'item », "the ID 5" (a record's)
    r"|(?<!['’])(?<!the )(?<!The )(?<!un )(?<!an )\b(?:ID|DA)\b)"  # DA: a cégep's number
    # a year, a class, a rank (« 2024-5E-118 », "24/7B/031"): how a school numbers its pupils
    r"[^\d\n]{0,24}?(?P<id>(?<![\w])(?:\d{2,4}[-/][0-9A-Z]{1,4}[-/]\d{2,6}(?![\w/-])"
    r"|[A-Z]{0,3}\d(?:[ -]?\d){4,13}[A-Z]{0,2}))(?![\w])"
)
# A short number (4 digits) right after what says it is a student's: "student #4471",
# « élève n° 4471 », « matricule 4471 ».
_ID_SHORT = re.compile(
    r"(?i:\b(?:élève|étudiante?|student|pupil|learner)\s*(?:#|n[°o]\.?|no\.|num(?:éro)?\.?)"
    r"|\bmatricule)\s*:?\s*(?P<id>\d{4})(?![\w-])"
)
# A login after what names one: « identifiant ENT : lmartin47 », "username: j.smith2", « le
# compte ENT abe0417 », "student account x2291843" (letters then digits, as schools make them:
# a name or a prefix, then up to a student number's 9 digits; « identifiants (`fr-4e`,
# `replaced_by`) » are no login).
_LOGIN = re.compile(
    r"(?i:\b(?:identifiant|login|username|user\s?name|user\s?id|nom\s+d['’]utilisateur"
    r"|compte\s+(?:ENT|élève|étudiant|scolaire|Pronote)|(?:student|school|pupil)\s+account)\b)"
    r"[^\n@]{0,30}?(?<![\w.@/'’-])(?P<login>[a-z]{1,30}(?:[._][a-z]{1,30})?\d{1,9}"
    # or a year of entry or graduation first, then initials or a name: « 23kmpatel »
    r"|\d{2,4}[._]?[a-z]{4,30}(?:[._][a-z]{1,30})?\d{0,4})"
    r"(?![\w@/.-])"
)
# What follows a number and is no login (« login 48hours », « identifiant 2fois »).
_NOT_LOGIN = re.compile(
    r"\d+(?:hours?|minutes?|mins|secs?|seconds?|days?|weeks?|months?|years?|times|heures?"
    r"|jours?|semaines?|mois|fois|tries|essais|pages|points)\d*"
)
_ID_SHORT_KEYS = _keys("élève", "étudiant", "student", "pupil", "learner", "matricule")
_LOGIN_KEYS = _keys("identifiant", "login", "username", "user", "compte", "account")
# Accounts that are no one's: « admin2024 », "guest1", « eleve01 » (a shared account).
_SHARED_ACCOUNTS = frozenset(
    {"admin", "administrateur", "administrator", "root", "guest", "invite", "invité", "user",
     "utilisateur", "test", "demo", "démo", "eleve", "élève", "student", "prof", "teacher",
     "enseignant", "classe", "class", "compte", "account", "essai", "exemple", "example", "labo",
     "lab", "poste", "pc", "ordi", "tablette", "ipad", "local", "salle", "room", "sandbox"}
)  # fmt: skip
# United Kingdom: a postcode (« SW9 8JX ») is a few houses.
_UK_POSTAL = r"[A-Z]{1,2}\d[A-Z\d]? \d[ABD-HJLNP-UW-Z]{2}"
_CA_POSTAL = r"[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z][ -]?\d[ABCEGHJ-NPRSTV-Z]\d"
_POSTAL_CODE = re.compile(
    rf"\b{_CA_POSTAL}\b"  # Canada: a few houses
    rf"|\b{_UK_POSTAL}\b"  # United Kingdom
    rf"|\b(?:0[1-9]|[1-8]\d|9[0-8])\d{{3}} (?:[{U}][{L}]+(?:-[{U}]?[{L}]+)*)(?![\w])"  # France
)
# A bare postal code (« 75011 », « H2X ») where the sentence says someone lives there.
_POSTAL_BARE = re.compile(
    r"\b(?:(?:0[1-9]|[1-8]\d|9[0-8])\d{3}|[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z])\b"
)
_LIVES = re.compile(
    r"(?i:\b(?:habite|habitait|habitent|vit|vivait|vivent|demeure|demeurait|réside|résidait"
    r"|résidant|domicilié|domiciliée|domicile|adresse|code postal|cp|quartier|secteur"
    r"|déménagé|déménagée|lives|lived|living|resides|address|zip|zip code|postal code"
    r"|postcode|moved)\b)"
)
_STREET_TYPES_FR = (
    r"rue|avenue|av\.|boulevard|boul\.|bd|chemin|ch\.|place|route|allée|impasse|quai|cours"
    r"|rang|montée|côte|croissant|promenade|square|passage|sentier|voie|parvis|esplanade"
    r"|lotissement|résidence|cité|hameau|lieu-dit|rés\."
)
_STREET_TYPES_EN = (
    r"Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Boulevard|Blvd\.?|Drive|Dr\.?|Lane|Ln\.?|Court"
    r"|Ct\.?|Crescent|Cres\.?|Way|Place|Pl\.?|Terrace|Circle|Parkway|Highway|Hwy\.?"
)
_ADDRESS = re.compile(
    # France, Québec: « 12 rue des Lilas », « 1200, rue Principale », « 4 bis, av. Foch »
    rf"\b\d{{1,5}}(?: ?(?:bis|ter|[A-Da-d])\b)?,? (?:\d{{1,2}}(?:e|er|re|ème|th|st|nd|rd) )?"
    rf"(?i:{_STREET_TYPES_FR}) "
    rf"(?:(?:de la|de l['’]|du|des|de|d['’]|la|le|les|l['’]) ?)?"
    rf"(?:\d{{1,2}}(?:e|er|re)? )?[{U}\d][\w'’\-]*(?: [{U}][\w'’\-]*){{0,4}}"
    # English: « 221B Baker Street », « 350 Fifth Avenue »
    rf"|\b\d{{1,5}}[A-Z]? (?:[{U}][\w'’\-]* ){{1,3}}(?:{_STREET_TYPES_EN})(?![\w])"
)
# « il habite rue des Lilas »: a street without number, where someone lives.
_ADDRESS_LIVES = re.compile(
    rf"(?i:\b(?:habite|habitait|vit|vivait|demeure|réside|lives|lived)\b"
    rf"(?: (?:au|à la|sur la|sur le|dans la|dans le|on|at|in))?) "
    rf"(?P<street>(?i:{_STREET_TYPES_FR}) "
    rf"(?:(?:de la|de l['’]|du|des|de|d['’]|la|le) ?)?[{U}][\w'’\-]*(?: [{U}][\w'’\-]*){{0,3}})"
)
_CLASS_CODE = re.compile(
    # France: 3eB, 5e2, la 4e C, 2nde 3, 1re B, Tle C, CM1 B (a level, then one letter or digit)
    r"(?<![\w-])(?:(?:[3-6](?:e|è|ème|eme)|2n?de|1(?:re|ère)|T(?:le|ale)|CM[12]|CE[12]) ?|CP )"
    r"(?:[A-Z]|\d)(?![\w'’]|\.\d)"
    # Québec: groupe 402, gr. 402; English: group 402, homeroom 402, class 7C, Grade 4B
    r"|(?i:\b(?:groupes?|gr\.?|groups?|homeroom|foyer)) ?(?:\d{3}|\d{1,2}-\d{1,2}|\d{1,2}[A-Z])\b"
    r"|(?i:\b(?:class|grade|year|classe)) ?\d{1,2}-?[A-Z]\b"
)
# A level without its group (« de 4e », « en 5e année », « Grade 7 »): with a school, it points
# at one class.
_LEVEL = re.compile(
    r"(?i:\b(?:[1-6](?:e|è|ème|re|ère)|2nde|CM[12]|CE[12]|CP|maternelle|terminale|seconde"
    r"|première|sec(?:ondaire)?\s?[1-5]|grade\s?\d{1,2}|year\s?\d{1,2}|\d{1,2}(?:th|st|nd|rd)"
    r"\s+grade)\b)"
    r"|(?<![\w-])(?:[1-9]|1[0-2])(?:[A-H]|-\d)(?![\w-])"  # 9B, 10-3: a grade and its section
)
_INITIALS = re.compile(
    rf"(?<![\w.])(?P<first>{NAME_WORD}) [A-Z]\.(?![\w.])"  # Lucas D.
    rf"|(?<![\w.])[{U}]\.(?: ?-?[{U}]\.){{1,2}}(?![\w.])"  # L. D., J.-F., M.-È. P.
)
# One capital and a period (« L. a refusé », "C. refused", « j'ai gardé K. »): initials when
# what comes before or after says a person; not after a capitalised word or a noun that
# labels things by letter (« Plan B. », « l'annexe C. », "vitamin C.").
_SINGLE_INITIAL = re.compile(rf"(?<![\w.’'\-])[{U}]\.(?![\w.’'\-])")
_LABEL_NOUNS = frozenset(
    {"answer", "réponse", "choice", "choix", "question", "item", "option", "letter", "lettre",
     "note", "rang", "chapitre", "chapter", "page", "figure", "tableau", "table", "annexe",
     "appendix", "example", "exemple", "case", "cas", "point", "points", "droite", "line",
     "ligne", "segment", "angle", "vecteur", "vector", "ensemble", "set", "matrix", "matrice",
     "variable", "valeur", "value", "poste", "salle", "room", "bâtiment", "building", "bloc",
     "block", "aile", "wing", "étage", "niveau", "level", "grade", "groupe", "group", "équipe",
     "team", "classe", "class", "type", "plan", "partie", "part", "section", "étape", "step",
     "phase", "version", "modèle", "model", "série", "series", "zone", "colonne", "column",
     "row", "catégorie", "category", "vitamine", "vitamin", "cellule", "cell", "lot", "objet",
     "object", "porte", "door", "entrée", "entrance", "quai", "platform", "gate", "sujet",
     "exercice", "exercise", "activité", "activity", "atelier", "station", "fiche", "sheet",
     "document", "texte", "text", "source", "corpus", "scénario", "scenario", "hypothèse",
     "hypothesis", "solution", "schéma", "diagram", "graphique", "graph", "courbe", "curve",
     "unit", "unité", "module", "cycle", "exhibit", "pièce", "hépatite", "hepatitis", "oméga",
     "omega", "pavillon", "local", "casier", "locker", "bus", "autobus", "route"}
)  # fmt: skip
_WORD_BEFORE = re.compile(r"([^\W\d_][\w'’-]*)\s*$")
_HONORIFICS = frozenset({"Mme", "Mlle", "Mr", "Mrs", "Ms", "Dr", "Madame", "Monsieur", "Miss"})
_NOT_INITIALS = frozenset({"n.b.", "p.s.", "u.s.", "a.m.", "p.m.", "e.u.", "r.u.", "j.-c.",
                           "i.e.", "e.g.", "u.k.", "d.c.", "é.-u.", "é.u.", "u.s.a.",
                           "r.-u."})  # fmt: skip

_SCHOOL_WORDS_FR = (
    r"(?i:\b(?:école(?: secondaire| primaire| élémentaire| maternelle)?|collège|lycée"
    r"(?: professionnel| agricole| général| polyvalent)?|cégep|cegep|polyvalente|institut"
    r"|centre de services scolaire|commission scolaire|académie|campus))|\bCSS"
)
_SCHOOL_FR = re.compile(
    rf"(?:{_SCHOOL_WORDS_FR})"
    r" (?:(?i:de la|de l'|de l’|des|du|de|d'|d’) ?)?"
    rf"(?P<proper>(?:Saint|Sainte|St|Ste)?-?[{U}][{L}'’]+(?:[ -](?:de |du |des |la |le )?"
    rf"[{U}][{L}'’]+)*)"
)
_SCHOOL_EN = re.compile(
    rf"\b(?P<proper>(?:[{U}][{L}'’.-]+ ){{1,3}})"
    r"(?:High School|Elementary School|Elementary|Middle School|Secondary School|Primary School"
    r"|Junior High|College|Academy|School|CEGEP|Cegep|Secondary|High|Collegiate"
    r"|Collegiate Institute|Intermediate|Public School|Catholic School)\b"
)

# Nouns after which a capitalised word is a person (« l'élève Lucas », « my student Aiden »).
_PERSON_NOUNS = (
    r"(?i:\b(?:élèves?|étudiante?s?|étudiant·e·?s?|apprenante?s?|apprenant·e·?s?|enfants?"
    r"|stagiaires?|students?|pupils?|learners?|collègues?|colleagues?|directeur|directrice"
    r"|principal|principale|conseill(?:er|ère) pédagogique|orthopédagogue|technicienne?"
    r"|enseignante?|professeure?|profs?|teachers?|classmates?|camarades?|mère|père|maman|papa"
    r"|mother|father|mom|mum|dad|frère|sœur|soeur|brother|sister|fille|garçon|boy|girl"
    r"|nommée?|prénommée?|named|s'appelle|s’appelle))"
    r"|\b(?:CPE|TES|AESH|AVS)"
)
_AFTER_NOUN = re.compile(
    rf"(?:{_PERSON_NOUNS})(?:,? ?[«“\"(]? ?| )(?P<names>{_NAME}(?:(?:, | et | and ){_NAME})*)"
)
_TITLE_NAME = re.compile(
    r"(?<![\w.])(?:Mme|Mmes|Mlle|M\.|MM\.|Mr\.?|Mrs\.?|Ms\.?|Miss|Madame|Monsieur|Dr\.?) "
    rf"(?P<name>{_NAME})"
)
_STREET_BEFORE = re.compile(
    r"(?i)\b(?:rue|avenue|av\.|boulevard|boul\.|bd|chemin|place|route|street|st\.|road|allée"
    r"|impasse|quai|cours)\s+$"
)

# --- Health, family, judgement ----------------------------------------------------------------

# Health, disability, family and discipline terms: a warning only when tied to someone
# identifiable (a name, or a class and a school).
_HEALTH = re.compile(
    r"\b(?:TDA/?H|TDA|TSA|TOC|TSLO|PAP|PPS|PAI|MDPH|AESH|AVS|ULIS|EHDAA|DPJ|ASE|IEP|ADHD"
    r"|ASD|OCD|HPI)\b"
    r"|(?i:\b(?:dyslexi(?:e|que|ques|a|c)|dyspraxi(?:e|que|ques|a|c)|dyscalculi(?:e|que|ques|a|c)"
    r"|dysphasi(?:e|que|ques)|dysorthographi(?:e|que|ques)|autisme|autistes?|autism|autistic"
    r"|asperger|épilep(?:sie|tique)|epilep(?:sy|tic)|diabète|diabétique|diabet(?:es|ic)"
    r"|handicap(?:ée?s?)?|disabilit(?:y|ies)|disabled|troubles? (?:du|de l['’]|des|de la|d['’])"
    r" ?(?:comportement|attention|spectre|apprentissage|langage|anxi\w+)|haut potentiel"
    r"|surdouée?s?|bipolaire|bipolar|dépression|dépressi(?:f|ve)|depression|depressed"
    r"|anorexi(?:e|que|a|c)|scarifi\w+|self-harm|suicid\w+|ritaline|ritalin|leucémie|cancer"
    r"|leukemia|chimiothérapie|chemotherapy|hospitalisée?|hospitali[sz]ed|asthme|asthma"
    r"|allergi(?:e|que)|allergic|enceinte|pregnant|sourde?|malentendante?|deaf|aveugle|blind"
    r"|malvoyante?|fauteuil roulant|wheelchair|paralysie cérébrale|cerebral palsy|trisomie"
    r"|down syndrome|syndrome d['’]\w+|\w+ syndrome|\w+ disorder|anxiety disorder|troubles? anxieux"
    r"|spina bifida|mucoviscidose|cystic fibrosis|drépanocytose|sickle cell|hémophilie"
    r"|hemophilia|tourette|diagnostiquée?|diagnosed|concerta|vyvanse|strattera|adderall"
    r"|méthylphénidate|methylphenidate|antidépresseurs?|antidepressants?|insuline|insulin"
    r"|plans? d['’]intervention|codes? de difficulté|individual(?:ized)? education plan"
    r"|504 plan|special needs|learning disabilit(?:y|ies)|famille d['’]accueil|foster \w+"
    r"|placée? (?:en foyer|en famille|à l['’]ASE)|signalement|information préoccupante"
    r"|divorce|divorcée?s?|divorcing|divorced|garde alternée|custody|deuil|décès|décédée?"
    r"|incarcérée?|prison|conseil de discipline|exclusion (?:définitive|temporaire)|expelled"
    r"|suspended|child protective services|social services|musulmane?|voilée|juive?"
    r"|homosexuel(?:le)?|lesbienne|transgenre|transgender|gay|lesbian|réfugiée?|refugee"
    r"|sans[- ]papiers|undocumented|demandeur d['’]asile|asylum))"
)
# Words that tie such a term to one person.
_ONE_PERSON = re.compile(
    r"(?i:\b(?:élève|étudiante?|apprenante?|enfant|stagiaire|gamine?|petite?|ado|adolescente?"
    r"|garçon|fille|student|pupil|learner|child|kid|boy|girl|teen|son|sa|ses|lui|elle|il|he"
    r"|she|his|her|him|un de mes élèves|une de mes élèves|one of my students)\b)"
)
_IMPERSONAL = re.compile(
    r"(?i)\bil (?:faut|fallait|faudra|faudrait|y a|y avait|y aura|s['’]agit|reste|restait"
    r"|semble|semblait|suffit|suffisait|vaut|paraît|arrive|arrivait|manque|manquait"
    r"|(?:est|était|sera) (?:important|nécessaire|difficile|possible|impossible|utile|temps"
    r"|vrai|clair|probable|rare|fréquent|courant|normal|essentiel|indispensable|évident))"
)
# Judgemental words: strong ones are always a warning, weak ones near a person word.
_JUDGEMENT_STRONG = re.compile(
    r"(?i:\b(?:fainéante?s?|feignante?s?|flemmarde?s?|débiles?|crétine?s?|abrutie?s?|cancres?"
    r"|imbéciles?|racailles?|sauvageons?|parents? démissionnaires?|cas soc(?:ial|iaux|s)?"
    r"|bons? à rien|mauvaises? graines?|têtes? à claques|lazybones|morons?|brats?"
    r"|good-for-nothing|deadbeats?|imbeciles?|troublemakers?|hopeless cases?)\b)"
)
_JUDGEMENT_WEAK = re.compile(
    r"(?i:\b(?:nul(?:le)?s?|bêtes?|idiote?s?|stupides?|paresseu(?:x|se|ses)|incapables?"
    r"|irrécupérables?|irresponsables?|ingérables?|boulets?|stupid|useless|hopeless"
    r"|incompetent|idiots?|lazy|dumb"
    # colloquial, Québec and France: « niaiseux », « nono », « teubé »; "dimwit", "slacker"
    r"|niaiseu(?:x|se|ses)|nonos?|nounounes?|twits?|sans-desseins?|téteu(?:x|se|ses)"
    r"|teubés?|neuneus?|gogols?|attardée?s?|dimwits?|dunces?|slackers?|numbskulls?"
    r"|airheads?"
    # the nouns of the same judgements (« d'une paresse… », "a lost cause")
    r"|paresse|fainéantise|laziness|lost\s+causes?)\b)"
)
_NOT_JUDGEMENT = re.compile(
    r"(?i)(?:vecteur|produit|résultat|nombre|angle|ensemble|coefficient|terme|reste|élément"
    r"|match|score|somme|différence|solde|effet|risque) (?:est |était |sera )?nul"
    r"|nul(?:le)? (?:part|besoin|doute|autre)"
)
# A judgemental word used as a noun for people (« des irresponsables », "a bunch of idiots"):
# about the people its sentence names, even a few words away.
_AS_NOUN_BEFORE = re.compile(
    r"(?i:\b(?:des|ces|de\s+vrais|de\s+vraies|une\s+bande\s+d['’]|une\s+bande\s+de|bunch\s+of)\s*$)"
)
_PEOPLE = re.compile(
    r"(?i:\b(?:élèves?|enfants?|gamine?s?|gosses?|parents?|collègues?|classes?|groupes?"
    r"|ados?|adolescente?s?|étudiante?s?|il|elle|ils|elles|lui|eux|ce sont|c['’]est une?"
    r"|students?|kids?|children|child|colleagues?|class|group|they|he|she|teens?|teenagers?"
    r"|boys?|girls?|pupils?|learners?)\b)"
)
# A sentence ends at . ! ? … (not after an initial: « Lucie D. est… »)
_SENTENCE_END = re.compile(r"(?<!\b[A-Z])[.!?…]+[\s»”\")]*(?=\s|$)|\n")
_DIGIT = re.compile(r"\d")
_TWO_DIGITS = re.compile(r"\d\d")


# What any match of each rule contains (`word_keys`); the tests check it.
_HEALTH_KEYS = _keys(
    "TDAH", "TDA", "TSA", "TOC", "TSLO", "PAP", "PPS", "PAI", "MDPH", "AESH", "AVS", "ULIS",
    "EHDAA", "DPJ", "ASE", "IEP", "ADHD", "ASD", "OCD", "HPI", "dyslexie", "dyspraxie",
    "dyscalculie", "dysphasie", "dysorthographie", "autisme", "asperger", "épilepsie", "epilepsy",
    "diabète", "diabétique", "handicap", "disability", "troubles", "potentiel", "surdoué",
    "bipolaire", "dépression", "depression", "anorexie", "scarification", "harm", "suicide",
    "ritaline", "leucémie", "cancer", "leukemia", "chimiothérapie", "hospitalisé", "asthme",
    "allergie", "enceinte", "pregnant", "sourd", "malentendant", "deaf", "aveugle", "blind",
    "malvoyant", "roulant", "paralysie", "palsy", "trisomie", "syndrome", "disorder", "bifida",
    "mucoviscidose", "cystic", "drépanocytose", "sickle", "hémophilie", "hemophilia", "tourette",
    "diagnostiqué", "diagnosed", "concerta", "vyvanse", "strattera", "adderall", "méthylphénidate",
    "methylphenidate", "antidépresseur", "antidepressant", "insuline", "insulin", "wheelchair",
    "intervention", "difficulté", "individual", "504", "needs", "disability", "accueil", "foster",
    "placé", "signalement", "préoccupante", "divorce", "alternée", "custody", "deuil", "décès",
    "décédé", "incarcéré", "prison", "discipline", "exclusion", "expelled", "suspended",
    "protective", "services", "musulman", "voilée", "juif", "juive", "homosexuel", "lesbienne",
    "transgenre", "gay", "réfugié", "refugee", "papiers", "undocumented", "asile", "asylum",
)  # fmt: skip
_STRONG_KEYS = _keys(
    "fainéant", "feignant", "flemmard", "débile", "crétin", "abruti", "cancre", "imbécile",
    "racaille", "sauvageon", "parent", "cas", "bon", "bons", "mauvaise", "tête", "lazybones",
    "moron", "brat", "good", "deadbeat", "imbecile", "troublemaker", "hopeless",
)  # fmt: skip
_WEAK_KEYS = _keys(
    "nul", "nuls", "nulle", "bête", "idiot", "stupide", "paresseux", "incapable",
    "irrécupérable", "irresponsable", "ingérable", "boulet", "useless", "hopeless",
    "incompetent", "lazy", "dumb", "niaiseux", "nono", "nounoune", "twit", "sans", "téteux",
    "teubé", "neuneu", "gogol", "attardé", "dimwit", "dunce", "slacker", "numbskull", "airhead",
    "paresse", "fainéantise", "laziness", "lost",
)  # fmt: skip
_PERSON_NOUN_KEYS = _keys(
    "élève", "étudiant", "apprenant", "enfant", "stagiaire", "student", "pupil", "learner",
    "collègue", "colleague", "directeur", "principal", "conseiller", "orthopédagogue",
    "technicien", "enseignant", "professeur", "prof", "profs", "teacher", "classmate",
    "camarade", "mère", "père", "maman", "papa", "mother", "father", "mom", "mum", "dad",
    "frère", "sœur", "soeur", "brother", "sister", "fille", "garçon", "boy", "girl", "nommé",
    "prénommé", "named", "appelle", "CPE", "TES", "AESH", "AVS",
)  # fmt: skip
_SCHOOL_FR_KEYS = _keys(
    "école", "collège", "lycée", "cégep", "cegep", "polyvalente", "institut", "centre",
    "commission", "académie", "campus", "CSS",
)  # fmt: skip
_SCHOOL_EN_KEYS = _keys(
    "High", "Elementary", "Middle", "Secondary", "Primary", "Junior", "College", "Academy",
    "School", "CEGEP", "Collegiate", "Intermediate",
)  # fmt: skip
_TITLE_KEYS = _keys(
    "Mme", "Mmes", "Mlle", "M", "MM", "Mr", "Mrs", "Ms", "Miss", "Madame", "Monsieur", "Dr"
)  # fmt: skip
_LIVES_STREET_KEYS = _keys(
    "habite", "habitait", "vit", "vivait", "demeure", "réside", "lives", "lived"
)  # fmt: skip
_CLASS_KEYS = _keys("Tle", "Tale", "CP")  # the class codes without a digit
_INITIAL_GATE = re.compile(rf"[{U}]\.")
_HEALTH_LOW = _lowercase(_HEALTH)
_STRONG_LOW = _lowercase(_JUDGEMENT_STRONG)
_WEAK_LOW = _lowercase(_JUDGEMENT_WEAK)
_ID_KEYS = _keys(
    "matricule", "numéro", "n", "no", "code", "identifiant", "INE", "OEN", "UPN", "ULN", "SSID",
    "NAS", "NIR", "student", "pupil", "learner", "school", "id", "education", "élève",
    "étudiant", "fiche", "dossier", "DA", "candidate", "exam",
)  # fmt: skip
_ID_CUE_LOW = _lowercase(_ID_CUE)
_CLASS_CODE_LOW = _lowercase(_CLASS_CODE)
_PERSON_NOUN_LOW = _lowercase(re.compile(_PERSON_NOUNS))
_SCHOOL_FR_LOW = _lowercase(re.compile(_SCHOOL_WORDS_FR))


# --- Applying them -----------------------------------------------------------------------------


def pattern_hits(text: str, taken: Taken | None = None) -> list[Hit]:
    """Contact data and ids: the rules that also apply to code blocks."""
    hits: list[Hit] = []
    taken = taken or Taken(len(text))

    def add(start: int, end: int, kind: str) -> None:
        add_hit(hits, taken, text, start, end, kind)

    if "@" in text:
        for match in _EMAIL.finditer(text):
            add(match.start(), match.end(), "email")
    if word_keys(text) & _LOGIN_KEYS:
        for match in _LOGIN.finditer(text):
            login = match.group("login")
            if _NOT_LOGIN.fullmatch(login):
                continue
            if login.strip("0123456789._").casefold() not in _SHARED_ACCOUNTS:
                add(match.start("login"), match.end("login"), "student-id")
    if _DIGIT.search(text) is None:  # most lines have no digit
        return hits
    pairs = _TWO_DIGITS.search(text) is not None  # ids and phones have two digits in a row
    if pairs:  # an id of a known shape first: « code permanent GAGL 1207 9901 » whole
        for match in _STUDENT_ID.finditer(text):
            add(match.start(), match.end(), "student-id")
    if pairs and word_keys(text) & _ID_KEYS and _ID_CUE_LOW.search(lowered(text)):
        for match in _ID_CUE.finditer(text):
            add(match.start("id"), match.end("id"), "student-id")
    if pairs and word_keys(text) & _ID_SHORT_KEYS:
        for match in _ID_SHORT.finditer(text):
            add(match.start("id"), match.end("id"), "student-id")
    for pattern, kind in (
        (_PHONE, "phone"),
        (_ADDRESS, "address"),
        (_POSTAL_CODE, "postal-code"),
    ):
        if not pairs and pattern is _PHONE:
            continue
        for match in pattern.finditer(text):
            add(match.start(), match.end(), kind)
    return hits


def rule_hits(text: str, *, cited: bool = False, taken: Taken | None = None) -> list[Hit]:
    """Everything that has a shape: contact data, ids, codes, initials, names after a noun."""
    taken = taken or Taken(len(text))
    hits = pattern_hits(text, taken)
    keys = word_keys(text)
    digit = _DIGIT.search(text) is not None

    def add(start: int, end: int, kind: str) -> None:
        add_hit(hits, taken, text, start, end, kind)

    if digit:
        for match in _POSTAL_BARE.finditer(text):
            if _lives_near(text, match.start(), match.end()):
                add(match.start(), match.end(), "postal-code")
    if keys & _LIVES_STREET_KEYS:
        for match in _ADDRESS_LIVES.finditer(text):
            add(match.start("street"), match.end("street"), "address")
    if (digit or keys & _CLASS_KEYS) and _CLASS_CODE_LOW.search(lowered(text)):
        for match in _CLASS_CODE.finditer(text):
            add(match.start(), match.end(), "class-code")
    if not cited:  # references name institutions on purpose
        for pattern, wanted in ((_SCHOOL_FR, _SCHOOL_FR_KEYS), (_SCHOOL_EN, _SCHOOL_EN_KEYS)):
            if not keys & wanted:
                continue
            matches = (
                _anchored(pattern, _SCHOOL_FR_LOW, text)
                if pattern is _SCHOOL_FR
                else pattern.finditer(text)
            )
            for match in matches:
                if _proper_noun(match.group("proper")) and not _any_school_of(text, match):
                    add(match.start(), match.end(), "school-name")
    if keys & _TITLE_KEYS:
        for match in _TITLE_NAME.finditer(text):
            if not is_common(match.group("name").split()[0]):
                add(match.start(), match.end(), "name")
    if _initial_letter(text):
        for match in _INITIALS.finditer(text):
            first = match.group("first")
            if first is not None and is_common(first) and first not in _HONORIFICS:
                continue  # « Plan B. », « Annexe C. »; but « Mme D. » is someone
            if _NAMED_THING_BEFORE.search(text, max(0, match.start() - 40), match.start()):
                continue  # « la Coupe R.B. », "Sir John A. Macdonald": a thing's or a figure's
            if match.group().replace(" ", "").casefold() not in _NOT_INITIALS:
                add(match.start(), match.end(), "initials")
        for match in _SINGLE_INITIAL.finditer(text):
            if _single_initial(text, match.start(), match.end()):
                add(match.start(), match.end(), "initials")
    if keys & _PERSON_NOUN_KEYS:
        for match in _anchored(_AFTER_NOUN, _PERSON_NOUN_LOW, text):
            if _STREET_BEFORE.search(text, max(0, match.start() - 20), match.start()):
                continue  # « rue Principale, Gatineau »
            for name in re.finditer(_NAME, match.group("names")):
                if not is_common(name.group().split()[0]):
                    start = match.start("names") + name.start()
                    add(start, start + len(name.group()), "name")
    return hits


def _single_initial(text: str, start: int, end: int) -> bool:
    """« L. » is someone's initial when a person cue is around it (`_SINGLE_INITIAL`)."""
    before = text[max(0, start - 80) : start]
    after = text[end : end + 80]
    if re.match(r"\s*[\d(]|\s+[A-ZÀ-Ý]", after):
        return False  # « J. Piaget », « A. Introduction », « p. 3 »: a name, a list, a page
    word = _WORD_BEFORE.search(before)
    if word is not None and before[word.end(1) :].strip() == "":
        previous = word.group(1)
        if previous.casefold() in _LABEL_NOUNS:
            return False
        if previous[0].isupper() and not is_common(previous) and not person_before(before):
            return False  # « Malcolm X. », « Louis XIV. »: a proper noun's letter
    if person_before(before) or person_after(after):
        return True
    # « avec K. sur… », "spoke with K. about…": a weak cue, and the sentence goes on
    return bool(_WEAK_BEFORE.search(before)) and bool(re.match(r"\s*(?:,|[a-zà-ÿ])", after))


_WEAK_BEFORE = re.compile(
    r"(?i:\b(?:avec|pour|with|for|chez|beside|besides|behind|near|next\s+to|alongside"
    r"|(?:à\s+côté|auprès|près|loin|derrière|devant|en\s+face)\s+(?:de|d['’]))\s+$)"
    # « dans l'équipe de K. », "in R.'s group": what belongs to someone, with a person's noun
    r"|(?i:\b(?:équipe|groupe|binôme|trio|table|place|pupitre|bureau|casier|sac|trousse|agenda"
    r"|voisine?|parents|famille|tour|copie|cahier|travail|texte|exposé|dessin)\s+(?:de|d['’])\s*$)"
)
# A determiner and a capitalised common word (« la Dictée P.G.L. », « le Prix J.-R. »), or a
# title that only public figures bear ("Sir John A. Macdonald", « Saint J. »): the letters
# belong to the name of a thing or of a figure, not to a student's initials.
_NAMED_THING_BEFORE = re.compile(
    rf"(?:\b(?:[Ll]a|[Ll]e|[Ll]es|[Ll]['’]|[Tt]he|[Uu]ne?|[Dd]u|[Dd]es|[Aa]u|[Aa]ux)\s+[{U}][{L}]{{3,}}"
    r"|\b(?:Sir|Dame|Lord|Lady|King|Queen|Prince|Princess|Saint|Sainte|St\.|Pope|Emperor"
    rf"|Roi|Reine|Pape|Empereur)\s+(?:[{U}][{L}]+\s+)?)\s*$"
)


def describes_person(text: str) -> bool:
    """A health, disability or family term, or a judgemental word, in `text`."""
    return any(p.search(text) for p in (_HEALTH, _JUDGEMENT_STRONG, _JUDGEMENT_WEAK))


def _initial_letter(text: str) -> bool:
    """A capital and a period not inside a word (« D. », « L.D. »): where initials can be."""
    for match in _INITIAL_GATE.finditer(text):
        at = match.start()
        if at == 0 or not (text[at - 1].isalnum() or text[at - 1] in "._"):
            return True
    return False


def _anchored(pattern: re.Pattern[str], heads: re.Pattern[str], text: str) -> list[re.Match[str]]:
    """`pattern.finditer(text)`, tried only where `heads` (the lowercase copy of the pattern's
    first words) matches the lowercase text: the same matches, a fraction of the time."""
    found: list[re.Match[str]] = []
    end = 0
    for head in heads.finditer(lowered(text)):
        if head.start() < end:
            continue
        match = pattern.match(text, head.start())
        if match is not None:
            found.append(match)
            end = match.end()
    return found


def _lives_near(text: str, offset: int, end: int | None = None) -> bool:
    """A word saying where someone lives among the 8 words before `offset`, or what says it is
    a postal code right after `end` (« 69008 comme code postal »)."""
    window = text[max(0, offset - 80) : offset]
    if _LIVES.search(window) and len(WORD.findall(window[_last(window) :])) <= 8:
        return True
    return end is not None and _POSTAL_NAMED_AFTER.match(text, end) is not None


# What names a postal code right after it: « 69008 comme code postal », "K1A as their postal
# code" (not « 500 feuilles sans code postal »).
_POSTAL_NAMED_AFTER = re.compile(
    r"(?i:\s*(?:[,:=]\s*)?(?:(?:comme|en|pour|est|était|as|for|is|was|the|their|his|her|its|son"
    r"|sa|leur|le|de|du|d['’])\s+){0,3}(?:code\s+postal|postal\s+code|zip\s+code|postcode"
    r"|zip)\b)"
)


def _last(window: str) -> int:
    starts = [found.start() for found in _LIVES.finditer(window)]
    return starts[-1] if starts else 0


_INDEFINITE_BEFORE = re.compile(
    r"(?i:\b(?:une?|des|a|an|plusieurs|deux|trois|quelques|certaines?|chaque|any|some|every"
    r"|autres?|other|mon ancienne?|my former)\s+$)"
)
_OF_PLACE = re.compile(r"(?i:\s(?:de|d['’]|du|des|in|of)\b)")


_INSIDE_NAME_BEFORE = re.compile(
    r"(?i:\b(?:musée|museum|rue|avenue|boulevard|place|parc|park|station|métro|gare|arrêt"
    r"|bibliothèque|fondation|association|église|chemin|allée|quartier|style|mouvement|movement"
    r"|courant|art|peintres?|painters?|artistes?)\s+(?:de\s+la|de\s+l['’]|du|des|de|d['’]|of\s+the"
    r"|of)?\s*$)"
)


def _any_school_of(text: str, match: re.Match[str]) -> bool:
    """« une école de Chicoutimi »: one school among those of a town, not a school's name;
    « le musée de l'École de Nancy »: a part of another name."""
    if _INSIDE_NAME_BEFORE.search(text, max(0, match.start() - 30), match.start()):
        return True
    if not _INDEFINITE_BEFORE.search(text, max(0, match.start() - 30), match.start()):
        return False
    head = text[match.start() : match.start("proper")] if "proper" in match.re.groupindex else ""
    return _OF_PLACE.search(head) is not None


def _proper_noun(words: str) -> bool:
    parts = [w for w in re.split(r"[ \-]", words) if w and w[0].isupper()]
    return bool(parts) and not all(is_common(w) for w in parts)


def _distance(text: str, a: tuple[int, int], b: tuple[int, int], ends: list[int]) -> int | None:
    """Words between two spans of the same sentence; None across sentences."""
    lo, hi = (a, b) if a[0] <= b[0] else (b, a)
    if bisect.bisect_right(ends, lo[0]) != bisect.bisect_right(ends, hi[0]):
        return None
    if hi[0] < lo[1]:
        return 0
    return len(WORD.findall(text, lo[1], hi[0]))


def _near(
    text: str, span: tuple[int, int], anchors: list[tuple[int, int]], ends: list[int], most: int
) -> bool:
    """An anchor at most `most` words away in the same sentence (`anchors` sorted)."""
    low = bisect.bisect_left(anchors, (span[0] - 40 * most, 0))
    high = bisect.bisect_right(anchors, (span[1] + 40 * most, 0))
    for anchor in anchors[low:high]:
        if anchor != span:
            distance = _distance(text, span, anchor, ends)
            if distance is not None and distance <= most:
                return True
    return False


def tied_hits(text: str, people: list[Hit], identifying: list[Hit]) -> list[Hit]:
    """Health and family terms tied to someone identifiable; judgemental words about people.

    `people`: the names and initials found; `identifying`: the class codes and school names.
    A diagnosis about « une élève » is about no one in particular; about Lucas, or about the
    student « de 4e B au collège Jean-Moulin », it is about someone (class and school).
    """
    # Most text has none of these terms: find that out before locating people and sentences.
    keys = word_keys(text)
    low = lowered(text)
    health = bool(keys & _HEALTH_KEYS) and _HEALTH_LOW.search(low) is not None
    health = health and _HEALTH.search(text) is not None
    strong = bool(keys & _STRONG_KEYS) and _STRONG_LOW.search(low) is not None
    strong = strong and _JUDGEMENT_STRONG.search(text) is not None
    weak = bool(keys & _WEAK_KEYS) and _WEAK_LOW.search(low) is not None
    weak = weak and _JUDGEMENT_WEAK.search(text) is not None
    if not (health or strong or weak):
        return []
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    impersonal = {m.start() for m in _IMPERSONAL.finditer(text)}
    named = sorted((h.start, h.end) for h in people)
    hits: list[Hit] = []
    if health:
        one = [
            (m.start(), m.end()) for m in _ONE_PERSON.finditer(text) if m.start() not in impersonal
        ]
        kinds = {h.kind for h in identifying}
        school = "school-name" in kinds
        placed = school and ("class-code" in kinds or _LEVEL.search(text) is not None)
        for match in _HEALTH.finditer(text):
            span = (match.start(), match.end())
            # « le PAP de Lucas »: a capitalised word right after the term is a person.
            after = re.match(rf" (?:de |d['’]|du |of )({NAME_WORD})", text[match.end() :])
            tied = _near(text, span, named, ends, 12)
            tied = tied or bool(after and not is_common(after.group(1)))
            tied = tied or (placed and _near(text, span, sorted(one + named), ends, 12))
            if tied:
                hits.append(Hit(*span, "health-family", match.group()))
    if strong:
        for match in _JUDGEMENT_STRONG.finditer(text):
            hits.append(Hit(match.start(), match.end(), "judgement", match.group()))
    if not weak:
        return hits
    many = [(m.start(), m.end()) for m in _PEOPLE.finditer(text) if m.start() not in impersonal]
    people_near = sorted(many + named)
    excluded = Taken(len(text))
    for match in _NOT_JUDGEMENT.finditer(text):
        excluded.take(match.start(), match.end())
    for match in _JUDGEMENT_WEAK.finditer(text):
        span = (match.start(), match.end())
        if not excluded.free(span[0], span[0] + 1):
            continue
        as_noun = _AS_NOUN_BEFORE.search(text, max(0, span[0] - 24), span[0]) is not None
        if _near(text, span, people_near, ends, 12 if as_noun else 4):
            hits.append(Hit(*span, "judgement", match.group()))
    return hits
