"""Score trade-agreement and temporary-worker-visa proposals."""

__version__ = "0.1.0"
