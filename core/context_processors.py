from dataclasses import dataclass

from django.utils.functional import SimpleLazyObject

from .sources import cited_documents

# How many documents the footer names before it only counts the rest.
FOOTER_DOCUMENTS = 5


@dataclass(frozen=True)
class RegistrySources:
    """The documents the registry cites: those the footer names, and how many more."""

    documents: list

    @property
    def count(self):
        return len(self.documents)

    @property
    def shown(self):
        return self.documents[:FOOTER_DOCUMENTS]

    @property
    def more(self):
        return max(self.count - FOOTER_DOCUMENTS, 0)


def registry_sources(request):
    """The documents the registry cites, for the footer of every page.

    Lazy: only a page that shows the footer runs the query (one), and the page
    cache keeps the result with the page until a registry record changes.
    """
    return {"registry_sources": SimpleLazyObject(lambda: RegistrySources(cited_documents()))}
