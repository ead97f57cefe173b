import json
import sys
from getpass import getpass

from django.core.management.base import CommandError
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext_noop

from bemanna.analysis import personnummer
from bemanna.clifiles import BemannaCommand, output_file
from bemanna.privacy import extract


class Command(BemannaCommand):
    help = gettext_noop(
        "Register extract (GDPR art. 15): everything Bemanna holds about one person, as PDF or "
        "JSON. The personnummer is read from standard input (asked for when interactive), so "
        "it is in no shell history or process list. --erase deletes the person where the law "
        "allows (art. 17). Audit-logged."
    )

    def add_arguments(self, parser):
        parser.add_argument("--out", required=True, help=gettext_noop("FILE.pdf or FILE.json"))
        parser.add_argument(
            "--employee-number", default="", help=gettext_noop("Anst.nr, if used by the extract")
        )
        parser.add_argument(
            "--case",
            required=True,
            help=gettext_noop("The request's case reference (diarienummer)."),
        )
        parser.add_argument(
            "--part",
            choices=("hr", "health", "all"),
            default="hr",
            help=gettext_noop(
                "hr (default): all but health data; health: sick-leave spells and calls, "
                "occupational health's part; all: both (audit-logged as such)."
            ),
        )
        parser.add_argument(
            "--erase", action="store_true", help=gettext_noop("Erase the person afterwards.")
        )
        parser.add_argument(
            "--reason", default="", help=gettext_noop("Legal ground and reference for --erase.")
        )

    def handle(self, *args, **options):
        out = output_file(options["out"], kinds=(".pdf", ".json"))
        if options["erase"] and not options["reason"].strip():
            raise CommandError("--erase needs --reason (the legal ground and reference).")
        number = getpass("Personnummer: ") if sys.stdin.isatty() else sys.stdin.readline()
        today = timezone.localdate()
        try:
            pseudonyms = extract.pseudonyms_of(
                number.strip(), options["employee_number"], today=today
            )
        except personnummer.PersonnummerError as error:
            raise CommandError(f"Not a valid personnummer ({error.code}).") from None
        case = " ".join(options["case"].split())
        if not case:
            raise CommandError("--case needs the request's case reference (diarienummer).")
        parts = extract.PARTS if options["part"] == "all" else (options["part"],)
        found = extract.collect(
            pseudonyms, actor=None, today=today, case_reference=case, parts=parts
        )
        if out.suffix.lower() == ".json":
            text = json.dumps(extract.as_json(found), ensure_ascii=False, indent=2)
            out.write_text(text, encoding="utf-8")
        else:
            import weasyprint

            page = render_to_string("privacy/extract_print.html", {"extract": found})
            out.write_bytes(bytes(weasyprint.HTML(string=page).write_pdf()))
        rows = sum(len(table.rows) for table in found["tables"])
        self.stdout.write(
            f"Register extract written to {out}: {rows} row(s)"
            + ("." if found["found"] else "; no person with this number is held.")
        )
        if options["erase"]:
            try:
                counts = extract.erase(
                    pseudonyms, actor=None, today=today, reason=options["reason"].strip()
                )
            except extract.ErasureRefused as refused:
                raise CommandError(f"Not erased: {refused}") from None
            self.stdout.write(
                "Erased: "
                + ", ".join(f"{n} {kind.replace('_', ' ')}" for kind, n in counts.items())
            )
