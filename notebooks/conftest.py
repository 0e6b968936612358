"""pytest --nbval on the notebooks: warm caches before any notebook kernel starts.

On a fresh machine matplotlib builds its font cache on first import and says
so on stderr; inside a kernel that notice would become a stored-output
mismatch. Importing it here, in the pytest process, builds the cache once
(the kernels share it) and registers nothing else.
"""
import matplotlib.font_manager  # noqa: F401  (builds ~/.cache/matplotlib on first use)
