"""The indicator catalogue loads, its keys are unique, and every entry can be found by its names."""

from __future__ import annotations

from indicators.meaning.catalogue import MEASURES, catalogue, match

UNIT_OF = {"count": "count", "rate": "percent", "money": "money", "time": "time"}


def test_keys_are_unique_and_fields_valid():
    entries = catalogue()
    assert len(entries) >= 60
    assert len({e.key for e in entries}) == len(entries)
    assert all(e.measure in MEASURES and e.zh and e.en and e.domain for e in entries)


def test_every_entry_is_found_by_its_own_label_or_first_name():
    for entry in catalogue():
        if entry.fallback or entry.measure not in UNIT_OF:
            continue
        sentence = "".join(entry.context[:1])  # an entry with a context needs one of its words
        item = "咨询" if entry.itemised else ""  # an itemised entry counts one category: 咨询类诉求
        found = match(item + entry.names[0], sentence, UNIT_OF[entry.measure], is_change=False)
        assert found is not None, entry.key
        assert found.key == entry.key or len(found.names[0]) >= len(entry.names[0]), (
            entry.key,
            found.key,
        )
