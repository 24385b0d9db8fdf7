"""Renditions are made before any visitor asks for them.

Templates name a *slot* (``{% slot_picture page.image "card" %}``), not a list of sizes: the
slot's sizes and formats live in ``slots.py``, which the template tag and the preparer both
read, so what is prepared is exactly what pages ask for. When a page is published (or an
image it shows is changed, or the site logo), a background task makes every rendition of the
slots its images fill (``prepare.py``).
"""
