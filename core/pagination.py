"""One rule for every list: 50 rows a page, filters kept, bad page numbers handled on purpose."""

from django.core.paginator import Paginator
from django.http import Http404
from django.utils.translation import gettext as _

PAGE_SIZE = 50


def paginate(query, rows, *, per_page=PAGE_SIZE):
    """(page, message) for `rows` at the `page` parameter of `query` (request.GET, say).

    A page number that is not a positive whole number (0, -1, "abc") shows the
    first page with a message saying so; a page past the end is a 404, because
    that page does not exist.
    """
    paginator = Paginator(rows, per_page)
    raw = query.get("page", "")
    message = ""
    try:
        number = int(raw) if raw else 1
    except ValueError:
        number = 0
    if number < 1:
        message = _("“%(page)s” is not a page number; showing the first page.") % {"page": raw[:20]}
        number = 1
    if number > paginator.num_pages:
        raise Http404(_("There is no page %(page)s of this list.") % {"page": number})
    return paginator.page(number), message
