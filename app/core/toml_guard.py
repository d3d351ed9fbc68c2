"""TOML from files anyone may have written, read without a traceback.

`tomllib` (and `tomlkit`) recurse once per level of nesting, so `x = [[[[...` thousands
deep raises RecursionError; they convert integers with `int()`, which refuses more than
4300 digits with a ValueError (neither is a TOMLDecodeError); and tomllib's time grows
with the square of a dotted key's length (`a.a.a... = 1` of a megabyte never ends).
`check_limits` finds all three in one quick pass over the text, before any parser sees
it, and names the line.
"""

from __future__ import annotations

import re
import tomllib
from typing import Any

#: A routine needs three levels at most; this leaves room for any hand-written file.
MAX_NESTING = 32
#: Far beyond any count or duration, far below what makes int() slow or refuse.
MAX_DIGITS = 100


class TomlError(Exception):
    """Text that is not TOML we will read: `line` (1-based) and a plain `message`."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


# What the pass must step over (strings and comments, where brackets, digits and dots
# mean nothing) and what it counts; the regex engine skips everything else by itself.
# Not a TOML parser: an unterminated string ends at the line's end, and that is enough.
# Possessive quantifiers and word-start lookbehinds keep every match linear.
_PART = r"""(?:[\w-]++|"(?:\\.|[^"\\\n])*+"|'[^'\n]*+')"""  # of a key: a word or a string
_TOKENS = re.compile(
    rf"""
      \"\"\"(?:\\.|[^\\])*?\"{{3,5}}
    | '''.*?'{{3,5}}
    | (?P<number>(?<![\w.])[+-]?+[0-9][0-9_]{{{MAX_DIGITS - 1},}})
    | (?P<key>(?<![\w-]){_PART}(?:[ \t]*+\.[ \t]*+{_PART})++)
    | \#[^\n]*+
    | "(?:\\.|[^"\\\n])*+"?+
    | '[^'\n]*+'?+
    | (?P<open>[\[{{])
    | (?P<close>[\]}}])
    """,
    re.VERBOSE | re.DOTALL,
)
_PARTS = re.compile(_PART)


def check_limits(text: str) -> None:
    """Raise TomlError at the first place nested more than MAX_NESTING deep or holding
    a number longer than MAX_DIGITS digits; linear in the length of `text`."""
    depth = 0
    for token in _TOKENS.finditer(text):
        kind = token.lastgroup
        if kind == "open":
            depth += 1
            if depth > MAX_NESTING:
                raise TomlError(
                    _line_at(text, token.start()),
                    f"arrays or tables nested more than {MAX_NESTING} levels deep",
                )
        elif kind == "close":
            depth = max(0, depth - 1)
        elif kind == "key" and token.group().count(".") >= MAX_NESTING:
            if len(_PARTS.findall(token.group())) <= MAX_NESTING:
                continue  # the dots are inside quoted parts
            raise TomlError(
                _line_at(text, token.start()),
                f"a dotted key of more than {MAX_NESTING} parts",
            )
        elif kind == "number":
            digits = sum(c.isdigit() for c in token.group())
            raise TomlError(
                _line_at(text, token.start()),
                f"{_key_before(text, token.start())}a number of {digits} digits: "
                f"at most {MAX_DIGITS} are allowed",
            )


def load_toml(text: str) -> dict[str, Any]:
    """`tomllib.loads(text)` after `check_limits`; every failure is a TomlError."""
    check_limits(text)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None) or _line_from_message(str(exc))
        message = getattr(exc, "msg", None) or re.sub(r"\s*\(at line .*\)$", "", str(exc))
        raise TomlError(line, f"TOML syntax error: {message}") from None
    except (RecursionError, ValueError, MemoryError):
        # Past check_limits only if it misjudged a string; still no traceback.
        raise TomlError(1, "the file is too deeply nested or holds too long a number") from None


def _key_before(text: str, offset: int) -> str:
    """'"cycles": ' when the value at `offset` follows `cycles =` on its line, else ''."""
    start = text.rfind("\n", 0, offset) + 1
    match = _KEY_IS.fullmatch(text, start, offset)
    return f'"{match.group(1)}": ' if match else ""


_KEY_IS = re.compile(r"[ \t]*+([\w-]++)[ \t]*+=[ \t]*+")


def _line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _line_from_message(message: str) -> int:
    match = re.search(r"at line (\d+)", message)
    return int(match.group(1)) if match else 1
