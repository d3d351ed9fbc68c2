"""The exercise illustrations in assets/images: safe, simple SVG that the app can show.

No Qt here: every file is parsed with the standard library's XML parser. The rendering
check lives in tests/ui/test_images_render.py.
"""

from __future__ import annotations

import importlib.util
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
IMAGES = ROOT / "assets" / "images"
GENERATOR = ROOT / "assets" / "generate_images.py"
SVG_NS = "{http://www.w3.org/2000/svg}"

EXPECTED = (
    "brow-lift.svg",
    "soft-eye-close.svg",
    "cheek-puff.svg",
    "smile-release.svg",
    "lip-pucker.svg",
    "nose-wrinkle.svg",
    "jaw-release.svg",
    "relax-face.svg",
)

# Elements that QSvgRenderer (SVG Tiny 1.2) may not draw, or that could run or fetch things.
FORBIDDEN = {
    "script",
    "style",
    "foreignObject",
    "filter",
    "mask",
    "clipPath",
    "marker",
    "image",
    "use",
    "text",
    "a",
    "iframe",
}
WHITE = {"white", "#fff", "#ffffff", "rgb(255,255,255)"}


def local(name: str) -> str:
    """The name without its XML namespace."""
    return name.rsplit("}", 1)[-1]


def parse(name: str) -> ET.Element:
    return ET.parse(IMAGES / name).getroot()


def load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("facewell_generate_images", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while building
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[spec.name]
    return module


def test_every_expected_picture_exists() -> None:
    present = {path.name for path in IMAGES.glob("*.svg")}
    assert set(EXPECTED) <= present


@pytest.mark.parametrize("name", EXPECTED)
def test_root_is_svg_with_the_shared_view_box(name: str) -> None:
    root = parse(name)
    assert root.tag == f"{SVG_NS}svg"
    assert root.get("viewBox") == "0 0 240 240"


@pytest.mark.parametrize("name", EXPECTED)
def test_has_a_descriptive_title(name: str) -> None:
    root = parse(name)
    title = root.find(f"{SVG_NS}title")
    assert title is not None
    assert title.text is not None and len(title.text.strip()) > 10


@pytest.mark.parametrize("name", EXPECTED)
def test_no_scripts_styles_or_unsupported_elements(name: str) -> None:
    used = {local(element.tag) for element in parse(name).iter()}
    assert not used & FORBIDDEN


@pytest.mark.parametrize("name", EXPECTED)
def test_no_external_references(name: str) -> None:
    for element in parse(name).iter():
        for attribute, value in element.attrib.items():
            assert local(attribute) != "href", f"{element.tag} has {attribute}={value!r}"
            assert not attribute.startswith("on"), f"event handler {attribute} on {element.tag}"
            assert "url(" not in value, f"{element.tag} {attribute}={value!r}"
    text = (IMAGES / name).read_text(encoding="utf-8")
    assert not re.search(r"(?i)\b(?:https?|file|data|javascript):", text.replace(SVG_NS[1:-1], ""))


@pytest.mark.parametrize("name", EXPECTED)
def test_background_is_transparent(name: str) -> None:
    """No full-size background rectangle, white or otherwise: the app's dark UI shows through."""
    for element in parse(name).iter():
        if local(element.tag) != "rect":
            continue
        width, height = element.get("width", "0"), element.get("height", "0")
        full = width in ("100%", "240") and height in ("100%", "240")
        fill = element.get("fill", "black").replace(" ", "").lower()
        assert not (full and fill != "none"), "full-size background rect"
        assert not (full and fill in WHITE), "white background rect"


@pytest.mark.parametrize("name", EXPECTED)
def test_colours_are_soft(name: str) -> None:
    """Light-sensitive eyes: no pure white anywhere."""
    for element in parse(name).iter():
        for attribute in ("fill", "stroke"):
            value = element.get(attribute, "").replace(" ", "").lower()
            assert value not in WHITE, f"{element.tag} {attribute}={value}"


def test_files_match_the_generator() -> None:
    """The pictures are up to date with assets/generate_images.py (run it after changes)."""
    generator = load_generator()
    pictures = generator.PICTURES
    assert [picture.filename for picture in pictures] == list(EXPECTED)
    for picture in pictures:
        on_disk = (IMAGES / picture.filename).read_text(encoding="utf-8")
        assert generator.render(picture) == on_disk, f"{picture.filename} is stale"


def test_generator_is_deterministic(tmp_path: Path) -> None:
    generator = load_generator()
    first, second = tmp_path / "a", tmp_path / "b"
    assert generator.main(["--out", str(first)]) == 0
    assert generator.main(["--out", str(second)]) == 0
    for name in EXPECTED:
        assert (first / name).read_bytes() == (second / name).read_bytes()
