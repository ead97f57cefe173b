# The kept years move to org (org 0002), shared with the history page: every kept tree, k,
# profession-group map and publication time is copied as it is, then the old table goes.

from django.db import migrations


def copy_down(apps, schema_editor):
    old = apps.get_model("keyfigures", "PublishedYear")
    new = apps.get_model("org", "PublishedYear")
    rows = [
        new(year=row.year, tree=row.tree, min_group=row.min_group, groups=row.groups)
        for row in old.objects.order_by("year")
    ]
    new.objects.bulk_create(rows)
    # auto_now_add stamps the copy with today: the first publication is kept instead.
    for row in old.objects.all():
        new.objects.filter(year=row.year).update(published=row.published)


def copy_up(apps, schema_editor):
    old = apps.get_model("keyfigures", "PublishedYear")
    new = apps.get_model("org", "PublishedYear")
    for row in new.objects.order_by("year"):
        old.objects.create(year=row.year, tree=row.tree, min_group=row.min_group, groups=row.groups)
        old.objects.filter(year=row.year).update(published=row.published)


class Migration(migrations.Migration):

    dependencies = [
        ('keyfigures', '0006_published_year_groups'),
        ('org', '0002_published_year'),
    ]

    operations = [
        migrations.RunPython(copy_down, copy_up),
        migrations.DeleteModel(name='PublishedYear'),
    ]
