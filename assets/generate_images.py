"""Draw Facewell's exercise illustrations as small, calm SVG files.

Every picture is built from one shared line-art face (same head, same size, same stroke
width) plus a few soft cues in a muted accent colour: small curved arrows for the
direction of a movement and light motion lines. The movements are drawn small, because
the exercises are done at about 2 out of 10 effort.

The output is plain SVG 1.1 that Qt's QSvgRenderer draws: paths, circles, ellipses and
polygons with presentation attributes only (no CSS, filters, masks, markers, scripts,
text or external references) on a transparent background.

Run it from anywhere; by default it writes into the ``images`` folder beside this file::

    python assets/generate_images.py [--out DIR]

The output is deterministic: running it twice gives byte-identical files.
"""

from __future__ import annotations

import argparse
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal
from xml.sax.saxutils import escape

SIZE = 240
CENTER_X = 120.0

LINE = "#cfd8e3"  # soft light tone for the face
ACCENT = "#7fb8a4"  # muted sage teal for arrows and motion lines
FACE_FILL = "#2a3440"
FACE_FILL_OPACITY = 0.55

STROKE_WIDTH = 3.0
DETAIL_WIDTH = 2.2  # ears' inner line, wrinkles and other small details
ARROW_WIDTH = 2.6
MOTION_OPACITY = 0.55

# Shared geometry of the head.
HEAD_TOP = 38.0
HEAD_HALF_WIDTH = 61.0
TEMPLE_Y = 108.0
CHIN_Y = 198.0
EYE_Y = 118.0
EYE_DX = 25.0  # from the centre line to each eye's centre
EYE_HALF_WIDTH = 13.0
BROW_Y = 98.0
MOUTH_Y = 170.0

Point = tuple[float, float]
EyeState = Literal["open", "closed"]
MouthState = Literal["neutral", "soft-smile", "smile", "pucker", "pressed", "open"]


def num(value: float) -> str:
    """Format a coordinate compactly and deterministically (at most two decimals)."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def pt(p: Point) -> str:
    return f"{num(p[0])} {num(p[1])}"


def mirror(p: Point) -> Point:
    """The same point on the other side of the face."""
    return (2 * CENTER_X - p[0], p[1])


def stroke_path(
    d: str,
    *,
    colour: str = LINE,
    width: float = STROKE_WIDTH,
    opacity: float = 1.0,
    fill: str = "none",
    fill_opacity: float = 1.0,
) -> str:
    attrs = [f'd="{d}"', f'fill="{fill}"']
    if fill != "none" and fill_opacity < 1.0:
        attrs.append(f'fill-opacity="{num(fill_opacity)}"')
    attrs += [
        f'stroke="{colour}"',
        f'stroke-width="{num(width)}"',
        'stroke-linecap="round"',
        'stroke-linejoin="round"',
    ]
    if opacity < 1.0:
        attrs.append(f'stroke-opacity="{num(opacity)}"')
    return f"<path {' '.join(attrs)}/>"


def curve(start: Point, control: Point, end: Point) -> str:
    """Path data of one quadratic curve."""
    return f"M{pt(start)} Q{pt(control)} {pt(end)}"


def arrow(start: Point, control: Point, end: Point, *, head: float = 6.5) -> list[str]:
    """A soft curved arrow from ``start`` to ``end``, bending towards ``control``.

    The rounded triangular head sits beyond ``end`` along the curve's final direction, so
    the line's round cap hides under it.
    """
    dx, dy = end[0] - control[0], end[1] - control[1]
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    tip = (end[0] + ux * head, end[1] + uy * head)
    half = head * 0.62
    left = (end[0] - uy * half, end[1] + ux * half)
    right = (end[0] + uy * half, end[1] - ux * half)
    points = " ".join(f"{num(x)},{num(y)}" for x, y in (tip, left, right))
    polygon = (
        f'<polygon points="{points}" fill="{ACCENT}" stroke="{ACCENT}" '
        f'stroke-width="1.6" stroke-linejoin="round"/>'
    )
    return [stroke_path(curve(start, control, end), colour=ACCENT, width=ARROW_WIDTH), polygon]


def motion(start: Point, control: Point, end: Point, *, opacity: float = MOTION_OPACITY) -> str:
    """A light motion line in the accent colour."""
    return stroke_path(curve(start, control, end), colour=ACCENT, width=2.0, opacity=opacity)


def both_sides(draw: Callable[[bool], list[str]]) -> list[str]:
    """Call ``draw(False)`` for the picture's left side and ``draw(True)`` for its right."""
    return draw(False) + draw(True)


def side(p: Point, flip: bool) -> Point:
    return mirror(p) if flip else p


@dataclass(frozen=True)
class Face:
    """The shared face with the few features an exercise changes."""

    brow_raise: float = 0.0  # how far the brows move up
    eyes: EyeState = "open"
    mouth: MouthState = "neutral"
    cheek_bulge: float = 0.0  # how far the cheeks push the outline out
    jaw_drop: float = 0.0  # how far the chin moves down
    nose_wrinkle: bool = False


NEUTRAL = Face()


Segment = tuple[Point, Point, Point]  # cubic Bézier: control 1, control 2, end


def head_segments(face: Face) -> list[Segment]:
    """Right half of the head outline, from the top of the head down to the chin."""
    b = face.cheek_bulge
    drop = face.jaw_drop
    chin_y = CHIN_Y + drop
    right = CENTER_X + HEAD_HALF_WIDTH
    return [
        ((CENTER_X + 37, HEAD_TOP), (right, HEAD_TOP + 28), (right, TEMPLE_Y)),
        (
            (right + b * 0.6, TEMPLE_Y + 30 + b),
            (right - 6 + b, 160 + b * 0.5 + drop * 0.4),
            (CENTER_X + 36 + b * 0.6, 183 + b * 0.3 + drop * 0.7),
        ),
        ((CENTER_X + 24 + b * 0.6, 195 + drop), (CENTER_X + 12, chin_y), (CENTER_X, chin_y)),
    ]


def head_path(face: Face) -> str:
    """Outline of the head: a soft egg shape, built from its right half and mirrored."""
    segments = head_segments(face)
    d = [f"M{pt((CENTER_X, HEAD_TOP))}"]
    for c1, c2, end in segments:
        d.append(f"C{pt(c1)} {pt(c2)} {pt(end)}")
    # Left half, chin back up to the top: the same segments mirrored and reversed.
    starts: list[Point] = [(CENTER_X, HEAD_TOP)] + [seg[2] for seg in segments[:-1]]
    for (c1, c2, _end), start in zip(reversed(segments), reversed(starts), strict=True):
        d.append(f"C{pt(mirror(c2))} {pt(mirror(c1))} {pt(mirror(start))}")
    d.append("Z")
    return " ".join(d)


def head_edge_x(face: Face, y: float) -> float:
    """Where the right side of the head outline crosses the height ``y`` (sampled)."""
    best_x, best_dy = CENTER_X + HEAD_HALF_WIDTH, math.inf
    start: Point = (CENTER_X, HEAD_TOP)
    for c1, c2, end in head_segments(face):
        for i in range(201):
            t = i / 200
            u = 1 - t
            x = u**3 * start[0] + 3 * u * u * t * c1[0] + 3 * u * t * t * c2[0] + t**3 * end[0]
            py = u**3 * start[1] + 3 * u * u * t * c1[1] + 3 * u * t * t * c2[1] + t**3 * end[1]
            if abs(py - y) < best_dy:
                best_x, best_dy = x, abs(py - y)
        start = end
    return best_x


def ears(face: Face) -> list[str]:
    """Both ears, starting and ending on the head outline; they never move."""
    top_y, bottom_y = 109.0, 141.0
    top_x, bottom_x = head_edge_x(face, top_y), head_edge_x(face, bottom_y)
    x = CENTER_X + HEAD_HALF_WIDTH

    def ear(flip: bool) -> list[str]:
        outer = (
            f"M{pt(side((top_x, top_y), flip))} "
            f"C{pt(side((x + 6, 99), flip))} {pt(side((x + 14, 106), flip))} "
            f"{pt(side((x + 13, 120), flip))} "
            f"C{pt(side((x + 12, 134), flip))} {pt(side((x + 5, 142), flip))} "
            f"{pt(side((bottom_x, bottom_y), flip))}"
        )
        inner = curve(side((x + 3, 112), flip), side((x + 9, 116), flip), side((x + 4, 132), flip))
        return [
            stroke_path(outer, fill=FACE_FILL, fill_opacity=FACE_FILL_OPACITY),
            stroke_path(inner, width=DETAIL_WIDTH, opacity=0.75),
        ]

    return both_sides(ear)


def brows(face: Face) -> list[str]:
    lift = face.brow_raise
    arch = 5.0 + lift * 0.35

    def brow(flip: bool) -> list[str]:
        cx = CENTER_X - EYE_DX
        start = (cx - 14, BROW_Y + 2 - lift * 0.8)
        end = (cx + 13, BROW_Y + 1 - lift)
        control = (cx - 1, BROW_Y - arch - lift)
        return [stroke_path(curve(side(start, flip), side(control, flip), side(end, flip)))]

    return both_sides(brow)


def eyes(face: Face) -> list[str]:
    def eye(flip: bool) -> list[str]:
        cx = CENTER_X - EYE_DX
        w = EYE_HALF_WIDTH
        outer, inner = side((cx - w, EYE_Y), flip), side((cx + w, EYE_Y), flip)
        if face.eyes == "closed":
            # Lightly closed and relaxed: one soft downward curve, a few short lashes.
            lid = stroke_path(curve(outer, side((cx, EYE_Y + 8), flip), inner))
            lashes = [
                stroke_path(
                    curve(
                        side((x0, y0), flip),
                        side((x0 + dx * 0.4, y0 + 2), flip),
                        side((x0 + dx, y0 + 4), flip),
                    ),
                    width=1.8,
                    opacity=0.7,
                )
                for x0, y0, dx in (
                    (cx - 6, EYE_Y + 3.3, -1.5),
                    (cx, EYE_Y + 4.1, 0.0),
                    (cx + 6, EYE_Y + 3.3, 1.5),
                )
            ]
            return [lid, *lashes]
        almond = (
            f"M{pt(outer)} Q{pt(side((cx, EYE_Y - 10), flip))} {pt(inner)} "
            f"Q{pt(side((cx, EYE_Y + 8), flip))} {pt(outer)} Z"
        )
        icx, icy = side((cx + 0.5, EYE_Y - 0.5), flip)
        iris = (
            f'<circle cx="{num(icx)}" cy="{num(icy)}" r="4.6" fill="{LINE}" '
            f'fill-opacity="0.85" stroke="none"/>'
        )
        return [stroke_path(almond), iris]

    return both_sides(eye)


def nose(face: Face) -> list[str]:
    lift = 2.0 if face.nose_wrinkle else 0.0
    bridge = (
        f"M{pt((CENTER_X + 3, 124))} "
        f"C{pt((CENTER_X + 5, 134))} {pt((CENTER_X + 11, 140 - lift))} "
        f"{pt((CENTER_X + 8, 146 - lift))}"
    )
    base = curve(
        (CENTER_X + 8, 146 - lift), (CENTER_X + 2, 150 - lift), (CENTER_X - 7, 146.5 - lift)
    )
    parts = [stroke_path(bridge), stroke_path(base)]
    if face.nose_wrinkle:
        # Soft creases across the top of the bridge, between the eyes.
        for y, half in ((114.0, 5.0), (120.0, 6.0)):
            parts.append(
                stroke_path(
                    curve((CENTER_X - half, y + 1), (CENTER_X, y - 1.5), (CENTER_X + half, y + 1)),
                    width=DETAIL_WIDTH,
                    opacity=0.75,
                )
            )
    return parts


def mouth(face: Face) -> list[str]:
    y = MOUTH_Y + face.jaw_drop * 0.5
    kind = face.mouth
    if kind == "neutral":
        return [
            stroke_path(curve((CENTER_X - 15, y - 1), (CENTER_X, y + 4), (CENTER_X + 15, y - 1)))
        ]
    if kind == "soft-smile":
        return [
            stroke_path(curve((CENTER_X - 16, y - 2), (CENTER_X, y + 6), (CENTER_X + 16, y - 2)))
        ]
    if kind == "smile":
        return [
            stroke_path(curve((CENTER_X - 19, y - 5), (CENTER_X, y + 10), (CENTER_X + 19, y - 5)))
        ]
    if kind == "pressed":
        return [stroke_path(curve((CENTER_X - 10, y), (CENTER_X, y + 2), (CENTER_X + 10, y)))]
    if kind == "pucker":
        # Lips drawn softly into a small rounded bud: a gentle bow on top, a round lower lip.
        x = CENTER_X
        bud = (
            f"M{pt((x - 8, y))} Q{pt((x - 7, y - 6.5))} {pt((x - 2.5, y - 6.5))} "
            f"Q{pt((x, y - 5))} {pt((x + 2.5, y - 6.5))} "
            f"Q{pt((x + 7, y - 6.5))} {pt((x + 8, y))} "
            f"Q{pt((x + 7, y + 7.5))} {pt((x, y + 7.5))} "
            f"Q{pt((x - 7, y + 7.5))} {pt((x - 8, y))} Z"
        )
        parting = curve((x - 4.5, y + 0.5), (x, y + 2), (x + 4.5, y + 0.5))
        return [stroke_path(bud, fill=FACE_FILL), stroke_path(parting, width=DETAIL_WIDTH)]
    # "open": the jaw has dropped a little, lips softly apart.
    lips = (
        f"M{pt((CENTER_X - 13, y - 2))} Q{pt((CENTER_X, y - 6))} {pt((CENTER_X + 13, y - 2))} "
        f"Q{pt((CENTER_X, y + 13))} {pt((CENTER_X - 13, y - 2))} Z"
    )
    return [stroke_path(lips, fill=FACE_FILL)]


def draw_face(face: Face) -> list[str]:
    head = stroke_path(head_path(face), fill=FACE_FILL, fill_opacity=FACE_FILL_OPACITY)
    return [*ears(face), head, *brows(face), *eyes(face), *nose(face), *mouth(face)]


# --- The pictures -------------------------------------------------------------------------


Drawing = Callable[[Face], list[str]]


def nothing(face: Face) -> list[str]:
    del face
    return []


@dataclass(frozen=True)
class Picture:
    filename: str
    title: str
    face: Face
    cues: Drawing  # drawn over the face
    backdrop: Drawing = nothing  # drawn behind the face


def brow_lift_cues(face: Face) -> list[str]:
    del face

    def cue(flip: bool) -> list[str]:
        cx = CENTER_X - EYE_DX
        return arrow(side((cx - 1, 80), flip), side((cx - 4, 72), flip), side((cx - 1, 63), flip))

    lines = [
        motion((CENTER_X - 14, 66), (CENTER_X, 62), (CENTER_X + 14, 66), opacity=0.4),
        motion((CENTER_X - 10, 74), (CENTER_X, 71), (CENTER_X + 10, 74), opacity=0.3),
    ]
    return both_sides(cue) + lines


def soft_eye_close_cues(face: Face) -> list[str]:
    del face

    def cue(flip: bool) -> list[str]:
        cx = CENTER_X - EYE_DX
        w = EYE_HALF_WIDTH
        # Where the upper lid was, faintly, and a small arrow down to where it rests now.
        was_open = curve(
            side((cx - w + 1, EYE_Y - 1), flip),
            side((cx, EYE_Y - 10), flip),
            side((cx + w - 1, EYE_Y - 1), flip),
        )
        x = cx - w - 6
        return [
            stroke_path(was_open, colour=ACCENT, width=2.0, opacity=0.4),
            *arrow(side((x, 104), flip), side((x - 1.5, 109), flip), side((x, 114), flip), head=5),
        ]

    return both_sides(cue)


def cheek_puff_cues(face: Face) -> list[str]:
    y = 156.0
    edge = head_edge_x(face, y)

    def cue(flip: bool) -> list[str]:
        cx = CENTER_X - 35
        fullness = (
            f'<ellipse cx="{num(side((cx, y), flip)[0])}" cy="{num(y)}" rx="13" ry="11" '
            f'fill="{ACCENT}" fill-opacity="0.13" stroke="none"/>'
        )
        roundness = motion(
            side((cx - 9, y + 2), flip), side((cx - 8, y - 9), flip), side((cx + 3, y - 10), flip)
        )
        start, end = (edge + 6, y), (edge + 15, y - 1)
        control = (edge + 11, y - 2)
        return [
            fullness,
            roundness,
            *arrow(side(start, flip), side(control, flip), side(end, flip), head=5.5),
        ]

    return both_sides(cue)


def smile_release_cues(face: Face) -> list[str]:
    del face

    def cue(flip: bool) -> list[str]:
        return arrow(side((95, 172), flip), side((88, 168), flip), side((86, 159), flip), head=5.5)

    return both_sides(cue)


def lip_pucker_cues(face: Face) -> list[str]:
    del face

    def cue(flip: bool) -> list[str]:
        return arrow(side((86, 172), flip), side((94, 168), flip), side((101, 170), flip), head=5.5)

    return both_sides(cue)


def nose_wrinkle_cues(face: Face) -> list[str]:
    del face

    def cue(flip: bool) -> list[str]:
        return arrow(
            side((104, 152), flip), side((100, 146), flip), side((103, 139), flip), head=5.5
        )

    return both_sides(cue)


def jaw_release_cues(face: Face) -> list[str]:
    del face
    lines = [
        motion(
            side((CENTER_X - 34, 198), f),
            side((CENTER_X - 30, 205), f),
            side((CENTER_X - 22, 208), f),
        )
        for f in (False, True)
    ]
    return [*arrow((CENTER_X, 210), (CENTER_X + 1, 216), (CENTER_X, 222), head=6), *lines]


def ellipse_path(cx: float, cy: float, rx: float, ry: float) -> str:
    """Path data of a whole ellipse, as two half arcs."""
    left, right = f"{num(cx - rx)} {num(cy)}", f"{num(cx + rx)} {num(cy)}"
    return f"M{left} A{num(rx)} {num(ry)} 0 1 0 {right} A{num(rx)} {num(ry)} 0 1 0 {left} Z"


def soft_glow(face: Face) -> list[str]:
    """A faint glow around (never over) the head: soft rings, fainter further out."""
    hole = head_path(face)
    return [
        f'<path d="{ellipse_path(CENTER_X, 119, rx, rx + 14)} {hole}" fill="{ACCENT}" '
        f'fill-opacity="0.05" fill-rule="evenodd" stroke="none"/>'
        for rx in (96.0, 88.0, 80.0, 72.0)
    ]


PICTURES: Sequence[Picture] = (
    Picture(
        "brow-lift.svg",
        "Brow lift: eyebrows raised gently, forehead soft",
        replace(NEUTRAL, brow_raise=6.0),
        brow_lift_cues,
    ),
    Picture(
        "soft-eye-close.svg",
        "Soft eye close: eyelids lightly closed and relaxed, never squeezed",
        replace(NEUTRAL, eyes="closed"),
        soft_eye_close_cues,
    ),
    Picture(
        "cheek-puff.svg",
        "Cheek puff: lips closed, cheeks gently filled with air",
        replace(NEUTRAL, mouth="pressed", cheek_bulge=9.0),
        cheek_puff_cues,
    ),
    Picture(
        "smile-release.svg",
        "Smile release: a small, soft smile, then let it go",
        replace(NEUTRAL, mouth="smile"),
        smile_release_cues,
    ),
    Picture(
        "lip-pucker.svg",
        "Lip pucker: lips drawn gently forward into a small round shape",
        replace(NEUTRAL, mouth="pucker"),
        lip_pucker_cues,
    ),
    Picture(
        "nose-wrinkle.svg",
        "Nose wrinkle: the nose wrinkled lightly upwards",
        replace(NEUTRAL, nose_wrinkle=True),
        nose_wrinkle_cues,
    ),
    Picture(
        "jaw-release.svg",
        "Jaw release: the jaw loose and gently lowered, lips softly apart",
        replace(NEUTRAL, mouth="open", jaw_drop=4.0),
        jaw_release_cues,
    ),
    Picture(
        "relax-face.svg",
        "Relaxed face: a calm, neutral face at rest, eyes softly closed",
        replace(NEUTRAL, eyes="closed", mouth="soft-smile"),
        nothing,
        soft_glow,
    ),
)


def render(picture: Picture) -> str:
    """The whole SVG document of one picture."""
    face = picture.face
    body = picture.backdrop(face) + draw_face(face) + picture.cues(face)
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.1" width="{SIZE}" '
        f'height="{SIZE}" viewBox="0 0 {SIZE} {SIZE}">',
        f"  <title>{escape(picture.title)}</title>",
        *(f"  {element}" for element in body),
        "</svg>",
    ]
    return "\n".join(lines) + "\n"


def write_all(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for picture in PICTURES:
        target = out_dir / picture.filename
        target.write_text(render(picture), encoding="utf-8", newline="\n")
        written.append(target)
    return written


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(__file__).resolve().parent / "images",
        help="folder to write the SVG files into (default: the images folder beside this script)",
    )
    args = parser.parse_args(argv)
    out_dir: Path = args.out
    for path in write_all(out_dir):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
