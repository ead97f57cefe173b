import json
import sys
from getpass import getpass

from django.core.management.base import CommandError
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop, ngettext

from bemanna import pdf as pdf_document
from bemanna.analysis import personnummer
from bemanna.clifiles import BemannaCommand, output_file
from bemanna.privacy import extract

# PersonnummerError's codes, and what --erase deleted (extract.erase's counts), as said.
PERSONNUMMER_PROBLEMS = {
    "format": gettext_noop("not YYYYMMDD-NNNN or YYMMDD-NNNN"),
    "date": gettext_noop("no such date"),
    "checksum": gettext_noop("the check digit is wrong"),
}
ERASED = {
    "employments": gettext_noop("employments"),
    "pulse_invitations": gettext_noop("pulse invitations"),
    "exit_invitations": gettext_noop("exit survey invitations"),
    "persons": gettext_noop("persons"),
}


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
            raise CommandError(gettext("--erase needs --reason (the legal ground and reference)."))
        number = getpass("Personnummer: ") if sys.stdin.isatty() else sys.stdin.readline()
        today = timezone.localdate()
        try:
            pseudonyms = extract.pseudonyms_of(
                number.strip(), options["employee_number"], today=today
            )
        except personnummer.PersonnummerError as error:
            raise CommandError(
                gettext("Not a valid personnummer (%(problem)s).")
                % {"problem": gettext(PERSONNUMMER_PROBLEMS.get(error.code, error.code))}
            ) from None
        case = " ".join(options["case"].split())
        if not case:
            raise CommandError(gettext("--case needs the request's case reference (diarienummer)."))
        parts = extract.PARTS if options["part"] == "all" else (options["part"],)
        found = extract.collect(
            pseudonyms, actor=None, today=today, case_reference=case, parts=parts
        )
        if out.suffix.lower() == ".json":
            text = json.dumps(extract.as_json(found), ensure_ascii=False, indent=2)
            out.write_text(text, encoding="utf-8")
        else:
            page = render_to_string("privacy/extract_print.html", {"extract": found})
            out.write_bytes(pdf_document.render(page))
        rows = sum(len(table.rows) for table in found["tables"])
        said = (
            ngettext(
                "Register extract written to %(out)s: %(rows)s row.",
                "Register extract written to %(out)s: %(rows)s rows.",
                rows,
            )
            if found["found"]
            else gettext("Register extract written to %(out)s: no person with this number is held.")
        )
        self.stdout.write(said % {"out": out, "rows": rows})
        if options["erase"]:
            try:
                counts = extract.erase(
                    pseudonyms, actor=None, today=today, reason=options["reason"].strip()
                )
            except extract.ErasureRefused as refused:
                raise CommandError(
                    gettext("Not erased: %(reason)s") % {"reason": refused}
                ) from None
            self.stdout.write(
                gettext("Erased: %(counts)s")
                % {
                    "counts": ", ".join(
                        f"{gettext(ERASED.get(kind, kind))}: {n}" for kind, n in counts.items()
                    )
                }
            )
