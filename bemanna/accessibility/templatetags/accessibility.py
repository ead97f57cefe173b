"""The error summary every form shows after a failed submit (WCAG 3.3.1 and 3.3.3).

`{% error_summary form formset ... %}` lists each error with a link to its field; the
summary takes the focus when the page loads (site.js), so a screen reader reads it first
and a keyboard user can jump to the field.
"""

from django import template
from django.forms import BaseForm, BaseFormSet
from django.template.loader import render_to_string

register = template.Library()


def _target(bound) -> str:
    # A radio or checkbox list has no single label target: its first box.
    return bound.id_for_label or f"{bound.auto_id}_0"


def _items(form) -> list[dict]:
    if isinstance(form, BaseFormSet):
        items = [{"label": "", "error": e, "target": ""} for e in form.non_form_errors()]
        for member in form.forms:
            items += _items(member)
        return items
    if not isinstance(form, BaseForm) or not form.is_bound:
        return []
    items = [{"label": "", "error": e, "target": ""} for e in form.non_field_errors()]
    for bound in form:
        for error in bound.errors:
            items.append({"label": bound.label, "error": error, "target": _target(bound)})
    return items


@register.simple_tag
def error_summary(*forms, message=""):
    """The summary of every error in the given forms and formsets ('' without errors)."""
    items = [item for form in forms for item in _items(form)]
    if not items and not message:
        return ""
    return render_to_string(
        "accessibility/_error_summary.html", {"items": items, "message": message}
    )
