"""The HTI language's papermill translator."""
import json
import math
import re

from papermill.exceptions import PapermillException
from papermill.models import Parameter
from papermill.translators import Translator, papermill_translators

__all__ = ["HTITranslator", "register"]


class HTITranslator(Translator):
    """Translates papermill parameters into HTI Workbench statements."""

    @classmethod
    def translate_escaped_str(cls, str_val):
        # The language's string escapes are exactly these four (Lexer.swift); papermill's
        # default (Python's unicode_escape) would write \x.. escapes the language reads as text.
        text = str(str_val)
        for raw, escaped in (("\\", "\\\\"), ('"', '\\"'), ("\n", "\\n"), ("\t", "\\t")):
            text = text.replace(raw, escaped)
        return f'"{text}"'

    @classmethod
    def translate_raw_str(cls, val):
        return cls.translate_escaped_str(val)

    @classmethod
    def translate_none(cls, val):
        return "none"

    @classmethod
    def translate_int(cls, val):
        return str(val)

    @classmethod
    def translate_float(cls, val):
        # The language's numbers are finite; inf and nan travel as text.
        return repr(val) if math.isfinite(val) else cls.translate_escaped_str(repr(val))

    @classmethod
    def translate_bool(cls, val):
        return "true" if val else "false"

    @classmethod
    def translate_dict(cls, val):
        return cls.translate_escaped_str(json.dumps(val, sort_keys=True))

    @classmethod
    def translate_list(cls, val):
        if not val:
            raise PapermillException("HTI lists need at least one value; an empty list cannot be injected")
        if any(isinstance(item, (list, dict)) for item in val):
            raise PapermillException("HTI lists hold numbers or text, not nested lists or dicts")
        return ", ".join(cls.translate(item) for item in val)

    @classmethod
    def comment(cls, cmt_str):
        return f"# {cmt_str}".strip()

    @classmethod
    def assign(cls, name, str_val):
        return f"{name} = {str_val}"

    _ASSIGNMENT = re.compile(r"^\s*(?P<target>[^\W\d]\w*)\s*=\s*(?P<value>[^#]*?)\s*(?:#\s*(?P<help>.*))?$")

    @classmethod
    def inspect(cls, parameters_cell):
        """The parameters a cell assigns (for ``papermill --help-notebook``)."""
        found = []
        for line in parameters_cell.source.splitlines():
            match = cls._ASSIGNMENT.match(line)
            if not match:
                continue
            value = match.group("value")
            kind = "text" if value.startswith('"') else "list" if "," in value else "number" if _is_number(value) else "None"
            found.append(Parameter(name=match.group("target"), inferred_type_name=kind, default=value,
                                   help=match.group("help") or ""))
        return found


def _is_number(text):
    try:
        float(text)
        return True
    except ValueError:
        return False


def register():
    """Makes papermill use this translator for kernels or languages named ``hti``."""
    papermill_translators.register("hti", HTITranslator)


register()
