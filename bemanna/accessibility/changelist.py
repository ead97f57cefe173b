"""Django's admin changelist, made to pass axe: the fields of an editable list get a name."""


class LabelledListEditable:
    """A ModelAdmin mixin: each field of a `list_editable` row is named by its column and its
    row ("Position: Pension"), which Django's changelist leaves without any label."""

    def get_changelist_form(self, request, **kwargs):
        base = super().get_changelist_form(request, **kwargs)

        class Labelled(base):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                for field in self.fields.values():
                    name = f"{field.label}: {self.instance}" if self.instance.pk else field.label
                    field.widget.attrs["aria-label"] = str(name)

        return Labelled
