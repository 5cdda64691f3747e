"""The unit attribution rules work on: one quote in its parsed sentence (`Ctx`), and what
a rule answers (`Attribution`: the words naming the source, the rule, the cue)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from quotes.attribution.mention import Mention
from quotes.nlp import Tok
from quotes.scanner import Span

_NO_QUOTE = Span(-1, -1, -1, -1, "", 0)


@dataclass(frozen=True)
class Ctx:
    """One quote in its parsed sentence."""

    text: str
    span: Span
    toks: Sequence[Tok]
    quotes: Sequence[Span]  # every quote of the sentence, in order (this one included)

    @classmethod
    def sentence(cls, text: str, toks: Sequence[Tok], quotes: Sequence[Span]) -> Ctx:
        """A context for the sentence as a whole (no quote in focus)."""
        return cls(text, _NO_QUOTE, toks, quotes)

    def before(self) -> int:
        """Index of the first token at or after the opening mark."""
        return next(
            (k for k, t in enumerate(self.toks) if t.start >= self.span.open_pos), len(self.toks)
        )

    def after(self) -> int:
        """Index of the first token after the closing mark."""
        return next(
            (k for k, t in enumerate(self.toks) if t.start > self.span.close_pos), len(self.toks)
        )

    def inside(self) -> list[Tok]:
        return [t for t in self.toks if self.span.start <= t.start < self.span.end]

    def in_focus(self, k: int) -> bool:
        """True when token k is within the marks of the quote being attributed."""
        return self.span.open_pos <= self.toks[k].start <= self.span.close_pos

    def outside(self, k: int) -> bool:
        """True when token k is outside every quote of the sentence, a one-word quote
        other than the one attributed excepted: "des «gilets» avaient appelé à «marcher»"
        names its source through a word the journalist marked."""
        t = self.toks[k]
        return not any(
            q.open_pos <= t.start <= q.close_pos
            and (q is self.span or " " in self.text[q.start : q.end].strip())
            for q in self.quotes
        )


@dataclass(frozen=True)
class Attribution:
    """Which words designate the source of a quote, and by which rule and cue."""

    rule: str
    mention: Mention | None
    cue: str | None
    cue_at: int = -1  # document offset of the cue word, when there is one
