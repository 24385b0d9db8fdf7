"""Moving in: a group's existing website (al-folio, academicpages, Hugo Blox, the Greene Lab
template or hand-written markdown) read into a plan, previewed, then imported as labsite pages.

``files`` reads a folder or an uploaded zip, ``readers`` turn each kind of site into a
``plan.Plan``, ``markup`` turns markdown with Liquid or Hugo shortcodes into StreamField blocks,
``apply`` creates what the plan shows, and nothing else.
"""
