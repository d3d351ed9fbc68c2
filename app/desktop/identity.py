"""Facewell's one application id, and the names derived from it. No Qt here.

The id is reverse-DNS (freedesktop Desktop Entry and AppStream both want one) and never
changes: the launcher, the metainfo, the icon, the autostart entry, the notifications'
``desktop-entry`` hint, Wayland's app id (QGuiApplication.setDesktopFileName) and the
single-instance socket are all named after it. docs/desktop.md says why this one.
"""

from __future__ import annotations

APP_ID = "io.github.facewell.Facewell"
DESKTOP_FILE = f"{APP_ID}.desktop"
METAINFO_FILE = f"{APP_ID}.metainfo.xml"
ICON_NAME = APP_ID
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
"""The PNG sizes shipped beside the scalable SVG (hicolor/NxN/apps)."""
