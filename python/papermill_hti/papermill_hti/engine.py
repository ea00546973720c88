"""papermill's own nbclient engine under the name ``hti``.

papermill 2.x reads no translator entry points; it does load every ``papermill.engine``
entry point while it starts, and this module makes sure the translator is registered
by then. Importing papermill from inside that start can meet this package half
initialised (when the user imported ``papermill_hti`` first), so nothing is imported
from the translator by name: importing it registers it, and if it is already being
imported it registers itself when it finishes.
"""
import importlib
import sys

from papermill.engines import NBClientEngine

if "papermill_hti.translator" not in sys.modules:
    importlib.import_module("papermill_hti.translator")


class HTIEngine(NBClientEngine):
    """The default engine; its entry point is how papermill comes to import this package."""
