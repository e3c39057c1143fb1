"""Page chrome as data: the lines a capture carries that are not the article.

Every pattern here describes page furniture in general (media players, close buttons,
newsletter boxes, share bars), never one site. Tuning a heuristic means editing a tuple.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

# Whole lines that are widget residue: player clocks, close crosses, lone symbols.
WIDGET_LINE = re.compile(
    r"""^(?:
        \d{1,2}:\d{2}(?::\d{2})?(?:\s*/\s*\d{1,2}:\d{2}(?::\d{2})?)?   # 0:00, 1:02 / 3:45
      | [×✕✖✗⨯xX]                                                    # close crosses
      | [▶►❚⏸⏵⏯⏹■□•·|\-–—_=*#~]+                                        # player and rule glyphs
    )$""",
    re.VERBOSE,
)

# Whole lines (case-insensitive) that are interface words, not prose.
UI_WORDS = frozenset(
    w.casefold()
    for w in (
        "Close", "Menu", "Search", "Share", "Share this", "Share this article", "Tweet",
        "Newsletter", "Newsletters", "Subscribe", "Sign up", "Sign in", "Log in", "Login",
        "Register", "Advertisement", "Advert", "Sponsored", "Skip to content",
        "Skip to main content", "Play", "Pause", "Mute", "Unmute", "Fullscreen",
        "Watch", "Listen", "Print", "Email", "Copy link", "Comments", "Show comments",
        "Load more", "Read more", "Continue reading", "Back to top", "Accept",
        "Accept all", "Reject all", "Cookie settings", "Follow us", "Home",
        "Leave a comment", "Leave a reply", "Post a comment", "Add a comment",
    )
)


# Interface words beyond UI_WORDS: never a headline or a site's name, but kept as lines of
# the page. Dropping them like UI_WORDS moved the lines the text reader's models were
# measured on and lost more headlines than it won (benchmarks/train_textlines.py).
INTERFACE_WORDS = UI_WORDS | frozenset(
    w.casefold().rstrip(":")  # as is_interface reads a line: "Search for:" is "search for"
    for w in (
        "Search for:", "Main menu", "Toggle navigation", "Open menu", "Close menu",
        "Privacy policy", "Cookie policy", "Terms of use", "Terms and conditions",
        "Contact us", "About us", "Imprint", "Sitemap", "Cancel reply", "Like this:",
        "Dark mode", "Light mode", "Go top", "Go to top", "Scroll to top",
        "Zum Seitenanfang", "Nach oben scrollen",
        # A media badge over an embedded player, and a like widget still loading (the
        # dots of "Like Loading..." are read off as a counter would be).
        "Video", "Loading", "Loading…", "Like Loading", "Like Loading…",
        "Gefällt mir Wird geladen", "Gefällt mir Wird geladen…", "Wird geladen",
        "Wird geladen…", "Liken Lade …", "Liken Lade…",
        # The same interface in the other languages the reader meets most (German,
        # French, Spanish, Italian, Dutch, Portuguese, Polish), as common site software
        # writes it. A comment section's own name is left out: it opens the thread the
        # text reader cuts off (see COMMENTS_HEADING).
        "Menü", "Hauptmenü", "Menü öffnen", "Menü schließen", "Suche", "Suchen",
        "Suche nach:", "Schließen", "Schliessen", "Teilen", "Teilen mit:", "Drucken",
        "Anmelden", "Abmelden", "Registrieren", "Einloggen", "Abonnieren",
        "Newsletter abonnieren", "Anzeige", "Werbung", "Kommentar verfassen",
        "Schreibe einen Kommentar", "Schreibe eine Antwort", "Antworten abbrechen",
        "Abbrechen", "Weiterlesen", "Mehr lesen", "Nach oben", "Zurück nach oben",
        "Startseite", "Impressum", "Datenschutz", "Datenschutzerklärung", "Kontakt",
        "Über uns", "Folgen Sie uns", "Alle akzeptieren", "Akzeptieren", "Ablehnen",
        "Cookie-Einstellungen", "Sie sind hier:", "Beitrags-Navigation",
        "Beitragsnavigation", "Gefällt mir:", "Link kopieren", "Vorlesen",
        "Artikel teilen", "Monat auswählen", "Kategorie auswählen",
        "Rechercher", "Recherche", "Fermer", "Partager", "Imprimer", "Se connecter",
        "Connexion", "S'abonner", "Abonnez-vous", "Publicité", "Laisser un commentaire",
        "Annuler la réponse", "Lire la suite", "Retour en haut", "Accueil",
        "Mentions légales", "Politique de confidentialité", "Nous contacter",
        "Contactez-nous", "Tout accepter", "Tout refuser", "Suivez-nous", "À propos",
        "Buscar", "Cerrar", "Compartir", "Imprimir", "Iniciar sesión", "Registrarse",
        "Suscríbete", "Publicidad", "Deja un comentario", "Cancelar respuesta",
        "Leer más", "Seguir leyendo", "Volver arriba", "Inicio", "Aviso legal",
        "Política de privacidad", "Aceptar", "Síguenos",
        "Cerca", "Chiudi", "Condividi", "Accedi", "Registrati", "Iscriviti", "Abbonati",
        "Pubblicità", "Lascia un commento", "Annulla risposta", "Leggi tutto",
        "Continua a leggere", "Torna su", "Chi siamo", "Accetta", "Rifiuta",
        "Zoeken", "Sluiten", "Delen", "Afdrukken", "Inloggen", "Abonneren", "Advertentie",
        "Laat een reactie achter", "Lees meer", "Verder lezen", "Terug naar boven",
        "Over ons", "Accepteren", "Alles accepteren", "Weigeren",
        "Pesquisar", "Fechar", "Compartilhar", "Partilhar", "Publicidade",
        "Deixe um comentário", "Leia mais", "Voltar ao topo",
        "Szukaj", "Zamknij", "Udostępnij", "Zaloguj się", "Reklama", "Czytaj więcej",
        # A shop's buttons.
        "Add to cart", "Add to basket", "Buy now", "In den Warenkorb", "Jetzt kaufen",
        "Ajouter au panier", "Añadir al carrito", "Aggiungi al carrello", "In winkelwagen",
        # A language switcher's entries, each in its own language.
        "English", "Deutsch", "Français", "Español", "Italiano", "Nederlands", "Português",
        "Polski", "Dansk", "Svenska", "Norsk", "Suomi", "Čeština", "Magyar", "Română",
        "Türkçe", "Русский", "Українська", "Ελληνικά", "日本語", "中文", "한국어", "العربية",
        # Labels over lists of other posts, which RELATED_LABEL reads in English only.
        "Ähnliche Beiträge", "Ähnliche Artikel", "Verwandte Artikel", "Mehr zum Thema",
        "Das könnte Sie auch interessieren", "Weitere Artikel", "Meistgelesen",
        "Neueste Beiträge", "Neueste Kommentare", "Letzte Beiträge", "Aktuelle Beiträge",
        "Articles similaires", "À lire aussi", "Artículos relacionados",
        "Articoli correlati", "Gerelateerde artikelen",
    )
)

# A skip link: "Skip to content", "Zum Inhalt springen", "Aller au contenu", "Saltar al
# contenido". Pages print several on one line ("Zur Hauptnavigation springen Zur Suche
# springen Zum Inhalt springen"); a line of nothing else is chrome.
_SKIP_TARGET = (
    r"(?:haupt|main\s+|primary\s+)?(?:content|navigation|menu|search|footer|sidebar|inhalt|"
    r"inhaltsbereich|menü|suche|fußzeile|seitenanfang|contenu(?:\s+principal)?|"
    r"contenido(?:\s+principal)?|conteúdo(?:\s+principal)?|contenuto(?:\s+principale)?|"
    r"navegación|navegação|navigazione|recherche|inhoud|hoofdinhoud|navigatie|treści)"
)
SKIP_LINKS = re.compile(
    rf"""^(?:\s*[|•·,]?\s*(?:
        (?:skip|jump|go)\s+to:?\s+(?:the\s+)?{_SKIP_TARGET}
      | (?:direkt\s+)?zu[mr]?\s+{_SKIP_TARGET}(?:\s+(?:springen|wechseln))?
      | springe?\s+(?:direkt\s+)?zu[mr]?\s+{_SKIP_TARGET}
      | {_SKIP_TARGET}\s+überspringen
      | wechseln\s+zu:?\s+navigation,?\s+suche
      | (?:aller|passer)\s+(?:au|à\s+la|aux)\s+{_SKIP_TARGET}
      | (?:saltar|ir|pular|vai|salta)\s+(?:al|a\s+la|para\s+o|para\s+a|ao|a|alla)\s+
        {_SKIP_TARGET}
      | (?:ga\s+)?(?:direct\s+)?naar\s+(?:de\s+)?{_SKIP_TARGET}(?:\s+springen)?
      | przejdź\s+do\s+{_SKIP_TARGET}
    ))+\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
_SKIP_MAX_LEN = 200

# A breadcrumb trail's label, with the trail or without: "You are here: Home › News",
# "Sie befinden sich hier >", "Vous êtes ici :".
BREADCRUMB_LABEL = re.compile(
    r"^(?:you\s+are\s+here|sie\s+(?:befinden\s+sich|sind)\s+hier|du\s+bist\s+hier|"
    r"vous\s+êtes\s+ici|usted\s+está\s+aquí|está\s+aquí|ti\s+trovi\s+(?:in|qui)|"
    r"u\s+bent\s+hier|você\s+está\s+aqui|jesteś\s+tutaj)\b",
    re.IGNORECASE,
)


# Lines that open with an interface label, whatever follows: a post's taxonomy ("Filed
# under: …", "Schlagworte: …"), a picture credit ("Foto: …", "Text & Fotos: …"; not the
# English "Photos:", which opens gallery headlines), a share button's text ("Click to
# share on Facebook", "Klicken, um auf Twitter zu teilen"), a search form ("Suche nach:
# Suche"), a byline or date stamp led by its verb ("Veröffentlicht am …", "Posted by
# …"), and the warnings a broken server prints into the page ("Deprecated: … in
# /www/…").
INTERFACE_OPENING = re.compile(
    r"^(?:(?:filed\s+under|posted\s+in|categor(?:y|ies)|tags?|tagged(?:\s+with)?|kategorien?|"
    r"schlagw(?:orte|örter)|abgelegt\s+unter|veröffentlicht\s+in|catégories?|étiquettes?|"
    r"mots[-\s]clés|categorías?|etiquetas?|categorie|search\s+for|suche\s+nach|rechercher|"
    r"text\s*(?:&|und|and)\s*(?:fotos?|bilder?|photos?)|fotos?|bilder?)"
    r"\s*:"
    r"|(?:click\s+to\s+(?:share|email|print)|klick(?:e|en)?,?\s+um\s|"
    r"(?:share\s+on|partager\s+sur|compartir\s+en|condividi\s+su|teilen\s+auf)\s+"
    r"(?:facebook|twitter|x|linkedin|whatsapp|pinterest|reddit|telegram|xing|e-?mail)\b)"
    r"|(?:veröffentlicht|published|posted|publié|publicado|pubblicato|gepubliceerd)\s+"
    r"(?:am|von|on|by|le|par|el|por|il|da|op|door)\s"
    r"|(?:deprecated|warning|notice|fatal\s+error|parse\s+error|strict\s+standards)\s*:"
    r".*(?:\sin\s+/|\son\s+line\s+\d))",
    re.IGNORECASE,
)
# Interface words joined by a conjunction: "Impressum und Datenschutz".
_JOINED_WORDS = re.compile(r"\s+(?:und|and|&|et|y|e|en|i)\s+", re.IGNORECASE)


def is_pointer(line: str) -> bool:
    """A link to the previous or next post, or down the page, set off by an arrow:
    "« Older post title", "Newer post title →", "↓ To the comments". A headline in
    guillemets (« … », » … «) holds the mark that closes it, so it is not taken for one."""
    s = line.strip()
    if len(s) < 3:
        return False
    head, tail = s[0], s[-1]
    if head in "←‹<↑↓" and s[1].isspace() or tail in "→›>" and s[-2].isspace():
        return True
    opens = {"«": "»", "»": "«"}
    if head in opens and s[1].isspace() and opens[head] not in s:
        return True
    return tail in opens and s[-2].isspace() and opens[tail] not in s

# A short label that introduces a list of other headlines at the foot of a page.
RELATED_LABEL = re.compile(
    r"^(?:related(?:\s+(?:articles|stories|news|content|coverage|reading))?|"
    r"read\s+(?:more|next|also)|more\s+(?:from|on|in|stories|news)\b.*|"
    r"(?:you\s+(?:may|might)\s+(?:also\s+)?(?:like|be\s+interested\s+in))|"
    r"see\s+also|most\s+(?:read|popular|viewed)|trending(?:\s+now)?|"
    r"latest(?:\s+(?:news|stories|articles))?|top\s+stories|recommended(?:\s+for\s+you)?)"
    r"\s*:?$",
    re.IGNORECASE,
)

# The heading of a comment thread: "34 responses to “Title”", "[ 167 comments ]",
# "Top Rated Comments", "Kommentare (12)", "3 réponses à ...". The words are the common
# names of a comment section in the languages the reader meets most; alone, only a
# plural names a thread ("Comment" is a newspaper's opinion section, "Reply" a button).
_THREAD_COUNTED = (
    r"comments?|responses?|replies|reactions?|kommentare?|antworten|commentaires?|"
    r"réponses?|comentarios?|respuestas?|commenti|risposte|reacties|kommentarer|komentarze"
)
_THREAD_NAMED = (
    r"comments|responses|reactions|kommentare|leserkommentare|commentaires|comentarios|"
    r"commenti|reacties|kommentarer|komentarze"
)
_COUNT_TAIL = r"[\s\d().:\[\]]*"
COMMENTS_HEADING = re.compile(
    rf"^[\s\[(]*(?:\d[\d.,]*\s+(?:{_THREAD_COUNTED})"
    rf"(?:\s+(?:to|on|for|zu|auf|à|a|para|su|op)\s.*)?"
    rf"|(?:(?:top[\s-]rated|latest|newest|all|show|view|reader|user)\s+)?(?:{_THREAD_NAMED})"
    rf"){_COUNT_TAIL}$",
    re.IGNORECASE,
)


# The byline of a reader's comment: a name, "on" and the comment's date and time, "said:"
# ("Milan on September 12, 2018 at 4:47 pm said:", "Anna am 3. Mai 2020 um 10:12 sagt:").
COMMENT_BYLINE = re.compile(
    r"^[^\s,.:;!?][^,.:;!?]{0,60}?\s(?:on|am|le|el|il|op|em)\s.{3,40}?\d{1,2}[:.]\d{2}\b"
    r"[^,]{0,15}?\s"
    r"(?:said|says|wrote|sagt|schreibt|schrieb|meint|a\s+dit|a\s+écrit|dice|dijo|"
    r"ha\s+detto|scrive|zei|schreef)\s*:$",
    re.IGNORECASE,
)


# The comment form blog software prints under a post (WordPress and WordPress.com in their
# shipped translations): its prompts open the comments section, and no article goes on
# under them. "Your email address will not be published.", "Gib hier deinen Kommentar
# ein ...", "Du kommentierst mit Deinem WordPress.com-Konto.", "Notify me of new posts by
# email."
COMMENT_FORM = re.compile(
    r"^(?:enter\s+your\s+comment\s+here|gib\s+hier\s+deinen\s+kommentar\s+ein|"
    r"entrez\s+votre\s+commentaire|introduce\s+aquí\s+tu\s+comentario|"
    r"scrivi\s+qui\s+il\s+tuo\s+commento|"
    r"fill\s+in\s+your\s+details\s+below|trage\s+deine\s+daten\s+unten\s+ein|"
    r"entrez\s+vos\s+coordonnées\s+ci-dessous|introduce\s+tus\s+datos\s+o\s+haz\s+clic|"
    r"you\s+are\s+commenting\s+using\s+your|du\s+kommentierst\s+mit\s+deinem|"
    r"vous\s+commentez\s+à\s+l['’]aide\s+de\s+votre|"
    r"your\s+email\s+address\s+will\s+not\s+be\s+published|"
    r"(?:deine|ihre)\s+e-mail-adresse\s+wird\s+nicht\s+veröffentlicht|"
    r"votre\s+adresse\s+(?:e-mail|de\s+messagerie)\s+ne\s+sera\s+pas\s+publiée|"
    r"tu\s+dirección\s+de\s+correo\s+electrónico\s+no\s+será\s+publicada|"
    r"il\s+tuo\s+indirizzo\s+email\s+non\s+sarà\s+pubblicato|"
    r"notify\s+me\s+of\s+(?:new|follow-up)\s|benachrichtige\s+mich\s+über)",
    re.IGNORECASE,
)


def _comment_byline(s: str) -> bool:
    return s.endswith(":") and COMMENT_BYLINE.match(s) is not None


def is_comments_heading(line: str) -> bool:
    """A line that opens a comment thread: a count of comments, the thread's title, or the
    first comment's byline."""
    s = line.strip()
    return len(s) <= 200 and (COMMENTS_HEADING.match(s) is not None or _comment_byline(s)
                              or COMMENT_FORM.match(s) is not None)


def thread_start(lines: Sequence[str], start: int = 0) -> int:
    """Where the comment thread under an article begins ("34 responses to ...", "[ 167
    comments ]", a comment form's prompt), from ``start`` on, or the end of the lines:
    readers' comments are written like article text, but no article goes on under the
    heading of its own comments. Both text readers end the body there."""
    return next((i for i in range(start, len(lines)) if is_comments_heading(lines[i])),
                len(lines))


# Navigation bars flattened to text: several short items separated by bars or bullets.
NAV_SEPARATORS = re.compile(r"\s[|•·»/]\s")


# A counter after an interface word: "Comments (12)", "Share 3.4k".
_COUNTER = re.compile(r"\s*(?:\(\s*[\d.,]+[kKmM]?\s*\)|[\d.,]+[kKmM]?)$")


# What COPYRIGHT can start with, and what _COUNTER can end with: cheap tests first.
_COPYRIGHT_FIRST = frozenset("©(cC")
_COUNTER_LAST = frozenset(".,)kKmM")

# Longer than any interface word with a counter: such a line is checked for a footer only.
_UI_MAX_LEN = max(len(w) for w in UI_WORDS) + 12


def is_chrome(line: str) -> bool:
    """True for a line that is interface residue wherever it appears."""
    s = line.strip()
    if s[:1] in _COPYRIGHT_FIRST and COPYRIGHT.match(s):
        return len(s.split()) <= 25
    if len(s) > _UI_MAX_LEN:  # prose: the common case, decided without a regex
        return False
    if WIDGET_LINE.match(s):
        return True
    return _without_counter(s).casefold().rstrip(":") in UI_WORDS


def _without_counter(s: str) -> str:
    """``s`` without a counter after it ("Comments (12)" -> "Comments")."""
    if s[-1:] in _COUNTER_LAST or s[-1:].isdigit():
        return _COUNTER.sub("", s)
    return s


def is_interface(line: str) -> bool:
    """A line of the page's interface in any of the languages INTERFACE_WORDS covers, a
    run of skip links, a breadcrumb trail's label or a link to the next or previous post:
    chrome, or a line a headline or a site name must never be."""
    s = line.strip()
    if not s:
        return False
    if is_chrome(s):
        return True
    if len(s) > _SKIP_MAX_LEN:
        return False
    if is_pointer(s) or BREADCRUMB_LABEL.match(s) or INTERFACE_OPENING.match(s):
        return True
    if _comment_byline(s):
        return True  # "Anna am 3. Mai 2020 um 10:12 sagt:"
    s = _without_counter(s)
    folded = s.casefold().rstrip(":")
    if folded in INTERFACE_WORDS or SKIP_LINKS.match(s) is not None:
        return True
    parts = _JOINED_WORDS.split(folded)
    return len(parts) > 1 and all(p in INTERFACE_WORDS for p in parts)


def best_not_interface(texts: Sequence[str], scores: Sequence[float]) -> int | None:
    """The index of the best-scored text that is not the page's interface (the first of
    equal scores), or None when every one is: a ranker's pick, with interface lines passed
    over. They are asked best first, so most pages ask one."""
    order = sorted(range(len(texts)), key=lambda k: (-scores[k], k))
    return next((k for k in order if not is_interface(texts[k])), None)


# Footer notices: "© 2024 Example Media. All rights reserved."
COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\b)", re.IGNORECASE)


def is_nav(line: str) -> bool:
    """Navigation flattened to text: several items between separators, or interface words
    joined by one ("Sign in | Subscribe")."""
    if len(line) > 200:
        return False
    seps = len(NAV_SEPARATORS.findall(line))
    if seps >= 2:
        return True
    parts = NAV_SEPARATORS.split(line)
    return seps == 1 and all(p.strip().casefold() in UI_WORDS for p in parts)


def is_related_label(line: str) -> bool:
    return bool(RELATED_LABEL.match(line.strip()))


# The first three letters of every RELATED_LABEL, lower-cased.
RELATED_LABEL_OPENINGS = frozenset(("rel", "rea", "mor", "you", "see", "mos", "tre", "lat",
                                    "top", "rec"))


def may_open_related_label(start: str) -> bool:
    """False when text beginning with ``start`` cannot be a related-list label: the HTML
    reader asks this of an element's own leading text before it builds the element's
    whole text. Only ASCII is judged (cleaning may change a non-ASCII opening)."""
    head = start.lstrip()
    return len(head) < 3 or not head[:3].isascii() or head[:3].lower() in RELATED_LABEL_OPENINGS
