from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods

from bemanna.accounts import access
from bemanna.analysis import charts
from bemanna.answering import web as answering
from bemanna.exits import services
from bemanna.exits.forms import ExitAnswerForm
from bemanna.exits.models import ExitInvitation, ExitSurveyConfig
from bemanna.exits.results import ExitReport, complete_blocks
from bemanna.report import Chart, Column, figure_html, series_table

# The way in to an exit answer (bemanna.answering), as for the pulse.
DOOR = answering.Door(
    code_page="exits:code",
    answer_page="exits:answer",
    cookie="bemanna_avgang",
    refused_template="exits/refused.html",
)


def _find(code: str) -> ExitInvitation:
    return services.find(code, timezone.localdate())


@never_cache
@sensitive_post_parameters("code")  # an error report never shows it
@require_http_methods(["GET", "POST"])
def enter_code(request):
    """The e-mailed link (its code after '#'), or the code typed from the e-mail."""
    return answering.code_page(request, DOOR, _find, "exits/code.html")


@never_cache
@require_http_methods(["GET", "POST"])
def answer(request):
    invitation = answering.invitation(request, DOOR, _find)
    if isinstance(invitation, HttpResponse):
        return invitation
    language = (get_language() or "sv")[:2]
    form = ExitAnswerForm(request.POST or None, language=language)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.submit(
                invitation.pk,
                main_reason=data["main_reason"],
                other_reasons=data["other_reasons"],
                come_back=data.get("come_back") or "",
                enps=data.get("enps"),
                would_have_stayed=data.get("would_have_stayed", ""),
                today=timezone.localdate(),
            )
        except services.ExitRefused as refused:
            return answering.forget(answering.refuse(request, DOOR, refused.reason, 410), DOOR)
        page = render(request, "exits/thanks.html")
        return answering.forget(answering.no_store(page), DOOR)
    context = {"form": form, "invitation": invitation, "config": ExitSurveyConfig.current()}
    return answering.no_store(render(request, "exits/answer.html", context))


@login_required
@require_GET
def results(request):
    """Why people leave, for a unit's subtree and a block of years, as far as anonymity
    allows; the profession groups and the free texts for the whole region only."""
    unit = access.requested_unit(request)
    if unit is None:
        return render(request, "exits/results.html", {"unit": None})
    config = ExitSurveyConfig.current()
    today = timezone.localdate()
    blocks = complete_blocks(config, today)
    chosen = blocks[0] if blocks else None
    wanted = request.GET.get("block", "")
    for block in blocks:
        if wanted == f"{block[0]}-{block[1]}":
            chosen = block
    # ("period", not "block": a template's own {% block %} answers to that name.)
    context: dict = {"unit": unit, "blocks": blocks, "period": chosen, "config": config}
    if chosen is None:
        return render(request, "exits/results.html", context)
    reports = {block: ExitReport(block, config) for block in blocks}
    report = reports[chosen]
    region = access.sees_whole_region(request.user)
    whole = region and unit.parent_id is None
    children = list(unit.children.order_by("code"))
    context.update(
        {
            "k_text": report.k_text,
            "mine": report.unit(unit),
            "hr": report.hr_reasons(unit),
            "children": [
                {"unit": c, "result": report.unit(c), "hr": report.hr_reasons(c)} for c in children
            ],
            "groups": report.group_rows() if whole else None,
            "hidden_groups": report.hidden_groups() if whole else [],
            "texts": report.texts(unit) if whole else [],
            "trend": _trend(reports, unit),
        }
    )
    return render(request, "exits/results.html", context)


def _trend(reports: dict, unit):
    """The main reasons' shares per block (oldest first), for the blocks shown for the unit;
    the five reasons most often given."""
    rows = []
    totals: dict[str, float] = {}
    for block in sorted(reports):
        shown = reports[block].unit(unit)
        if shown is None:
            continue
        for reason in shown["reasons"]:
            name = reason["reason"].name
            totals[name] = totals.get(name, 0.0) + reason["main"]
            rows.append(
                {
                    "year": f"{block[0]}–{block[1]}" if block[0] != block[1] else str(block[0]),
                    "series": name,
                    "value": 100 * reason["main"],
                }
            )
    if len({r["year"] for r in rows}) < 2:
        return None
    top = set(sorted(totals, key=lambda n: -totals[n])[:5])
    spec = charts.lines_spec(
        [r for r in rows if r["series"] in top],
        labels={"year": _("Years"), "value": _("Share giving it as the main reason, per cent")},
        title=_("Main reasons for leaving over time"),
        number_format=",.0f",
    )
    # Its text alternative: a sentence, and the shares as a table (as fractions: scale 100).
    data = series_table(
        spec, x="year", x_label=_("Years"), value=Column("", "percent", 0), scale=100
    )
    alt = _("The share of answers giving each of the five most common reasons as the main one.")
    return figure_html(Chart(spec, alt, data))
