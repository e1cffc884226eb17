"""Words as the search compares them when PostgreSQL does not (SQLite, the embedded default).

PostgreSQL's text search configurations for English, Russian, German, … reduce each word to
its Snowball stem, lower-cased; so does this module, with the same Snowball algorithms
(snowballstemmer), so «метана» finds «метан» on a newcomer's SQLite database as it does in
production. Languages whose configuration is "simple" (Chinese, Korean) are only
lower-cased; their CJK characters are words of one character each, as indexing.CJK says.
A query's stop words are dropped with PostgreSQL's own lists (search/stopwords).

An entry's words are kept as " term term term " (a space on each side of every term), so a
query word is found with one LIKE for " term " and a phrase ("low-emission", «河流») for
" term term ".
"""

import re
import threading
from functools import cache, lru_cache
from pathlib import Path

from django.conf import settings

import snowballstemmer

# Scripts written without spaces between words (Chinese, Japanese) or with particles
# glued to words (Korean). PostgreSQL's parser would take a whole run as one word, so
# these characters are indexed one by one and a query matches them as a phrase.
CJK = "\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff"

# A word: a run of letters and digits, or one CJK character (see indexing.CJK).
WORD = re.compile(f"[{CJK}]|[^\\W_{CJK}]+")
_local = threading.local()  # Snowball stemmers keep state between calls: one per thread


def search_config(language):
    """The PostgreSQL text search configuration for a language ("simple": no stemming);
    its Snowball algorithm has the same name."""
    return settings.SEARCH_CONFIGS.get(language, "simple")


def stemmer(config):
    stemmers = _local.__dict__.setdefault("stemmers", {})
    if config not in stemmers:
        known = config in snowballstemmer.algorithms()
        stemmers[config] = snowballstemmer.stemmer(config) if known else None
    return stemmers[config]


STOPWORDS = Path(__file__).with_name("stopwords")  # PostgreSQL's lists (see NOTICE there)


@cache
def stopwords(config):
    """The words PostgreSQL's configuration leaves out of a query (none for "simple")."""
    path = STOPWORDS / f"{config}.stop"
    if not path.exists():
        return frozenset()
    return frozenset(line.strip() for line in path.read_text().splitlines() if line.strip())


@lru_cache(maxsize=50_000)
def stem(config, word):
    word = word.lower()
    language_stemmer = stemmer(config)
    return language_stemmer.stemWord(word) if language_stemmer else word


def tokens(text, language):
    """(start, end, term) of every word of the text."""
    config = search_config(language)
    return [(m.start(), m.end(), stem(config, m.group())) for m in WORD.finditer(text)]


def folded(text, language):
    """The text's terms as stored in SearchEntry.folded: " term term … "."""
    terms = [term for _start, _end, term in tokens(text, language)]
    return f" {' '.join(terms)} " if terms else ""


def phrases(query, language):
    """The query's words as phrases of terms: (required, excluded). A word written with
    hyphens or in CJK characters is a phrase of several terms; a stop word ("the", «и»)
    is left out, as PostgreSQL leaves it out."""
    required, excluded = [], []
    ignored = stopwords(search_config(language))
    for word in query.replace('"', " ").split():
        wanted = excluded if word.startswith("-") and len(word) > 1 else required
        words = WORD.findall(word)
        if len(words) == 1 and words[0].lower() in ignored:
            continue
        terms = tuple(term for _start, _end, term in tokens(word, language))
        if terms and terms not in wanted:
            wanted.append(terms)
    return required, excluded


def needle(phrase):
    """What a phrase looks like inside SearchEntry.folded."""
    return f" {' '.join(phrase)} "


def match_spans(text, wanted, language):
    """Character spans (start, end) of the words of the text that belong to an occurrence of
    one of the wanted phrases: what gets marked."""
    found = tokens(text, language)
    terms = [term for _start, _end, term in found]
    marked = set()
    for phrase in wanted:
        size = len(phrase)
        for i in range(len(terms) - size + 1):
            if tuple(terms[i : i + size]) == phrase:
                marked.update(range(i, i + size))
    return [(found[i][0], found[i][1]) for i in sorted(marked)]
