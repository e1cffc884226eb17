"""Server-rendered SVG maps of where programmes work (Natural Earth shapes via world-atlas)."""
