"""Tables in a document's canonical text: find them, read their cells, make every number a row.

Every table reaches the extractor as a text table (one row per line, cells split by tabs; web
pages, Word and PDF tables are rendered so), or as `|` / aligned-space columns typed in a text.
`find_tables` finds them, `without_tables` hides their lines from the prose stages, `table_rows`
turns each numeric cell into an indicator row, and `merge_rows` puts both kinds in text order.
"""

from indicators.tables.blocks import Cell, TextTable, find_tables, without_tables
from indicators.tables.headers import TableVocabError, read_header
from indicators.tables.rows import TABLE_COLUMNS, merge_rows, table_rows

__all__ = [
    "TABLE_COLUMNS",
    "Cell",
    "TableVocabError",
    "TextTable",
    "find_tables",
    "merge_rows",
    "read_header",
    "table_rows",
    "without_tables",
]
