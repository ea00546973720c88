"""Builds an .ipynb (nbformat 4.5, kernel `hti`) from a simple text outline, so notebooks are
authored as reviewable text. Cells are separated by lines `%% md` or `%% code` (optionally
`%% code tags=parameters`). Usage: .venv/bin/python scripts/new-notebook.py OUTLINE.txt OUT.ipynb"""
import sys

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook


def build(outline):
    cells = []
    kind, tags, lines = None, [], []

    def flush():
        if kind is None:
            return
        text = "\n".join(lines).strip("\n")
        cell = new_markdown_cell(text) if kind == "md" else new_code_cell(text)
        if tags:
            cell.metadata["tags"] = tags
        cells.append(cell)

    for line in outline.splitlines():
        if line.startswith("%% "):
            flush()
            words = line[3:].split()
            kind = words[0]
            tags = [t for w in words[1:] if w.startswith("tags=") for t in w[5:].split(",")]
            lines = []
        else:
            lines.append(line)
    flush()
    nb = new_notebook(cells=cells, metadata={
        "kernelspec": {"name": "hti", "display_name": "HTI", "language": "hti"},
        "language_info": {"name": "hti", "file_extension": ".hti", "mimetype": "text/x-hti"},
    })
    for index, cell in enumerate(nb.cells):
        cell["id"] = f"cell-{index:02d}"
    nbformat.validate(nb)
    return nb


if __name__ == "__main__":
    with open(sys.argv[1]) as f:
        nb = build(f.read())
    nbformat.write(nb, sys.argv[2])
