"""Charts drawn fast enough to animate: a cached background with animated artists
redrawn on top, written straight to PNG; and joining the live charts into one PNG."""

from __future__ import annotations

import io
import math
import struct
import zlib

import matplotlib
import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

from .fonts import font_family

DPI = 90


def encode_png(canvas: FigureCanvasAgg, level: int = 1) -> bytes:
    """The canvas as an RGB PNG, written directly (no row filters, fast zlib).

    Pillow's encoder tries a filter per row and takes about 3x longer; a frame
    is sent once and replaced by the next, so speed matters more than the
    last 10% of size.
    """
    rgba = np.asarray(canvas.buffer_rgba())
    h, w = rgba.shape[:2]
    raw = np.empty((h, 1 + 3 * w), np.uint8)
    raw[:, 0] = 0  # filter type None for every row
    raw[:, 1:] = rgba[:, :, :3].reshape(h, 3 * w)

    def chunk(tag: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + tag + data
                + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF))

    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw.tobytes(), level))
            + chunk(b"IEND", b""))


def nice_ceiling(x: float) -> float:
    """A round number (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 or 8 times a power of ten) >= x, >= 1."""
    x = max(float(x), 1.0)
    power = 10 ** math.floor(math.log10(x))
    for m in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if m * power >= x:
            return m * power
    return 10 * power


class Blit:
    """A figure drawn as a cached background plus animated artists on top."""

    def __init__(self, figsize, lang: str):
        with matplotlib.rc_context({"font.family": font_family(), "font.size": 9}):
            self.fig = Figure(figsize=figsize, dpi=DPI)
        self.canvas = FigureCanvasAgg(self.fig)
        self.lang = lang
        self._bg = None
        self.animated: list = []

    def rc(self):
        return matplotlib.rc_context({"font.family": font_family(), "font.size": 9,
                                      "axes.titlesize": 10, "legend.fontsize": 7.5})

    def animate(self, artist):
        artist.set_animated(True)
        self.animated.append(artist)
        return artist

    def invalidate(self) -> None:
        self._bg = None

    def render(self) -> bytes:
        if self._bg is None:
            self.canvas.draw()
            self._bg = self.canvas.copy_from_bbox(self.fig.bbox)
        else:
            self.canvas.restore_region(self._bg)
        for artist in self.animated:
            if artist.get_visible():
                artist.axes.draw_artist(artist)
        return encode_png(self.canvas)


def combine_png(images: list[bytes], layout: str = "dashboard") -> bytes:
    """The network beside the curves, the timeline below: one PNG of the current charts."""
    network, curves, timeline = (Image.open(io.BytesIO(b)).convert("RGB") for b in images)
    width = network.width + curves.width
    height = max(network.height, curves.height) + timeline.height
    out = Image.new("RGB", (width, height), "white")
    out.paste(network, (0, 0))
    out.paste(curves, (network.width, 0))
    out.paste(timeline, (width - timeline.width, max(network.height, curves.height)))
    buf = io.BytesIO()
    out.save(buf, format="PNG")
    return buf.getvalue()
