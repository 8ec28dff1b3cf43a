"""What a sentence is about: a bare action or the rate of one takes the thing the sentence
counted last. "新收行政复议案件4126件,同比上升21.4%;审结3958件,审结率95.9%" -> 审结行政复议案件,
行政复议案件审结率 (the change between them names nothing new)."""

from __future__ import annotations

from indicators.meaning.labels import action_name, object_in, object_of, rate_name

SENTENCE_ENDS = "。!?！？\n"
FOCUS_CHARS = 120  # how far back a thing stays in focus


def named_by_focus(name: str, unit: str, earlier: list[tuple[str, str]]) -> str:
    """`name` with the thing of the nearest earlier name that has one, or `name`:
    ("审结", "件", [("新收行政复议案件", "件")]) -> "审结行政复议案件"; ("审结率", "%", [("新收行政复议案件",
    "件"), ("审结", "件")]) -> "行政复议案件审结率"; an action counts the same unit as its thing
    ("登记交办" 件 after "接听来电" 人次 stays); a name of its own words stays."""
    things = [(prev, u) for prev, u in reversed(earlier) if object_in(prev)]
    if things and rate_name(things[0][0], name):
        return rate_name(things[0][0], name)
    same_unit = next((prev for prev, u in things if u == unit), "")
    if not same_unit:
        return name
    # the nouns the earlier name ends with, not a verb inside it ("调解组织排查矛盾纠纷" -> 矛盾纠纷)
    return action_name(object_of(same_unit) or same_unit, name) or name


def earlier_names(rows: list[dict], i: int, text: str) -> list[tuple[str, str]]:
    """The names and units of the rows before row `i` in the same sentence (up to 。, not ;),
    nearest last."""
    row, out = rows[i], []
    for prev in reversed(rows[:i]):
        gap_from, gap_to = prev.get("end"), row.get("start")
        if not isinstance(gap_from, int) or not isinstance(gap_to, int):
            break
        if gap_to - gap_from > FOCUS_CHARS or any(
            c in text[gap_from:gap_to] for c in SENTENCE_ENDS
        ):
            break
        out.insert(0, (prev.get("indicator") or "", prev.get("unit") or ""))
    return out
