# The per-year kept unit tree moves down from the key figures to org, so that the history
# page (forecast, a floor below the key figures) shares it; keyfigures 0007 copies the rows.

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('org', '0001_initial'),
    ]

    operations = [
        migrations.CreateModel(
            name='PublishedYear',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('year', models.PositiveSmallIntegerField(unique=True)),
                ('tree', models.JSONField()),
                ('min_group', models.PositiveSmallIntegerField()),
                ('groups', models.JSONField(blank=True, null=True)),
                ('published', models.DateTimeField(auto_now_add=True)),
                ('reasons_by_block', models.BooleanField(null=True)),
            ],
        ),
    ]
