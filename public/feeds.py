"""Atom feed of partnerships newly published in the public register."""

from django.contrib.syndication.views import Feed
from django.urls import reverse_lazy
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from core.text import clean_line, clean_text

from . import register
from .views import register_url_for

FEED_SIZE = 20


class NewPartnershipsFeed(Feed):
    feed_type = Atom1Feed
    title = _("Nya idéburna offentliga partnerskap")
    subtitle = _("Partnerskap som förvaltningarna har publicerat i det öppna registret.")
    link = reverse_lazy("public:register")

    def items(self):
        return register.register_newest(FEED_SIZE)

    def item_title(self, item):
        # Cleaned again: XML 1.0 has no place for control characters a stored value might hold.
        return clean_line(f"{item['title']} – {item['organisation']}")

    def item_description(self, item):
        # Atom's summary is typed "html": escape so that markup in the text stays text.
        lines = [
            item["summary"],
            _("Förvaltning: %(name)s") % {"name": item["forvaltning"]},
            _("Avtalstid: %(start)s – %(end)s")
            % {"start": item["term_start"], "end": item["term_end"]},
        ]
        return escape(clean_text("\n".join(str(line) for line in lines if line)))

    def item_link(self, item):
        return register_url_for(item["id"])

    def item_pubdate(self, item):
        return item["created_at"]

    def item_updateddate(self, item):
        return item["created_at"]
