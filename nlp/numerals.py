"""Numbers written as Chinese numerals, Roman numerals and English words.

Why: clause numbers ("一、", "第十二条", "IV.") and targets ("五个省份", "five provinces") use them,
and ids and values must be plain integers so two documents number things the same way.
"""

from __future__ import annotations

import re

_CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "壹": 1,
    "二": 2,
    "两": 2,
    "兩": 2,
    "贰": 2,
    "三": 3,
    "叁": 3,
    "四": 4,
    "肆": 4,
    "五": 5,
    "伍": 5,
    "六": 6,
    "陆": 6,
    "七": 7,
    "柒": 7,
    "八": 8,
    "捌": 8,
    "九": 9,
    "玖": 9,
}
_CN_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
CN_NUMERAL_CHARS = "".join(_CN_DIGITS) + "".join(_CN_UNITS) + "万萬亿億"
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}
WORD_NUMBERS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "a hundred": 100,
    "thousand": 1000,
    "a thousand": 1000,
    "dozen": 12,
    "a dozen": 12,
}


def chinese_to_int(numeral: str) -> int | None:
    """Chinese numeral to int: "十二" -> 12, "一百五十" -> 150, "二〇二七" -> 2027, "3万" -> 30000.

    None if the string is not a numeral."""
    if not numeral:
        return None
    if numeral.isdigit():
        return int(numeral)
    big = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
    for char, factor in big.items():
        if char in numeral:
            head, _, tail = numeral.partition(char)
            head_value = chinese_to_int(head) if head else 1
            tail_value = chinese_to_int(tail) if tail else 0
            if head_value is None or tail_value is None:
                return None
            return head_value * factor + tail_value
    if all(ch in _CN_DIGITS or ch.isdigit() for ch in numeral):  # digit by digit: 二〇二七
        return int("".join(str(_CN_DIGITS.get(ch, ch)) for ch in numeral))
    total, current = 0, 0
    for char in numeral:
        if char in _CN_DIGITS:
            current = _CN_DIGITS[char]
        elif char.isdigit():
            current = current * 10 + int(char)
        elif char in _CN_UNITS:
            total += (current or 1) * _CN_UNITS[char]
            current = 0
        else:
            return None
    return total + current


def roman_to_int(numeral: str) -> int | None:
    """ "XIV" -> 14; None if not a well-formed Roman numeral."""
    value = numeral.upper()
    if not value or not re.fullmatch(
        r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})", value
    ):
        return None
    total = 0
    for index, char in enumerate(value):
        current = _ROMAN[char]
        following = _ROMAN[value[index + 1]] if index + 1 < len(value) else 0
        total += -current if current < following else current
    return total
