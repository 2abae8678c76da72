"""The Kazakh suffix stripper on real word forms."""

from __future__ import annotations

import pytest

from knowledge_base.analysis import kazakh_variants
from knowledge_base.kazakh import stem


@pytest.mark.parametrize(
    "family",
    [
        # plural + possessive + case chains
        ["балаларымызға", "бала", "балалар", "баласы", "баланың", "балаға"],
        ["зейнетақыны", "зейнетақы", "зейнетақысы", "зейнетақыға"],
        ["куәлігін", "куәлік", "куәлігі", "куәлікті"],
        ["құпиясөзім", "құпиясөз", "құпиясөзін", "құпиясөзді"],
        ["балабақшаға", "балабақша", "балабақшада", "балабақшаны"],
        ["есептегіштердің", "есептегіш", "есептегіштері", "есептегішті"],
        ["көрсеткіштерін", "көрсеткіш", "көрсеткішін", "көрсеткіштер"],
        ["кезекке", "кезек", "кезегі", "кезекте"],
        ["телефоныма", "телефон", "телефонға", "телефондағы", "телефоннан"],
        ["үйге", "үй", "үйде", "үйіме", "үйі"],
        ["кітабы", "кітап"],
        # verbs: verbal noun, persons, tenses, converbs, conditional, negation
        ["тіркелу", "тіркелемін", "тіркеліп", "тіркелдім"],
        ["шақыру", "шақырамын", "шақырдым", "шақырыңыз"],
        ["босату", "босатамын", "босатуға", "босатып"],
        ["ұмыту", "ұмыттым", "ұмытып", "ұмытсаңыз"],
        ["жіберу", "жіберді", "жіберіңіз"],
        ["бұғаттау", "бұғаттаймын", "бұғаттадым", "бұғаттауға"],
        ["алу", "алдым", "алмаймын", "алып"],
        ["көмектесу", "көмектескім"],
        ["ұсыну", "ұсынады", "ұсынамын", "ұсынып"],  # not ұс-ын
        # first person after a vowel, before a case ending
        ["картамнан", "карта", "картаны", "картасы"],
        ["мазамды", "маза"],
        ["құпиясөздерімізді", "құпиясөз"],  # -іміз of a noun is not a verb's
        # negative converb, past, imperative and verbal noun
        ["түсу", "түспей", "түспеді", "түсті"],
        ["айту", "айтпаңыз", "айтпау", "айтамын"],
        ["тұмау", "тұмаумен"],  # a noun: not тұ-мау
        # conditional, third person and negative: "Телефон жоғалса"
        ["жоғалса", "жоғалды", "жоғалып", "жоғалсаңыз"],
        ["келсе", "келді", "келіп"],
        ["ашылмаса", "ашылмады", "ашылды"],
        ["түспесе", "түспеді", "түсу"],
        # a two-letter root: қосымшаны ашыңыз
        ["ашу", "ашады", "ашты", "ашқан", "ашып", "ашыңыз", "ашуды"],
        ["алу", "алуды", "алуға", "алғанмын", "алғанбыз"],
        # "please send" to several people, "if you give"
        ["жіберу", "жіберіңіздерші", "жібердім"],
        ["беру", "берсеңіздер", "бердім"],
        # optative and the polite imperative to several people
        ["жазу", "жазайын", "жазыңыздар"],
        ["көру", "көрейін", "көріңіздер"],
        # instrumental -мен after м and н too, -бен after ж and з
        ["телефон", "телефонмен", "телефонды"],
        ["адам", "адаммен", "адамға"],
        ["дос", "досыммен", "досым"],
        ["қағаз", "қағазбен", "қағазды"],
        # family words with "my": апам, әкеме, ұлыма
        ["апа", "апам", "апама", "апасы"],
        ["әке", "әкем", "әкеме"],
        ["ұл", "ұлым", "ұлыма"],
        # й and у after a vowel take the voiced -ды, -дың: қой-ды, тау-дың
        ["жою", "жойды", "жойдым", "жойып", "жойған"],
        ["қою", "қойды", "қойып", "қоймаймын"],
        ["үй", "үйді", "үйдің", "үйлер"],
        ["тау", "тауды", "таудың"],
        ["тексеру", "тексерудің", "тексеруді"],  # the verbal noun's -у too
        ["сөйлесу", "сөйлесудің", "сөйлесуге"],
    ],
)
def test_word_forms_share_a_stem(family: list[str]) -> None:
    stems = {word: stem(word) for word in family}
    assert len(set(stems.values())) == 1, stems


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("балаларымызға", "бала"),
        ("зейнетақыны", "зеинетак"),  # stems are in the folded alphabet
        ("куәлігін", "куалик"),
        ("құпиясөзім", "купиасоз"),
        ("дәрігерді", "даригер"),
        ("жұмыссыздар", "жумыссыз"),  # -сыз makes a new word: it stays
    ],
)
def test_known_stems(word: str, expected: str) -> None:
    assert stem(word) == expected


@pytest.mark.parametrize(
    "word",
    [
        "карта",  # -та only follows voiceless sounds
        "программа",
        "телефон",
        "киім",  # not ки + ім: stems are at least three letters
        "интернет",
        "кесе",  # not ке-се: a stem has three letters
        "адам",  # not ада-м: only family words take -м after three letters
        "ақса",
    ],
)
def test_loanwords_and_short_roots_are_not_cut_wrongly(word: str) -> None:
    assert len(stem(word)) >= len(word) - 1


@pytest.mark.parametrize(
    ("word", "other"),
    [
        ("түні", "туу"),  # түн-і (night), not ту-ні (to be born)
        ("үлгісі", "ұлы"),  # үлгі-сі (a template), not ұл (a son)
        ("ұйым", "үйім"),  # an organisation, not "my house"
    ],
)
def test_a_two_letter_root_is_read_as_it_is_spelled(word: str, other: str) -> None:
    assert stem(word) != stem(other)
    # typed without the Kazakh letters, the word may be either
    assert stem("уйге") == stem("үйге")


def test_a_verb_made_with_ai_ei_reaches_its_root_through_the_variants() -> None:
    # күш-ей-т-еміз (we strengthen) is made from күш, as in "күшті құпиясөз"
    assert stem("күшті") in kazakh_variants("күшейтеміз")
    assert stem("көп") in kazakh_variants("көбейту")  # көп, көбей-: п voiced
    # a noun ending in -ай is not a verb: жағдай (a situation) keeps its root
    assert "жагд" not in kazakh_variants("жағдай")


@pytest.mark.parametrize(
    ("comparative", "adjective"),
    [
        ("сенімдірек", "сенімді"),  # more reliable (a password)
        ("жақсырақ", "жақсы"),
        ("үлкенірек", "үлкен"),  # bigger (the letters)
        ("ыңғайлырақ", "ыңғайлы"),
    ],
)
def test_a_comparative_meets_its_adjective(comparative: str, adjective: str) -> None:
    def readings(word: str) -> set[str]:
        return {stem(word), *kazakh_variants(word)}

    assert readings(comparative) & readings(adjective)


@pytest.mark.parametrize("word", ["жүрек", "тұрақты", "топырақ", "жапырақ"])
def test_words_ending_like_a_comparative_keep_their_root(word: str) -> None:
    # the heart, permanent (registration), soil, a leaf: not жү-, тұ-, топ-
    assert len(stem(word)) >= 5, stem(word)


def test_spellings_do_not_change_the_stem() -> None:
    assert stem("balabaqshağa") == stem("балабакшага") == stem("балабақшаға")
    assert stem("shaqyrý") == stem("шақыру")


def test_a_bare_noun_and_its_inflected_forms_meet_through_the_variants() -> None:
    from knowledge_base.kazakh import stem_variants

    # сілтеме reads as сілте-м-е ("to my сілте"), сілтемені as сілтеме-ні
    bare, inflected = stem("сілтеме"), stem("сілтемені")
    assert inflected in stem_variants("силтеме") or bare in stem_variants("силтемени")


def test_every_reading_of_the_suffixes_is_a_variant() -> None:
    from knowledge_base.kazakh import stem_variants

    # сотталмаған-ы ("that he was not convicted") also reads сотталмаға-ны;
    # the variants hold both readings, and the negative participle's root
    variants = stem_variants("сотталмаганы")
    assert {"сотталмаган", "соттал"} <= set(variants)


@pytest.mark.parametrize(
    ("passive", "active"),
    [
        ("тағайындалуы", "тағайындау"),  # to be granted / to grant (a pension)
        ("тіркелу", "тіркеу"),  # to register oneself / to register
        ("жіберілген", "жіберу"),  # sent / to send
        ("төленген", "төлеу"),  # paid / to pay
        ("орындалды", "орындау"),  # was done / to do
    ],
)
def test_a_passive_verb_reaches_its_active_form(passive: str, active: str) -> None:
    from knowledge_base.folding import fold_kazakh
    from knowledge_base.kazakh import stem_variants

    assert stem(active) in stem_variants(fold_kazakh(passive))


@pytest.mark.parametrize("word", ["қызыл", "жасыл", "мысалы", "ауылда"])
def test_words_ending_like_a_passive_keep_their_root(word: str) -> None:
    from knowledge_base.folding import fold_kazakh
    from knowledge_base.kazakh import stem_variants

    # қызыл "red" is not қыз-ыл, мысал "example" not мыса-л
    assert not {"кыз", "жас", "мыса", "ау"} & set(stem_variants(fold_kazakh(word)))


@pytest.mark.parametrize(
    ("converb", "verbal_noun"),
    [("кіре", "кіру"), ("төлей", "төлеу"), ("аша", "ашу"), ("пайдалана", "пайдалану")],
)
def test_a_converb_before_an_auxiliary_reaches_its_verb(
    converb: str, verbal_noun: str
) -> None:
    # "кіре алмай жүрмін", "төлей алмадым": a variant only, since many nouns
    # end in -а/-е too (карта, бала)
    assert stem(verbal_noun) in kazakh_variants(converb)
    assert stem("карта") == "карта"
