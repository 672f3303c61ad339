"""Synthetic pages, masks and line images for bdrc_golden.py (numpy and OpenCV only)."""
import cv2
import numpy as np

# page sizes that take each branch of BDRC's page resize: wider than 4096 (landscape), taller
# than 2048 (portrait), lower than a 512 tile (raised to 512), and one kept as it is
TILE_PAGES = {
    "landscape": (4400, 700),
    "portrait": (900, 2300),
    "short": (700, 300),
    "native": (1100, 800),
}

RECOGNIZER_LINES = {"wide": (1800, 60), "narrow": (300, 90)}


def uneven_page(width, height, seed):
    """Paper lit unevenly (darker to one corner) with rows of dark glyph blocks."""
    rng = np.random.default_rng(seed)
    ys, xs = np.mgrid[0:height, 0:width]
    paper = 235 - 70 * (xs / width) * (ys / height)
    page = paper.astype(np.uint8)
    for top in range(40, height - 60, 70):
        x = 30
        while x < width - 60:
            w = int(rng.integers(8, 40))
            h = int(rng.integers(15, 35))
            cv2.rectangle(page, (x, top + 35 - h), (x + w, top + 35), int(rng.integers(20, 90)), -1)
            x += w + int(rng.integers(4, 30))
    return page


def masked_page():
    """A 1600x1000 page of five lines, and a line mask drawn by hand: the page is skewed by 1.2
    degrees; the second and the fourth line come in two pieces (cut at the tile edges x=512 and
    x=1024), one piece a little lower; a speck and a sliver (under 1 % of the width) are noise."""
    width, height = 1600, 1000
    page = uneven_page(width, height, seed=7)
    mask = np.zeros((height, width), dtype=np.uint8)
    for top, pieces in (
        (120, [(60, 1540, 0)]),
        (280, [(60, 505, 0), (519, 1540, 6)]),
        (440, [(60, 1540, 0)]),
        (600, [(60, 1018, 0), (1031, 1400, -4)]),
        (760, [(300, 1540, 0)]),
    ):
        for x1, x2, dy in pieces:
            cv2.rectangle(mask, (x1, top + dy), (x2, top + dy + 40), 255, -1)
    cv2.rectangle(mask, (1200, 900), (1205, 905), 255, -1)  # a speck: 6 px high
    cv2.rectangle(mask, (20, 860), (31, 950), 255, -1)  # a sliver: 12 px wide
    turn = cv2.getRotationMatrix2D((width / 2, height / 2), -1.2, 1)
    page = cv2.warpAffine(page, turn, (width, height), borderValue=255)
    mask = cv2.warpAffine(mask, turn, (width, height), flags=cv2.INTER_NEAREST)
    return page, mask


def line_crop(width, height, seed):
    """A line image as BDRC's mask crop leaves it: glyphs on paper, black where the mask ended."""
    line = uneven_page(width, height + 40, seed)[20 : 20 + height]
    corner = height // 4
    line[:corner, :corner] = 0
    line[-corner:, -corner:] = 0
    return np.ascontiguousarray(line)


# the tiny recogniser's glyphs, drawn 40 px high: "k" fills the upper half, "a" the lower half,
# "§" the whole height; BDRC's tsheg "§" becomes a Wylie space
GLYPH_HEIGHT = 40
TINY_LINES = ["ka§ka", "kaka§ka§ka", "ka§ka§ka"]

# pages for the tiny models: one BDRC reads at its size, one wider than 4096 px and one lower than
# a tile, which BDRC scales for its line model (and scales the mask back)
TINY_PAGES = {"page": (1400, 720, 1), "wide": (4600, 900, 3), "low": (1400, 400, 1)}


def tiny_model_page(width=1400, height=720, repeat=1):
    """TINY_LINES in the tiny models' glyphs (each line's text repeated), 200 px apart (130 on a
    low page)."""
    page = np.full((height, width), 240, dtype=np.uint8)
    pitch = 200 if height >= 600 else 110
    for row, text in enumerate(TINY_LINES):
        top, x = 120 + row * pitch if height >= 600 else 60 + row * pitch, 80
        for symbol in "§".join([text] * repeat):
            if symbol == "§":
                cv2.rectangle(page, (x, top), (x + 39, top + GLYPH_HEIGHT - 1), 25, -1)
                x += 40 + 20
            else:
                half = top if symbol == "k" else top + GLYPH_HEIGHT // 2
                cv2.rectangle(page, (x, half), (x + 79, half + GLYPH_HEIGHT // 2 - 1), 25, -1)
                x += 80 + (0 if symbol == "k" else 20)
    return page
