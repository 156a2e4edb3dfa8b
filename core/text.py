"""Text the database can keep and people can read: no NUL and no other control characters.

PostgreSQL refuses NUL in text outright, so a NUL stored through SQLite would
make a backup impossible to restore there; the other C0 controls (and DEL) are
invisible in the portal and break CSV and XLSX files. Tabs and line breaks are
ordinary text and stay allowed.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def has_control_characters(value):
    return isinstance(value, str) and CONTROL_CHARACTERS.search(value) is not None


@deconstructible
class NoControlCharactersValidator:
    message = _("Remove the control characters (such as NUL) from this text.")
    code = "control_characters"

    def __call__(self, value):
        if has_control_characters(value):
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other):
        return isinstance(other, NoControlCharactersValidator)
