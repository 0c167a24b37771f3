"""Vietnamese text: accent folding for search and matching, and the collation key for name lists.

No Django here: the rules engine and the registry both use it.
"""

import re
import unicodedata
from functools import lru_cache

_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}  # huyền hỏi ngã sắc nặng
_MODIFIERS = {"\u0306", "\u0302", "\u031b"}  # breve (ă), circumflex (â ê ô), horn (ơ ư)
_ALPHABET = [
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l", "m", "n",
    "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z",
]  # fmt: skip
_PRIMARY = {letter: 20 + i for i, letter in enumerate(_ALPHABET)}
_DIGIT_BASE = 10  # digits sort before letters
_SPACE = re.compile(r"\s+")  # Unicode whitespace: no-break (U+00A0), figure, narrow no-break spaces too
# Letters converted text puts for Đ/đ: Latin eth (U+00D0, U+00F0: "208-QÐ/TW", REGULATIONS.md §8) and
# African D (U+0189, U+0256); and characters that show nothing (zero-width space, joiners, BOM).
_LOOK_ALIKES = str.maketrans(
    {"\u00d0": "Đ", "\u00f0": "đ", "\u0189": "Đ", "\u0256": "đ"}
    | dict.fromkeys(["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"], "")
)


def canonical(text: str) -> str:
    """NFC with the look-alike letters of Đ/đ replaced and invisible characters dropped: "QÐ" → "QĐ"."""
    return unicodedata.normalize("NFC", (text or "").translate(_LOOK_ALIKES))


def fold(text: str) -> str:
    """The form texts are compared in — lower-case, accent-free, single-spaced, without punctuation:
    "Nguyễn  Văn An", its NFD twin, "NGUYỄN VĂN AN." and "Ðặng" (eth for Đ) compare as "nguyen van an",
    "dang"."""
    decomposed = unicodedata.normalize("NFD", canonical(text))
    stripped = "".join(
        " " if unicodedata.category(ch).startswith("P") else ch
        for ch in decomposed
        if not unicodedata.combining(ch)
    )
    stripped = stripped.replace("đ", "d").replace("Đ", "D")
    return _SPACE.sub(" ", stripped).strip().lower()


def normalize(text: str) -> str:
    """`canonical`, single-spaced, without surrounding blanks: the form names are stored in."""
    return _SPACE.sub(" ", canonical(text)).strip()


@lru_cache(maxsize=65_536)
def _letters(word: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Primary weights (letters with their vowel modifiers) and the tone of each letter. Cached: names
    repeat their words (a roster of 100,000 people has a few thousand distinct ones)."""
    primary: list[int] = []
    tones: list[int] = []
    for cluster in _clusters(unicodedata.normalize("NFD", word.lower())):
        base, marks = cluster[0], cluster[1:]
        tone = next((_TONES[m] for m in marks if m in _TONES), 0)
        letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m in _MODIFIERS))
        if letter in _PRIMARY:
            primary.append(_PRIMARY[letter])
        elif letter.isdigit():
            primary.append(_DIGIT_BASE + int(letter))
        elif letter.isalpha():
            primary.append(_PRIMARY.get(fold(letter)[:1], 99))
        else:
            continue
        tones.append(tone)
    return tuple(primary), tuple(tones)


def _clusters(decomposed: str) -> list[str]:
    clusters: list[str] = []
    for ch in decomposed:
        if unicodedata.combining(ch) and clusters:
            clusters[-1] += ch
        else:
            clusters.append(ch)
    return clusters


def _segment(words: list[str]) -> str:
    primary: list[int] = []
    tones: list[int] = []
    for i, word in enumerate(words):
        if i:
            primary.append(1)  # a word break sorts before any letter: "Lê An" before "Lê Anh"
            tones.append(0)
        p, t = _letters(word)
        primary += p
        tones += t
    return "".join(f"{w:02d}" for w in primary) + "00" + "".join(str(t) for t in tones) + "0"


def name_sort_key(full_name: str) -> str:
    """Key that orders names the Vietnamese way: given name (the last word) first, then the rest,
    letters in the order a ă â b c d đ e ê … o ô ơ … u ư …, tones (ngang huyền hỏi ngã sắc nặng)
    deciding only between otherwise equal spellings. Digits only, so any database collation agrees."""
    words = normalize(full_name).split(" ")
    given, rest = words[-1:], words[:-1]
    return _segment(given) + _segment(rest)
