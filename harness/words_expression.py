"""`-k` as a QA engineer writes it: words and phrases of a scenario's title ("Samsung
tablet", "AUTH-4376"), combined with and, or, not and parentheses. A phrase matches when a
title or name contains it, ignoring case, as pytest's -k matches its names."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

# A compiled expression: given "does any name contain this phrase?", is the item chosen?
Matcher = Callable[[Callable[[str], bool]], bool]

_TOKEN = re.compile(r"\(|\)|[^\s()]+")
_OPERATORS = {"and", "or", "not"}


class WordsExpression:
    """A parsed -k expression; raises ValueError saying what is wrong with it."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = _TOKEN.findall(text)
        self.at = 0
        if not self.tokens:
            raise ValueError("-k is empty")
        self.match = self._or()
        if self.at != len(self.tokens):
            raise self._error(f"unexpected {self.tokens[self.at]!r}")

    def matches(self, names: Sequence[str]) -> bool:
        lowered = [name.lower() for name in names]
        return self.match(lambda phrase: any(phrase in name for name in lowered))

    def _error(self, what: str) -> ValueError:
        return ValueError(
            f"-k {self.text!r}: {what}. Write words of scenario titles, joined with and, "
            'or, not and parentheses, e.g. -k "Samsung tablet and not AUTH-4376"'
        )

    def _peek(self) -> str:
        return self.tokens[self.at] if self.at < len(self.tokens) else ""

    def _or(self) -> Matcher:
        left = self._and()
        while self._peek() == "or":
            self.at += 1
            left = _either(left, self._and())
        return left

    def _and(self) -> Matcher:
        left = self._not()
        while self._peek() == "and":
            self.at += 1
            left = _both(left, self._not())
        return left

    def _not(self) -> Matcher:
        word = self._peek()
        if word == "not":
            self.at += 1
            inner = self._not()
            return lambda has: not inner(has)
        if word == "(":
            self.at += 1
            inner = self._or()
            if self._peek() != ")":
                raise self._error("a parenthesis is not closed")
            self.at += 1
            return inner
        words = []
        while self._peek() and self._peek() not in _OPERATORS | {"(", ")"}:
            words.append(self._peek())
            self.at += 1
        if not words:
            raise self._error(f"expected words, got {word or 'the end'!r}")
        phrase = " ".join(words).lower()
        return lambda has: has(phrase)


def _either(first: Matcher, second: Matcher) -> Matcher:
    return lambda has: first(has) or second(has)


def _both(first: Matcher, second: Matcher) -> Matcher:
    return lambda has: first(has) and second(has)
