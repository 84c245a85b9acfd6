"""Find place names in a text and resolve them to gazetteer entries.

Two passes:

1. `place_form` rules (strikeparse/rules/places.yaml), highest priority first: "Kharkiv region",
   "the Luhansk and Donetsk regions", "the central region of Cherkasy", "Kyiv's Darnytskyi district",
   "Primorsko-Akhtarsk district", "the Kirovohrad Governor", "Kryvyi Rih area", and `skip` forms
   ("Gulf of Aden", "Kyiv Independent") that claim their text without giving a place. A rule sets
   `form`: oblast (the oblast, else the place itself), oblast_only, district (the city district, else
   "<Name> Raion"), place, or skip.
2. Bare names everywhere else: every run of up to `max_tokens` words that starts and ends with a
   capital letter is looked up in the gazetteer, longest first: one dict look-up per candidate
   run of capitalised words (a hash look-up costs what an automaton step would, and only
   capitalised words are candidates, so no regex runs over the ~30,000 names).

Bare names are dropped when they are English words (STOPWORDS), part of a person's name ("Lloyd
Austin", "Governor Kim", "Mark Rutte"), or glued to another word by a dot ("Suspilne.Chernihiv").
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

import regex

from ..gazetteer import Gazetteer, normalize
from ..model import Evidence, Place, PlaceMention
from ..rules import RuleSet
from .runner import RunLog, run_rule

BARE_RULE = "place.name"

_TOKEN = re.compile(r"\w+(?:['’ʼ](?!s\b)\w+)*")


def _words(text: str) -> list[str]:
    return text.split()


# Capitalized English words, first names and surnames that are also names of places in the data.
STOPWORDS = frozenset(
    _words(
        """
        a about after all also an and any as at august be been but by can could day do down during each
        even every first for from had has have he her here his how i if in into is it its just last like
        may me more most much my new next no not now of off on one only or other our out over own said
        same she should since so some such than that the their them then there these they this those
        through to too under until up very was we were what when where which while who why will with
        would you your monday tuesday wednesday thursday friday saturday sunday january february march
        april june july september october november december today tonight yesterday tomorrow morning
        evening night president minister governor mayor secretary general chief head deputy senator
        spokesman spokesperson security council union army navy force forces command service services
        office ministry committee national central federal state states united republic people peoples
        party police guard border air defense defence power energy center centre station hospital school
        university church airport port bridge dam plant factory market mall street road square park
        garden lake river bay beach island hill hills valley mount mountain forest field fields village
        town city capital region north south east west northern southern eastern western middle upper
        lower great greater little old new saint san santa victoria union unity liberty independence
        freedom peace hope providence justice progress concord concordia harmony enterprise commerce
        industry paradise eden mirny mirnyy mirnyi mirne mirnoye pobeda pobedy pervomaisk pervomaiske
        druzhba zaria zoria austin bell mark kim may rutte sybiha ali mohammed muhammad omar hassan
        hussein jordan victoria florence eugene jackson lincoln franklin hamilton marion madison clinton
        carmen rafael santiago salvador lucia maria rosa sofia paula adelaide alexandria charlotte
        elizabeth georgetown kingston richmond chester camden lafayette columbia dayton obama trump
        biden putin zelensky zelenskiy netanyahu katz kellogg sullivan lloyd human split nice bath
        reading mobile sale sandy orange temple marathon troy ur hit of gap ede emmen best born vest
        kent bolton bury wells dover worthing cork sliema bat am as colon caracal gorgan sur bar tur bor
        chad sabha ramadi wah wan hue yen alert strike strikes drone drones missile missiles shahed
        kinzhal iskander kalibr zircon grad uragan smerch tornado gerbera lancet geran oreshnik onyx
        oniks neptune patriot telegram facebook twitter reuters march surprise normal batman mobile
        reading split orange temple federal mercedes colon moron mission carson troy marine liberty
        independence pobeda central alliance asia dome police pop time date hook deal rich man save
        green come marks say delta van cat peer ann goes salt jam manage vary martin pen david retreat
        darwin sad glad hope fun happy snow rain roman
        """
    )
)

# Words that make a following capitalized word part of a person's name or title.
TITLES = frozenset(
    _words(
        """
        president minister governor gov mayor secretary general gen senator sen rep representative
        chancellor premier king queen prince princess pope sheikh ambassador commander colonel col
        lieutenant lt major maj captain capt admiral sergeant spokesman spokeswoman spokesperson adviser
        advisor envoy mr mrs ms dr prof professor judge justice chairman chairwoman chair director head
        chief deputy correspondent reporter journalist photographer author by
        """
    )
)

GIVEN_NAMES = frozenset(
    _words(
        """
        aaron adam alan albert alex alexander alexei alexey ali alice amy andrew andrii andriy andrei
        andrey andrzej angela anna anne anthony antonio antony arsen artem barbara ben benjamin bill
        boris brian carl catherine charles chris christopher daniel danielle david denys denis dmytro
        dmitry donald edward elena emmanuel emily eric george hanna helen henry herman ihor igor ivan
        jake james jan jane jean jennifer jens jeff jo joe john jonathan joseph josep josh julia karen
        karine kate kevin kostia kurt kyrylo larry laura lloyd mark maria mariana marine martin mary
        matthew michael mike mykhailo mykola nancy natalia nick oleh oleg oleksandr oleksiy oleksii
        olena olga pavlo paul peter petro philip rafael ravina richard robert roman rustem ruslan sarah
        scott sergei sergey serhii serhiy stephen steve susan taras thomas tim timur tom tony tymur
        ursula valentyna valery vasyl victor viktor vitali vitalii vitaliy vitalli vladimir volodymyr
        yevhen yulia yuriy yurii zelensky olaf keir ismail
        """
    )
)

# Capitalized words that may stand next to a place name without making it part of a person's name.
NEIGHBOURS = frozenset(
    _words(
        """
        oblast region province krai raion district city town village mayor governor gov military
        administration regional state council airport station railway port river oblasts regions in at
        on from to of the and or near over across outside inside into toward towards around northern
        southern eastern western central north south east west northeast northwest southeast southwest
        russian ukrainian israeli syrian lebanese yemeni iranian occupied temporarily greater old new
        upper lower
        """
    )
)


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts.extend(m.end() for m in re.finditer(r"\r\n|\r|\n", text))
    return starts


class _Claims:
    """Character ranges already used by an earlier rule."""

    def __init__(self, size: int) -> None:
        self.mask = bytearray(size)

    def free(self, start: int, end: int) -> bool:
        return not any(self.mask[start:end])

    def take(self, start: int, end: int) -> None:
        self.mask[start:end] = b"\x01" * (end - start)


def _tokens_in(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(start + m.start(), start + m.end()) for m in _TOKEN.finditer(text[start:end])]


def _ok_name(gaz: Gazetteer, name: str) -> bool:
    key = normalize(name)
    return bool(key) and (key not in STOPWORDS or " " in key)


def _best(gaz: Gazetteer, name: str) -> Place | None:
    if not _ok_name(gaz, name):
        return None
    for place in gaz.lookup(name):
        if place.type != "country":
            return place
    return None


# Capitalized words before "district" that name no raion ("the Central district", "the Industrial district").
_NOT_RAION_NAMES = frozenset(
    {"central", "industrial", "historic", "historical", "old", "new", "port", "business", "residential", "government",
     "northern", "southern", "eastern", "western", "north", "south", "east", "west", "city", "military", "financial"}
)


def _resolve(gaz: Gazetteer, form: str, text: str, start: int, end: int, city: str | None) -> tuple[int, Place] | None:
    """Resolve the name at text[start:end] by `form`, dropping leading words that do not resolve.

    Returns the start of the words used and the place."""
    for s, _e in _tokens_in(text, start, end):
        if s > start and text[s - 1] == "-":
            continue  # "Zarichne-Horby" is one name: "Horby" alone is not what it says
        if s > start and form == "settlement" and _unknown_settlement_name(text[start:end]):
            break  # "the village of Verkhnia Zhuravka": the whole name, not a known "Zhuravka" inside it
        name = text[s:end]
        place: Place | None = None
        if form in ("oblast", "oblast_only"):
            if _ok_name(gaz, name):
                place = gaz.oblast(name)
            if place is None and form == "oblast":
                place = _best(gaz, name)
        elif form == "neighbourhood":
            place = gaz.district(name, city) or gaz.district(name) or (_best(gaz, name) if _ok_name(gaz, name) else None)
        elif form == "district":
            place = gaz.district(name, city) or gaz.district(name)
            if place is None and _ok_name(gaz, name) and not (gaz.lookup(name) and gaz.lookup(name)[0].type == "district"):
                place = gaz.raion(name)
            if place is None:
                place = _best(gaz, name)
        elif form == "settlement":
            # a town first ("the village of X"), else whatever the gazetteer knows by that name (a district);
            # never a town named after a country ("south Lebanon village" is no Lebanon, Tennessee)
            found = gaz.lookup(name) if _ok_name(gaz, name) else []
            if any(p.type == "country" for p in found):
                return None
            place = next((p for p in found if p.type == "city"), None) or _best(gaz, name)
        else:
            place = _best(gaz, name)
        if place is not None:
            return s, place
    if form == "district" and _ok_name(gaz, text[start:end]) and text[start:end].lower() not in _NOT_RAION_NAMES:
        # "the Glushkovo district" of a Russian region: a raion the gazetteer does not hold
        return start, Place(f"{text[start:end]} Raion", "raion")
    if form == "neighbourhood" and _ok_name(gaz, text[start:end]):
        # "the Tel al-Sultan neighbourhood": a part of a city, by its own name, without coordinates
        return start, Place(text[start:end], "district", known=False)
    if form == "settlement" and _unknown_settlement_name(text[start:end]):
        # "the village of Horenka": a settlement the gazetteer does not hold is still a place, without coordinates
        return start, Place(text[start:end], "city", known=False)
    return None


# Capitalised words that stand where places stand but name none ("In Telegram, ...", "In response, ...")
_NOT_SETTLEMENTS = frozenset(
    _words(
        """
        telegram facebook x twitter hezbollah hamas houthi houthis ansar idf nato kremlin total both overall addition
        response particular short contrast turn return fact summary separate retaliation parallel practice
        russian ukrainian israeli palestinian lebanese syrian iranian yemeni iraqi american british houthi idf
        danube dniester desna donets oskil inhulets litani euphrates tigris nile jordan orontes
        """
    )
)


def _unknown_settlement_name(name: str) -> bool:
    """May a name the gazetteer lacks be kept as a settlement? Not "June 2023", "Telegram", "Hezbollah"."""
    words = normalize(name).split()
    return bool(words) and words[0] not in STOPWORDS | _NOT_SETTLEMENTS and not any(w.isdigit() for w in words)


def _apply_forms(text: str, ruleset: RuleSet, gaz: Gazetteer, claims: _Claims, log: RunLog) -> list[tuple[int, int, Place, str]]:
    found: list[tuple[int, int, Place, str]] = []
    for rule in ruleset.of_kind("place_form"):
        form = str(rule.set.get("form", "place"))
        for m in list(run_rule(rule, text, log)):
            if not claims.free(m.start(), m.end()):
                continue
            if form == "skip":
                claims.take(m.start(), m.end())
                continue
            got = _form_match(text, m, form, gaz)
            if not got:
                continue
            for s, e, place in got:
                found.append((s, e, place, rule.id))
            span_start = min(s for s, _, _ in got)
            claims.take(span_start, max(e for _, e, _ in got) if form != "oblast" else m.end())
    return found


def _form_match(text: str, m: regex.Match[str], form: str, gaz: Gazetteer) -> list[tuple[int, int, Place]]:
    groups = m.re.groupindex
    if "name" not in groups:
        return []
    spans = m.spans("name")
    city = m.group("city") if "city" in groups else None
    if len(spans) > 1:  # a shared region word: one mention per name
        out = []
        for s, e in spans:
            got = _resolve(gaz, form, text, s, e, city)
            if got is not None:
                out.append((got[0], e, got[1]))
        return out
    s, e = spans[0]
    got = _resolve(gaz, form, text, s, e, city)
    if got is None:
        return []
    start, place = got
    end = m.end("span") if "span" in groups and m.group("span") is not None else m.end()
    if "span" in groups and m.group("span") is not None and m.start("span") < start and m.start("span") < s:
        start = m.start("span")  # "central region of Cherkasy": the span holds the words before the name
    return [(start, end, place)]


# --------------------------------------------------------------------------- bare names


def _is_cap(word: str) -> bool:
    return word[:1].isupper()


def _title_lines(text: str, starts: Sequence[int]) -> set[int]:
    """Indexes of lines written in Title Case (headlines), where capitals say little."""
    out = set()
    for i, s in enumerate(starts):
        e = starts[i + 1] if i + 1 < len(starts) else len(text)
        words = [w for w in re.findall(r"[A-Za-z]{4,}", text[s:e])]
        if len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words):
            out.add(i)
    return out


def find_places(
    text: str, ruleset: RuleSet, gazetteer: Gazetteer, line_starts: Sequence[int] | None = None, log: RunLog | None = None
) -> list[PlaceMention]:
    """Every place mention in `text`, sorted by start, none overlapping; a rule that times out is noted in `log`."""
    starts = list(line_starts) if line_starts is not None else _line_starts(text)
    claims = _Claims(len(text))
    found = _apply_forms(text, ruleset, gazetteer, claims, log if log is not None else RunLog())
    found.extend(_bare_names(text, gazetteer, claims, starts))
    found.extend(_repeated_unknown_names(text, found, claims))
    found.sort(key=lambda f: (f[0], -f[1]))
    mentions: list[PlaceMention] = []
    last_end = -1
    for s, e, place, rule_id in found:
        if s < last_end:
            continue
        line = bisect.bisect_right(starts, s)
        mentions.append(PlaceMention(place, Evidence(text[s:e], s, e, line, rule_id)))
        last_end = e
    return mentions


def _repeated_unknown_names(text: str, found: list[tuple[int, int, Place, str]], claims: _Claims) -> list[tuple[int, int, Place, str]]:
    """ "a refinery in the village of Ilsky ... the Ilsky refinery": a name the gazetteer lacks, once the
    text has said it is a place, is that place wherever else it stands as a capitalised whole word."""
    unknown = {place.name: (place, rule_id) for _s, _e, place, rule_id in found if not place.known and place.type == "city"}
    out: list[tuple[int, int, Place, str]] = []
    for name, (place, rule_id) in unknown.items():
        for m in regex.finditer(rf"(?<![\p{{L}}\p{{N}}'’ʼ-]){regex.escape(name)}(?![\p{{L}}\p{{N}}-])", text):
            if claims.free(m.start(), m.end()):
                claims.take(m.start(), m.end())
                out.append((m.start(), m.end(), place, rule_id))
    return out


# A capital that starts a word; an emoji's variation selector before it ("❗️Bilopillia") is a mark, not a letter
_CAP_START = regex.compile(r"(?<![\p{L}\p{N}\p{Pc}'’ʼ])\p{Lu}")
_CHAIN_CACHE: dict[int, regex.Pattern[str]] = {}


def _chain(n: int) -> regex.Pattern[str]:
    """Up to n words joined by one space or hyphen, from a given position."""
    got = _CHAIN_CACHE.get(n)
    if got is None:
        word = r"\w+(?:['’ʼ](?!s\b)\w+)*"
        got = _CHAIN_CACHE[n] = regex.compile(rf"{word}(?:[\ \-]{word}){{0,{max(n - 1, 0)}}}")
    return got


def _bare_names(text: str, gaz: Gazetteer, claims: _Claims, starts: Sequence[int]) -> list[tuple[int, int, Place, str]]:
    """Names that start with a capital letter, longest first, at every word start not yet claimed."""
    chain = _chain(gaz.max_tokens)
    has = gaz.has_key
    more = gaz.has_prefix
    title = _title_lines(text, starts)
    out: list[tuple[int, int, Place, str]] = []
    pos_limit = -1
    for cap in _CAP_START.finditer(text):
        s = cap.start()
        if s < pos_limit or claims.mask[s]:
            continue
        m = chain.match(text, s)
        if m is None:
            continue
        words = [(s + w.start(), s + w.end(), w.group()) for w in _TOKEN.finditer(m.group())]
        if not words:  # a capital the regex module knows and `re` does not (a newer Unicode letter)
            continue
        first = words[0][2]
        if len(first) <= 3 and first.isupper() and first.isalpha():
            continue  # US, UN, IDF (not T4, an airbase)
        key = ""
        best = 0
        for k, (_ws, _we, w) in enumerate(words):
            key = normalize(w) if k == 0 else key + " " + normalize(w)
            if has(key):
                best = k + 1
            if not more(key):
                break
        if not best:
            continue
        n = best
        e = words[n - 1][1]
        key = " ".join(normalize(w[2]) for w in words[:n])
        if not claims.free(s, e):
            continue
        if n == 1 and key in STOPWORDS:
            continue
        if _glued(text, s, e):
            continue
        places = gaz.lookup_key(key)
        if not places:
            continue
        line_no = bisect.bisect_right(starts, s) - 1
        place = places[0]
        if _person_context(text, s, e, n, gaz, place, line_no in title) or _SHIP_NAMED.search(text, max(0, s - 40), s):
            continue
        out.append((s, e, place, BARE_RULE))
        pos_limit = e
    return out


def _glued(text: str, s: int, e: int) -> bool:
    """"Suspilne.Chernihiv", "kpszsu/posts", "@Kyiv": a name glued to other characters is not a mention."""
    before = text[s - 1] if s > 0 else " "
    before2 = text[s - 2] if s > 1 else " "
    after = text[e] if e < len(text) else " "
    after2 = text[e + 1] if e + 1 < len(text) else " "
    if before in "@#/_\\" or after in "@/_\\":
        return True
    if before == "." and before2.isalnum():
        return True
    return after == "." and after2.isalnum()


_PREV_WORD = regex.compile(r"(\w+)\ \Z")
# "the large landing ship Minsk", "the submarine Rostov-on-Don", "M/V Odesa", "INS Kolkata": a ship's name, not a place
_SHIP_NAMED = regex.compile(
    r"\b(?:ship|vessel|submarine|frigate|corvette|cruiser|destroyer|tanker|freighter|carrier|tug|boat|ferry|M/V|MV|M/T|MT|INS|USS|HMS|HMAS|HMCS|RFS|HNLMS)\s+\Z",
    regex.IGNORECASE,
)
_NEXT_WORD = regex.compile(r"\ (\w+)")


def _person_context(text: str, s: int, e: int, n: int, gaz: Gazetteer, place: Place, title_line: bool) -> bool:
    """True when the name at text[s:e] (n words) reads as part of a person's name or title."""
    major = gaz.is_major(place)
    first = normalize(text[s:e].split()[0]) if n == 1 else ""
    pm = _PREV_WORD.search(text, max(0, s - 40), s)
    if pm is not None:
        prev_word = pm.group(1)
        prev = normalize(prev_word)
        if _is_cap(prev_word) and (prev in TITLES or prev in GIVEN_NAMES):
            return True  # "President X", "Lloyd Austin"
        if (
            n == 1
            and not title_line
            and not major
            and _is_cap(prev_word)
            and prev not in NEIGHBOURS
            and prev not in STOPWORDS
            and not gaz.has_key(prev)
        ):
            return True  # "Vitalli Kim"
    nm = _NEXT_WORD.match(text, e)
    if nm is not None:
        next_word = nm.group(1)
        nxt = normalize(next_word)
        if n == 1 and first in GIVEN_NAMES and _is_cap(next_word):
            return True  # "Mark Rutte"
        titled = pm is not None and normalize(pm.group(1)) in TITLES
        if n == 1 and titled and _is_cap(next_word) and not next_word.isupper() and nxt not in NEIGHBOURS and not gaz.has_key(nxt):
            return True  # "Hamas political chief Ismail Haniyeh": a title, lower-case as English writes it, then a surname
        if (
            n == 1
            and not title_line
            and not major
            and _is_cap(next_word)
            and not next_word.isupper()
            and nxt not in NEIGHBOURS
            and nxt not in TITLES
            and not gaz.has_key(nxt)
        ):
            return True  # "Bell Helicopter", "Kim Jong"
    return False
