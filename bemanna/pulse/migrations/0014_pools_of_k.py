"""The answers (and closed invitations) of a unit whose own people, with its small units
below, are fewer than the wave's k move together with its smallest unit below of k or more
(`disclosure.counting_units`, second step): a manager and a secretary above wards of their
own were a stored unit of two, whom the HR tables name (an insider's twenty-fourth round).

It is 0013's rewrite again, with the rule as it now stands; on a database 0013 has already
rewritten, only the waves with such a unit change."""

from importlib import import_module

from django.db import migrations

count_in_units = import_module("bemanna.pulse.migrations.0013_counted_units").count_in_units


class Migration(migrations.Migration):
    dependencies = [("pulse", "0013_counted_units")]

    operations = [migrations.RunPython(count_in_units, migrations.RunPython.noop)]
