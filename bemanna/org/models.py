from django.conf import settings
from django.db import models, transaction
from django.db.models.functions import Concat, Substr
from django.utils.translation import gettext_lazy as _

from bemanna.analysis import kpi


class Level(models.TextChoices):
    REGION = "region", _("Region")
    # Not "Administration": its Swedish is the system's administration (the admin link).
    ADMINISTRATION = "forvaltning", _("Regional administration")
    AREA = "omrade", _("Area")
    OPERATION = "verksamhet", _("Operation")
    UNIT = "enhet", _("Unit")


class UnitQuerySet(models.QuerySet):
    def subtree(self, unit: "Unit") -> "UnitQuerySet":
        return self.filter(path__startswith=unit.path)

    def region(self) -> "Unit | None":
        """The region: the tree's one root (`kpi.region`), None when it has several (a ward
        whose parent a tree file left empty is no region, nor a padded second root)."""
        pk = kpi.region(dict(self.values_list("pk", "parent_id")))
        return None if pk is None else self.get(pk=pk)


class Unit(models.Model):
    """A node of the organisation tree.

    `path` ("/1/7/42/", the primary keys from the root) makes subtree queries a prefix match.
    Employments point at the unit by key, so renaming or moving a unit keeps its history.
    """

    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    level = models.CharField(_("level"), max_length=16, choices=Level.choices, default=Level.UNIT)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent unit"),
    )
    manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="managed_units",
        verbose_name=_("manager"),
    )
    path = models.CharField(_("path"), max_length=400, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(_("depth"), default=0, editable=False)

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def save(self, *args, **kwargs):
        if self.pk is None:
            super().save(*args, **kwargs)
            kwargs.pop("force_insert", None)
            self._set_path()
            super().save(update_fields=["path", "depth"])
        else:
            super().save(*args, **kwargs)

    def _set_path(self) -> None:
        prefix = self.parent.path if self.parent_id else "/"
        self.path = f"{prefix}{self.pk}/"
        self.depth = self.path.count("/") - 2

    def ancestors(self) -> list["Unit"]:
        """The units from the root down to and including this one."""
        ids = [int(part) for part in self.path.strip("/").split("/") if part]
        by_id = Unit.objects.in_bulk(ids)
        return [by_id[i] for i in ids if i in by_id]

    def is_within(self, other: "Unit") -> bool:
        return self.path.startswith(other.path)

    @transaction.atomic
    def move_to(self, new_parent: "Unit | None") -> None:
        """Re-hang this unit and its subtree under `new_parent`."""
        if new_parent is not None and new_parent.is_within(self):
            raise ValueError("A unit cannot be moved into its own subtree.")
        old_path = self.path
        self.parent = new_parent
        self._set_path()
        self.save(update_fields=["parent", "path", "depth"])
        descendants = Unit.objects.filter(path__startswith=old_path).exclude(pk=self.pk)
        offset = len(old_path) + 1
        descendants.update(path=Concat(models.Value(self.path), Substr("path", offset)))
        for unit in Unit.objects.filter(path__startswith=self.path).exclude(pk=self.pk):
            depth = unit.path.count("/") - 2
            if unit.depth != depth:
                unit.depth = depth
                unit.save(update_fields=["depth"])


class PublishedYear(models.Model):
    """A year's unit tree as its figures were first shown (the key figures while it runs or
    after it ended, the history page once it has ended): `tree` (org.frozen's snapshot) and
    the threshold k in use then. Every page about the year is computed over this one tree, so
    moving a unit later changes nothing shown for that year (the view before a
    reorganisation minus the view after would give the moved unit away), and two pages never
    show one year over two trees (two partitions of the same people). Its k can be raised by
    the setting but never lowered (a lower k would show what was hidden). The key figures
    keep the profession groups with it, code → group (`groups`): a code regrouped later
    counts in its new group from the next year on.

    The year's leavers by reason are shown one way only, decided the first time and kept
    (`reasons_by_block`): per exit-survey block (True: the history page shows no split of the
    year) or per year on the history page (False: the exit survey shows no split of a block
    holding the year). Both at once, a block minus one of its years is the other year's.

    Once closed, what *Historik* shows of the year's 31 December (which units' FTE and 60+
    share, which groups on their own) is decided the first time and kept (`history`,
    forecast.shown_past): decided again after the ten years' window has moved on, without
    the year before it, the year would show what the day before hid (one hire's rate beside
    the year before's FTE).

    The key figures kept it first (as keyfigures.PublishedYear); it lives here, on the floor
    below both, so that the history page shares it."""

    year = models.PositiveSmallIntegerField(unique=True)
    tree = models.JSONField()
    min_group = models.PositiveSmallIntegerField()
    groups = models.JSONField(null=True, blank=True)
    published = models.DateTimeField(auto_now_add=True)
    reasons_by_block = models.BooleanField(null=True)  # None: not decided yet
    # Historik's 31 December decisions ("fte", "ages": k, units, pages, groups); None: not yet
    history = models.JSONField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.year}"
