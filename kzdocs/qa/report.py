"""What a comparison found: identical, equivalent or different, and where."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

#: Raster comparison resolution.
DEFAULT_DPI = 100
#: Grey levels (0-255) a pixel may differ by before it counts as changed.
DEFAULT_TOLERANCE = 64
#: How far (in pixels at the comparison dpi) content may move and still count as the same.
DEFAULT_SHIFT = 1

Status = Literal["identical", "equivalent", "different"]


@dataclass(frozen=True)
class Mask:
    """A rectangle of a page that is meant to change (a date, a serial): ignored by the raster diff.

    ``page`` counts from 1; ``x``, ``y``, ``width``, ``height`` are PDF points from the top-left.
    """

    page: int
    x: float
    y: float
    width: float
    height: float

    @classmethod
    def parse(cls, text: str) -> Mask:
        """``"1:40,700,200,30"`` → page 1, x 40, y 700, 200 × 30 points."""
        try:
            page, rest = text.split(":", 1)
            x, y, w, h = (float(v) for v in rest.split(","))
            mask = cls(int(page), x, y, w, h)
        except ValueError:
            raise ValueError(f"a mask is page:x,y,width,height in points, such as 1:40,700,200,30; not {text!r}")\
                from None
        if mask.page < 1 or w <= 0 or h <= 0:
            raise ValueError(f"a mask needs page >= 1 and a positive width and height: {text!r}")
        return mask


@dataclass
class PageDiff:
    """How one page differs."""

    page: int
    #: Unified diff of the page's text (empty when the text is the same).
    text_diff: str = ""
    #: Pixels that differ beyond the tolerance, outside masks.
    changed_pixels: int = 0
    #: Bounding box of the changed pixels, in PDF points (x, y, width, height), if any.
    bbox: tuple[float, float, float, float] | None = None
    #: PNG with the changes highlighted (the actual page, changed pixels in red).
    diff_png: bytes | None = field(default=None, repr=False)
    diff_path: Path | None = None

    @property
    def different(self) -> bool:
        return bool(self.text_diff) or self.changed_pixels > 0


@dataclass
class Report:
    """The result of comparing an expected (golden) file with an actual render."""

    format: Literal["pdf", "docx"]
    status: Status
    pages: list[PageDiff] = field(default_factory=list)
    #: Problems that make the files different beyond pages (page count, fonts, DOCX parts).
    differences: list[str] = field(default_factory=list)
    #: Things that differ but are neither visible nor textual (metadata, producer, versions).
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when identical or equivalent."""
        return self.status != "different"

    def summary(self) -> str:
        """A short human summary, a line per finding."""
        lines = [f"{self.format.upper()}: {self.status}"]
        lines += [f"  {d}" for d in self.differences]
        for page in self.pages:
            if not page.different:
                continue
            if self.format == "pdf":
                where = f" in {tuple(round(v) for v in page.bbox)}" if page.bbox else ""
                lines.append(f"  page {page.page}: {page.changed_pixels} pixels changed{where}"
                             + (f"; diff image {page.diff_path}" if page.diff_path else ""))
            else:
                lines.append("  text:")
            lines += [f"    {line}" for line in page.text_diff.splitlines()]
        lines += [f"  note: {n}" for n in self.notes]
        return "\n".join(lines)

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data (diff images by path, not bytes)."""
        return {
            "format": self.format,
            "status": self.status,
            "differences": self.differences,
            "notes": self.notes,
            "pages": [
                {"page": p.page, "text_diff": p.text_diff, "changed_pixels": p.changed_pixels,
                 "bbox": list(p.bbox) if p.bbox else None, "diff_image": str(p.diff_path) if p.diff_path else None}
                for p in self.pages if p.different
            ],
        }
