"""What the admin tests share: URLs of admin pages and the data of a filled-in form."""

import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse


def admin_url(model, page, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{page}", args=args)


def count_queries(client, url):
    """The queries of a second request for the admin page at `url`.

    The first is not counted: it may write the session, and it reads the content
    types again when an earlier test in this process has emptied Django's cache of
    them (a transactional test does)."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def form_data(response):
    """What the browser would send back if the admin form on `response` were submitted as is."""
    forms = [response.context["adminform"].form]
    for inline in response.context.get("inline_admin_formsets", []):
        forms.append(inline.formset.management_form)
        forms.extend(inline.formset)
    data = {}
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is None or value is False:
                continue
            data[form.add_prefix(name)] = value
    return data


CSV, XLSX = "0", "1"  # positions of the formats offered on the import and export pages


def upload(client, model, content, name="import.csv", file_format=CSV, **headers):
    """Send a file to the import page; the answer is its preview (nothing is saved yet)."""
    data = {
        "format": file_format,
        "resource": "0",
        "import_file": SimpleUploadedFile(name, content),
    }
    return client.post(admin_url(model, "import"), data, **headers)


def confirm(client, model, preview):
    """Press "Confirm import" on a preview."""
    return client.post(admin_url(model, "process_import"), preview.context["confirm_form"].initial)


def export(client, model, file_format=CSV):
    """Export every column of every record, the way the export page offers by default."""
    form = client.get(admin_url(model, "export")).context["form"]
    data = {name: field.initial for name, field in form.fields.items() if field.initial}
    data["format"] = file_format
    return client.post(admin_url(model, "export"), data)


def xlsx_bytes(rows):
    """An Excel workbook of one sheet holding `rows` (the first is the header), as bytes."""
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    content = io.BytesIO()
    workbook.save(content)
    return content.getvalue()


def add_snapshot_inline(client, council, *, as_of="2025-04-01", total="60"):
    """Add a membership count through the council's form, in its snapshot inline."""
    url = reverse("admin:councils_council_change", args=[council.pk])
    data = form_data(client.get(url))
    row = int(data["snapshots-TOTAL_FORMS"])
    data["snapshots-TOTAL_FORMS"] = str(row + 1)
    data |= {
        f"snapshots-{row}-as_of": as_of,
        f"snapshots-{row}-total": total,
        f"snapshots-{row}-source": council.source_id,
    }
    return client.post(url, data)
