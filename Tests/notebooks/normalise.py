"""Reduces notebook outputs to what must not change between runs: text, not timings."""
import re

_DURATION = re.compile(r"\b\d+(\.\d+)?\s?(ms|s|min)\b")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def text_outputs(nb):
    """Per code cell, a list of (kind, text) with timings masked."""
    cells = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        outputs = []
        for out in cell.get("outputs", []):
            kind = out["output_type"]
            if kind == "stream":
                text = out["text"]
                kind = "stream:" + out["name"]
            elif kind == "error":
                # The traceback holds the offending line and the caret under it.
                text = "\n".join([out["ename"] + ": " + out["evalue"]] + [_ANSI.sub("", line) for line in out["traceback"]])
            else:
                text = out.get("data", {}).get("text/plain", "")
                if isinstance(text, list):
                    text = "".join(text)
                if "image/svg+xml" in out.get("data", {}):
                    kind += "+svg"
            outputs.append((kind, _DURATION.sub("<time>", text)))
        cells.append(outputs)
    return cells
