"""The kommun's digital anslagstavla: the notices of justerade protokoll, while they are up."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_GET

from namnd import appeal
from namnd import selectors as namnd_selectors

PAGE_SIZE = 20


@require_GET
def anslagstavla(request):
    page = Paginator(namnd_selectors.anslagstavla(), PAGE_SIZE).get_page(request.GET.get("sida"))
    notices = [
        {
            "anslag": anslag,
            "meeting": anslag.sammantrade,
            "justerad_on": (anslag.paragraf or anslag.sammantrade).justerad_on,
            "appeal_last_day": appeal.appeal_last_day(anslag.posted_on),
        }
        for anslag in page.object_list
    ]
    return render(request, "public/anslagstavla.html", {"page": page, "notices": notices})
