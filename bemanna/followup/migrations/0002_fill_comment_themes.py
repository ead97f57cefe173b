from django.db import migrations

# The region's starting list; HR changes it under Administration › Kommentarsteman.
THEMES = (
    ("Arbetsbelastning", "arbetsbelastning, stress, hinner, hinna, för få, underbemann, "
     "tempo, övertid, press, sjuk, slit, trött"),
    ("Bemanning och schema", "schema, bemanning, helg, natt, kväll, pass, ledig, semester, "
     "vikarie, inhyrd, bemanningsföretag"),
    ("Ledarskap", "chef, ledning, ledare, ledarskap, lyssnar, återkoppling, förtroende, "
     "uppskattning, stöd"),
    ("Kollegor och samarbete", "kolleg, arbetskamrat, samarbete, gemenskap, team, "
     "stämning, sammanhållning, hjälps"),
    ("Lön och villkor", "lön, löne, ersättning, förmån, villkor, tillägg, pension"),
    ("Utveckling och kompetens", "utveckl, utbildning, kompetens, lär, karriär, "
     "specialist, handledning, introduktion"),
    ("Arbetsmiljö och lokaler", "arbetsmiljö, lokal, utrustning, datorer, system, "
     "journal, ljud, parkering, omklädning"),
    ("Meningsfullt arbete", "meningsfull, patient, stolt, roligt, trivs, glädje, "
     "engagemang, bidra"),
)


def fill(apps, schema_editor):
    CommentTheme = apps.get_model("followup", "CommentTheme")
    for position, (name, keywords) in enumerate(THEMES):
        CommentTheme.objects.get_or_create(
            name=name, defaults={"keywords": keywords, "position": position}
        )


class Migration(migrations.Migration):
    dependencies = [("followup", "0001_comment_themes")]
    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
