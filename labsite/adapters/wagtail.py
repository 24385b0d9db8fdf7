"""Wagtail's hook registry: replacing another app's hook.

Wagtail offers ``hooks.register`` but no way to unregister; labsite answers
wagtail-localize's page-listing buttons in two queries for a whole listing
(``labsite.translation_buttons``) instead of its two to four per row, so its hook must go.
"""

from wagtail import hooks

#: The private names used here, checked by tests/labsite/test_adapters.py.
USES = ("wagtail.hooks._hooks",)


def replace_hook(hook_name: str, theirs, ours) -> bool:
    """Put ``ours`` where ``theirs`` is registered for ``hook_name``; False when ``theirs``
    is not registered (then nothing changes)."""
    registered = hooks._hooks.get(hook_name, [])
    found = [entry for entry in registered if entry[0] is theirs]
    for entry in found:
        registered.remove(entry)
    if found and not any(entry[0] is ours for entry in registered):
        hooks.register(hook_name, ours)
    return bool(found)
