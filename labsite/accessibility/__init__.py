"""The accessibility statement (the EU model statement as a page type, its feedback form and
footer link) and the extra rules of Wagtail's content checker."""
