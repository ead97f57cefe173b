"""Swedish texts for the catalogue: `python scripts/translations_sv.py` fills django.po.

Kept as a plain table so a reviewer can read every Swedish string in one place; run
`make messages` after adding English strings, then fill in the new ones here.
"""

import sys
from pathlib import Path

SV = {
    "HR administrator": "HR-administratör",
    "HR analyst": "HR-analytiker",
    "Manager": "Chef",
    "profile": "profil",
    "The file is empty.": "Filen är tom.",
    "The file has a header but no data rows.": "Filen har en rubrikrad men inga datarader.",
    "The file is larger than {limit} MB.": "Filen är större än {limit} MB.",
    "The file is not text in UTF-8 or Windows-1252 (it looks like {guess}).": "Filen är inte text i UTF-8 eller Windows-1252 (den ser ut som {guess}).",
    "The file is not a valid XLSX workbook.": "Filen är ingen giltig XLSX-arbetsbok.",
    "The workbook would unpack to {size} MB; refused as a possible zip bomb.": "Arbetsboken skulle packas upp till {size} MB; den avvisas som en möjlig zip-bomb.",
    "The workbook contains XML entity declarations; refused as a possible XML bomb.": "Arbetsboken innehåller XML-entitetsdeklarationer; den avvisas som en möjlig XML-bomb.",
    "The CSV file cannot be read: {detail}": "CSV-filen kan inte läsas: {detail}",
    "Unknown file type; use .csv or .xlsx.": "Okänd filtyp; använd .csv eller .xlsx.",
    "Unknown column. Known columns: {known}.": "Okänd kolumn. Kända kolumner: {known}.",
    "The column appears twice.": "Kolumnen förekommer två gånger.",
    "Required column is missing.": "En obligatorisk kolumn saknas.",
    "Either Personnummer or Anst.nr (employee number) is required.": "Kolumnen Personnummer eller Anst.nr (anställningsnummer) krävs.",
    "Either AID (profession code) or Befattning is required.": "Kolumnen AID (yrkeskod) eller Befattning krävs.",
    "Without Personnummer the columns Födelseår and Kön are required.": "Utan Personnummer krävs kolumnerna Födelseår och Kön.",
    "A value is required.": "Värde saknas.",
    "Text starting with =, +, -, @ would run as a formula in a spreadsheet.": "Text som börjar med =, +, -, @ skulle köras som en formel i ett kalkylark.",
    "Not a date; write it as YYYY-MM-DD.": "Inget datum; skriv det som ÅÅÅÅ-MM-DD.",
    "The end date is before the start date {start}.": "Slutdatum är före startdatum {start}.",
    "Not a number.": "Inget tal.",
    "The employment rate must be between 0 and 100.": "Sysselsättningsgraden måste vara mellan 0 och 100.",
    "Birth year must be a year between {low} and {high}.": "Födelseår måste vara ett år mellan {low} och {high}.",
    "Sex must be K (kvinna) or M (man).": "Kön måste vara K (kvinna) eller M (man).",
    "Unknown employment form; use one of: {accepted}.": "Okänd anställningsform; använd någon av: {accepted}.",
    "Unknown end reason; use one of: {accepted}.": "Okänd avgångsorsak; använd någon av: {accepted}.",
    "An end reason is given without an end date.": "Avgångsorsak är angiven utan slutdatum.",
    "Not a personnummer (expected YYYYMMDD-NNNN or YYMMDD-NNNN).": "Inget personnummer (väntat ÅÅÅÅMMDD-NNNN eller ÅÅMMDD-NNNN).",
    "The personnummer does not contain a valid date.": "Personnumret innehåller inget giltigt datum.",
    "The personnummer check digit is wrong.": "Personnumrets kontrollsiffra är fel.",
    "Unknown unit code; import the unit tree first or correct the code.": "Okänd enhetskod; importera enhetsträdet först eller rätta koden.",
    "The same row appears earlier, on row {first}.": "Samma rad finns redan, på rad {first}.",
    "The same employment ID appears earlier, on row {first}.": "Samma anställnings-ID finns redan, på rad {first}.",
    "The unit is its own ancestor (a cycle through {codes}).": "Enheten ligger under sig själv (en cirkel genom {codes}).",
    "Unknown parent unit code.": "Okänd överordnad enhet.",
    "Unknown level; use one of: region, förvaltning, område, verksamhet, enhet.": "Okänd nivå; använd någon av: region, förvaltning, område, verksamhet, enhet.",
    "No user with this user name.": "Det finns ingen användare med detta användarnamn.",
    "The same unit code appears earlier, on row {first}.": "Samma enhetskod finns redan, på rad {first}.",
    "The person's employments active on {date} add up to {total} %, more than 100 % "
    "(rows {rows}).": "Personens anställningar den {date} blir tillsammans {total} %, mer än 100 % "
    "(rader {rows}).",
    "Import": "Import",
    "Import refused": "Import avvisad",
    "Person-level view": "Visning på personnivå",
    "Demo region built": "Demoregion byggd",
    "Unit moved": "Enhet flyttad",
    "audit entry": "loggpost",
    "audit log": "granskningslogg",
    "Women": "Kvinnor",
    "Men": "Män",
    "Age": "Ålder",
    "Headcount": "Antal",
    "Age structure": "Åldersstruktur",
    "As of": "Per datum",
    "Region": "Region",
    "Administration": "Förvaltning",
    "Area": "Område",
    "Operation": "Verksamhet",
    "Unit": "Enhet",
    "code": "kod",
    "name": "namn",
    "level": "nivå",
    "manager": "chef",
    "unit": "enhet",
    "units": "enheter",
    "Figures on %(d)s, for the unit and everything below it.": "Siffror per %(d)s, för enheten och allt under den.",
    "Employees (monthly paid)": "Anställda (månadsavlönade)",
    "FTE (årsarbetare)": "Årsarbetare",
    "Mean age": "Medelålder",
    "Aged 60 or over": "60 år eller äldre",
    "Part-time (under 100 %%)": "Deltid (under 100 %%)",
    "Hourly paid": "Timavlönade",
    "No employees on this date.": "Inga anställda detta datum.",
    "Units below": "Underliggande enheter",
    "Level": "Nivå",
    "Employees": "Anställda",
    "FTE": "Årsarbetare",
    "60+": "60+",
    "Age pyramid; the same numbers are in the table below.": "Ålderspyramid; samma siffror finns i tabellen nedanför.",
    "Profession mix": "Yrkesfördelning",
    "Profession group": "Yrkesgrupp",
    "Share of FTE": "Andel av årsarbetare",
    "Employments (person level; the opening is logged)": "Anställningar (personnivå; visningen loggas)",
    "Organisation": "Organisation",
    "There is no unit for you to see yet.": "Det finns ännu ingen enhet för dig att se.",
    "Import the unit tree and the HR extract.": "Importera enhetsträdet och HR-uttaget.",
    "Ask HR to make you the manager of your unit.": "Be HR att registrera dig som chef för din enhet.",
    "Employments": "Anställningar",
    "%(n)s employments active on %(d)s. People are shown by pseudonym only. This opening has "
    "been written to the audit log.": "%(n)s anställningar aktiva %(d)s. Personer visas bara med pseudonym. Visningen har "
    "skrivits i granskningsloggen.",
    "Pseudonym": "Pseudonym",
    "Profession": "Befattning",
    "Birth year": "Födelseår",
    "Sex": "Kön",
    "Form": "Form",
    "Rate %%": "Syss.grad %%",
    "Start": "Start",
    "End": "Slut",
    "The first %(shown)s are shown.": "De första %(shown)s visas.",
    "Breadcrumb": "Sökväg",
    "Show": "Visa",
    "Main menu": "Huvudmeny",
    "Language": "Språk",
    "Change": "Byt",
    "Log out": "Logga ut",
    "You do not have access to this page": "Du har inte behörighet till den här sidan",
    "The page does not exist": "Sidan finns inte",
    "The request could not be understood": "Begäran kunde inte tolkas",
    "Something went wrong": "Något gick fel",
    "The error has been logged. Try again, or contact HR support if it persists.": "Felet har loggats. Försök igen, eller kontakta HR-supporten om det kvarstår.",
    "Back to the start page": "Tillbaka till startsidan",
    "Log in": "Logga in",
    "Wrong user name or password.": "Fel användarnamn eller lösenord.",
    "User name": "Användarnamn",
    "Password": "Lösenord",
    "HR extract: employments": "HR-uttag: anställningar",
    "Unit tree": "Enhetsträd",
    "What the file contains": "Vad filen innehåller",
    "File (CSV or XLSX)": "Fil (CSV eller XLSX)",
    "CSV with ; or , (UTF-8 or Windows-1252), or an Excel workbook (.xlsx).": "CSV med ; eller , (UTF-8 eller Windows-1252), eller en Excel-arbetsbok (.xlsx).",
    "Only check the file, write nothing": "Kontrollera bara filen, skriv ingenting",
    "The file is %(size)s MB; uploads may be at most %(limit)s MB. Import larger files with "
    "the command `bemanna import`.": "Filen är %(size)s MB; uppladdningar får vara högst %(limit)s MB. Importera större "
    "filer med kommandot `bemanna import`.",
    "Woman": "Kvinna",
    "Man": "Man",
    "Permanent": "Tillsvidare",
    "Fixed-term": "Visstid",
    "Own request": "Egen begäran",
    "Retirement": "Pension",
    "Dismissal": "Uppsägning",
    "Death": "Dödsfall",
    "Fixed term ended": "Visstid upphör",
    "Other": "Övrigt",
    "SKR profession group": "Yrkesgrupp (SKR)",
    "profession": "befattning",
    "professions": "befattningar",
    "birth year": "födelseår",
    "sex": "kön",
    "person": "person",
    "persons": "personer",
    "import": "import",
    "imports": "importer",
    "employment form": "anställningsform",
    "employment rate %": "sysselsättningsgrad %",
    "start date": "startdatum",
    "end date": "slutdatum",
    "end reason": "avgångsorsak",
    "employment": "anställning",
    "employments": "anställningar",
    "Import HR data": "Importera HR-data",
    "Import the unit tree first, then the HR extract with one row per employment. Nothing is "
    "written unless the whole file is valid, and importing the same file again changes "
    "nothing. A personnummer is replaced by a pseudonym and never stored.": "Importera enhetsträdet först och sedan HR-uttaget med en rad per anställning. Inget "
    "skrivs om inte hela filen är korrekt, och att importera samma fil igen ändrar "
    "ingenting. Ett personnummer ersätts av en pseudonym och sparas aldrig.",
    "Nothing was written. Correct the file and import it again.": "Inget har skrivits. Rätta filen och importera den igen.",
    "File": "Fil",
    "Row": "Rad",
    "Column": "Kolumn",
    "Value": "Värde",
    "Problem": "Problem",
    "The first %(shown)s problems are shown; the command bemanna import lists them all.": "De första %(shown)s problemen visas; kommandot bemanna import listar alla.",
    "Recent imports": "Senaste importer",
    "When": "När",
    "What": "Vad",
    "Rows": "Rader",
    "New": "Nya",
    "Changed": "Ändrade",
    "By": "Av",
    "No imports yet.": "Inga importer ännu.",
    "Unit tree imported: %(units)s units (%(created)s new, %(updated)s changed).": "Enhetsträd importerat: %(units)s enheter (%(created)s nya, %(updated)s ändrade).",
    "Imported: %(employments)s employments, %(persons)s persons, %(units)s units "
    "(%(created)s new, %(updated)s changed).": "Importerat: %(employments)s anställningar, %(persons)s personer, %(units)s enheter "
    "(%(created)s nya, %(updated)s ändrade).",
    "Checked, nothing written.": "Kontrollerat, inget skrivet.",
    "Nothing changed: the data was already imported.": "Inget ändrades: uppgifterna var redan importerade.",
}
PLURALS = {
    "The file was not imported: %(n)s problem": (
        "Filen importerades inte: %(n)s problem",
        "Filen importerades inte: %(n)s problem",
    ),
}


def fill(path: Path) -> list[str]:
    import polib

    catalogue = polib.pofile(str(path))
    missing = []
    for entry in catalogue:
        if entry.msgid_plural:
            if entry.msgid in PLURALS:
                entry.msgstr_plural = dict(enumerate(PLURALS[entry.msgid]))
            else:
                missing.append(entry.msgid)
        elif entry.msgid in SV:
            entry.msgstr = SV[entry.msgid]
        else:
            missing.append(entry.msgid)
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
    catalogue.save(str(path))
    return missing


if __name__ == "__main__":
    missing = fill(
        Path(__file__).resolve().parent.parent / "bemanna/locale/sv/LC_MESSAGES/django.po"
    )
    for msgid in missing:
        print(f"missing Swedish text: {msgid!r}", file=sys.stderr)
    sys.exit(1 if missing else 0)
