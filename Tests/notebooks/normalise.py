"""Reduces notebook outputs to what must not change between runs: text, not timings.

Everything computed after a notebook's first fit depends on floating-point rounding, which
differs between CPUs (OpenBLAS picks different kernels, reductions split over a different
number of cores). So from the first `fit`/`compare` cell on, numbers are masked and the text
around them — tables' shape, labels, messages, errors — is compared; before it, everything is.
The same seed on the same machine gives bit-identical fits (HTITests pins that).
For the same reason the note that some sampled points were clamped to the data's box is dropped
after a fit: whether any of 800 points lands a rounding error outside the box is such a number
(SampleClampingTests checks the note itself)."""
import re

# "2 min 06 s" is one duration, as is "59.3 s": a fit's length must not change the text's shape.
_DURATION = re.compile(r"\b\d+\s?min\s\d+\s?s\b|\b\d+(\.\d+)?\s?(ms|s|min)\b")
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_NUMBER = re.compile(r"[-−]?\d+(\.\d+)?(e[-+]?\d+)?")
_TRAINS = re.compile(r"^\s*(\w+\s*=\s*)?(fit|compare)\b", re.MULTILINE)
_CLAMPING_NOTE = re.compile(r"^Note: \d+ of \d+ sampled points fell outside the data's box.*\n?", re.MULTILINE)


def text_outputs(nb):
    """Per code cell, a list of (kind, text) with timings masked."""
    cells = []
    trained = False
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        source = cell.source if isinstance(cell.source, str) else "".join(cell.source)
        trained = trained or bool(_TRAINS.search(source))
        outputs = []
        for out in _merged_streams(cell.get("outputs", [])):
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
            text = _DURATION.sub("<time>", text)
            if trained and kind.startswith("stream"):
                text = _CLAMPING_NOTE.sub("", text)
                if not text:
                    continue
            if trained:
                # Bars and column alignment move with the numbers' widths.
                text = re.sub(r"[█░]+", "<bar>", _NUMBER.sub("<n>", text))
                text = re.sub(r"[ ─]+", " ", text)
            outputs.append((kind, text))
        cells.append(outputs)
    return cells


def _merged_streams(outputs):
    """Consecutive stream outputs of one name as one (front-ends differ in whether they merge them)."""
    merged = []
    for out in outputs:
        if (out["output_type"] == "stream" and merged and merged[-1]["output_type"] == "stream"
                and merged[-1]["name"] == out["name"]):
            merged[-1] = dict(merged[-1], text=merged[-1]["text"] + out["text"])
        else:
            merged.append(out)
    return merged
