"""Strings of the admin's history pages, so that the project's catalog translates them.

django-simple-history ships no Japanese translation, and the history pages are
where staff see and undo mistakes. Listing its message ids here puts them in
locale/ja/LC_MESSAGES/django.po (makemessages reads this file; nothing imports
it), and Django prefers the project's catalog to the package's.
"""

from django.utils.translation import gettext_noop

SIMPLE_HISTORY = [
    gettext_noop("View history: %s"),
    gettext_noop("Revert %s"),
    gettext_noop("Created"),
    gettext_noop("Changed"),
    gettext_noop("Deleted"),
    gettext_noop("Deleted %(type_name)s"),
    gettext_noop(
        "Choose a date from the list below to revert to a previous version of this object."
    ),
    gettext_noop("This object doesn't have a change history."),
    gettext_noop("Press the 'Revert' button below to revert to this version of the object."),
    gettext_noop("Revert %(verbose_name)s"),
    gettext_noop("View %(verbose_name)s"),
    gettext_noop("Object"),
    gettext_noop("Comment"),
    gettext_noop("Changed by"),
    gettext_noop("Change reason"),
    gettext_noop("Changes"),
    gettext_noop("None"),
    gettext_noop("Revert"),
]
