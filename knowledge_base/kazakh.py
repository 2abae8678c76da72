"""A light Kazakh stemmer: strips inflectional suffix chains from folded words.

It works on the folded alphabet of `folding.fold_cyrillic` (қ→к, і→и, й→и ...),
so Cyrillic, Latin and Russian-keyboard spellings of one word stem alike. It
removes, right to left and at most six times, suffixes of case, possession,
number, person and the common verb forms; each suffix is taken off only after
the sounds its allomorph follows (the "т" forms after voiceless consonants, the
"н" forms after vowels, and so on), which keeps it off loanwords such as
"карта" or "программа". A final б/г is devoiced after every cut (кітабы →
кітап), as the language itself does. Derivational suffixes (-лық, -сыз, -шы)
stay: they make new words. Stems are not dictionary forms; the same word in any
inflection should give the same stem.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import lru_cache

from .folding import fold_cyrillic, fold_kazakh, is_latin

VOWELS = frozenset("аеоуыи")
# и and у also stand for the glides й and у, so they count as consonants too.
_GLIDES = frozenset("иу")
# б в г д end loanwords and are pronounced voiceless there (клубқа, жадты).
_VOICELESS = frozenset("кпстфхчшбвгд")
_VOICED = frozenset("бвгджзлмнрй")


def _ends_in_glide(stem: str) -> bool:
    """Does the stem end in й after a vowel (қой, жой), in үй, or in у?

    Folding writes й as и, a vowel letter; before a suffix it is the voiced
    consonant it sounds: қой-ды, жой-ды, үй-дің (not қойд-ы). A final у is
    one too, after a vowel or not: тау-дың, су-ды, the verbal noun's
    тексеру-дің, сөйлесу-дің.
    """
    return (
        stem == "уи"
        or (len(stem) >= 2 and stem[-1] == "у")
        or (len(stem) >= 2 and stem[-1] == "и" and stem[-2] in "аеоы")
    )


def _vowel(c: str) -> bool:
    return c in VOWELS


def _consonant(c: str) -> bool:
    return c not in VOWELS or c in _GLIDES


def _voiceless(c: str) -> bool:
    return c in _VOICELESS


def _voiced(c: str) -> bool:
    return c in _VOICED


def _voiced_not_nasal(c: str) -> bool:
    return c in _VOICED and c not in "мн"


def _vowel_or_voiced(c: str) -> bool:
    return c in VOWELS or c in _VOICED


def _vowel_or_nasal(c: str) -> bool:
    return c in VOWELS or c in "мн"


def _vowel_or_r(c: str) -> bool:
    return c in VOWELS or c == "р"


def _vowel_or_lr(c: str) -> bool:
    return c in VOWELS or c in "лр"


def _zh_z_nasal(c: str) -> bool:
    return c in "жзмн"


def _zh_z(c: str) -> bool:
    return c in "жз"


def _vowel_lr_or_nasal(c: str) -> bool:
    return c in VOWELS or c in "лрмн"


def _after_m(c: str) -> bool:
    return c == "м"


def _after_y_i(c: str) -> bool:
    return c in "ыи"


def _a_e(c: str) -> bool:
    return c in "ае"


def _anything(c: str) -> bool:
    return True


# (suffixes, test on the last letter of what remains, minimum stem length),
# by the slot a suffix fills in a noun: stem + plural + possession + case +
# person. Cutting right to left, each cut must fill an earlier slot than the
# one before it: сақта-ңыз is not сақ-та-ңыз, a case never stands before a
# possessive.
PLURAL, POSSESSIVE, CASE, PERSON = 1, 2, 3, 4
_NOUN_RULES: dict[int, list[tuple[str, Callable[[str], bool], int]]] = {
    PLURAL: [
        ("лар лер", _vowel_or_r, 2),
        ("дар дер", _voiced_not_nasal, 2),
        ("дар дер", _zh_z_nasal, 2),
        ("тар тер", _voiceless, 2),
    ],
    POSSESSIVE: [
        ("ым им ын ин", _consonant, 2),
        ("ныз низ нызшы низши мыз миз", _vowel, 2),
        ("ыныз иниз ынызшы инизши ымыз имиз", _consonant, 2),
        ("сы си", _vowel, 2),
        ("ы и", _consonant, 2),
        ("м", _vowel, 4),  # first person after a vowel: мазам-ды, картам-нан
    ],
    CASE: [
        # genitive
        ("нын нин", _vowel_or_nasal, 2),
        ("дын дин", _voiced_not_nasal, 2),
        ("тын тин", _voiceless, 2),
        # dative (bare -а/-е only after a first-person possessive: үйіме, балама)
        ("га ге", _vowel_or_voiced, 2),
        ("ка ке", _voiceless, 2),
        ("на не", _after_y_i, 3),
        ("а е", _after_m, 3),
        # accusative (-н after a possessive: куәлігі-н)
        ("ны ни", _vowel, 2),
        ("ды ди", _voiced, 2),
        ("ды ди", _vowel, 4),  # past tense of vowel verbs; short жа-ды is жад-ы
        ("ты ти", _voiceless, 2),
        ("н", _after_y_i, 4),
        # locative, ablative, instrumental, locative adjective
        ("да де", _vowel_or_voiced, 2),
        ("та те", _voiceless, 2),
        ("нда нде", _after_y_i, 2),
        ("дан ден", _vowel_or_voiced, 2),
        ("нан нен", _vowel_or_nasal, 2),
        ("тан тен", _voiceless, 2),
        ("мен менен", _vowel_lr_or_nasal, 2),  # телефон-мен, ұлым-мен
        ("бен бенен", _zh_z, 2),  # қағаз-бен
        ("пен пенен", _voiceless, 2),
        ("дагы деги", _vowel_or_voiced, 2),
        ("тагы теги", _voiceless, 2),
        ("ндагы ндеги", _after_y_i, 2),
    ],
    PERSON: [  # predicative
        ("мын мин", _vowel_lr_or_nasal, 2),  # алған-мын, адам-мын
        ("бын бин", _zh_z, 2),
        ("быз биз", _zh_z_nasal, 2),  # алған-быз
        ("пын пин пыз пиз", _voiceless, 2),
        ("сын син", _anything, 3),
        # the comparative of an adjective, cut first so that the adjective's
        # own ending goes too: сенімді-рек as сенімді, оңай-ырақ, үлкен-ірек
        # (not жү-рек, тұ-рақ, топы-рақ)
        ("рак рек", _vowel, 5),
        ("ырак ирек", _consonant, 4),
    ],
}

# Verb endings: verbal noun, converbs, participles, tenses, conditional. What
# stands before one of them is a verb stem, never a noun's case or possession,
# so stemming stops after it: ұсын-ады is not ұс-ын-ады, бұғатта-у not бұғат-та-у.
_VERB_RULES: list[tuple[str, Callable[[str], bool], int]] = [
    ("у", _anything, 2),
    ("ып ип", _consonant, 2),
    ("п", _a_e, 3),
    ("ган ген", _vowel_or_voiced, 2),
    ("кан кен", _voiceless, 2),
    ("атын етин амын емин асыз есиз ады еди амыз емиз асын есин", _consonant, 2),
    ("итын итин имын имин исыз исиз иды иди имыз имиз исын исин", _vowel, 2),
    ("дым дим дык дик дыныз диниз", _vowel_or_voiced, 2),
    ("тым тим тык тик тыныз тиниз", _voiceless, 2),
    ("сам сем сак сек саныз сениз", _anything, 2),
    # optative, first person: ал-айын, көр-ейін, төле-йін
    ("аиын еиин", _consonant, 2),
    ("иын иин", _vowel, 3),
    # polite imperative to several people: жаз-ыңыздар, төле-ңіздер
    ("ыныздар иниздер ыныздаршы иниздерши", _consonant, 2),
    ("ныздар низдер ныздаршы низдерши", _vowel, 2),
    ("саныздар сениздер", _anything, 2),
    # conditional, third person and negative: жоғал-са, кел-се, ал-ма-са
    ("са се", _anything, 3),
    ("маса месе", _vowel_or_lr, 2),
    ("баса бесе", _zh_z_nasal, 2),
    ("паса песе", _voiceless, 2),
    ("мак мек", _vowel_or_lr, 2),
    ("бак бек", _zh_z_nasal, 2),
    ("пак пек", _voiceless, 2),
    # wish: -ғым келеді, -ғысы келеді
    ("гым гим гысы гиси", _vowel_or_voiced, 2),
    ("кым ким кысы киси", _voiceless, 2),
    # negative verb forms (the bare -ма/-ме is left alone: it ends many nouns)
    ("маимын меимин маиды меиди маитын меитин маган меген", _vowel_or_lr, 2),
    ("баимын беимин баиды беиди баитын беитин баган беген", _zh_z_nasal, 2),
    ("паимын пеимин паиды пеиди паитын пеитин паган пеген", _voiceless, 2),
    # negative converb, past, imperative, verbal noun: кел-мей, түс-педі, айт-пау
    ("маи меи мады меди маныз мениз", _vowel_or_lr, 2),
    ("баи беи бады беди баныз бениз", _zh_z_nasal, 2),
    ("паи пеи пады педи паныз пениз", _voiceless, 2),
    ("мау меу", _vowel_or_lr, 3),  # not тұ-мау
    ("бау беу", _zh_z_nasal, 3),
    ("пау пеу", _voiceless, 3),
]

VERB = 0  # a verb ending may follow any noun slot; nothing is cut after it
# suffix -> (test, minimum stem length, slot); longest suffixes are tried first
_BY_SUFFIX: dict[str, list[tuple[Callable[[str], bool], int, int]]] = {}
for _slot, _rules in [*_NOUN_RULES.items(), (VERB, _VERB_RULES)]:
    for _suffixes, _test, _min in _rules:
        for _s in _suffixes.split():
            _BY_SUFFIX.setdefault(_s, []).append((_test, _min, _slot))
_SUFFIXES = sorted(_BY_SUFFIX, key=len, reverse=True)
_MAX_CUTS = 6
MAX_VARIANTS = 8
_PAST = frozenset(("ды", "ди", "ты", "ти"))
# A stem is at least three letters long, except these common two-letter roots
# (үй, су, ой, ат, ет, ас, іс, ес, ақ, ал, ай, аш, ұл...). Shorter cuts confuse
# too many words: киім is not ки + ім.
SHORT_ROOTS = frozenset("уи су ои ат ет ас ис ес ак ал аи ау ту жу ус аш ул".split())
# The same roots as they are spelled. Folding makes үй and ұй-, ту and тү-,
# ұл and үл- look alike: a word written with its Kazakh letters is cut to two
# letters only where they spell the root (түні is түн-і, not ту-ні; үлгісі is
# not ұл-ғісі; ұйым is not үй-ім). A word typed without them is taken as it may be.
SPELLED_SHORT_ROOTS = frozenset(
    "үи су ои ат ет ас іс ес ақ ал аи ау ту жу ұс аш ұл".split()  # й as и
)
_KAZAKH_LETTERS = frozenset("әғқңөұүһі")
# Words for family that people write with "my" (апам, әкем, ағам, немерем):
# the first-person -м is cut after them although they have three letters
# (elsewhere it needs four: адам is not ада-м).
FAMILY_ROOTS = frozenset("апа аке ата ага аже ана ини".split())


def _devoice(stem: str) -> str:
    if stem.endswith("б"):
        return stem[:-1] + "п"
    if stem.endswith("г"):
        return stem[:-1] + "к"
    return stem


# SHORT_ROOTS without the one a word's first two letters fold to but do not spell
_WITHOUT = {root: SHORT_ROOTS - {root} for root in SHORT_ROOTS}


def short_roots(word: str) -> frozenset[str]:
    """The two-letter roots a Cyrillic word (not folded) may be cut to."""
    start = word[:2].replace("й", "и")
    if start in SPELLED_SHORT_ROOTS or not _KAZAKH_LETTERS.intersection(start):
        return SHORT_ROOTS
    return _WITHOUT.get(fold_cyrillic(start), SHORT_ROOTS)


def _shortest(suffix: str, stem: str, min_len: int, roots: frozenset[str]) -> int:
    """The shortest stem a rule lets `suffix` leave, for this stem.

    Two kinds of three-letter stems pass where a rule wants four: words for
    family before "my" (апа-м, әке-м; not ада-м) and the verbal noun of a
    two-letter root before a case (алу-ды, ашу-ға).
    """
    if suffix == "м" and stem in FAMILY_ROOTS:
        return 3
    if stem.endswith("у") and stem[:-1] in roots:
        return 3
    return min_len


def _cuts(
    word: str, before: int = PERSON + 1, roots: frozenset[str] = SHORT_ROOTS
) -> Iterator[tuple[str, int]]:
    """Every suffix of a slot before `before` that may be cut, longest first."""
    for suffix in _SUFFIXES:
        if len(suffix) >= len(word) or not word.endswith(suffix):
            continue
        stem = word[: -len(suffix)]
        if not any(c in VOWELS for c in stem):
            continue
        last = stem[-1]
        if len(stem) < 3 and stem not in roots:
            continue
        glide = _ends_in_glide(stem)
        for test, min_len, slot in _BY_SUFFIX[suffix]:
            shortest = _shortest(suffix, stem, min_len, roots)
            if (
                slot < before
                and len(stem) >= shortest
                and (test(last) or (glide and test("й")))
            ):
                yield stem, slot
                break


def _active(stem: str) -> str:
    """A verb stem without its passive -л/-н/-ыл/-іл: тағайында-л-у is тағайында-у.

    Articles say what is done (тіркеу, төлеу), people what is done to them
    (тіркелу, төленген): both are one verb. Only after a verb ending, and only
    where a root of four letters or more is left (not жас-ыл, қыз-ыл).
    """
    if len(stem) >= 5 and stem[-1] == "н" and stem[-2] in "ае":
        return stem[:-1]  # төле-н-ген, қабылда-н-ды
    if len(stem) >= 5 and stem[-1] == "л" and stem[-2] in VOWELS:
        base = stem[:-1]
        if stem[-2] in "ыи" and stem[-3] not in VOWELS and len(stem) >= 6:
            base = stem[:-2]  # жібер-іл, көрсет-іл, тексер-іл
        elif stem[-2] in "ыи":
            return stem
        if len(base) >= 4 and any(c in VOWELS for c in base[:-1]):
            return base
    return stem


def _strip_once(
    word: str, before: int = PERSON + 1, roots: frozenset[str] = SHORT_ROOTS
) -> tuple[str, int] | None:
    """Cut one suffix of a slot before `before`: the rest, and the slot cut."""
    return next(_cuts(word, before, roots), None)


def _parses(
    word: str, before: int, depth: int, found: set[str], roots: frozenset[str]
) -> None:
    """Every stem some reading of the word's suffixes leads to."""
    found.add(word)
    if depth == 0:
        return
    for stem, slot in _cuts(word, before, roots):
        stem = _devoice(stem)
        if slot == VERB:
            found.add(stem)
            found.add(_active(stem))
        else:
            next_slot = slot + 1 if slot == POSSESSIVE else slot
            _parses(stem, next_slot, depth - 1, found, roots)


@lru_cache(maxsize=20_000)
def is_suffix(fragment: str) -> bool:
    """Tell whether a folded fragment is a Kazakh suffix (as in "WhatsApp-қа")."""
    cut = _strip_once("ааа" + fragment)
    return fragment in _BY_SUFFIX or (cut is not None and cut[0] == "ааа")


def _chain(
    word: str, ordered: bool = True, roots: frozenset[str] = SHORT_ROOTS
) -> list[str]:
    """The word and each stem on the way to its final stem (the last item)."""
    word = _devoice(word)
    chain = [word]
    before = PERSON + 1
    for _ in range(_MAX_CUTS):
        cut = _strip_once(word, before if ordered else PERSON + 1, roots)
        if cut is None:
            break
        stem, slot = cut
        word = _devoice(stem)
        chain.append(word)
        if slot == VERB:
            break
        # a compound's own -ы stays possessive-like: зейнетақы-сы
        before = slot + 1 if slot == POSSESSIVE else slot
    return chain


@lru_cache(maxsize=200_000)
def stem_folded(word: str, roots: frozenset[str] = SHORT_ROOTS) -> str:
    """Stem a word already in the folded alphabet (see `short_roots`)."""
    return _chain(word, roots=roots)[-1]


@lru_cache(maxsize=100_000)
def stem_variants(word: str, roots: frozenset[str] = SHORT_ROOTS) -> tuple[str, ...]:
    """Other stems a folded word may share with its other forms.

    A bare noun can look inflected (сілтеме read as сілте-м-е, "to my сілте"),
    and a suffix chain can be read more than one way (сотталмаған-ы or
    сотталмаға-ны), so forms of one word may stem apart. The variants are the
    word itself, the stems on the way to its stem, the stem cut with no regard
    to the order of slots, then the stems of every other reading, longest
    first, at most MAX_VARIANTS; the final stem is not among them. Words of a
    query look for these too, and the vocabulary files terms under them.
    """
    final = stem_folded(word, roots)
    readings: set[str] = set()
    _parses(_devoice(word), PERSON + 1, _MAX_CUTS, readings, roots)
    chain = _chain(word, roots=roots)
    candidates = [*chain[:-1], _chain(word, ordered=False, roots=roots)[-1]]
    if len(chain) > 1 and chain[-2][len(final) :] in _PAST:
        candidates.append(_active(final))  # a past read as a case: орындал-ды
    candidates += sorted(readings - set(candidates), key=lambda s: (-len(s), s))
    seen = {final}
    variants = []
    converb = _converb_stem(word, roots)
    if converb and converb not in seen:
        seen.add(converb)
        variants.append(converb)
    root = _verbalized_root(final)
    if root and root not in seen:
        seen.add(root)
        variants.append(root)
    for candidate in candidates:
        if candidate not in seen and len(candidate) >= 4:
            seen.add(candidate)
            variants.append(candidate)
    return tuple(variants[:MAX_VARIANTS])


def _verbalized_root(stem: str) -> str:
    """The noun or adjective a causative verb is made from with -ай-т/-ей-т.

    күш-ей-т (strengthen) is made from күш (strength, as in күшті құпиясөз),
    көб-ей-т from көп. Only the causative: -ай alone also ends nouns
    (жағдай), whose false roots cost empty answers.
    """
    for ending in ("аит", "еит"):
        if stem.endswith(ending):
            root = stem[: -len(ending)]
            if len(root) >= 3 and any(c in VOWELS for c in root):
                return _devoice(root)
    return ""


def _converb_stem(word: str, roots: frozenset[str]) -> str:
    """The verb stem of a converb before an auxiliary: кір-е алмаймын, төле-й алмадым.

    Only a variant: many nouns end in -а/-е (карта, бала), so the stem itself
    keeps it.
    """
    if len(word) < 3:
        return ""
    last, before = word[-1], word[-2]
    if (last in "ае" and not _vowel(before)) or (last == "и" and before in "ае"):
        stem = word[:-1]
        if len(stem) >= 3 or stem in roots:
            return stem
    return ""


def spelled(word: str) -> tuple[str, frozenset[str]]:
    """A lower-case Kazakh word in any spelling: folded, and its `short_roots`.

    Latin spellings are not told apart (phone Latin writes ү and ұ as u).
    """
    return fold_kazakh(word), SHORT_ROOTS if is_latin(word) else short_roots(word)


def stem(word: str) -> str:
    """Stem one Kazakh word in any spelling (Cyrillic, Latin, Russian keyboard)."""
    return stem_folded(*spelled(word.lower()))
