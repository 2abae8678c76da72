"""Stop words of Russian, Kazakh and English, with the filler of chat messages.

Beside function words the lists hold what a person writes around the real
question: greetings, thanks, apologies, "please help", "in advance", "tell me".
They are dropped on both sides, articles and queries. Words that carry a need
("помогать" in "I want to help people", "өтініш" for an application) are not
here; only their chat forms are ("помогите", "көмектесіңізші"). Kazakh entries
are compared in the folded alphabet, so "қалай" also stops "калай" and "qalai".
"""

from __future__ import annotations

from collections import defaultdict

from .folding import fold_cyrillic, fold_kazakh

RUSSIAN = frozenset(
    """
    а без более больше будем будет будете будто бы был была были было быть в вам
    вас ваш ваша ваше ваши нам наш наша наше наши нашего нашей нашим наших нашу ими
    вдруг ведь во вот впрочем все всегда всего всем всех
    всю вся всё вы где да даже два две для до другой его ее ей ему если есть еще ещё
    же ж за зачем здесь и из или им иногда их к как какая какой какие каким
    какую когда конечно кто куда ли либо лучше между меня мне много может можно
    мой моя мое моё мои моего моей моих моим мою мы на над надо наконец нас не
    него нее неё ней нельзя нет ни нибудь никогда ним них ничего но ну о об один
    одна одно он она они оно опять от перед по под после потом потому почти при
    про раз разве с сам сама сами само свой своя свое своё свои своего своей
    своих свою себе себя сейчас со совсем так такой такая такое такие там тебе
    тебя тем теперь то тогда того тоже только том тот ту туда тут ты у уж уже
    хоть чего чем через что чтоб чтобы чуть эта эти этим этих это этого этой
    этом этот эту я
    который которая которое которые которого которой котором которую которых
    также причем притом вообще просто очень прям прямо вроде типа короче кстати
    например скажем значит ладно итак всё-таки ещё-то
    здравствуйте здравствуй здрасьте привет приветствую добрый доброе доброго
    добрый день утро вечер утра вечера дня ночи
    пожалуйста пожалуйсто пжл плиз спасибо спасибки благодарю благодарна
    благодарен благодарны заранее огромное большое извините простите извиняюсь
    беспокойство подскажите подскажи скажите скажи объясните объясни помогите
    помоги посоветуйте посоветуй расскажите уважаемые уважаемый уважаемая
    ребята друзья коллеги всем всех
    хочу хотела хотел хотим хотелось могу можете могли мог могла сможете
    нужно нужна нужен нужны надо необходимо очень пока ли бы вот
    сделать делать что-то что-нибудь как-то как-нибудь где-то куда-то
    почему сколько откуда каждый любой весь вся всё
    другой другая другое другие другого другому другим другом других другую
    иной иная иное иные
    лет год года
    говорит говорят говорил говорила говорю сказал сказала сказали сказано
    """.replace("ё", "е").split()  # compared with ё written as е
)

KAZAKH = frozenset(
    fold_cyrillic(word)
    for word in """
    мен сен сіз ол біз сендер сіздер олар менің сенің сіздің оның біздің
    олардың маған саған сізге оған бізге оларға мені сені сізді оны бізді
    оларды менде сізде бізде менен сізден одан бізден өзім өзің өзіңіз өзі
    өзіміз өздері өз өзімнің өзіне өзінің өзімді өзіме
    бұл осы сол мына ана анау мынау әлгі бұны осыны соны бұған осыған соған
    мұнда осында сонда мұның осының соның бұлар осылар солар осындай сондай
    мұндай ондай бұның онда оны
    не нені неге неден қалай қандай қашан қайда қайдан қай кім кімге кімді
    неше қанша ма ме ба бе па пе ше ғой ау
    және мен бен пен да де та те ал бірақ әлде немесе яғни сондықтан себебі
    өйткені егер ғана тек әрі ия иә жоқ бар емес еді екен
    үшін туралы арқылы бойынша кейін дейін бері сияқты сайын қарай шейін
    арасында ішінде жанында бірге
    өте тым ең әбден енді қазір әлі тағы әйтеуір сонымен мүмкін керек тиіс
    қажет шығар бәрі барлық барлығы әр әрбір кейбір ешқандай ешкім ештеңе
    ешқашан әрқашан кейде бір екі тіпті әсіресе сосын содан бұрын бүгін кеше ертең
    бола болады болса болу болып болды бола ма болар
    істеу істеймін істейміз істесем істейін істеуім істеуге басқа бүкіл жыл
    сәлем сәлеметсіз сәлеметсіздер армысыз армысыздар қайырлы күн кеш таң
    рахмет рақмет рахмет алдын ала көмектесіңіз көмектесіңізші көмектесіп
    көмектесіңіздерші өтінемін кешіріңіз айтыңызшы айтыңыздаршы айтып
    беріңізші берсеңіз жіберсеңіз түсіндіріп түсіндіріңізші ағай апай
    құрметті достар дейді деді деп айтты айтады дегенде
    """.split()
)

ENGLISH = frozenset(
    """
    a about above after again against all am an and any are aren't as at be
    because been before being below between both but by can can't cannot could
    couldn't did didn't do does doesn't doing don't down during each few for from
    further had hadn't has hasn't have haven't having he he'd he'll he's her here
    here's hers herself him himself his how how's i i'd i'll i'm i've if in into
    is isn't it it's its itself let's me more most mustn't my myself no nor not
    of off on once only or other ought our ours ourselves out over own same
    shan't she she'd she'll she's should shouldn't so some such than that
    that's the their theirs them themselves then there there's these they
    they'd they'll they're they've this those through to too under until up
    very was wasn't we we'd we'll we're we've were weren't what what's when
    when's where where's which while who who's whom why why's with won't would
    wouldn't you you'd you'll you're you've your yours yourself yourselves
    hi hello hey dear thanks thank please pls plz advance regards kind lot
    honestly really just ok okay super guys folks anyone somebody someone
    me tell explain need want would like could also still already
    yes yeah well so much many get got im ive dont cant says said told
    now always never ever every everything everyone everybody everywhere one two
    day days year years better make made
    something anything nothing sometimes somewhere anywhere
    """.split()
)

_KAZAKH_LATIN = frozenset(KAZAKH)


# The frame of a request: what the person wants done (find out, get, apply,
# check, find) and where (online, a website), not what about. Every other
# question has them, and an article that matches only them ("узнать" and
# "онлайн" in its title) is about something else. They are kept, at a lower
# weight (query.W_FRAME): "проверить" alone still finds "Как проверить".
FRAME_WORDS = {
    "ru": "узнать оформить получить подать онлайн интернет сайт заявка заявление "
    "услуга проверить посмотреть найти",
    "kk": "білу алу рәсімдеу беру тапсыру онлайн интернет сайт өтініш қызмет "
    "тексеру көру табу",
    "en": "get find apply online check know website service application",
}

# Words of the setting of a request: who asks (мама, пенсионер) and through
# what (телефон, приложение, eGov). "как вызвать такси через приложение для
# пожилого человека" asks for a taxi; an article that holds only its setting
# (a new smartphone for an elderly person) answers something else.
SETTING_WORDS = {
    "ru": "телефон смартфон мобильный приложение егов egov портал банк планшет "
    "компьютер ноутбук пожилой пенсионер инвалид ребенок дети мама папа "
    "родители бабушка дедушка внук внучка сын дочь муж жена семья "
    "родственник сосед студент человек люди ребенка отец отца мать матери "
    "дочка дочери",
    "kk": "телефон смартфон қосымша егов egov портал банк планшет компьютер "
    "ноутбук қарт егде зейнеткер мүгедек бала ана әке ата-ана әже ата немере "
    "ұл қыз күйеу әйел отбасы туыс көрші студент адам",
    "en": "phone smartphone app application egov portal bank tablet computer "
    "laptop elderly pensioner disabled child children kid kids mother mum mom "
    "dad father parent parents grandmother grandma grandfather grandpa "
    "grandson granddaughter grandchild grandchildren son daughter husband wife family "
    "relative neighbour student person people",
}

# Words of a question that point back to the story before it: "Как это
# сделать?", "Оны алу үшін полицияға бару керек пе?", "how do I run these
# sessions?". Such a question takes its topic from the story (see
# query.story_question). Words that point at the present time ("this year",
# "в этом году", "осы жылы") are left out.
ANAPHORA = frozenset(
    "это этого его её ее их он она оно они такой такое такие туда "
    "ол оны оған олар оларды бұл бұны мұны сол соны осыны мұндай осындай "
    "сондай it these those them they".split()
)

# Set expressions whose words mean something else on their own: "в первую
# очередь" (first of all) is no queue, "в связи с" (owing to) no phone
# connection, "бірінші кезекте" no queue either. Their words are left out of
# texts and queries, by their first word.
SET_EXPRESSIONS = (
    "в первую очередь",
    "в свою очередь",
    "в связи с",
    "в том числе",
    "на самом деле",
    "бірінші кезекте",
    "өз кезегінде",
    "in line with",
)
_BY_FIRST_WORD: dict[str, list[tuple[str, ...]]] = defaultdict(list)
for _words in (tuple(e.split()) for e in SET_EXPRESSIONS):
    _BY_FIRST_WORD[_words[0]].append(_words)


def in_set_expressions(words: list[str]) -> set[int]:
    """The positions of lower-case words that make up a set expression."""
    words = [w.replace("ё", "е") for w in words]
    found: set[int] = set()
    for start, word in enumerate(words):
        for expression in _BY_FIRST_WORD.get(word, ()):
            if tuple(words[start : start + len(expression)]) == expression:
                found.update(range(start, start + len(expression)))
    return found


def is_stop(word: str, *, latin_kazakh: bool = False) -> bool:
    """Tell whether a lower-case word is a stop word in any of the three languages."""
    if word.replace("ё", "е") in RUSSIAN or word in ENGLISH:
        return True
    if latin_kazakh:
        return fold_kazakh(word) in _KAZAKH_LATIN
    return fold_cyrillic(word) in KAZAKH
