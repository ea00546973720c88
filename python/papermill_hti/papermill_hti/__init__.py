"""Papermill support for the HTI Workbench kernel (language ``hti``).

``pip install ./python/papermill_hti`` and papermill can inject parameters into HTI
notebooks: ``papermill nb.ipynb out.ipynb -p steps 300 -p greeting "hi"``. Values are
written as the language reads them: numbers as numbers, text in double quotes with
``\\"``, ``\\\\``, ``\\n`` and ``\\t`` escapes, booleans as the words ``true``/``false``,
``None`` as ``none``, a list as comma-separated values (``lams = 0.25, 0.75``), and a
dict as its JSON in quotes (the language has no dictionaries).
"""
from .translator import HTITranslator, register  # importing it registers it

__all__ = ["HTITranslator", "register"]
