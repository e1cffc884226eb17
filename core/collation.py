"""Names in alphabetical order as a reader of the language expects, not by code point.

Python sorts strings by code point, which puts “Ägypten” after “Zypern” and “Égypte”
after “Zimbabwe”. Folding case and diacritics first gives each language's own order for
the scripts the portal shows: Latin with accents, Cyrillic (Ё sorts with Е, as Russian
dictionaries have it), Arabic (hamza forms with their letter), Hangul (already in order by
code point). Chinese names keep the Unicode order of their characters. Full tailoring per
language (Swedish Å after Z, pinyin for Chinese) would need ICU, a compiled dependency,
for option lists of a few dozen names.
"""

import unicodedata


def collation_key(text):
    """A sort key for text: accents and case ignored first, then used to break ties."""
    text = str(text)
    decomposed = unicodedata.normalize("NFKD", text)
    base = "".join(char for char in decomposed if not unicodedata.combining(char))
    return (base.casefold(), text.casefold(), text)


def sorted_by(items, name):
    """`items` sorted by name(item), alphabetically (see collation_key)."""
    return sorted(items, key=lambda item: collation_key(name(item)))
