"""Sources become records of any kind (documents, web pages, press releases, reports,
confirmations), with the slide deck one document and each slide a part of it."""

import django.db.models.deletion
from django.db import migrations, models


def slides_into_parts(apps, schema_editor):
    """One document per former `document` value; each slide becomes a part of it."""
    Source = apps.get_model("core", "Source")
    decks = {}
    for slide in Source.objects.order_by("pk").filter(part_of__isnull=True).exclude(document=""):
        deck = decks.get(slide.document)
        if deck is None:
            deck = Source.objects.create(kind="document", title=slide.document)
            decks[slide.document] = deck
        slide.part_of = deck
        slide.kind = "document"
        slide.locator = f"スライド{slide.position}"
        slide.locator_en = f"Slide {slide.position}"
        slide.save()


def parts_into_slides(apps, schema_editor):
    """Back to one row per slide: each part names its document, documents with parts go."""
    Source = apps.get_model("core", "Source")
    decks = set(Source.objects.order_by().filter(parts__isnull=False).values_list("pk", flat=True))
    for source in Source.objects.order_by("pk").select_related("part_of"):
        if source.pk in decks:
            continue
        source.document = source.part_of.title if source.part_of_id else source.title
        source.part_of = None
        source.position = source.position or 0
        source.save()
    Source.objects.order_by().filter(pk__in=decks).delete()


SOURCE_FIELDS = [
    (
        "kind",
        models.CharField(
            choices=[
                ("document", "Document"),
                ("web_page", "Web page"),
                ("press_release", "Press release"),
                ("council_report", "Council report"),
                ("confirmation", "Confirmation with the body concerned"),
            ],
            default="web_page",
            max_length=20,
            verbose_name="kind of source",
        ),
    ),
    (
        "publisher",
        models.CharField(
            blank=True,
            help_text="Who published it. Leave empty if the source does not say.",
            max_length=200,
            verbose_name="publisher",
        ),
    ),
    (
        "publisher_en",
        models.CharField(blank=True, max_length=200, verbose_name="publisher (English)"),
    ),
    ("published_on", models.DateField(blank=True, null=True, verbose_name="date published")),
    (
        "checked_on",
        models.DateField(
            blank=True,
            help_text="When the registry's editors last read it (for a web page, for example).",
            null=True,
            verbose_name="date checked",
        ),
    ),
    ("url", models.URLField(blank=True, max_length=500, verbose_name="URL")),
    (
        "locator",
        models.CharField(
            blank=True,
            help_text="Where in the source the facts are, for example スライド3, 5ページ or 第2節.",
            max_length=100,
            verbose_name="location in the source",
        ),
    ),
    (
        "locator_en",
        models.CharField(
            blank=True, max_length=100, verbose_name="location in the source (English)"
        ),
    ),
    (
        "printed_text",
        models.TextField(
            blank=True,
            help_text="The text as printed, shown as a quotation.",
            verbose_name="printed text",
        ),
    ),
]


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="source", name="source_unique_slide"),
        # An ordering every intermediate state has, so that the data step can query.
        migrations.AlterModelOptions(
            name="source",
            options={
                "ordering": ["pk"],
                "verbose_name": "source",
                "verbose_name_plural": "sources",
            },
        ),
        *(
            operation
            for model in ("source", "historicalsource")
            for operation in (
                migrations.RenameField(model_name=model, old_name="heading", new_name="title"),
                migrations.RenameField(
                    model_name=model, old_name="heading_en", new_name="title_en"
                ),
                migrations.RenameField(model_name=model, old_name="slide", new_name="position"),
                migrations.AlterField(
                    model_name=model,
                    name="position",
                    field=models.PositiveSmallIntegerField(
                        blank=True,
                        help_text="Order in the document.",
                        null=True,
                        verbose_name="order",
                    ),
                ),
                migrations.AlterField(
                    model_name=model,
                    name="document",
                    field=models.CharField(blank=True, max_length=200, verbose_name="document"),
                ),
                *(
                    migrations.AddField(model_name=model, name=name, field=field.clone())
                    for name, field in SOURCE_FIELDS
                ),
            )
        ),
        migrations.AddField(
            model_name="source",
            name="part_of",
            field=models.ForeignKey(
                blank=True,
                help_text="The document this is a part of (for a slide, the slide deck).",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="parts",
                to="core.source",
                verbose_name="part of",
            ),
        ),
        migrations.AddField(
            model_name="historicalsource",
            name="part_of",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="The document this is a part of (for a slide, the slide deck).",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="core.source",
                verbose_name="part of",
            ),
        ),
        migrations.RunPython(slides_into_parts, parts_into_slides),
        migrations.RemoveField(model_name="source", name="document"),
        migrations.RemoveField(model_name="historicalsource", name="document"),
        migrations.AlterModelOptions(
            name="source",
            options={
                "ordering": ["part_of__title", "position", "title", "pk"],
                "verbose_name": "source",
                "verbose_name_plural": "sources",
            },
        ),
        migrations.AlterField(
            model_name="historicalsource",
            name="lines",
            field=models.CharField(
                blank=True,
                help_text="Internal only: the line range in the document's text file.",
                max_length=20,
                verbose_name="lines in the text file",
            ),
        ),
        migrations.AlterField(
            model_name="historicalsource",
            name="title",
            field=models.CharField(
                help_text="As the source gives it. For a slide, its heading.",
                max_length=300,
                verbose_name="source title",
            ),
        ),
        migrations.AlterField(
            model_name="historicalsource",
            name="title_en",
            field=models.CharField(
                blank=True, max_length=300, verbose_name="source title (English)"
            ),
        ),
        migrations.AlterField(
            model_name="source",
            name="lines",
            field=models.CharField(
                blank=True,
                help_text="Internal only: the line range in the document's text file.",
                max_length=20,
                verbose_name="lines in the text file",
            ),
        ),
        migrations.AlterField(
            model_name="source",
            name="title",
            field=models.CharField(
                help_text="As the source gives it. For a slide, its heading.",
                max_length=300,
                verbose_name="source title",
            ),
        ),
        migrations.AlterField(
            model_name="source",
            name="title_en",
            field=models.CharField(
                blank=True, max_length=300, verbose_name="source title (English)"
            ),
        ),
        migrations.AddConstraint(
            model_name="source",
            constraint=models.UniqueConstraint(
                condition=models.Q(("part_of__isnull", False)),
                fields=("part_of", "locator"),
                name="source_unique_part_locator",
                violation_error_message="This document already has a part at this location.",
            ),
        ),
        migrations.AddConstraint(
            model_name="source",
            constraint=models.UniqueConstraint(
                condition=models.Q(("part_of__isnull", True)),
                fields=("title", "locator"),
                name="source_unique_document",
                violation_error_message="A source with this title and location is already registered. Choose it instead of adding it again.",
            ),
        ),
    ]
