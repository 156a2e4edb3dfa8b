"""Draw the favicon files from one simple design, with the standard library only.

The design (static/img/favicon.svg): a chip, white on the portal's dark blue,
with three pins on each side. This script draws the same shape as pixels for
browsers that want a bitmap: favicon.ico (32 px, PNG inside an ICO file, which
every current browser reads) and apple-touch-icon.png (180 px).

    python tools/icons/make_icons.py
"""

import struct
import zlib
from pathlib import Path

STATIC = Path(__file__).resolve().parents[2] / "static"
BLUE = (0x1D, 0x3A, 0x8A, 255)
WHITE = (255, 255, 255, 255)
CLEAR = (0, 0, 0, 0)


def pixel(x, y):
    """The colour at (x, y) of the design on a 32 x 32 grid (fractions allowed)."""
    # Rounded square background, corner radius 6.
    cx = min(max(x, 6), 26)
    cy = min(max(y, 6), 26)
    if (x - cx) ** 2 + (y - cy) ** 2 > 36:
        return CLEAR
    # The chip body: a white ring (outer 10..22, inner 13..19).
    if 10 <= x <= 22 and 10 <= y <= 22:
        return BLUE if 13 <= x <= 19 and 13 <= y <= 19 else WHITE
    # Pins: three on each side, 2 wide, from the body to 5 units out.
    for centre in (12.5, 16, 19.5):
        if abs(x - centre) <= 1 and (5 <= y < 10 or 22 < y <= 27):
            return WHITE
        if abs(y - centre) <= 1 and (5 <= x < 10 or 22 < x <= 27):
            return WHITE
    return BLUE


def draw(size):
    """RGBA rows, 4x4 supersampled so that edges are smooth."""
    rows = []
    for row in range(size):
        line = bytearray([0])  # PNG filter type "none"
        for column in range(size):
            samples = [
                pixel((column + (i + 0.5) / 4) * 32 / size, (row + (j + 0.5) / 4) * 32 / size)
                for i in range(4)
                for j in range(4)
            ]
            alpha = sum(sample[3] for sample in samples)
            if alpha == 0:
                line += bytes(4)
                continue
            colour = [sum(s[k] * s[3] for s in samples) // alpha for k in range(3)]
            line += bytes([*colour, alpha // len(samples)])
        rows.append(bytes(line))
    return b"".join(rows)


def png(size):
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(draw(size), 9))
        + chunk(b"IEND", b"")
    )


def ico(png_bytes, size):
    """An ICO file holding one PNG image."""
    directory = struct.pack("<HHH", 0, 1, 1)
    entry = struct.pack("<BBBBHHII", size, size, 0, 0, 1, 32, len(png_bytes), 6 + 16)
    return directory + entry + png_bytes


def main():
    (STATIC / "favicon.ico").write_bytes(ico(png(32), 32))
    (STATIC / "img").mkdir(exist_ok=True)
    (STATIC / "img" / "apple-touch-icon.png").write_bytes(png(180))
    print("wrote favicon.ico and img/apple-touch-icon.png")


if __name__ == "__main__":
    main()
