import sys

from jixiao.extract import read_document
from jixiao.extract.model import Table

d = read_document(sys.argv[1])
for i, b in enumerate(d.blocks):
    if isinstance(b, Table):
        print(i, "TABLE", b.index, b.n_rows, "x", b.n_cols, "caption=", b.caption)
        for r in range(b.n_rows):
            print(
                "   ",
                r,
                " | ".join(
                    f"[{c.row},{c.col} {c.row_span}x{c.col_span}]" + c.text.replace("\n", "⏎")[:40]
                    for c in b.row_cells(r)
                ),
            )
    else:
        print(i, type(b).__name__, getattr(b, "level", ""), b.text.replace("\n", "⏎")[:100])
