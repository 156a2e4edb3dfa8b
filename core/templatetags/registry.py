"""Formatting that Django has no equivalent for: Japanese era dates, yen, punctuation
that differs by language, and bilingual values.

Every date a page shows goes through `|era`, so Japanese pages have one style
(令和5（2023）年8月10日); counts go through humanize's `|intcomma`.
"""

import datetime
import re

from django import template
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.timezone import is_aware, localtime
from django.utils.translation import gettext

from core.japanese_dates import fiscal_year_of, koyo_date, koyo_fiscal_year
from core.japanese_numbers import yen_text
from core.models import localized, shows_english

register = template.Library()


@register.filter
def era(value, style="date"):
    """Dates and fiscal years in one style per language.

    Japanese pages write them as 公用文 does, the era first and the Western year in
    brackets: `{{ day|era }}` 令和5（2023）年8月10日, `{{ day|era:"weekday" }}` adds
    （木） (an event's day, as the document prints it), `{{ moment|era:"datetime" }}` adds the
    local time, 令和6（2024）年3月8日 14:05 (history and 最近の更新),
    `{{ year_or_day|era:"fiscal_year" }}` 令和6（2024）年度. English pages: 10 August 2023,
    Thursday 10 August 2023, 8 March 2024 14:05, FY2024.
    """
    if style == "fiscal_year":
        if isinstance(value, datetime.date):
            value = fiscal_year_of(value)
        if value in (None, ""):
            return ""
        year = int(value)
        return f"FY{year}" if shows_english() else koyo_fiscal_year(year)
    if isinstance(value, datetime.datetime):
        value = localtime(value) if is_aware(value) else value
        if style == "datetime":
            return f"{era(value)} {value:%H:%M}"
        value = value.date()
    if not isinstance(value, datetime.date):
        return ""
    weekday = style == "weekday"
    if shows_english():
        return date_format(value, "l j F Y" if weekday else "DATE_FORMAT")
    return koyo_date(value, weekday=weekday)


@register.filter
def yen(value):
    """An amount once, as the document prints it: 3,000万円, 1億5,000万円, 2,500円 on
    Japanese pages; ¥30,000,000 on English ones. The exact integer is in the CSV and JSON."""
    if value in (None, ""):
        return ""
    return yen_text(value, english=shows_english())


# Punctuation that differs by language. Japanese text takes full-width brackets, colons
# and 読点 with no space around them; English text its own marks with spaces. Templates
# are shared by both languages, so they ask for the mark instead of writing it.
_MARKS = {
    "colon": ("：", ": "),
    "comma": ("、", ", "),
    "range": ("～", " – "),
    "slash": ("／", " / "),
    "space": ("", " "),
}


@register.simple_tag
def mark(name):
    """{% mark "colon" %}: 「：」 on Japanese pages, ": " on English ones; also "comma",
    "range" and "slash"."""
    japanese, english = _MARKS[name]
    return english if shows_english() else japanese


@register.filter
def post_after_organisation(role):
    """A role's post as written straight after its organisation, as Japanese does: 山口県
    + 知事 is 山口県知事, 岡山県産業振興課 + 課長 is 岡山県産業振興課長 (the shared 課 once)."""
    title = role.title or ""
    organisation = role.organisation.name if role.organisation_id else ""
    if organisation and title and organisation[-1] == title[0]:
        return title[1:]
    return title


@register.filter
def chosen_label(bound_field):
    """The label of a choice field's current value: 「設立日（降順）」 for a sort order that
    the form holds as ["-founded_on"], never the code itself."""
    value = bound_field.value()
    chosen = {str(item) for item in (value if isinstance(value, list | tuple) else [value])}
    labels = [str(label) for code, label in bound_field.field.widget.choices if str(code) in chosen]
    return gettext(", ").join(labels)


@register.filter
def ranged(value):
    """「3～146」 for a range printed as 3–146 or 3-146, on Japanese pages (公用文's range
    mark); English pages keep the en dash."""
    if value in (None, ""):
        return ""
    return _RANGE_DASH.sub("–" if shows_english() else "～", str(value))


_RANGE_DASH = re.compile(r"(?<=\d)\s*[-–—〜~]\s*(?=\d)")


@register.tag
def brackets(parser, token):
    """{% brackets %}…{% endbrackets %}: 「（…）」 on Japanese pages, " (…)" on English
    ones. Nothing at all when the content is empty.

    `{% brackets after=record %}` names the text the brackets follow: when it already ends
    in a bracket (民間による…の創設（官民連携）), Japanese puts a full-width space instead of
    a second pair straight after the first, as the filters do beside a count.
    """
    bits = token.split_contents()[1:]
    after = None
    for bit in bits:
        name, _, value = bit.partition("=")
        if name != "after" or not value:
            raise template.TemplateSyntaxError("{% brackets %} takes only after=…")
        after = parser.compile_filter(value)
    nodelist = parser.parse(("endbrackets",))
    parser.delete_first_token()
    return BracketsNode(nodelist, after)


class BracketsNode(template.Node):
    def __init__(self, nodelist, after=None):
        self.nodelist = nodelist
        self.after = after

    def render(self, context):
        content = self.nodelist.render(context).strip()
        if not content:
            return ""
        if shows_english():
            return mark_safe(f" ({content})")
        if self.after is not None and str(self.after.resolve(context)).endswith(("）", ")")):
            return mark_safe(f"\u3000{content}")
        return mark_safe(f"（{content}）")


def japanese_text(value):
    """Data that exists only in Japanese, marked as such on English pages."""
    if value in (None, ""):
        return ""
    if shows_english():
        return format_html('<span lang="ja">{}</span>', value)
    return format_html("{}", value)


@register.simple_tag
def bi(record, field="name"):
    """A record's `field` in the page's language: `<field>_en` on English pages where there
    is one, otherwise the Japanese value, marked `lang="ja"` on English pages."""
    if record is None:
        return ""
    value = localized(record, field)
    if shows_english() and value and value == getattr(record, f"{field}_en", ""):
        return format_html("{}", value)
    return japanese_text(value)


@register.simple_tag
def ja(value):
    """A value the document gives only in Japanese (a venue, a title as printed)."""
    return japanese_text(value)


@register.simple_tag
def cite_title(record, field="title"):
    """A source's title in quotation marks: 「…」 for Japanese, “…” for English; on English
    pages a title with no English form stays Japanese, marked `lang="ja"`."""
    if record is None:
        return ""
    value = localized(record, field)
    if not value:
        return ""
    if shows_english() and value == getattr(record, f"{field}_en", ""):
        return format_html("“{}”", value)
    if shows_english():
        return format_html('<span lang="ja">「{}」</span>', value)
    return format_html("「{}」", value)
