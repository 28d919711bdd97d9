"""Errors of the rendering layer (defined in :mod:`kzdocs.errors`, the one exception tree)."""

from kzdocs.errors import EngineError, FontCoverageError, PageLimitError, RenderError, TemplateError

__all__ = ["EngineError", "FontCoverageError", "PageLimitError", "RenderError", "TemplateError"]
