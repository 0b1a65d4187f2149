"""A step's regular expression read back as business words: "{name} uses a/an/her/his
{device} whose browser {policy}", with each slot's alternatives listed.

Step patterns use a small part of the regex language (literal words, named and unnamed
groups, alternatives, optional parts, a few character classes), so this reads exactly that
part and shows anything else as "…". It serves the step catalogue, `./qa check`'s "did you
mean" and the editor glue file.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# What a slot whose pattern is not a list of words stands for, by the pattern's text.
SLOT_SAMPLES = {
    r"[A-ZÅÄÖ][\w-]+": "Sara",
    r'[^"]+': "…",
    r"\d+": "5",
    r"\w+": "March",
    r"[^,]+": "Kauppa Oy",
}


@dataclass
class Node:
    """Literal text (`text`), a group of alternatives (`alternatives`), or any other atom
    (`raw`); `optional` for a `?` after it, `repeated` for `+`, `*` or `{n}`."""

    text: str = ""
    raw: str = ""
    name: str | None = None
    alternatives: list[list[Node]] | None = None
    optional: bool = False
    repeated: bool = False


@dataclass
class Phrase:
    """A pattern in readable form, a sample sentence, and each slot's alternatives."""

    words: str
    sample: str
    slots: dict[str, list[str]] = field(default_factory=dict)


class _Reader:
    def __init__(self, pattern: str) -> None:
        self.text, self.at = pattern, 0

    def peek(self) -> str:
        return self.text[self.at] if self.at < len(self.text) else ""

    def take(self) -> str:
        char = self.peek()
        self.at += 1
        return char

    def sequence(self) -> list[list[Node]]:
        """Alternatives separated by `|`, up to a closing parenthesis or the end."""
        alternatives: list[list[Node]] = [[]]
        while self.peek() not in ("", ")"):
            if self.peek() == "|":
                self.take()
                alternatives.append([])
                continue
            node = self.atom()
            if node is not None:
                self.quantifier(node)
                alternatives[-1].append(node)
        return alternatives

    def atom(self) -> Node | None:
        char = self.take()
        if char in "^$":
            return None
        if char == "(":
            name = None
            if self.text.startswith("?P<", self.at):
                end = self.text.index(">", self.at)
                name, self.at = self.text[self.at + 3 : end], end + 1
            elif self.text.startswith("?:", self.at):
                self.at += 2
            alternatives = self.sequence()
            self.take()  # ")"
            return Node(name=name, alternatives=alternatives)
        if char == "[":
            start = self.at - 1
            if self.peek() == "^":
                self.take()
            self.take()  # a "]" first in a class is literal
            while self.peek() not in ("", "]"):
                if self.take() == "\\":
                    self.take()
            self.take()
            return Node(raw=self.text[start : self.at])
        if char == "\\":
            escaped = self.take()
            if escaped in "dwsDWSb":
                return Node(raw="\\" + escaped)
            return Node(text=escaped)
        if char == ".":
            return Node(raw=".")
        return Node(text=char)

    def quantifier(self, node: Node) -> None:
        char = self.peek()
        if char == "?":
            node.optional = True
        elif char in "+*":
            node.repeated = True
            node.optional = char == "*"
        elif char == "{":
            end = self.text.index("}", self.at)
            node.repeated, self.at = True, end
        else:
            return
        self.take()
        if self.peek() == "?":  # lazy
            self.take()


def parse(pattern: str) -> list[list[Node]]:
    return _Reader(pattern).sequence()


def _source(nodes: list[Node]) -> str:
    return "".join(_node_source(n) for n in nodes)


def _node_source(node: Node) -> str:
    if node.alternatives is not None:
        inner = "|".join(_source(a) for a in node.alternatives)
        head = f"?P<{node.name}>" if node.name else "?:"
        body = f"({head}{inner})"
    else:
        body = node.raw or node.text
    return body + ("+" if node.repeated else "") + ("?" if node.optional else "")


def _plain(nodes: list[Node]) -> str | None:
    """The words of a sequence that is plain text only (no slots, nothing optional)."""
    if all(n.alternatives is None and not n.raw and not n.optional for n in nodes):
        return "".join(n.text for n in nodes)
    return None


class _Writer:
    def __init__(self, values: dict[str, str]) -> None:
        self.values = values
        self.slots: dict[str, list[str]] = {}

    def words(self, nodes: list[Node]) -> tuple[str, str]:
        """(readable words, sample sentence) of a sequence."""
        shown, sample = [], []
        for node in nodes:
            words, example = self.node(node)
            shown.append(words)
            sample.append(example)
        return "".join(shown), "".join(sample)

    def node(self, node: Node) -> tuple[str, str]:
        if node.alternatives is None:
            if node.raw:
                inner = _node_source(Node(raw=node.raw, repeated=node.repeated))
                example = SLOT_SAMPLES.get(inner, "…")
                return "…", example
            if node.optional:
                return f"({node.text})", node.text
            return node.text, node.text
        plain = [_plain(a) for a in node.alternatives]
        if node.name:
            source = "|".join(_source(a) for a in node.alternatives)
            if all(p is not None for p in plain) and len(plain) > 1:
                self.slots[node.name] = [p for p in plain if p is not None]
            found = self.values.get(node.name) or SLOT_SAMPLES.get(source)
            if found is not None:
                example = found
            else:
                example = plain[0] if plain[0] is not None else self.words(node.alternatives[0])[1]
            words = "{" + node.name + "}"
            return (f"[{words}]", "") if node.optional else (words, example)
        if all(p is not None for p in plain):
            options = [p for p in plain if p is not None]
            joined = (
                "/".join(options) if all(" " not in p for p in options) else " | ".join(options)
            )
            if node.optional:
                return f"[{joined}]", ""
            return joined, options[0]
        parts = [self.words(a) for a in node.alternatives]
        words = " | ".join(p[0] for p in parts)
        if node.optional:
            return f"[{words}]", ""
        return words, parts[0][1]


def phrase(pattern: str, values: dict[str, str] | None = None) -> Phrase:
    """`pattern` as business words. `values` fill named slots in the sample sentence."""
    writer = _Writer(values or {})
    alternatives = parse(pattern)
    words, sample = writer.words(alternatives[0])
    for other in alternatives[1:]:
        more, _ = writer.words(other)
        words += " | " + more
    return Phrase(" ".join(words.split()), " ".join(sample.split()), writer.slots)


def editor_regex(pattern: str) -> str:
    """The pattern as a JavaScript-compatible regex without backslashes or named groups,
    for the Cucumber language server (which reads Python strings as written)."""
    replacements = {
        r"\d": "[0-9]",
        r"\w": "[A-Za-z0-9_ÅÄÖåäöÉé]",
        r"\s": "[ ]",
    }
    out, reader = [], _Reader(pattern)
    while reader.peek():
        char = reader.take()
        if char == "\\":
            escaped = reader.take()
            out.append(replacements.get("\\" + escaped) or f"[{escaped}]")
        elif char == "[":
            start = reader.at - 1
            reader.at = start
            node = reader.atom()
            assert node is not None
            for old, new in replacements.items():
                node.raw = node.raw.replace(old, new[1:-1])
            out.append(node.raw)
        elif char == "(" and pattern.startswith("?P<", reader.at):
            reader.at = pattern.index(">", reader.at) + 1
            out.append("(")
        else:
            out.append(char)
    # Anchored, and always with a group: the server reads a string without parentheses as
    # a Cucumber Expression, in which ^ and $ would be literal characters.
    return "^(?:" + "".join(out).lstrip("^").rstrip("$") + ")$"
