"""Strings of third-party packages shown on Japanese screens, so that the project's catalog
translates them.

django-simple-history, django-filter and django-axes ship no Japanese translation, and
django-import-export leaves its import and export pages half in English (and says
"import" for its export page). Listing their message ids here puts them in
locale/ja/LC_MESSAGES/django.po (makemessages reads this file; nothing imports
it), and Django prefers the project's catalog to the packages'.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

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

# django-filter: the sort menu of every public list.
DJANGO_FILTER = [
    gettext_noop("%s (descending)"),
]

# django-import-export: the admin's import and export pages and their messages.
IMPORT_EXPORT = [
    # Translators: django-import-export's message after a confirmed import
    gettext_noop("Import finished: {} new, {} updated, {} deleted and {} skipped {}."),
    gettext_noop("This exporter will export the following fields: "),
    gettext_noop("This importer will import the following fields: "),
    gettext_noop("Select all"),
    gettext_noop("Some rows failed to validate"),
    gettext_noop(
        "Please correct these errors in your data where possible, "
        "then reupload it using the form above."
    ),
    gettext_noop("Row"),
    gettext_noop("Non field specific"),
    gettext_noop("Format"),
    gettext_noop("Skipped"),
    gettext_noop("Resource"),
    gettext_noop("Export selected %(verbose_name_plural)s"),
    gettext_noop(
        "%(exc_name)s encountered while trying to read file. "
        "Ensure you have chosen the correct format for the file."
    ),
    gettext_noop(
        "No valid data to import. Ensure your file has the correct headers or data for import."
    ),
    gettext_noop("export failed due to IllegalCharacterError"),
    gettext_noop('Select at least 1 field for "%(resource_name)s" to export'),
    gettext_noop(
        "The following fields are declared in 'import_id_fields' "
        "but are not present in the file headers: %s"
    ),
    gettext_noop("Value could not be parsed."),
    ngettext_lazy("Export %(len)s selected item.", "Export %(len)s selected items.", "len"),
]

# django-axes: the lockout's records in the admin.
AXES = [
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
    gettext_noop("access attempt expiration"),
    gettext_noop("access attempt expirations"),
    gettext_noop("Access Attempt"),
    gettext_noop("Access lock out"),
    gettext_noop("Attempt Remaining"),
    gettext_noop("Attempt Time"),
    gettext_noop("Clean up expired attempts"),
    gettext_noop("Expires At"),
    gettext_noop("Failed Logins"),
    gettext_noop("Form Data"),
    gettext_noop("GET Data"),
    gettext_noop("POST Data"),
    gettext_noop("HTTP Accept"),
    gettext_noop("IP Address"),
    gettext_noop("Locked Out"),
    gettext_noop("Logout Time"),
    gettext_noop("Meta Data"),
    gettext_noop("Path"),
    gettext_noop("Session key hash (sha256)"),
    gettext_noop("The time when access attempt expires and is no longer valid."),
    gettext_noop("User Agent"),
]

# Django's own Japanese catalogue translates this validator's message as
# 「何か文字を入力してください。」 ("enter some characters"), which misleads anyone
# who pasted text holding a NUL; the project's catalogue says what is wrong.
DJANGO = [
    gettext_noop("Null characters are not allowed."),
]
