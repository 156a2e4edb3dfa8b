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
    # The message after a revert, which the package writes as "<this> - <that>".
    gettext_noop('The %(name)s "%(obj)s" was changed successfully.'),
    gettext_noop("You may edit it again below"),
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
    # The same two words throughout: 取り込み for import, 書き出し for export, as the
    # history's reason 「ファイルから取り込み」 and the messages say.
    gettext_noop("File to import"),
    gettext_noop("Confirm import"),
    gettext_noop(
        "Below is a preview of data to be imported. "
        "If you are satisfied with the results, click 'Confirm import'"
    ),
    # Translators: django-import-export's message after a confirmed import
    gettext_noop("Import finished: {} new, {} updated, {} deleted and {} skipped {}."),
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
    gettext_noop("Username"),
]

# Django's own Japanese catalogue translates this validator's message as
# 「何か文字を入力してください。」 ("enter some characters"), which misleads anyone
# who pasted text holding a NUL; the project's catalogue says what is wrong.
DJANGO = [
    gettext_noop("Null characters are not allowed."),
    # The admin's titles, without the spaces Django's catalogue puts around a model's name
    # (「変更する 団体 を選択」).
    gettext_noop("Select %s to change"),
    gettext_noop("Add %s"),
    gettext_noop("Change %s"),
    gettext_noop("Add another %(verbose_name)s"),
    gettext_noop("0 of %(cnt)s selected"),
]

# Django's admin and auth screens, where its Japanese catalogue writes a space around a
# model's name or a number (「5 協議会」「過去 7 日間」), a half-width colon or bracket
# (「操作:」), “” for a record's name, or words of programmers (オブジェクト,
# パーミッション, ログエントリー). The project's catalogue writes them as a prefecture's
# own system would.
DJANGO_ADMIN = [
    # A form's label suffix: 「名称：」 on every admin form, ":" in English.
    gettext_noop(":"),
    gettext_noop("Welcome, <strong>%(name)s</strong>."),
    gettext_noop("Toggle theme (current theme: auto)"),
    gettext_noop("Toggle theme (current theme: light)"),
    gettext_noop("Toggle theme (current theme: dark)"),
    gettext_noop("Models in the %(name)s application"),
    gettext_noop("You don’t have permission to view or edit anything."),
    # The change list
    gettext_noop("Add %(name)s"),
    gettext_noop("Filter"),
    gettext_noop("All"),
    gettext_noop(" By %(filter_title)s "),
    gettext_noop("Clear all filters"),
    gettext_noop("Past 7 days"),
    gettext_noop("%(full_result_count)s total"),
    gettext_noop("Action:"),
    gettext_noop("Delete selected %(verbose_name_plural)s"),
    gettext_noop("Select all %(total_count)s %(module_name)s"),
    gettext_noop("Sorting priority: %(priority_number)s"),
    gettext_noop("Select all objects on this page for an action"),
    gettext_noop("Select this object for an action - {}"),
    ngettext_lazy("%(total_count)s selected", "All %(total_count)s selected", "total_count"),
    ngettext_lazy(
        "%(count)s %(name)s was changed successfully.",
        "%(count)s %(name)s were changed successfully.",
        "count",
    ),
    gettext_noop("Successfully deleted %(count)d %(items)s."),
    # The change form and its messages
    gettext_noop("Delete?"),
    gettext_noop("Date:"),
    gettext_noop("Time:"),
    gettext_noop("Currently:"),
    gettext_noop("Change:"),
    gettext_noop("Hold down “Control”, or “Command” on a Mac, to select more than one."),
    gettext_noop("Change selected %(model)s"),
    gettext_noop("Add another %(model)s"),
    gettext_noop("Delete selected %(model)s"),
    gettext_noop("View selected %(model)s"),
    gettext_noop("The {name} “{obj}” was added successfully."),
    gettext_noop("The {name} “{obj}” was added successfully. You may add another {name} below."),
    gettext_noop("The {name} “{obj}” was changed successfully."),
    gettext_noop("The {name} “{obj}” was changed successfully. You may add another {name} below."),
    gettext_noop("The {name} “{obj}” was changed successfully. You may edit it again below."),
    gettext_noop("The %(name)s “%(obj)s” was deleted successfully."),
    gettext_noop("%(name)s with ID “%(key)s” doesn’t exist. Perhaps it was deleted?"),
    # The delete confirmation
    gettext_noop("Summary"),
    gettext_noop("Objects"),
    gettext_noop("Delete multiple objects"),
    gettext_noop("Cannot delete %(name)s"),
    gettext_noop(
        'Are you sure you want to delete the %(object_name)s "%(escaped_object)s"? '
        "All of the following related items will be deleted:"
    ),
    gettext_noop(
        "Are you sure you want to delete the selected %(objects_name)s? "
        "All of the following objects and their related items will be deleted:"
    ),
    gettext_noop(
        "Deleting the %(object_name)s '%(escaped_object)s' would require deleting the "
        "following protected related objects:"
    ),
    gettext_noop(
        "Deleting the %(object_name)s '%(escaped_object)s' would result in deleting "
        "related objects, but your account doesn't have permission to delete the "
        "following types of objects:"
    ),
    gettext_noop(
        "Deleting the selected %(objects_name)s would require deleting the following "
        "protected related objects:"
    ),
    gettext_noop(
        "Deleting the selected %(objects_name)s would result in deleting related objects, "
        "but your account doesn't have permission to delete the following types of objects:"
    ),
    gettext_noop(
        "Deleting %(class_name)s %(instance)s would require deleting the following "
        "protected related objects: %(related_objects)s"
    ),
    # The login page and the models of the auth app
    gettext_noop(
        "You are authenticated as %(username)s, but are not authorized to access this page. "
        "Would you like to login to a different account?"
    ),
    gettext_noop("Server error (500)"),
    gettext_noop("This field is required."),
    gettext_noop("This field cannot be blank."),
    gettext_noop("This field cannot be null."),
    gettext_noop("“%(pk)s” is not a valid value."),
    gettext_noop("“%(value)s” value must be an integer."),
    ngettext_lazy(
        "Ensure this value has at least %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at least %(limit_value)d characters (it has %(show_value)d).",
        "limit_value",
    ),
    gettext_noop("None available"),
    gettext_noop("Error:"),
    gettext_noop(
        "Please enter the correct %(username)s and password for a staff account. "
        "Note that both fields may be case-sensitive."
    ),
    gettext_noop(
        "Please enter a correct %(username)s and password. "
        "Note that both fields may be case-sensitive."
    ),
    gettext_noop(
        "Please enter your old password, for security’s sake, and then enter your new "
        "password twice so we can verify you typed it in correctly."
    ),
    gettext_noop("Old password"),
    gettext_noop("Your old password was entered incorrectly. Please enter it again."),
    gettext_noop("Your password can’t be too similar to your other personal information."),
    gettext_noop("Your password was changed."),
    gettext_noop(
        "This object doesn’t have a change history. It probably wasn’t added via this admin site."
    ),
    gettext_noop("log entry"),
    gettext_noop("log entries"),
    gettext_noop("permission"),
    gettext_noop("permissions"),
    gettext_noop("Permissions"),
    gettext_noop("user permissions"),
    gettext_noop("Password confirmation"),
    gettext_noop("New password confirmation"),
    gettext_noop("Change password: %s"),
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        "count",
    ),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "min_length",
    ),
    gettext_noop("The password is too similar to the %(verbose_name)s."),
    # Form errors staff may meet
    gettext_noop("Ensure this value is greater than or equal to %(limit_value)s."),
    gettext_noop("Ensure this value is less than or equal to %(limit_value)s."),
    ngettext_lazy(
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
        "limit_value",
    ),
    gettext_noop("Select a valid choice. %(value)s is not one of the available choices."),
    gettext_noop("%(model_name)s with this %(field_label)s already exists."),
    gettext_noop("%(model_name)s with this %(field_labels)s already exists."),
    gettext_noop("Please correct the duplicate data for %(field)s, which must be unique."),
]

# django-simple-history's count under a record's history (「1 エントリー」); its template
# is the project's copy (templates/simple_history/object_history_list.html), which puts
# the number inside the message so that Japanese can write 「1件」.
SIMPLE_HISTORY_COUNT = [
    ngettext_lazy("%(counter)s entry", "%(counter)s entries", "counter"),
]
