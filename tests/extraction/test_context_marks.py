"""The sentence and full-stop ends of `pipeline._Context` are read from its clause ends: that holds
only while every sentence end is a clause end and every full stop a sentence end."""

from indicators.normalize import CLAUSE_END, SENTENCE_END
from indicators.pipeline import FULL_STOP_MARKS, SENTENCE_MARKS, _Context
from indicators.semantics import FULL_STOP


def _chars(pattern) -> set[str]:
    return {chr(c) for c in range(0x10000) if pattern.fullmatch(chr(c))}


def test_marks_are_the_patterns_characters_and_nested():
    clause, sentence, full = _chars(CLAUSE_END), _chars(SENTENCE_END), _chars(FULL_STOP)
    assert sentence == SENTENCE_MARKS and full == FULL_STOP_MARKS
    assert full <= sentence <= clause


def test_context_ends_are_each_patterns_matches():
    norm = "2023年,GDP增长5%;其中:A增长3%。B下降2%!\n全年目标?完成"
    ctx = _Context.of(norm)
    assert ctx.clause_ends == [m.start() for m in CLAUSE_END.finditer(norm)]
    assert ctx.sentence_ends == [m.start() for m in SENTENCE_END.finditer(norm)]
    assert ctx.full_stops == [m.start() for m in FULL_STOP.finditer(norm)]
