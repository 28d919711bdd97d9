"""A fontconfig configuration that holds the bundled fonts and nothing else.

WeasyPrint lays text out with Pango, which finds fonts through fontconfig. WeasyPrint's own
``FontConfiguration`` starts from the host's configuration (``FcInitLoadConfigAndFonts``), so a
letter the bundled fonts lack would be drawn from whatever the machine has installed (DejaVu,
Noto, ...), and a host font that calls itself "Tinos" could take the place of the bundled one:
the same input would give different bytes on different machines. Here the configuration starts
empty (``FcConfigCreate``): the only fonts Pango can see are the ``@font-face`` fonts of the
stylesheet, which are the bundled ones (see :class:`kzdocs.render.pdf.BundledOnlyFetcher`).
"""

from __future__ import annotations

from contextlib import suppress
from functools import cache
from typing import Any

from cffi import FFI
from weasyprint.text.ffi import ffi as weasy_ffi
from weasyprint.text.ffi import fontconfig, gobject, pangoft2
from weasyprint.text.fonts import FontConfiguration

_ffi = FFI()
_ffi.cdef("""
    typedef struct _FcConfig FcConfig;
    typedef struct _FcFontSet { int nfont; int sfont; void **fonts; } FcFontSet;
    FcConfig *FcConfigCreate(void);
    FcFontSet *FcConfigGetFonts(FcConfig *config, int set);
""")
_SET_SYSTEM, _SET_APPLICATION = 0, 1


_NAMES = ("libfontconfig.so.1", "libfontconfig-1", "fontconfig-1", "fontconfig", "libfontconfig.1.dylib",
          "libfontconfig-1.dll")


@cache
def _library() -> Any:
    """The fontconfig library WeasyPrint loaded (the same shared object, opened by the names WeasyPrint tries)."""
    for name in _NAMES:
        with suppress(OSError):
            return _ffi.dlopen(name)
    raise OSError("the fontconfig library cannot be loaded")


class BundledFontConfiguration(FontConfiguration):  # type: ignore[misc]
    """WeasyPrint's font configuration on an empty fontconfig configuration: no host font is visible."""

    def __init__(self) -> None:
        config = _library().FcConfigCreate()
        if config == _ffi.NULL:
            raise MemoryError("fontconfig could not create a configuration")
        self._config = weasy_ffi.cast("FcConfig *", int(_ffi.cast("uintptr_t", config)))
        self.font_map = weasy_ffi.gc(pangoft2.pango_ft2_font_map_new(), gobject.g_object_unref)
        pangoft2.pango_fc_font_map_set_config(weasy_ffi.cast("PangoFcFontMap *", self.font_map), self._config)
        fontconfig.FcConfigDestroy(self._config)  # the font map keeps its own reference
        self._folder = None
        self.strut_layouts: dict[Any, Any] = {}
        self.font_features: dict[Any, Any] = {}

    def font_counts(self) -> tuple[int, int]:
        """How many host (system) fonts and how many application (``@font-face``) fonts Pango can use."""
        config = _ffi.cast("FcConfig *", int(weasy_ffi.cast("uintptr_t", self._config)))
        counts = []
        for which in (_SET_SYSTEM, _SET_APPLICATION):
            fonts = _library().FcConfigGetFonts(config, which)
            counts.append(0 if fonts == _ffi.NULL else int(fonts.nfont))
        return counts[0], counts[1]
