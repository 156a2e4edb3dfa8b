"""The public pages of the sources: every document the registry cites, and each source
(a slide of the deck, a web page, a report) with where it is and what it prints."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from .models import Source
from .sources import cited_documents, citing_records


@require_safe
def source_list(request):
    documents = cited_documents()
    parts = Source.objects.filter(part_of__in=documents).order_by("position", "locator", "pk")
    by_document = {document.pk: [] for document in documents}
    for part in parts:
        by_document[part.part_of_id].append(part)
    context = {"documents": [(document, by_document[document.pk]) for document in documents]}
    return render(request, "core/source_list.html", context)


@require_safe
def source_detail(request, pk):
    source = get_object_or_404(Source.objects.for_display(), pk=pk)
    parts = list(source.parts.order_by("position", "locator", "pk"))
    siblings = []
    if source.part_of_id:
        siblings = list(
            source.part_of.parts.order_by("position", "locator", "pk").only(
                "pk", "position", "locator", "locator_en", "title", "title_en", "part_of"
            )
        )
    context = {
        "source": source,
        "parts": parts,
        "siblings": siblings,
        "citing": citing_records(source),
    }
    return render(request, "core/source_detail.html", context)
