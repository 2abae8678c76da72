"""Script folding: Kazakh Latin and Russian-keyboard Kazakh to one Cyrillic form.

Kazakh reaches the helpdesk in five spellings: Cyrillic, the 2018 acute-accent
Latin alphabet, the 2021 Latin alphabet, informal "phone Latin", and Cyrillic
typed on a Russian keyboard without the Kazakh letters. The last one loses
information (қ and к become one letter), so the only form all five can share is
that lossy one. Every Cyrillic term, on the index side and on the query side, is
therefore folded to it:

    ә→а ғ→г қ→к ң→н ө→о ұ,ү→у һ→х і→и й→и ё,э→е ц→тс щ→шш я→иа ю→иу, ъ ь dropped,
    and нг→н (phone Latin writes ң as "ng").

Latin Kazakh is first transliterated letter by letter to Cyrillic, then folded.
The folded form is only ever compared with other folded forms, never shown.
"""

from __future__ import annotations

import re
import unicodedata

# Kazakh letters absent from the Russian alphabet.
KAZAKH_LETTERS = frozenset("әғқңөұүһі")
# Latin letters that only the Kazakh alphabets (2018, 2021) use.
KAZAKH_LATIN_LETTERS = frozenset("áǵńóúýıäğñöūüş")

_CYRILLIC_FOLD = str.maketrans(
    {
        "ә": "а",
        "ғ": "г",
        "қ": "к",
        "ң": "н",
        "ө": "о",
        "ұ": "у",
        "ү": "у",
        "һ": "х",
        "і": "и",
        "й": "и",
        "ё": "е",
        "э": "е",
        "ц": "тс",
        "щ": "шш",
        "я": "иа",
        "ю": "иу",
        "ъ": "",
        "ь": "",
    }
)

# Latin letter groups, longest first; the value is Cyrillic before folding.
_LATIN_DIGRAPHS = (
    ("shch", "щ"),
    ("sh", "ш"),
    ("ch", "ч"),
    ("zh", "ж"),
    ("kh", "х"),
    ("gh", "ғ"),
    ("s'", "ш"),
    ("c'", "ч"),
    ("g'", "ғ"),
    ("n'", "ң"),
    ("a'", "ә"),
    ("o'", "ө"),
    ("u'", "ү"),
    ("i'", "і"),
)
_LATIN_SINGLE = {
    "a": "а",
    "á": "ә",
    "ä": "ә",
    "à": "а",
    "b": "б",
    "c": "ц",
    "ç": "ч",
    "d": "д",
    "e": "е",
    "é": "е",
    "f": "ф",
    "g": "г",
    "ǵ": "ғ",
    "ğ": "ғ",
    "h": "х",
    "i": "і",
    "ı": "и",
    "í": "и",
    "ì": "и",
    "ï": "и",
    "j": "ж",
    "k": "к",
    "l": "л",
    "m": "м",
    "n": "н",
    "ń": "ң",
    "ñ": "ң",
    "o": "о",
    "ó": "ө",
    "ö": "ө",
    "p": "п",
    "q": "қ",
    "r": "р",
    "s": "с",
    "ş": "ш",
    "t": "т",
    "u": "ұ",
    "ú": "ү",
    "ü": "ү",
    "ū": "ұ",
    "ù": "у",
    "û": "у",
    "ý": "у",
    "v": "в",
    "w": "у",
    "x": "кс",
    "z": "з",
    "'": "",
    "’": "",
}
# Before these letters "y" is a glide (й), as in "ya", "yu", "oyyn".
_Y_GLIDE_AFTER = frozenset("aáäeéoóö")
_LATIN_VOWELS = frozenset("aáäeéiıíoóöuúüūýy")
# "ya", "yu", "ye": y is й before these vowels.
_GLIDE_BEFORE = frozenset("aáäeéoóöuúüū")

_CYRILLIC_TO_LATIN = {
    "а": "a",
    "ә": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "ғ": "g",
    "д": "d",
    "е": "e",
    "ё": "e",
    "ж": "zh",
    "з": "z",
    "и": "i",
    "й": "y",
    "і": "i",
    "к": "k",
    "қ": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "ң": "n",
    "о": "o",
    "ө": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ұ": "u",
    "ү": "u",
    "ф": "f",
    "х": "kh",
    "һ": "h",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ъ": "",
    "ы": "y",
    "ь": "",
    "э": "e",
    "ю": "yu",
    "я": "ya",
}

_DOUBLE_I = re.compile("ии(?=[ау])")


def normalize_text(text: str) -> str:
    """Return NFC text, lower-cased, with the dotted capital I made a plain i."""
    text = unicodedata.normalize("NFC", text)
    # "İ".lower() is "i" + combining dot; the dot means nothing to a search.
    return text.lower().replace("i̇", "i")


# Latin letters that look like Cyrillic ones. On a keyboard without the
# Kazakh letters many type the Latin i for і ("кiре", "журмiн"), and a word
# typed half in one layout carries Latin a, e, o, c, p.
_HOMOGLYPHS = str.maketrans("aceiopxykhmt", "асеіорхукһмт")
_HOMOGLYPH_LETTERS = frozenset("aceiopxykhmt")


def cyrillic_spelling(word: str) -> str:
    """A lower-case Cyrillic word with Latin look-alike letters in it, in
    Cyrillic throughout; any other word unchanged ("egovқа" keeps its Latin)."""
    latin = [ch for ch in word if "a" <= ch <= "z"]
    if not latin or not is_cyrillic(word) or not _HOMOGLYPH_LETTERS.issuperset(latin):
        return word
    return word.translate(_HOMOGLYPHS)


def is_latin(word: str) -> bool:
    """Tell whether the word's letters are Latin (digits and marks aside)."""
    has_latin = False
    for ch in word:
        if ch.isalpha():
            if "a" <= ch <= "z" or ch in _LATIN_SINGLE or ch in KAZAKH_LATIN_LETTERS:
                has_latin = True
            else:
                return False
    return has_latin


def is_cyrillic(word: str) -> bool:
    """Tell whether the word has a Cyrillic letter."""
    return any("а" <= ch <= "я" or ch in "ёәғқңөұүһі" for ch in word)


def fold_cyrillic(word: str) -> str:
    """Fold lower-case Cyrillic (Kazakh or Russian) to the shared lossy form."""
    folded = word.translate(_CYRILLIC_FOLD)
    # "құпия" and "qupia" must meet: ия folds to иа, not иia.
    return _DOUBLE_I.sub("и", folded) if "ии" in folded else folded


def latin_to_cyrillic(word: str) -> str:
    """Transliterate lower-case Kazakh Latin (2018, 2021 or phone Latin) to Cyrillic."""
    out: list[str] = []
    i = 0
    n = len(word)
    while i < n:
        for src, dst in _LATIN_DIGRAPHS:
            if word.startswith(src, i):
                out.append(dst)
                i += len(src)
                break
        else:
            ch = word[i]
            if ch == "y":
                prev = word[i - 1] if i else ""
                nxt = word[i + 1] if i + 1 < n else ""
                glide = (nxt in _GLIDE_BEFORE) or (
                    prev in _Y_GLIDE_AFTER and (nxt not in _LATIN_VOWELS or nxt == "y")
                )
                out.append("й" if glide else "ы")
            else:
                out.append(_LATIN_SINGLE.get(ch, ch))
            i += 1
    return "".join(out)


_KAZAKH_TO_RUSSIAN = str.maketrans("әғқңөұүһі", "агкноуухи")
_RUSSIAN_GLIDES = (("йа", "я"), ("йу", "ю"), ("йо", "ё"), ("ыу", "ю"))


def latin_to_russian(word: str) -> str:
    """Transliterate lower-case Russian typed in Latin ("spravku") to Cyrillic."""
    word = latin_to_cyrillic(word).translate(_KAZAKH_TO_RUSSIAN)
    for src, dst in _RUSSIAN_GLIDES:
        word = word.replace(src, dst)
    return word


def cyrillic_to_latin(word: str) -> str:
    """Transliterate lower-case Cyrillic to plain ASCII Latin (for brand names)."""
    return "".join(_CYRILLIC_TO_LATIN.get(ch, ch) for ch in word)


def fold_kazakh(word: str) -> str:
    """Fold one lower-case word in any Kazakh spelling to the shared Cyrillic form."""
    if is_latin(word):
        word = latin_to_cyrillic(word)
    return fold_cyrillic(word)
