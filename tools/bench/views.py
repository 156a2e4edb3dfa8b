from django.http import HttpResponse


def hello(request):
    """The ceiling: a view that does nothing, behind the portal's full middleware."""
    return HttpResponse("Hello, world", content_type="text/plain")
