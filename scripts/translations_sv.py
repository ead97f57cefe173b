"""Swedish texts for the catalogue: `python scripts/translations_sv.py` fills django.po.

Kept as a plain table so a reviewer can read every Swedish string in one place; run
`make messages` after adding English strings, then fill in the new ones here.
"""

import sys
from pathlib import Path

SV = {
    "The HR extract has no end reasons for the last five years: who left is known, why is not. Retirements are estimated as the share of each age's exits that a national retirement hazard expects; the rest count as other leavers.": "HR-underlaget saknar avgångsorsaker för de senaste fem åren: vi vet vilka som slutat men inte varför. Pensionsavgångarna skattas som den andel av varje ålders avgångar som en nationell pensionsrisk förväntar; resten räknas som övriga avgångar.",
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
    "Administration": "Systemadministration",
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
    "Disability pension": "Sjukersättning",
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
    "Not an e-mail address: %(email)s": "Ingen e-postadress: %(email)s",
    "The user %(name)s already exists.": "Användaren %(name)s finns redan.",
    "Created %(user)s as %(role)s.": "Skapade %(user)s som %(role)s.",
    "Second factor: at the first login Bemanna shows a QR code; scan it with an authenticator app (Microsoft Authenticator, Google Authenticator, FreeOTP) and type the six-digit code. Every later login asks for the code.": "Tvåfaktor: vid första inloggningen visar Bemanna en QR-kod; skanna den med en autentiseringsapp (Microsoft Authenticator, Google Authenticator, FreeOTP) och skriv den sexsiffriga koden. Varje senare inloggning frågar efter koden.",
    "Next: log in, import the unit tree and then the HR extract on the Import page. Other accounts are added by a user administrator: bemanna create_admin --role behorighet.": "Nästa steg: logga in, importera enhetsträdet och sedan HR-underlaget på sidan Import. Andra konton läggs till av en behörighetsadministratör: bemanna create_admin --role behorighet.",
    "Next: log in and add users and their roles under Administration › Users (or map single sign-on groups under Administration › Role mappings).": "Nästa steg: logga in och lägg till användare och deras roller under Administration › Användare (eller koppla grupper i den gemensamma inloggningen under Administration › Rollkopplingar).",
    "%(what)s is missing: give it as an option or run the command in a terminal.": "%(what)s saknas: ange det som alternativ eller kör kommandot i en terminal.",
    "No password on standard input.": "Inget lösenord på standardinmatningen.",
    "No password: use --password-stdin, or run the command in a terminal.": "Inget lösenord: använd --password-stdin eller kör kommandot i en terminal.",
    "Name": "Namn",
    "E-mail": "E-post",
    "Password again": "Lösenord igen",
    "The passwords were empty or differed; try again.": "Lösenorden var tomma eller olika; försök igen.",
    "A new installation": "En ny installation",
    "Bemanna has no user yet. Create the first HR administrator on the server, in the folder where Bemanna is installed:": "Bemanna har ingen användare ännu. Skapa den första HR-administratören på servern, i mappen där Bemanna är installerad:",
    "It asks for user name, name, e-mail and password. At the first login you scan a QR code with an authenticator app: HR administrators give a six-digit code after the password.": "Kommandot frågar efter användarnamn, namn, e-post och lösenord. Vid första inloggningen skannar du en QR-kod med en autentiseringsapp: HR-administratörer anger en sexsiffrig kod efter lösenordet.",
    "The other roles (analysts, managers, the council, occupational health) are added by a user administrator, made the same way:": "De andra rollerna (analytiker, chefer, rådet, företagshälsan) läggs till av en behörighetsadministratör, som skapas på samma sätt:",
    "Then reload this page to log in.": "Ladda sedan om sidan för att logga in.",
    "HR imports the unit tree and the HR extract first.": "HR importerar först enhetsträdet och HR-uttaget.",
    "Nothing to show yet": "Inget att visa ännu",
    "No scenarios yet: the baseline scenario Nuläge is made when the first HR extract is imported.": "Inga scenarier än: grundscenariot Nuläge skapas när det första HR-uttaget importeras.",
    "As today: recruitment and leaving at the rates of the last five years, no levers. Made at the first import; copy it to try levers.": "Som i dag: rekrytering och avgångar i samma takt som de senaste fem åren, inga åtgärder. Skapat vid den första importen; kopiera det för att pröva åtgärder.",
    "Create the first HR administrator (or --role behorighet).": "Skapa den första HR-administratören (eller --role behorighet).",
    "Import a file: `bemanna import` lists the kinds.": "Importera en fil: `bemanna import` listar vilka slags filer.",
    "Forecast a scenario (--scenario Nuläge) as .xlsx, .pdf, .html.": "Prognos för ett scenario (--scenario Nuläge) som .xlsx, .pdf, .html.",
    "Write the board report for a year (--period) as .pdf, .xlsx, .html.": "Skriv lägesrapporten för ett år (--period) som .pdf, .xlsx, .html.",
    "Do today's work: pulses, exit survey, reminders, retention.": "Gör dagens arbete: pulser, avgångsenkät, påminnelser, gallring.",
    "Register extract (GDPR art. 15), number on stdin.": "Registerutdrag (GDPR art. 15), personnumret på standardinmatningen.",
    "Back the database up into a file.": "Säkerhetskopiera databasen till en fil.",
    "Restore a backup into a new, empty database.": "Återställ en säkerhetskopia till en ny, tom databas.",
    "Build the fictional Region Demo in an empty database.": "Bygg den påhittade Region Demo i en tom databas.",
    "Print the demo accounts' current second-factor codes.": "Skriv ut demokontonas aktuella tvåfaktorkoder.",
    "Run the web server (127.0.0.1:8000 by default).": "Kör webbservern (127.0.0.1:8000 om inget annat anges).",
    "Create or update the database's tables.": "Skapa eller uppdatera databasens tabeller.",
    "The unit tree: Enhetskod; Enhetsnamn; Överordnad; Nivå; Chef.": "Enhetsträdet: Enhetskod; Enhetsnamn; Överordnad; Nivå; Chef.",
    "The HR extract, one row per employment.": "HR-uttaget, en rad per anställning.",
    "Sick-leave spells.": "Sjukfrånvaroperioder.",
    "Scheduled hours per person and month.": "Schemalagda timmar per person och månad.",
    "Personnel costs per unit and month.": "Personalkostnader per enhet och månad.",
    "Individual competence plans.": "Individuella kompetensplaner.",
    "Bemanna's commands (bemanna COMMAND --help for more):": "Bemannas kommandon (bemanna KOMMANDO --help för mer):",
    "Every Django command: bemanna help --commands": "Alla Djangos kommandon: bemanna help --commands",
    "What can be imported (--dry-run checks without writing):": "Det här kan importeras (--dry-run kontrollerar utan att skriva):",
    "Import the unit tree first, then the HR extract.": "Importera enhetsträdet först, sedan HR-uttaget.",
    "%(today)s: health data past retention deleted: %(spells)d sick-leave spell(s), %(hours)d month(s) of hours, %(calls)d early-intervention call(s).": "%(today)s: hälsodata efter gallringstiden raderade: %(spells)d sjukperioder, %(hours)d månader med timmar, %(calls)d samtal om tidiga insatser.",
    "%(today)s: past retention deleted: %(what)s.": "%(today)s: raderat efter gallringstiden: %(what)s.",
    "%(today)s: %(opened)d wave(s) opened, %(invited)d invitation(s) and %(reminded)d reminder(s) e-mailed, %(closed)d wave(s) closed.": "%(today)s: %(opened)d omgångar öppnade, %(invited)d inbjudningar och %(reminded)d påminnelser mejlade, %(closed)d omgångar stängda.",
    "%(today)s: exit survey: %(invited)d leaver(s) invited, %(sent)d e-mailed, %(closed)d invitation(s) closed.": "%(today)s: avgångsenkät: %(invited)d som slutar inbjudna, %(sent)d mejlade, %(closed)d inbjudningar stängda.",
    "%(today)s: reminders e-mailed: %(what)s.": "%(today)s: påminnelser mejlade: %(what)s.",
    "Sending mail failed (%(error)s). What was sent is recorded; run again to send the rest.": "E-post kunde inte skickas (%(error)s). Det som skickades är registrerat; kör igen för att skicka resten.",
}
# The forecast (issue 3).
SV.update(
    {
        "Unknown age group; use 0–19, 20–64, 65–79, 80+ or single ages (0, 1, … 100+).": "Okänd åldersgrupp; använd 0–19, 20–64, 65–79, 80+ eller ettårsåldrar (0, 1, … 100+).",
        "The year {year} lacks these age groups.": "År {year} saknar dessa åldersgrupper.",
        "Year": "År",
        "Supply and demand, %(group)s": "Tillgång och efterfrågan, %(group)s",
        "Gap (demand − supply), P10–P90": "Gap (efterfrågan − tillgång), P10–P90",
        "Gap per profession group, P10–P90": "Gap per yrkesgrupp, P10–P90",
        "Each lever's effect on the gap in %(year)s": "Varje åtgärds effekt på gapet %(year)s",
        "Part-timers who raise their rate (%)": "Deltidsanställda som höjer sin sysselsättningsgrad (%)",
        "Share of the staff working part time.": "Andel av de deltidsanställda.",
        "… to the rate (%)": "… till sysselsättningsgraden (%)",
        "Retire later (years)": "Senare pension (år)",
        "Productivity, all groups (% a year)": "Produktivitet, alla grupper (% per år)",
        "Technology and new ways of working: less demand each year.": "Teknik och nya arbetssätt: lägre efterfrågan varje år.",
        "… and for one group": "… och för en grupp",
        "Productivity for that group (% a year)": "Produktivitet för den gruppen (% per år)",
        "Lower sick leave (percentage points)": "Lägre sjukfrånvaro (procentenheter)",
        "Change in turnover (%)": "Förändrad personalomsättning (%)",
        "−10 means 10 % fewer leave for other reasons than pension.": "−10 betyder att 10 % färre slutar av andra skäl än pension.",
        "Change in recruitment (%)": "Förändrad rekrytering (%)",
        "Hired staff replaced by own staff (%)": "Inhyrd personal ersatt med egen (%)",
        "Study grants from group": "Studielön från yrkesgrupp",
        "… to group": "… till yrkesgrupp",
        "Study grants a year": "Studielöner per år",
        "Education pipeline: group": "Utbildning: yrkesgrupp",
        "Students a year": "Studenter per år",
        "Who complete (%)": "Som fullföljer (%)",
        "Of them hired by the region (%)": "Av dem anställda i regionen (%)",
        "Task shifting from group": "Uppgiftsväxling från yrkesgrupp",
        "Share of tasks moved a year (%)": "Andel uppgifter som flyttas per år (%)",
        "Part-time share, standard error": "Andel deltidsanställda, medelfel",
        "Retirement shift, standard error (years)": "Senare pension, medelfel (år)",
        "Choose both groups for the study grants.": "Välj båda yrkesgrupperna för studielönerna.",
        "Choose the group the students join.": "Välj yrkesgruppen som studenterna blir.",
        "Choose both groups for the task shifting.": "Välj båda yrkesgrupperna för uppgiftsväxlingen.",
        "Copy the levers of": "Kopiera åtgärderna från",
        "The horizon must be 1–40 years after the base date.": "Horisonten måste vara 1–40 år efter basdatum.",
        "Use between 100 and 20 000 draws.": "Använd mellan 100 och 20 000 dragningar.",
        "Name": "Namn",
        "Source": "Källa",
        "For example: SCB, befolkningsprognos 2025–2040.": "Till exempel: SCB, befolkningsprognos 2025–2040.",
        "File (CSV or XLSX): År; Åldersgrupp; Antal": "Fil (CSV eller XLSX): År; Åldersgrupp; Antal",
        "A projection with this name already exists.": "Det finns redan en prognos med det namnet.",
        "Supply (FTE)": "Tillgång (årsarbetare)",
        "Supply (headcount)": "Tillgång (antal)",
        "Demand (FTE)": "Efterfrågan (årsarbetare)",
        "Gap (FTE)": "Gap (årsarbetare)",
        "Retirements": "Pensionsavgångar",
        "Other leavers": "Övriga avgångar",
        "Recruitment need (people)": "Rekryteringsbehov (personer)",
        "Leavers from today's staff": "Avgångar bland dagens personal",
        "Hires at the recent pace": "Nyanställda i dagens takt",
        "Baseline": "Utgångsläge",
        "Part-timers raise their rate": "Fler heltider",
        "Retire later": "Senare pension",
        "Productivity and technology": "Produktivitet och teknik",
        "Lower sick leave": "Lägre sjukfrånvaro",
        "Lower turnover": "Lägre personalomsättning",
        "More recruitment": "Ökad rekrytering",
        "Hired staff replaced by own staff": "Inhyrda ersatta med egen personal",
        "Study grants (specialist training)": "Studielön (specialistutbildning)",
        "Education pipeline": "Utbildning",
        "Task shifting": "Uppgiftsväxling",
        "Levers together (interaction)": "Åtgärderna tillsammans (samspel)",
        "Scenario": "Scenario",
        "All profession groups": "Alla yrkesgrupper",
        "source": "källa",
        "population projection": "befolkningsprognos",
        "population projections": "befolkningsprognoser",
        "description": "beskrivning",
        "base date": "basdatum",
        "horizon (year)": "horisont (år)",
        "Monte Carlo draws": "Monte Carlo-dragningar",
        "random seed": "slumpfrö",
        "main scenario (used in the board report)": "huvudscenario (används i styrelserapporten)",
        "scenario": "scenario",
        "scenarios": "scenarier",
        "No levers: the baseline.": "Inga åtgärder: utgångsläget.",
        "Summary": "Sammanfattning",
        "Forecast: %(name)s": "Prognos: %(name)s",
        "Base year": "Basår",
        "Horizon": "Horisont",
        "Employees on the base date": "Anställda på basdatum",
        "Gap at the horizon, P50 (FTE)": "Gap vid horisonten, P50 (årsarbetare)",
        "Gap at the horizon, P10–P90 (FTE)": "Gap vid horisonten, P10–P90 (årsarbetare)",
        "Recruitment need a year, P50 (people)": "Rekryteringsbehov per år, P50 (personer)",
        "Levers": "Åtgärder",
        "Per year": "Per år",
        "Per profession group": "Per yrkesgrupp",
        "Measure": "Mått",
        "Mean": "Medelvärde",
        "Step": "Steg",
        "Effect on the gap (FTE)": "Effekt på gapet (årsarbetare)",
        "Effect on the gap's cost (kr a year)": "Effekt på gapets kostnad (kr per år)",
        "Cost of the gap in %(year)s (kr a year), P50": "Gapets kostnad %(year)s (kr per år), P50",
        "Filling the shortage with hired staff in %(year)s (kr a year), P50": "Att täcka bristen med inhyrd personal %(year)s (kr per år), P50",
        "No personnel costs are imported for the months up to the base date, so the forecast is shown in FTE only. Import the personnel costs (under Key figures) to see the gap in kronor.": "Inga personalkostnader är importerade för månaderna fram till basdatumet, så prognosen visas bara i årsarbetare. Importera personalkostnaderna (under Nyckeltal) för att se gapet i kronor.",
        "The gap in kronor, per year": "Gapet i kronor, per år",
        "Each group's gap in each draw × its cost per FTE, summed over the groups before P10–P90 are taken; in today's prices. Cost per FTE: the imported own-staff cost %(first)s–%(last)s divided by the average FTE of the same units over the same months. A surplus in one group offsets a shortage in another in the gap's cost, but not when filling the shortage with hired staff.": "Varje yrkesgrupps gap i varje dragning × gruppens kostnad per årsarbetare, summerat över grupperna innan P10–P90 tas fram; i dagens priser. Kostnad per årsarbetare: importerad kostnad för egen personal %(first)s–%(last)s delad med genomsnittligt antal årsarbetare på samma enheter under samma månader. Ett överskott i en grupp väger upp en brist i en annan i gapets kostnad, men inte när bristen täcks med inhyrd personal.",
        "Cost of the gap (kr a year), P50 (P10–P90)": "Gapets kostnad (kr per år), P50 (P10–P90)",
        "Filling the shortage with hired staff (kr a year), P50 (P10–P90)": "Att täcka bristen med inhyrd personal (kr per år), P50 (P10–P90)",
        "Cost per FTE and year": "Kostnad per årsarbetare och år",
        "Own staff (kr)": "Egen personal (kr)",
        "Hired staff (kr)": "Inhyrd personal (kr)",
        "own staff: the group's own costs": "egen personal: gruppens egna kostnader",
        "own staff: the region's average": "egen personal: regionens genomsnitt",
        "hired staff: imported cost / hired FTE": "inhyrd personal: importerad kostnad / inhyrda årsarbetare",
        "hired staff: %(factor)s × own staff (an assumption for HR to check)": "inhyrd personal: %(factor)s × egen personal (ett antagande som HR bör pröva)",
        "Cost of the gap at the horizon, P50 (kr a year)": "Gapets kostnad vid horisonten, P50 (kr per år)",
        "Cost of the gap, P10 (kr a year)": "Gapets kostnad, P10 (kr per år)",
        "Cost of the gap, P90 (kr a year)": "Gapets kostnad, P90 (kr per år)",
        "Filling the shortage with hired staff, P50 (kr a year)": "Att täcka bristen med inhyrd personal, P50 (kr per år)",
        "Cost of the gap": "Gapets kostnad",
        "No personnel costs imported": "Inga personalkostnader importerade",
        "Cost": "Kostnad",
        "Cost of the gap (kr a year)": "Gapets kostnad (kr per år)",
        "Hired staff (kr a year)": "Inhyrd personal (kr per år)",
        "There is no workforce data yet: import the HR extract first.": "Det finns inga personaluppgifter än: importera HR-uttaget först.",
        "%(unit)s has no employees on the base date %(date)s.": "%(unit)s har inga anställda på basdatum %(date)s.",
        "The population projection cannot be used: %(reason)s": "Befolkningsprognosen kan inte användas: %(reason)s",
        "Check the levers:": "Kontrollera åtgärderna:",
        "Preview of levers not yet saved.": "Förhandsvisning av åtgärder som inte är sparade.",
        "Gap in %(year)s (FTE), P50": "Gap %(year)s (årsarbetare), P50",
        "P10–P90": "P10–P90",
        "Recruitment need a year (people), P50": "Rekryteringsbehov per år (personer), P50",
        "The gap with its P10–P90 band; the numbers are in the table below.": "Gapet med sitt P10–P90-intervall; siffrorna finns i tabellen nedanför.",
        "Supply and demand; the numbers are in the table below.": "Tillgång och efterfrågan; siffrorna finns i tabellen nedanför.",
        "Each lever's separate effect": "Varje åtgärds egen effekt",
        "Waterfall from the baseline gap to the scenario; the numbers are in the table next to it.": "Vattenfall från utgångslägets gap till scenariot; siffrorna finns i tabellen bredvid.",
        "Profession groups with the largest gap": "Yrkesgrupper med störst gap",
        "Gap %(year)s, P50": "Gap %(year)s, P50",
        "Recruitment need a year": "Rekryteringsbehov per år",
        "One chart per profession group.": "Ett diagram per yrkesgrupp.",
        "All profession groups, per year": "Alla yrkesgrupper, per år",
        "Each cell: P50 (P10–P90).": "Varje cell: P50 (P10–P90).",
        "Accuracy": "Träffsäkerhet",
        "Accuracy (backtest)": "Träffsäkerhet (efterhandsprövning)",
        "The model is fitted on the data up to the end of a past year and forecasts how many of the staff employed then are still employed in each following year. The forecast is compared with what happened.": "Modellen skattas på uppgifterna fram till slutet av ett tidigare år och förutsäger hur många av de då anställda som är kvar varje följande år. Prognosen jämförs med utfallet.",
        "Fitted on data up to": "Skattad på uppgifter till och med",
        "Years forecast": "Antal prognosår",
        "Mean absolute error, all groups": "Medelabsolutfel, alla grupper",
        "Actual values within P10–P90, every group and year (goal about %(goal)s)": "Utfall inom P10–P90, alla grupper och år (mål ungefär %(goal)s)",
        "A band from P10 to P90 should hold about 8 of 10 actual values. Far fewer means the forecast is surer than it has reason to be; far more that the band is wider than it need be. Small groups' exit rates lean on the region's rates for their age band as much as the data show the groups differ, and the band includes the uncertainty of the rates themselves.": "Ett intervall från P10 till P90 bör rymma ungefär 8 av 10 utfall. Betydligt färre betyder att prognosen är säkrare än den har skäl att vara; betydligt fler att intervallet är bredare än det behöver vara. Små gruppers avgångsrisker lutar sig mot regionens risker för åldersgruppen i den mån uppgifterna visar att grupperna skiljer sig åt, och intervallet rymmer osäkerheten i själva riskerna.",
        "Years within the band": "År inom intervallet",
        "%(inside)s of %(years)s": "%(inside)s av %(years)s",
        "Forecast band and actual; the numbers are in the table below.": "Prognosintervall och utfall; siffrorna finns i tabellen nedanför.",
        "Error per profession group": "Fel per yrkesgrupp",
        "Mean absolute error": "Medelabsolutfel",
        "Within the band": "Inom intervallet",
        "Forecast P50": "Prognos P50",
        "Actual": "Utfall",
        "Error": "Fel",
        "Compare scenarios": "Jämför scenarier",
        "Forecast scenarios": "Prognosscenarier",
        "Scenarios": "Scenarier",
        "Compare": "Jämför",
        "The gap of each scenario; the numbers are in the table below.": "Varje scenarios gap; siffrorna finns i tabellen nedanför.",
        "gap %(year)s, P50 (P10–P90)": "gap %(year)s, P50 (P10–P90)",
        "Choose two or more scenarios.": "Välj två eller flera scenarier.",
        "History": "Historik",
        "No workforce data for this unit.": "Inga personaluppgifter för den här enheten.",
        "Headcount and FTE on 31 December, monthly-paid staff. Hired: people new to the region. Left: people whose last employment ended (moves inside the region are not counted). Turnover = leavers / average headcount (1 January and 31 December).": "Antal och årsarbetare den 31 december, månadsavlönade. Nyanställda: personer nya i regionen. Slutat: personer vars sista anställning upphörde (byten inom regionen räknas inte). Personalomsättning = avgångna / genomsnittligt antal anställda (1 januari och 31 december).",
        "Staff per year; the numbers are in the table below.": "Personal per år; siffrorna finns i tabellen nedanför.",
        "Hired and left per year; the numbers are in the table below.": "Nyanställda och slutade per år; siffrorna finns i tabellen nedanför.",
        "Hired": "Nyanställda",
        "Left": "Slutat",
        "of which retirement": "varav pension",
        "of which own request": "varav egen begäran",
        "Net": "Netto",
        "Turnover": "Personalomsättning",
        "Left before retirement": "Avgångar före pension",
        "share of staff": "andel av personalen",
        "Age pyramid": "Ålderspyramid",
        "Profession groups that grew most %(first)s–%(last)s": "Yrkesgrupper som ökat mest %(first)s–%(last)s",
        "Population projections": "Befolkningsprognoser",
        "Demand follows the county's population by age group. Import SCB's projection for your county: one row per year and age (or age group 0–19, 20–64, 65–79, 80+) with the number of inhabitants. Single ages are added up into the groups.": "Efterfrågan följer länets befolkning per åldersgrupp. Importera SCB:s prognos för ert län: en rad per år och ålder (eller åldersgrupp 0–19, 20–64, 65–79, 80+) med antal invånare. Ettårsåldrar summeras till grupperna.",
        "None yet.": "Inga än.",
        "Nothing was imported": "Inget importerades",
        "Competence supply forecast": "Kompetensförsörjningsprognos",
        "Created": "Skapad",
        "Method: cohorts by profession group and age; retirement and other exits estimated from the region's own history with occurrence/exposure rates (censoring respected), everyone out at 69 (LAS); demand = base FTE × demographic index × productivity. Ranges are P10–P90 over Monte Carlo draws of exits and of the estimated rates.": "Metod: kohorter per yrkesgrupp och ålder; pensions- och övriga avgångar skattade ur regionens egen historik med händelser per riskår (censurering beaktad), alla slutar vid 69 (LAS); efterfrågan = basårets årsarbetare × demografiskt index × produktivitet. Intervallen är P10–P90 över Monte Carlo-dragningar av avgångar och av de skattade talen.",
        "Base date %(date)s, horizon %(horizon)s, %(draws)s Monte Carlo draws. Exit rates are estimated from the whole region's last five years; supply recruits at the pace of those years.": "Basdatum %(date)s, horisont %(horizon)s, %(draws)s Monte Carlo-dragningar. Avgångstalen skattas på hela regionens senaste fem år; tillgången rekryterar i samma takt som de åren.",
        "Download": "Ladda ner",
        "Try": "Prova",
        "Save levers": "Spara åtgärderna",
        "Calculating…": "Räknar …",
        "Forecast": "Prognos",
        "A scenario is a set of assumptions: base date, horizon, population projection and levers. Open one to see supply, demand, gap and recruitment need per profession group with P10–P90 ranges.": "Ett scenario är en uppsättning antaganden: basdatum, horisont, befolkningsprognos och åtgärder. Öppna ett för att se tillgång, efterfrågan, gap och rekryteringsbehov per yrkesgrupp med P10–P90-intervall.",
        "Base date": "Basdatum",
        "Population projection": "Befolkningsprognos",
        "Author": "Skapad av",
        "main": "huvudscenario",
        "copy of": "kopia av",
        "No scenarios yet.": "Inga scenarier än.",
        "Compare scenarios side by side": "Jämför scenarier sida vid sida",
        "New scenario": "Nytt scenario",
        "Create": "Skapa",
        "There is no unit for you to see.": "Det finns ingen enhet för dig att se.",
        "People": "Personer",
        "Headcount 31 Dec": "Antal 31 dec",
        "Staff": "Personal",
        "Hired and left": "Nyanställda och slutade",
        "Age structure %(year)s": "Åldersstruktur %(year)s",
        "The levers of %(name)s are saved.": "Åtgärderna i %(name)s är sparade.",
        "Gap per scenario, P10–P90": "Gap per scenario, P10–P90",
        "A backtest needs data up to %(year)s: %(reason)s": "En efterhandsprövning kräver uppgifter till och med %(year)s: %(reason)s",
        "Still employed of those employed at the end of %(year)s": "Kvar av dem som var anställda i slutet av %(year)s",
        "Imported %(name)s: %(years)s years.": "Importerade %(name)s: %(years)s år.",
        "The waterfall shows expected values (the mean path), so it can differ slightly from the P50 above.": "Vattenfallet visar förväntade värden (medelvägen) och kan därför skilja sig något från P50 ovan.",
        "There are no employees on the base date %(date)s.": "Det finns inga anställda på basdatum %(date)s.",
        "Per month, the last two years": "Per månad, de senaste två åren",
        "Month": "Månad",
        "Hired staff (FTE)": "Inhyrd personal (årsarbetare)",
        "Vacancies (FTE)": "Vakanser (årsarbetare)",
        "Sick leave (%)": "Sjukfrånvaro (%)",
        "The inputs of %(name)s are saved.": "Indata för %(name)s är sparade.",
        "Nothing saved: %(errors)s": "Inget sparades: %(errors)s",
        "Inputs per profession group (whole region): hired staff, vacancies, sick leave": "Indata per yrkesgrupp (hela regionen): inhyrd personal, vakanser, sjukfrånvaro",
        "Demand on the base date = own staff's FTE + hired staff's FTE + vacancies. A unit's forecast gets its share in proportion to its FTE. Sick leave sets what one point less is worth.": "Efterfrågan på basdatum = egen personals årsarbetare + inhyrdas årsarbetare + vakanser. En enhets prognos får sin andel i proportion till sina årsarbetare. Sjukfrånvaron avgör vad en procentenhet lägre är värd.",
        "Save inputs": "Spara indata",
        "Demand follows": "Efterfrågan följer",
        "health care use (grows with the old)": "vårdkonsumtion (växer med de äldsta)",
        "psychiatry (younger adults)": "psykiatri (yngre vuxna)",
        "births (adults 20–64)": "förlossningar (vuxna 20–64)",
        "dental care": "tandvård",
        "the whole population": "hela befolkningen",
        "Inputs per profession group (whole region): hired staff, vacancies, sick leave, what demand follows": "Indata per yrkesgrupp (hela regionen): inhyrd personal, vakanser, sjukfrånvaro och vad efterfrågan följer",
        "Demand on the base date = own staff's FTE + hired staff's FTE + vacancies. A unit's forecast gets its share in proportion to its FTE. Sick leave sets what one point less is worth. Demand follows the county population weighted by the chosen profile (care use by age group).": "Efterfrågan på basdatum = egen personals årsarbetare + inhyrdas årsarbetare + vakanser. En enhets prognos får sin andel i proportion till sina årsarbetare. Sjukfrånvaron avgör vad en procentenhet lägre är värd. Efterfrågan följer länets befolkning viktad med den valda profilen (vårdkonsumtion per åldersgrupp).",
        "per year": "per år",
        "Calculated with %(draws)s draws; saved scenarios, reports and exports use all of the scenario's draws.": "Beräknad med %(draws)s dragningar; sparade scenarier, rapporter och exporter använder scenariots alla dragningar.",
        "Sick leave (%%)": "Sjukfrånvaro (%%)",
    }
)

# The pulse (issue 4).
SV.update(
    {
        "Pulse wave opened": "Pulsomgång öppnad",
        "Your code": "Din kod",
        "0 = not at all likely, 10 = very likely": "0 = inte alls troligt, 10 = mycket troligt",
        "1 = do not agree at all, 5 = agree completely": "1 = instämmer inte alls, 5 = instämmer helt",
        "Why? (optional)": "Varför? (frivilligt)",
        "Do not write names or anything that shows who you are.": "Skriv inte namn eller något som visar vem du är.",
        "Once": "En gång",
        "Monthly": "Varje månad",
        "Quarterly": "Varje kvartal",
        "schedule": "schema",
        "answer window (days)": "svarsperiod (dagar)",
        "units (with everything below)": "enheter (med allt under)",
        "include SKR's nine HME items": "ta med SKR:s nio HME-frågor",
        "ask for a free-text why": "fråga efter ett fritt varför",
        "fewest answers shown for a group": "minsta antal svar som visas för en grupp",
        "fewest answers for comments and distributions": "minsta antal svar för kommentarer och fördelningar",
        "pulse": "pulsmätning",
        "pulses": "pulsmätningar",
        "Comments need at least as many answers as figures.": "Kommentarer kräver minst lika många svar som siffror.",
        "At least the installation's threshold, %(k)s.": "Minst installationens tröskel, %(k)s.",
        "Give a number only if you answered yes or maybe above.": "Ange en siffra bara om du svarat ja eller kanske ovan.",
        "Anonymity settings cannot be loosened once answers exist.": "Anonymitetsinställningarna kan inte sänkas när det finns svar.",
        "Open": "Öppen",
        "Closed": "Stängd",
        "opens": "öppnar",
        "closes": "stänger",
        "How your anonymity is protected": "Så skyddas din anonymitet",
        "Your answer is stored without your name, your code, your address, your computer's details or the time you answered. Nothing records who has answered: that your code has been used is kept under a key only the system holds, and the reminder goes to everyone.": "Ditt svar sparas utan ditt namn, din kod, din adress, uppgifter om din dator och tidpunkten då du svarade. Inget visar vem som har svarat: att din kod har använts sparas under en nyckel som bara systemet har, och påminnelsen går till alla.",
        "Results are shown only for groups with at least %(k)s answers, and comments only for groups with at least %(t)s. Figures that would let someone work out a smaller group are hidden too.": "Resultat visas bara för grupper med minst %(k)s svar, och kommentarer bara för grupper med minst %(t)s. Siffror som skulle låta någon räkna fram en mindre grupp döljs också.",
        "Nobody, not HR nor your manager, can see your individual answer.": "Ingen, varken HR eller din chef, kan se ditt enskilda svar.",
        "Open until %(closes)s. It takes about two minutes.": "Öppen till och med %(closes)s. Det tar ungefär två minuter.",
        "Please answer the first question.": "Svara på den första frågan.",
        "Send my answer": "Skicka mitt svar",
        "Answer the pulse": "Svara på pulsmätningen",
        "The code is on your invitation.": "Koden står på din inbjudan.",
        "Continue": "Fortsätt",
        "Pulse": "Puls",
        "Ambassadorship pulses (eNPS)": "Pulsmätningar av ambassadörskap (eNPS)",
        "Schedule": "Schema",
        "Waves": "Omgångar",
        "No pulses yet.": "Inga pulsmätningar än.",
        "This invitation has already been used": "Inbjudan har redan använts",
        "This pulse is not open": "Pulsmätningen är inte öppen",
        "Too many wrong codes": "För många felaktiga koder",
        "The code is not valid": "Koden är inte giltig",
        "An answer has already been given with this invitation; it is counted once.": "Ett svar har redan lämnats med den här inbjudan; det räknas en gång.",
        "The answer window has closed, or has not opened yet.": "Svarsperioden har stängt eller har inte öppnat än.",
        "Wait ten minutes and try again.": "Vänta tio minuter och försök igen.",
        "Check the code on your invitation and try again.": "Kontrollera koden på din inbjudan och försök igen.",
        "Enter the code": "Skriv in koden",
        "eNPS = share of promoters (9–10) minus share of detractors (0–6). The interval is a 95 %% adjusted-Wald interval, corrected for the unit's size. Groups with fewer than %(k)s answers, and groups that could be worked out from what is shown, are hidden.": "eNPS = andelen ambassadörer (9–10) minus andelen kritiker (0–6). Intervallet är ett 95 %%-konfidensintervall (justerad Wald), korrigerat för enhetens storlek. Grupper med färre än %(k)s svar, och grupper som kan räknas fram ur det som visas, döljs.",
        "too few answers to show": "för få svar för att visa",
        "Promoters / passives / detractors": "Ambassadörer / passiva / kritiker",
        "Response rate": "Svarsfrekvens",
        "Over time": "Över tid",
        "Wave": "Omgång",
        "95 %% interval": "95 %%-intervall",
        "Answers": "Svar",
        "significantly higher": "signifikant högre",
        "significantly lower": "signifikant lägre",
        "no significant change": "ingen signifikant förändring",
        "hidden (too few answers, or would reveal a small group)": "dold (för få svar, eller skulle avslöja en liten grupp)",
        "Thank you": "Tack",
        "Difference": "Förändring",
        "Heat map": "Värmekarta",
        "eNPS per unit and wave (grey: hidden)": "eNPS per enhet och omgång (grått: dolt)",
        "eNPS per unit and wave; hidden cells say why. The latest wave is in the table below.": "eNPS per enhet och omgång; dolda celler säger varför. Senaste omgången finns i tabellen nedanför.",
        "Since the wave before": "Jämfört med förra omgången",
        "Thank you, your answer is saved": "Tack, ditt svar är sparat",
        "Your answer is counted once and cannot be traced back to you. Your manager will talk about the results with your work group after the pulse.": "Ditt svar räknas en gång och kan inte spåras till dig. Din chef går igenom resultatet med arbetsgruppen efter mätningen.",
    }
)

SV.update(
    {
        "Not an e-mail address (name@example.se).": "Inte en e-postadress (namn@exempel.se).",
        "Pulse invitation sheets printed": "Inbjudningar till puls utskrivna",
        "Results exported": "Resultat exporterade",
        "A whole number from %(low)s to %(high)s.": "Ett heltal från %(low)s till %(high)s.",
        "Answers exist: this can be raised, not lowered.": "Det finns svar: värdet kan höjas, inte sänkas.",
        "The dialogue cannot be before the wave opened.": "Dialogen kan inte hållas innan omgången öppnade.",
        "The date is in the future.": "Datumet ligger i framtiden.",
        "Swedish and English": "Svenska och engelska",
        "Swedish only": "Bara svenska",
        "only staff working less than full time": "bara medarbetare som arbetar deltid",
        "only staff at least this old": "bara medarbetare som är minst så här gamla",
        "reminder after (days, 0 = none)": "påminnelse efter (dagar, 0 = ingen)",
        "active (new waves open on schedule)": "aktiv (nya omgångar öppnar enligt schemat)",
        "The reminder must go out before the window closes.": "Påminnelsen måste gå ut innan fönstret stänger.",
        "Agree scale 1–5": "Instämmandeskala 1–5",
        "Single choice": "Ett val",
        "question (Swedish)": "fråga (svenska)",
        "question (English)": "fråga (engelska)",
        "kind": "typ",
        "choices, one per line (Swedish)": "svarsalternativ, ett per rad (svenska)",
        "choices, one per line (English)": "svarsalternativ, ett per rad (engelska)",
        "lowest number": "lägsta tal",
        "highest number": "högsta tal",
        "A single choice needs at least two choices.": "En fråga med ett val behöver minst två svarsalternativ.",
        "Give as many English choices as Swedish ones.": "Ange lika många engelska svarsalternativ som svenska.",
        "The highest number must be above the lowest.": "Det högsta talet måste vara större än det lägsta.",
        "e-mail": "e-post",
        "reminder": "påminnelse",
        "printed sheet": "utskrivet blad",
        "Planned": "Planerad",
        "Ongoing": "Pågår",
        "Done": "Klar",
        "Dropped": "Avbruten",
        "held on": "hölls",
        "how many took part": "antal deltagare",
        "what was discussed": "vad som diskuterades",
        "action": "åtgärd",
        "owner": "ansvarig",
        "due date": "klart senast",
        "status": "status",
        "HME total": "HME totalt",
        "Motivation": "Motivation",
        "Leadership": "Ledarskap",
        "Governance": "Styrning",
        "eNPS with 95 % interval (red: significant change)": "eNPS med 95 %-intervall (rött: signifikant förändring)",
        "eNPS per unit and wave (grey: hidden or still open)": "eNPS per enhet och omgång (grått: dolt eller fortfarande öppet)",
        "Hidden: fewer than %(k)s answers (%(k_text)s for the split), or a group that could be worked out from what is shown. Under %(k_text)s: the eNPS rounded to 10, the answers as a band, no interval or response rate.": "Dolt: färre än %(k)s svar (%(k_text)s för fördelningen), eller en grupp som skulle kunna räknas fram ur det som visas. Under %(k_text)s: eNPS avrundat till tiotal, antalet svar som ett intervall, inget konfidensintervall eller svarsfrekvens.",
        "Results": "Resultat",
        "Unit code": "Enhetskod",
        "Invited": "Inbjudna",
        "Shown": "Visas",
        "Interval low": "Intervall lägst",
        "Interval high": "Intervall högst",
        "Promoters": "Ambassadörer",
        "Passives": "Passiva",
        "Detractors": "Kritiker",
        "yes": "ja",
        "hidden": "dold",
        "Please correct the marked answers.": "Rätta de markerade svaren.",
        "Team dialogue": "Dialog i arbetsgruppen",
        "eNPS %(v)s (95 %%: %(low)s – %(high)s).": "eNPS %(v)s (95 %%: %(low)s – %(high)s).",
        "Too few answers to show the unit's own results; talk about the results of the unit above.": "För få svar för att visa enhetens egna resultat; samtala om resultaten för enheten ovanför.",
        "Actions from earlier dialogues": "Åtgärder från tidigare dialoger",
        "Action": "Åtgärd",
        "Owner": "Ansvarig",
        "Due date": "Klart senast",
        "Status": "Status",
        "Save": "Spara",
        "Please correct the marked fields.": "Rätta de markerade fälten.",
        "Actions agreed": "Överenskomna åtgärder",
        "Leave a row empty to skip it. Save to get more empty rows.": "Lämna en rad tom för att hoppa över den. Spara för att få fler tomma rader.",
        "Team dialogues": "Dialoger i arbetsgrupperna",
        "Which managed units have recorded their dialogue after each of the latest closed waves, and how many actions they agreed.": "Vilka enheter som har fört in sin dialog efter var och en av de senaste stängda omgångarna, och hur många åtgärder de kom överens om.",
        "Share held": "Andel genomförda",
        "No unit has a manager yet.": "Ingen enhet har en chef ännu.",
        "New pulse": "Ny puls",
        "Change %(name)s": "Ändra %(name)s",
        "The form starts as the region's model: the eNPS item, SKR's nine HME items and a free-text why, every quarter, two weeks to answer, a reminder after one week.": "Formuläret utgår från regionens modell: eNPS-frågan, SKR:s nio HME-frågor och ett fritt varför, varje kvartal, två veckor att svara, en påminnelse efter en vecka.",
        "Name": "Namn",
        "Who is asked": "Vilka som tillfrågas",
        "Monthly-paid staff employed on the day a wave opens, in the units ticked (with everything below); the largest employment decides the unit. Hourly staff are not asked.": "Månadsavlönade som är anställda den dag en omgång öppnar, i de markerade enheterna (med allt under); den största anställningen avgör enheten. Timavlönade tillfrågas inte.",
        "Units": "Enheter",
        "What is asked": "Vad som frågas",
        "Every pulse asks the eNPS item (0–10): How likely is it that you would recommend your employer to a friend or acquaintance?": "Varje puls ställer eNPS-frågan (0–10): Hur troligt är det att du skulle rekommendera din arbetsgivare till en vän eller bekant?",
        "Extra questions": "Extra frågor",
        "Choices only for a single choice; lowest and highest only for a number. Save to get more empty rows.": "Svarsalternativ bara för ett val; lägsta och högsta bara för ett tal. Spara för att få fler tomma rader.",
        "When": "När",
        "Anonymity": "Anonymitet",
        "Profession groups": "Yrkesgrupper",
        "None ticked: every profession.": "Ingen markerad: alla yrken.",
        "profession groups (none: all)": "yrkesgrupper (ingen: alla)",
        "languages": "språk",
        "first wave opens": "första omgången öppnar",
        "paused": "pausad",
        "Manage": "Hantera",
        "Edit": "Ändra",
        "Waves and invitations": "Omgångar och inbjudningar",
        "Export to Excel": "Exportera till Excel",
        "A wave is open until %(closes)s.": "En omgång är öppen till och med %(closes)s.",
        "Response rate so far: %(rate)s.": "Svarsfrekvens hittills: %(rate)s.",
        "Too few answers so far to show the response rate.": "För få svar hittills för att visa svarsfrekvensen.",
        "open: results when the wave has closed": "öppen: resultat när omgången har stängt",
        "Compared with the rest": "Jämfört med övriga",
        "no significant difference": "ingen signifikant skillnad",
        "Comments": "Kommentarer",
        "No comments in this wave.": "Inga kommentarer i den här omgången.",
        "Comments are shown for groups of at least %(k)s answers.": "Kommentarer visas för grupper med minst %(k)s svar.",
        "Held %(held)s with %(n)s taking part.": "Hölls %(held)s med %(n)s deltagare.",
        "No dialogue recorded for the latest wave yet.": "Ingen dialog är införd för den senaste omgången ännu.",
        "Change the dialogue": "Ändra dialogen",
        "Record the team dialogue": "För in arbetsgruppens dialog",
        "mean": "medel",
        "eNPS per wave with its interval; the same figures are in the table below.": "eNPS per omgång med intervall; samma siffror står i tabellen nedan.",
        "Opens %(schedule)s from %(first)s, %(days)s days to answer. The command bemanna run_schedule (from cron or a systemd timer) opens waves, sends e-mail and reminders and closes waves; codes are deleted when a wave closes.": "Öppnar %(schedule)s från %(first)s, %(days)s dagar att svara. Kommandot bemanna run_schedule (från cron eller en systemd-timer) öppnar omgångar, skickar e-post och påminnelser och stänger omgångar; koderna raderas när en omgång stänger.",
        "Change the pulse": "Ändra pulsen",
        "Open a wave today": "Öppna en omgång i dag",
        "Status ": "Status ",
        "E-mailed": "E-postade",
        "Reminded": "Påminda",
        "On paper": "På papper",
        "Answered": "Svarade",
        "No waves yet.": "Inga omgångar ännu.",
        "Printed invitations": "Utskrivna inbjudningar",
        "For staff without an e-mail address: a PDF of slips, each with a single-use code and a QR code, and no name. Each person's slip is printed once: printing again gives slips only to those who have had none, so the number of slips never says how many have answered. A lost slip cannot be replaced.": "För medarbetare utan e-postadress: en PDF med lappar, var och en med en engångskod och en QR-kod, utan namn. Varje persons lapp skrivs ut en gång: en ny utskrift ger lappar bara till dem som inte har fått någon, så antalet lappar säger aldrig hur många som har svarat. En borttappad lapp kan inte ersättas.",
        "Print invitations (PDF)": "Skriv ut inbjudningar (PDF)",
        "Everyone invited has an e-mail address.": "Alla inbjudna har en e-postadress.",
        "The pulse is saved.": "Pulsen är sparad.",
        "A wave of this pulse already opened today.": "En omgång av den här pulsen öppnade redan i dag.",
        "Choose at least one unit before opening a wave.": "Välj minst en enhet innan du öppnar en omgång.",
        "The wave is open, but e-mail could not be sent. bemanna run_schedule sends what is left.": "Omgången är öppen, men e-post kunde inte skickas. bemanna run_schedule skickar det som återstår.",
        "The wave is open: %(sent)s invitations e-mailed.": "Omgången är öppen: %(sent)s inbjudningar e-postade.",
        "The wave is closed; there is nothing to print.": "Omgången är stängd; det finns inget att skriva ut.",
        "Everyone in this unit without an e-mail address has had a slip printed already.": "Alla i enheten utan e-postadress har redan fått en lapp utskriven.",
        "The dialogue is held when the wave has closed.": "Dialogen förs när omgången har stängt.",
        "The dialogue is saved.": "Dialogen är sparad.",
        "eNPS per unit and wave (grey: hidden)": "eNPS per enhet och omgång (grått: dolt)",
        "Number": "Tal",
        "eNPS per unit and wave; hidden cells say why. The same figures are in the table after the chart.": "eNPS per enhet och omgång; dolda celler säger varför. Samma siffror står i tabellen efter diagrammet.",
        "The heat map as a table": "Värmekartan som tabell",
        "eNPS = share of promoters (9–10) minus share of detractors (0–6). The interval is a 95 %% adjusted-Wald interval, corrected for the unit's size. Groups with fewer than %(k)s answers, and groups that could be worked out from what is shown, are hidden; the split, the comments, the interval and the exact number of answers need %(k_text)s answers (below that the eNPS is rounded to 10, and 50 or more is shown as ≥ 50). Results are shown when a wave has closed, over the unit tree as it was when the wave opened.": "eNPS = andelen ambassadörer (9–10) minus andelen kritiker (0–6). Intervallet är ett 95 %%-konfidensintervall (justerad Wald), korrigerat för enhetens storlek. Grupper med färre än %(k)s svar, och grupper som kan räknas fram ur det som visas, döljs; fördelningen, kommentarerna, intervallet och det exakta antalet svar kräver %(k_text)s svar (under det avrundas eNPS till tiotal, och 50 eller mer visas som ≥ 50). Resultat visas när en omgång har stängt, över enhetsträdet som det såg ut när omgången öppnade.",
        "rounded to 10: too few answers for more": "avrundat till tiotal: för få svar för mer",
        "Fewer than %(k)s answers: shares to the nearest 10 per cent, the eNPS to the nearest 10.": "Färre än %(k)s svar: andelar avrundade till tiotal procent, eNPS till tiotal.",
        "eNPS %(v)s (rounded to 10: too few answers for more).": "eNPS %(v)s (avrundat till tiotal: för få svar för mer).",
    }
)

SV.update(
    {
        "Competence-supply council": "Kompetensförsörjningsrådet",
        "Proposal or action changed": "Förslag eller åtgärd ändrad",
        "Send anonymously": "Skicka anonymt",
        "Nothing is kept that shows who sent it.": "Inget sparas som visar vem som skickade det.",
        "Leave this field empty.": "Lämna fältet tomt.",
        "1 = small, 5 = large": "1 = liten, 5 = stor",
        "1 = uncertain, 5 = can be ensured": "1 = osäker, 5 = kan säkerställas",
        "1 = low, 5 = high": "1 = låg, 5 = hög",
        "1 = within months, 5 = years": "1 = inom månader, 5 = år",
        "Decided by": "Beslutat av",
        "Decided on": "Beslutsdatum",
        "Reference": "Diarienummer",
        "For example RS/719/2021 § 81": "Till exempel RS/719/2021 § 81",
        "area": "område",
        "areas": "områden",
        "lead": "ledare",
        "active": "aktiv",
        "work group": "arbetsgrupp",
        "work groups": "arbetsgrupper",
        "Work group": "Arbetsgrupp",
        "Union": "Facklig organisation",
        "The council": "Rådet",
        "Received": "Inkommen",
        "Being prepared": "Bereds",
        "Decided": "Beslutad",
        "Rejected": "Avslagen",
        "Forwarded to the management group": "Vidare till ledningsgruppen",
        "Carried out": "Genomförd",
        "Evaluated": "Utvärderad",
        "title": "rubrik",
        "suggested work group": "föreslagen arbetsgrupp",
        "origin": "ursprung",
        "submitted on": "inkom",
        "expected effect": "förväntad effekt",
        "certainty of effect": "säkerhet i effekten",
        "cost": "kostnad",
        "time to effect": "tid till effekt",
        "decided by": "beslutat av",
        "decided on": "beslutsdatum",
        "reference": "diarienummer",
        "proposal": "förslag",
        "proposals": "förslag",
        "concerns unit (empty: the whole region)": "gäller enhet (tomt: hela regionen)",
        "budget (MSEK)": "budget (mnkr)",
        "start": "start",
        "end": "slut",
        "actions": "åtgärder",
        "The end is before the start.": "Slutet ligger före starten.",
        "What is done": "Vad är gjort",
        "What is ongoing": "Vad pågår",
        "What is planned": "Vad finns planerat",
        "date": "datum",
        "text": "text",
        "Entered by hand": "Matas in för hand",
        "eNPS from the pulse (the action's unit)": "eNPS från pulsen (åtgärdens enhet)",
        "figure": "mått",
        "unit of measure": "enhet",
        "baseline": "utgångsläge",
        "target": "mål",
        "measure by": "mäts senast",
        "value": "värde",
        "Date": "Datum",
        "Target": "Mål",
        "Actions": "Åtgärder",
        "Status report: competence supply": "Lägesbild: kompetensförsörjning",
        "Budget (MSEK)": "Budget (mnkr)",
        "Overdue": "Försenad",
        "overdue": "försenad",
        "Since last report": "Sedan förra rapporten",
        "Kind": "Typ",
        "Text": "Text",
        "Effect": "Effekt",
        "Figure": "Mått",
        "Latest": "Senast",
        "Measure by": "Mäts senast",
        "decided": "beslutade",
        "ongoing": "pågår",
        "carried out": "genomförda",
        "evaluated": "utvärderade",
        "latest": "senast",
        "of the way": "av vägen",
        "No decided actions yet.": "Inga beslutade åtgärder ännu.",
        "Action plan": "Handlingsplan",
        "Proposal": "Förslag",
        "the whole region": "hela regionen",
        "No values yet.": "Inga värden ännu.",
        "No effect plan yet: add the figures that should move.": "Ingen effektplan ännu: lägg till de mått som ska påverkas.",
        "Reports": "Rapporter",
        "Nothing reported yet.": "Inget rapporterat ännu.",
        "Report: done, ongoing, planned": "Rapportera: gjort, pågår, planerat",
        "Outcome value": "Utfall",
        "Add an effect figure": "Lägg till ett effektmått",
        "Change the action": "Ändra åtgärden",
        "Proposals": "Förslag",
        "Status report": "Lägesbild",
        "No actions for you to see.": "Inga åtgärder för dig att se.",
        "Proposals: the council's inbox": "Förslag: rådets inkorg",
        "My proposals": "Mina förslag",
        "Send a proposal": "Lämna ett förslag",
        "All": "Alla",
        "Origin": "Ursprung",
        "Priority": "Prioritet",
        "anonymous": "anonymt",
        "No proposals.": "Inga förslag.",
        "Priority 0–100: expected effect × certainty of effect first, then low cost and quick effect. Set by the council's assessment.": "Prioritet 0–100: förväntad effekt × säkerhet i effekten först, sedan låg kostnad och snabb effekt. Sätts av rådets bedömning.",
        "What happened since": "Vad som hänt sedan",
        "HTML for Word": "HTML för Word",
        "What has happened from %(since)s to %(today)s, and the effect so far.": "Vad som hänt från %(since)s till %(today)s, och effekten hittills.",
        "Decided by %(by)s on %(on)s (%(ref)s).": "Beslutat av %(by)s den %(on)s (%(ref)s).",
        "Open the action": "Öppna åtgärden",
        "Assessment": "Bedömning",
        "Save the assessment": "Spara bedömningen",
        "Next step": "Nästa steg",
        "Decision": "Beslut",
        "Plan the action": "Planera åtgärden",
        "Create the action": "Skapa åtgärden",
        "Ideas for keeping, recruiting and developing staff go to the competence-supply council, which assesses each one and decides, and follows up what is decided.": "Idéer för att behålla, rekrytera och utveckla medarbetare går till kompetensförsörjningsrådet, som bedömer varje förslag, beslutar och följer upp det som beslutas.",
        "Many proposals have come from here in the last hour. Please try again later.": "Många förslag har kommit härifrån den senaste timmen. Försök igen senare.",
        "You are not signed in, so the proposal is anonymous: nothing is kept that shows who sent it.": "Du är inte inloggad, så förslaget är anonymt: inget sparas som visar vem som skickade det.",
        "Send": "Skicka",
        "Thank you, the proposal is sent": "Tack, förslaget är skickat",
        "It was sent anonymously. The council reads it like any other.": "Det skickades anonymt. Rådet läser det som alla andra.",
        "You can follow it under Proposals.": "Du kan följa det under Förslag.",
        "Send another proposal": "Lämna ett förslag till",
        "The assessment is saved.": "Bedömningen är sparad.",
        "Only a decided proposal becomes an action, once.": "Bara ett beslutat förslag blir en åtgärd, en gång.",
        "Check the decision's date.": "Kontrollera beslutsdatumet.",
        "A decision needs who decided and when.": "Ett beslut kräver vem som beslutade och när.",
        "Plan the action first.": "Planera åtgärden först.",
        "That step is not possible from here.": "Det steget går inte härifrån.",
        "The proposal is now: %(status)s.": "Förslaget är nu: %(status)s.",
        "Saved.": "Sparat.",
        "Proposals and actions": "Förslag och åtgärder",
        "From results to action": "Från resultat till åtgärd",
        "Bemanna: administration": "Bemanna: administration",
        "The administration pages are Django's own. The ones HR uses most (targets, exit reasons, comment themes, professions) are checked with axe; the other checks here are not made on them, and they do not reflow at 320 px.": (  # noqa: E501
            "Administrationssidorna är Djangos egna. De som HR använder mest (mål, avgångsorsaker, "
            "kommentarsteman, yrken) kontrolleras med axe; de andra kontrollerna här görs inte på "
            "dem, och de anpassar sig inte till 320 px bredd."
        ),
        "Have an idea for keeping, recruiting or developing staff? Send it to the council, anonymously if you like.": "Har du en idé om hur vi kan behålla, rekrytera eller utveckla medarbetare? Skicka den till rådet, anonymt om du vill.",
    }
)

SV.update(
    {
        "The extent must be a number from 1 to 100 (per cent).": "Omfattningen måste vara ett tal från 1 till 100 (procent).",
        "Not a month; write it as YYYY-MM.": "Inte en månad; skriv den som ÅÅÅÅ-MM.",
        "Hours must be a number from 0 to 400.": "Timmar måste vara ett tal från 0 till 400.",
        "Nobody with this identity is in the HR extract; import the extract first.": "Ingen med den här identiteten finns i HR-uttaget; importera uttaget först.",
        "The same person and {what} appear earlier, on row {first}.": "Samma person och {what} finns tidigare, på rad {first}.",
        "Key figures": "Nyckeltal",
        "Sick leave (SKR's figures)": "Sjukfrånvaro (SKR:s mått)",
        "Sick-leave hours as a share of scheduled hours, for the staff of the unit and everything below it (by their largest employment at the end of the year); age is the year minus the birth year.": "Sjukfrånvarotimmar som andel av schemalagda timmar, för medarbetarna i enheten och allt under den (efter största anställning vid årets slut); åldern är året minus födelseåret.",
        "Figures for fewer than five people, and any figure from which one could be worked out (a unit, a profession group, women/men or an age band), are hidden, for every role.": "Mått för färre än fem personer, och mått som ett sådant skulle kunna räknas fram ur (en enhet, en yrkesgrupp, kvinnor/män eller en åldersgrupp), döljs, för alla roller.",
        "Too few people to show key figures for this unit.": "För få personer för att visa nyckeltal för den här enheten.",
        "The region": "Regionen",
        "Long-term sick (spells of 60 days or more) at the end of the year": "Långtidssjukskrivna (60 dagar eller mer) vid årets slut",
        "Sick leave per month this year and the year before.": "Sjukfrånvaro per månad i år och året före.",
        "Sick leave, total (1)": "Total sjukfrånvaro (1)",
        "Leavers / average headcount": "Avgångar / genomsnittligt antal anställda",
        "Replacement: the smaller of hires and leavers / average headcount": "Ersättning: det minsta av nyanställda och avgångar / genomsnittligt antal anställda",
        "Leavers at their own request / permanent staff": "Avgångar på egen begäran / tillsvidareanställda",
        "Turnover has no legal standard; the three common variants are shown. For a unit, moving to another unit counts as leaving it.": "Personalomsättning har ingen fastslagen definition; de tre vanliga varianterna visas. För en enhet räknas flytt till en annan enhet som avgång.",
        "Share in spells of 60 days or more (2)": "Andel i sjukperioder om 60 dagar eller mer (2)",
        "Women (3)": "Kvinnor (3)",
        "Men (4)": "Män (4)",
        "29 or younger (5)": "29 år eller yngre (5)",
        "30–49 (6)": "30–49 år (6)",
        "50 or older (7)": "50 år eller äldre (7)",
        "Sick leave per month (figure 1)": "Sjukfrånvaro per månad (mått 1)",
        "Sick-leave spells": "Sjukfrånvaroperioder",
        "Scheduled hours": "Schemalagda timmar",
        "Imported: %(created)s new rows, %(replaced)s replaced.": "Importerat: %(created)s nya rader, %(replaced)s ersatta.",
        "No account? Send a proposal to the council, anonymously.": "Inget konto? Lämna ett förslag till rådet, anonymt.",
        "bemanna run_schedule e-mails the rest.": "bemanna run_schedule e-postar resten.",
    }
)

SV.update(
    {
        # Key figures, costs, targets, early intervention, the board report (issue 7)
        "Occupational health": "Företagshälsa",
        "The same person appears earlier, on row {first}.": "Samma person finns tidigare, på rad {first}.",
        "Write ja or nej.": "Skriv ja eller nej.",
        "Not an amount in kronor (0 or more, e.g. 1 234 567,50).": "Inte ett belopp i kronor (0 eller mer, t.ex. 1 234 567,50).",
        "Staffing-pool hours must be a number, 0 or more.": "Timmar i bemanningspoolen ska vara ett tal, 0 eller mer.",
        "The same unit, month and profession group appear earlier, on row {first}.": "Samma enhet, månad och yrkesgrupp finns tidigare, på rad {first}.",
        "Sick-leave worklist viewed": "Arbetslista sjukfrånvaro visad",
        "Early-intervention call recorded": "Samtal om tidig insats registrerat",
        "Health data deleted after the retention period": "Hälsodata raderade efter lagringstiden",
        "Board report generated": "Lägesrapport skapad",
        "Competence supply: status report": "Kompetensförsörjning — lägesrapport",
        "off target": "utanför mål",
        "significant change": "signifikant förändring",
        "A target for %(figure)s is between %(low)s and %(high)s.": "Ett mål för %(figure)s ligger mellan %(low)s och %(high)s.",
        "Employees at the end of the period": "Anställda vid periodens slut",
        "Full-time equivalents": "Årsarbetare",
        "Staff with an individual competence plan": "Andel med individuell kompetensplan",
        "Hired staff, share of own-staff cost": "Inhyrd personal, andel av kostnaden för egen personal",
        "Hired staff (SEK)": "Inhyrd personal (kr)",
        "Own staff (SEK)": "Egen personal (kr)",
        "Staffing-pool hours": "Timmar från bemanningspoolen",
        "eNPS": "eNPS",
        "Needs attention": "Behöver uppmärksamhet",
        "significant change from": "signifikant förändring från",
        "No forecast scenario yet.": "Inget prognosscenario ännu.",
        "Ambassadorship": "Ambassadörskap",
        "Low": "Låg",
        "High": "Hög",
        "Ends": "Slutar",
        "The call cannot be in the future.": "Samtalet kan inte ligga i framtiden.",
        "The call cannot be before the sick leave began.": "Samtalet kan inte ligga innan sjukfrånvaron började.",
        "Empty: the whole region.": "Tomt: hela regionen.",
        "Per cent for shares (e.g. 2 for 2 %), points for eNPS.": "Procent för andelar (t.ex. 2 för 2 %), poäng för eNPS.",
        "key-figure target": "mål för nyckeltal",
        "key-figure targets": "mål för nyckeltal",
        "called on": "samtal den",
        "manager reached": "chefen nådd",
        "rehabilitation meeting booked": "rehabiliteringsmöte bokat",
        "Per cent": "Procent",
        "Target, figure 1": "Mål, mått 1",
        "Sick leave over ten years": "Sjukfrånvaro under tio år",
        "Hired staff": "Inhyrd personal",
        "Per cent of own-staff cost": "Procent av kostnaden för egen personal",
        "Hired staff as a share of own-staff cost": "Inhyrd personal som andel av kostnaden för egen personal",
        "Sick-leave hours as a share of scheduled hours, for the staff of the unit and everything below it (each month in the unit of their largest employment that month); age is the year minus the birth year.": "Sjukfrånvarotimmar som andel av schemalagd arbetstid, för personalen i enheten och allt under den (varje månad i den enhet där de hade sin största anställning den månaden); åldern är året minus födelseåret.",
        "Sick leave and the long-term share per year over ten years, with the target.": "Sjukfrånvaro och andelen långa sjukperioder per år under tio år, med målet.",
        "Staff, competence plans and ambassadorship": "Personal, kompetensplaner och ambassadörskap",
        "HME total index": "HME totalindex",
        "Hired staff and the staffing pool": "Inhyrd personal och bemanningspoolen",
        "Hired staff by profession group": "Inhyrd personal per yrkesgrupp",
        "Not split by profession": "Ej fördelat på yrke",
        "Hired staff as a share of own-staff cost per year, with the target.": "Inhyrd personal som andel av kostnaden för egen personal per år, med målet.",
        "No personnel costs imported for this year.": "Inga personalkostnader inlästa för året.",
        "Compared with": "Jämfört med",
        "Forecast: the staffing gap": "Prognos: bemanningsgapet",
        "Main scenario “%(name)s”: gap in %(year)s": "Huvudscenariot ”%(name)s”: gap %(year)s",
        "recruitment need a year (people), P50": "rekryteringsbehov per år (personer), P50",
        "eNPS with 95 %% interval; a wave with too few answers is not shown.": "eNPS med 95 %% intervall; en omgång med för få svar visas inte.",
        "No pulse results for this year.": "Inga pulsresultat för året.",
        "The action plan": "Handlingsplanen",
        "Record the call": "Registrera samtalet",
        "Early intervention": "Tidiga insatser",
        "no manager account": "inget chefskonto",
        "sick from": "sjuk från",
        "day": "dag",
        "Board report": "Lägesrapport",
        "read": "läs",
        "Early intervention (occupational health)": "Tidiga insatser (företagshälsan)",
        "Sick-leave spells that reached day 8, and occupational health's calls to the manager, per month for the whole region. Only counts are shown here.": "Sjukperioder som nådde dag 8, och företagshälsans samtal till chefen, per månad för hela regionen. Här visas bara antal.",
        "Reached day 8": "Nådde dag 8",
        "Calls": "Samtal",
        "Manager reached": "Chefen nådd",
        "Rehabilitation meetings booked": "Bokade rehabiliteringsmöten",
        "Sick-leave spells on day 8–10 today (and older ones not yet called, marked late): call the manager and record the call. Health data: every view is logged.": "Sjukperioder på dag 8–10 i dag (och äldre som ännu inte fått samtal, markerade sena): ring chefen och registrera samtalet. Hälsodata: varje visning loggas.",
        "Day": "Dag",
        "Sick from": "Sjuk från",
        "Extent": "Omfattning",
        "late": "sen",
        "No sick-leave spell needs a call today.": "Ingen sjukperiod behöver samtal i dag.",
        "Calls in the last 30 days": "Samtal de senaste 30 dagarna",
        "Called on": "Samtal den",
        "Rehabilitation meeting booked": "Rehabiliteringsmöte bokat",
        "No calls recorded.": "Inga samtal registrerade.",
        "Call": "Samtal",
        "Personnel costs": "Personalkostnader",
        "Competence plans": "Kompetensplaner",
        "Employee reference": "Referens (pseudonym)",
        # Targeted surveys into the forecast (issue 5)
        "From surveys: %(survey)s (closed %(closes)s, %(answers)s answers)": "Från enkäter: %(survey)s (stängd %(closes)s, %(answers)s svar)",
        "From surveys": "Från enkäter",
        "Part-time lever": "Deltidsspaken",
        "Retirement shift": "Senare pension",
        "closed": "stängd",
        "answers": "svar",
        "own figure for": "egen siffra för",
        "the region's figure for": "regionens siffra för",
        "too few answers": "för få svar",
        "Use survey results": "Använd enkätresultat",
        "Sets the part-time lever from the last “Higher employment rate” survey (by profession group where the answers allow) and the retirement shift from the last “Later retirement” survey, with their uncertainty.": "Sätter deltidsspaken från senaste enkäten ”Ökad sysselsättningsgrad” (per yrkesgrupp där svaren räcker) och pensionsspaken från senaste ”Senare pension”, med deras osäkerhet.",
        "Levers set from the surveys: %(names)s.": "Spakar satta från enkäterna: %(names)s.",
        "No closed targeted survey with enough answers yet: nothing changed. Start one under Pulse.": "Ingen avslutad riktad enkät med tillräckligt många svar ännu: inget ändrat. Starta en under Puls.",
        "Ambassadorship (eNPS)": "Ambassadörskap (eNPS)",
        "Higher employment rate (part-timers)": "Ökad sysselsättningsgrad (deltidsanställda)",
        "Later retirement (staff aged 60+)": "Senare pension (medarbetare 60+)",
        "purpose": "syfte",
        "Would you? (ja / kanske / nej)": "Skulle du? (ja / kanske / nej)",
        "The rate wanted, or the years longer": "Önskad sysselsättningsgrad, eller antal år längre",
        "What it means for the forecast": "Vad det betyder för prognosen",
        "Too few answers in the last closed wave to set a lever.": "För få svar i senaste stängda omgången för att sätta en spak.",
        "Would raise their rate": "Vill öka sin sysselsättningsgrad",
        "To (per cent)": "Till (procent)",
        "The whole region": "Hela regionen",
        "Years later (expected)": "År senare (förväntat)",
        "Too few answers to show on their own (the region's figure is used for them): %(groups)s.": "För få svar för att visas för sig (regionens siffra används för dem): %(groups)s.",
        "A “maybe” counts half. ± is one standard error; the forecast draws from it. Use it on a scenario with “Use survey results”.": "Ett ”kanske” räknas som ett halvt. ± är ett standardfel; prognosen drar ur det. Använd det i ett scenario med ”Använd enkätresultat”.",
        "Targeted surveys for the forecast": "Riktade enkäter till prognosen",
        "Unknown survey template.": "Okänd enkätmall.",
        "%(name)s is created for the whole region. Check it, then open its wave.": "%(name)s är skapad för hela regionen. Kontrollera den och öppna sedan omgången.",
        # The exit survey (issue 5)
        "The main reason you are leaving": "Den främsta anledningen till att du slutar",
        "Choose the main reason.": "Välj huvudorsaken.",
        "Other reasons that played a part (any number)": "Andra orsaker som spelade in (välj gärna flera)",
        "Could you imagine coming back to work for us?": "Kan du tänka dig att komma tillbaka och arbeta hos oss?",
        "How likely is it that you would recommend us as an employer? (0–10)": "Hur troligt är det att du skulle rekommendera oss som arbetsgivare? (0–10)",
        "What would have made you stay?": "Vad hade fått dig att stanna?",
        "Do not write names. Shown only pooled with many others.": "Skriv inga namn. Visas bara tillsammans med många andras svar.",
        "name (Swedish)": "namn (svenska)",
        "name (English)": "namn (engelska)",
        "position": "ordning",
        "offered in the survey": "finns i enkäten",
        "exit reason": "avgångsorsak",
        "exit reasons": "avgångsorsaker",
        "end reasons not asked": "avgångsorsaker som inte får enkät",
        "HR system end reasons that get no invitation, e.g. death.": "Avgångsorsaker i HR-systemet som inte får någon inbjudan, t.ex. dödsfall.",
        "fewest answers behind a figure": "minsta antal svar bakom en siffra",
        "years pooled in each result": "antal år som slås ihop i varje resultat",
        "Results are shown for fixed blocks of this many calendar years (e.g. 2024–2025), the same for every unit and group, once the block has ended.": "Resultat visas för fasta perioder om så många kalenderår (t.ex. 2024–2025), samma för alla enheter och grupper, när perioden är slut.",
        "days to answer": "dagar att svara",
        "invite this many days before the last day": "bjud in så många dagar före sista arbetsdagen",
        "exit-survey settings": "inställningar för avgångsenkäten",
        "Unknown end reason: %(r)s": "Okänd avgångsorsak: %(r)s",
        "Once answers exist the threshold can only be raised, and the years pooled cannot change.": "När det finns svar kan gränsen bara höjas, och antalet sammanslagna år kan inte ändras.",
        "Yes": "Ja",
        "Maybe": "Kanske",
        "No": "Nej",
        "Why are you leaving?": "Varför slutar du?",
        "Open until %(closes)s. It takes about three minutes.": "Öppen till och med %(closes)s. Det tar ungefär tre minuter.",
        "Your answer is stored without your name, link or time. It is shown only pooled with others who left over the same years, never for a group of fewer than %(k)s, and never so that a smaller group's answers could be worked out.": "Ditt svar sparas utan namn, länk eller tid. Det visas bara tillsammans med andra som slutat under samma år, aldrig för en grupp på färre än %(k)s, och aldrig så att en mindre grupps svar går att räkna ut.",
        "Exit survey": "Avgångsenkät",
        "The survey is not open": "Enkäten är inte öppen",
        "The link is not valid": "Länken gäller inte",
        "The answer window has closed.": "Svarstiden har gått ut.",
        "Check the link in your e-mail.": "Kontrollera länken i ditt e-postmeddelande.",
        "Why people leave": "Varför medarbetare slutar",
        "No complete period with exit-survey answers yet. Results are shown once a period has ended and every invitation for it has closed.": "Ingen avslutad period med svar på avgångsenkäten ännu. Resultat visas när en period är slut och alla inbjudningar för den har stängt.",
        "Years": "År",
        "%(n)s answers.": "%(n)s svar.",
        "Would recommend us (eNPS)": "Skulle rekommendera oss (eNPS)",
        "Reason": "Orsak",
        "Main reason": "Huvudorsak",
        "Mentioned at all": "Nämnd alls",
        "Could imagine coming back": "Kan tänka sig att komma tillbaka",
        "maybe": "kanske",
        "no": "nej",
        "Too few answers to show for this unit in these years.": "För få svar för att visa något för enheten under dessa år.",
        "Main reasons for leaving over time": "Huvudorsaker till avgång över tid",
        "The HR system's end reasons (everyone who left)": "HR-systemets avgångsorsaker (alla som slutat)",
        "%(n)s leavers in these years.": "%(n)s avgångar under dessa år.",
        "Too few leavers to show.": "För få avgångar för att visa.",
        "The end reasons are shown from %(k)s leavers.": "Avgångsorsakerna visas från %(k)s avgångar.",
        "Most common main reason": "Vanligaste huvudorsak",
        "Leavers (HR system)": "Avgångar (HR-systemet)",
        "Per profession group (the whole region)": "Per yrkesgrupp (hela regionen)",
        "Most common main reasons": "Vanligaste huvudorsaker",
        "Levers that speak to them": "Spakar som svarar mot dem",
        "Too few answers to show on their own: %(groups)s.": "För få svar för att visas för sig: %(groups)s.",
        "What would have made them stay": "Vad hade fått dem att stanna",
        "Your answer is counted once and cannot be traced back to you. Good luck with what comes next.": "Ditt svar räknas en gång och kan inte spåras till dig. Lycka till med det som kommer!",
        "Share giving it as the main reason, per cent": "Andel som anger den som huvudorsak, procent",
        "of which in spells of 60 days or more": "varav i sjukperioder om 60 dagar eller mer",
        "Per cent of scheduled hours": "Procent av schemalagd tid",
        "Sick leave per profession group (figure 1)": "Sjukfrånvaro per yrkesgrupp (mått 1)",
        "Per profession group: not shown for this unit, as a group of fewer than five people could be worked out.": "Per yrkesgrupp: visas inte för den här enheten, eftersom en grupp med färre än fem personer skulle kunna räknas fram.",
        "Sick leave and its long-term part (spells of 60 days or more) per year over ten years, as shares of scheduled hours, with the target.": "Sjukfrånvaro och dess långa del (sjukperioder om 60 dagar eller mer) per år under tio år, som andel av schemalagd tid, med målet.",
    }
)
# Data protection (issue 17): free text, register extract, retention, backup.
SV.update(
    {
        # Free text (bemanna/freetext.py)
        "[personal identity number removed]": "[personnummer borttaget]",
        "[e-mail address removed]": "[e-postadress borttagen]",
        "[phone number removed]": "[telefonnummer borttaget]",
        "a personal identity number": "ett personnummer",
        "an e-mail address": "en e-postadress",
        "a phone number": "ett telefonnummer",
        "We removed %(what)s from the text: this is not the place for personal data. Check the text and send it again.": "Vi tog bort %(what)s ur texten: här ska inga personuppgifter stå. Läs igenom texten och skicka den igen.",
        "Register extract (GDPR art. 15)": "Registerutdrag (GDPR art. 15)",
        "Person erased (GDPR art. 17)": "Person raderad (GDPR art. 17)",
        "Data deleted after its retention period": "Uppgifter gallrade efter bevarandetiden",
        "Database backed up or restored": "Databasen säkerhetskopierad eller återställd",
        "Person": "Person",
        "E-mail": "E-post",
        "Rate %": "Syss.grad %",
        "End reason": "Avgångsorsak",
        "Imported from": "Importerad från",
        "From": "Från",
        "To": "Till",
        "Extent %": "Omfattning %",
        "Hours": "Timmar",
        "Competence plan": "Kompetensplan",
        "Has an individual competence plan": "Har en individuell kompetensplan",
        "Occupational health's calls (early intervention)": "Företagshälsans samtal (tidiga insatser)",
        "Spell from": "Perioden från",
        "Rehabilitation meeting": "Rehabiliteringsmöte",
        "Open pulse invitations": "Öppna pulsinbjudningar",
        "Survey": "Enkät",
        "Opens": "Öppnar",
        "Closes": "Stänger",
        "By e-mail": "Via e-post",
        "Sent": "Skickad",
        "Used": "Använd",
        "Exit-survey invitations": "Inbjudningar till avgångsenkäten",
        "Answers to pulse surveys and the exit survey are stored without any link to a person: no name, personnummer, pseudonym, invitation, code, time or language is kept with them. They cannot be found, shown or deleted for anyone, and so are not in this extract. While a survey is open, the invitation above records only whether it has been used.": "Svar på pulsenkäter och avgångsenkäten sparas utan någon koppling till en person: inget namn, personnummer, pseudonym, inbjudan, kod, tidpunkt eller språk sparas med dem. De kan inte kopplas till någon, och kan därför inte tas fram, visas eller raderas för någon; de finns inte i detta utdrag. Medan en enkät är öppen visar inbjudan ovan bara om den har använts.",
        "No person with this number is held in Bemanna.": "Bemanna har ingen person med detta nummer.",
        "The person has an employment that runs today or later: the data is needed while they are employed, and the next HR extract would bring it back.": "Personen har en anställning som pågår i dag eller senare: uppgifterna behövs medan anställningen pågår, och nästa HR-underlag skulle föra tillbaka dem.",
        "Personnummer": "Personnummer",
        "12 or 10 digits, with or without a dash. It is not stored.": "12 eller 10 siffror, med eller utan bindestreck. Numret sparas inte.",
        "Employee number (Anst.nr), if the HR extract names people by it": "Anställningsnummer (Anst.nr), om HR-underlaget anger personer med det",
        "Write 12 or 10 digits, for example 19811218-9876.": "Skriv 12 eller 10 siffror, till exempel 19811218-9876.",
        "The date in the number does not exist.": "Datumet i numret finns inte.",
        "The check digit is wrong; check the number.": "Kontrollsiffran stämmer inte; kontrollera numret.",
        "Legal ground and reference (e.g. the request's registration number)": "Rättslig grund och referens (t.ex. begärans diarienummer)",
        "I have checked that no law (e.g. archiving rules) requires Bemanna to keep this data, and that the HR system will not send the person again.": "Jag har kontrollerat att ingen lag (t.ex. arkivregler) kräver att Bemanna behåller uppgifterna, och att HR-systemet inte skickar personen igen.",
        "Employment rows (and a person with nothing left)": "Anställningsrader (och en person utan något kvar)",
        "%(n)s years after the employment ended": "%(n)s år efter att anställningen upphörde",
        "the %(n)s latest calendar years": "de %(n)s senaste kalenderåren",
        "Occupational health's call records": "Företagshälsans samtalsanteckningar",
        "%(n)s months after the call": "%(n)s månader efter samtalet",
        "Pulse answers, with their waves, invitations and dialogues": "Pulssvar, med omgångar, inbjudningar och dialoger",
        "%(n)s years after the wave closed": "%(n)s år efter att omgången stängde",
        "Exit-survey answers": "Svar på avgångsenkäten",
        "%(n)s years after their block of years ended": "%(n)s år efter att deras period av år slutade",
        "Free-text comments in answers (emptied)": "Fritextkommentarer i svar (töms)",
        "%(n)s years after the wave closed or the block ended": "%(n)s år efter att omgången stängde eller perioden slutade",
        "Proposals rejected or evaluated, with their history and action": "Förslag som avslagits eller utvärderats, med historik och åtgärd",
        "%(n)s years after the last change": "%(n)s år efter den senaste ändringen",
        "Audit log entries": "Poster i granskningsloggen",
        "%(n)s months": "%(n)s månader",
        "Records of imported files (no file is kept)": "Uppgifter om importerade filer (ingen fil sparas)",
        "%(n)s years after the import": "%(n)s år efter importen",
        "Made": "Framtaget",
        "Bemanna holds no person with this number.": "Bemanna har ingen person med detta nummer.",
        "Nothing.": "Inget.",
        "Survey answers": "Enkätsvar",
        "Register extract": "Registerutdrag",
        "Enter the personnummer of the person who asked. Bemanna turns it into the same pseudonym an import makes and shows everything held under it, as a page, PDF and JSON. The number is not stored; the extract is recorded in the audit log.": "Ange personnumret för den som begärt utdraget. Bemanna gör om det till samma pseudonym som en import ger och visar allt som finns under den, som sida, PDF och JSON. Numret sparas inte; utdraget förs in i granskningsloggen.",
        "Make the extract": "Ta fram utdraget",
        "Retention: what is deleted next, and when": "Gallring: vad som raderas härnäst, och när",
        "Download as PDF": "Ladda ned som PDF",
        "Download as JSON": "Ladda ned som JSON",
        "Another person": "En annan person",
        "Erasure (GDPR art. 17)": "Radering (GDPR art. 17)",
        "Deletes the person and everything above, where the law allows: not while an employment runs, and only when no archiving rule requires the data. Erase the person in the HR system too, or the next import brings them back.": "Raderar personen och allt ovan, där lagen tillåter det: inte medan en anställning pågår, och bara när ingen arkivregel kräver uppgifterna. Radera personen i HR-systemet också, annars för nästa import tillbaka dem.",
        "Erase the person": "Radera personen",
        "Retention": "Gallring",
        "bemanna run_schedule deletes each kind of data once it is older than its retention period; the settings are in the environment. Deleted rows are removed from the database, and the number deleted is recorded in the audit log.": "bemanna run_schedule raderar varje slags uppgift när den är äldre än sin bevarandetid; inställningarna görs i miljövariabler. Raderade rader tas bort ur databasen, och antalet förs in i granskningsloggen.",
        "Data": "Uppgifter",
        "Kept": "Sparas",
        "Setting": "Inställning",
        "Deleted at the next run": "Raderas vid nästa körning",
        "Next due after that": "Nästa gallring därefter",
        "Give the legal ground and confirm the check before erasing.": "Ange rättslig grund och bekräfta kontrollen innan du raderar.",
        "Erased: %(persons)s person(s), %(employments)s employment(s) and everything held about them.": "Raderat: %(persons)s person(er), %(employments)s anställning(ar) och allt som fanns om dem.",
        "Data protection": "Dataskydd",
        "The wave is open, but no mail server is configured (BEMANNA_EMAIL_HOST), so nothing was e-mailed. Invitations are never printed to the log, since they hold answer codes.": "Omgången är öppen, men ingen e-postserver är inställd (BEMANNA_EMAIL_HOST), så inget har e-postats. Inbjudningar skrivs aldrig ut i loggen, eftersom de innehåller svarskoder.",
    }
)

SV.update(
    {
        "HR table changed": "HR-tabell ändrad",
        "profession group": "yrkesgrupp",
        "average monthly salary, full time (kr)": "genomsnittlig månadslön, heltid (kr)",
        "personnel overhead, PO (%)": "personalomkostnadspålägg, PO (%)",
        "hired staff cost × own staff cost": "inhyrd personals kostnad × egen personals kostnad",
        "cost per profession group": "kostnad per yrkesgrupp",
        "costs per profession group": "kostnader per yrkesgrupp",
        "Every other group": "Alla övriga grupper",
        "The SKR profession group as the forecast names it.": "SKR-yrkesgruppen så som prognosen benämner den.",
        "Personnel overhead on salaries (PO-pålägg): statutory fees, agreed insurance and pensions.": "Personalomkostnadspålägg på lönerna (PO-pålägg): lagstadgade avgifter, avtalsförsäkringar och pensioner.",
        "What an FTE of hired staff costs as a multiple of own staff.": "Vad en årsarbetare inhyrd personal kostar, som en multipel av egen personal.",
        "Where the figures come from, as a controller can check them.": "Var siffrorna kommer ifrån, så att en controller kan kontrollera dem.",
        "The row for every other group cannot be deleted.": "Raden för alla övriga grupper kan inte tas bort.",
        "Saved the costs of %(group)s.": "Kostnaderna för %(group)s är sparade.",
        "Cost per profession group": "Kostnad per yrkesgrupp",
        "The forecast values each profession group's gap at its cost per FTE and year: 12 × the average monthly salary (full time) × (1 + PO). Where the imported personnel costs are split by profession group, those come first; a group's row here comes before the region's imported average; the row for every other group prices the rest. Hired staff cost the factor × own staff, unless the imported hired-staff cost and the scenario's hired FTE give the group's own price.": "Prognosen värderar varje yrkesgrupps gap till gruppens kostnad per årsarbetare och år: 12 × genomsnittlig månadslön (heltid) × (1 + PO). Där de importerade personalkostnaderna är uppdelade per yrkesgrupp gäller de först; en grupps rad här går före regionens importerade genomsnitt; raden för alla övriga grupper prissätter resten. Inhyrd personal kostar faktorn × egen personal, om inte den importerade kostnaden för inhyrd personal och scenariots inhyrda årsarbetare ger gruppens eget pris.",
        "The rows Bemanna starts with are national figures, not your region's: average monthly salaries from Statistics Sweden (SCB, salary structure statistics for the regions, 2019), PO from SKR's personnel overhead for regions 2023 (31.42 % statutory fees + 0.13 % agreed insurance + 20.73 % pensions = 52.28 %). No national figure exists for what hired staff cost: the factor 1.6 is an assumption. HR should replace every row with the region's own salaries and the prices of its framework agreements.": "Raderna som Bemanna börjar med är nationella siffror, inte er regions: genomsnittliga månadslöner från SCB (lönestrukturstatistik för regionerna, 2019) och PO enligt SKR:s personalomkostnadspålägg för regioner 2023 (31,42 % lagstadgade avgifter + 0,13 % avtalsförsäkringar + 20,73 % pensioner = 52,28 %). Det finns ingen nationell siffra för vad inhyrd personal kostar: faktorn 1,6 är ett antagande. HR bör ersätta varje rad med regionens egna löner och priserna i dess ramavtal.",
        "Monthly salary (kr)": "Månadslön (kr)",
        "PO (%)": "PO (%)",
        "Own staff per FTE and year (kr)": "Egen personal per årsarbetare och år (kr)",
        "Hired staff factor": "Faktor för inhyrd personal",
        "Last changed": "Senast ändrad",
        "FTE, mean": "årsarbetare, medelvärde",
        "students a year": "studenter per år",
        "who complete (%)": "som tar examen (%)",
        "of them hired by the region (%)": "av dem anställda av regionen (%)",
        "education pipeline": "utbildningsflöde",
        "education pipelines": "utbildningsflöden",
        "Where the figures come from (the university's admissions, say).": "Var siffrorna kommer ifrån (till exempel lärosätets antagning).",
        "Saved the education pipeline of %(group)s.": "Utbildningsflödet för %(group)s är sparat.",
        "Education pipeline in this forecast": "Utbildningsflöde i denna prognos",
        "the table": "tabellen",
        "Graduates hired each year come on top of the recruitment pace of the last five years: the education pipeline step of the waterfall.": "De nyutexaminerade som anställs varje år kommer utöver rekryteringstakten de senaste fem åren: utbildningssteget i vattenfallet.",
        "Hired a year": "Anställda per år",
        "Per profession group: students a year in the educations the region recruits from, the share who complete, and the share of them the region hires. Every scenario adds students × completion × share hired to the group's hires each year, as its education step (a scenario that sets its own students for a group uses those instead). Fill in figures you can source: the universities' admissions and completion, and the region's own hires straight after studies.": "Per yrkesgrupp: studenter per år på de utbildningar regionen rekryterar från, andelen som tar examen och andelen av dem som regionen anställer. Varje scenario lägger till studenter × examen × andel anställda till gruppens nyanställningar varje år, som sitt utbildningssteg (ett scenario som anger egna studenter för en grupp använder dem i stället). Fyll i siffror ni kan belägga: lärosätenas antagning och examination och regionens egna anställningar direkt efter studierna.",
        "None yet: the forecast adds no graduates beyond the recruitment pace of the last five years.": "Inga än: prognosen lägger inte till några nyutexaminerade utöver rekryteringstakten de senaste fem åren.",
        "No SKR profession group for these codes (code, name, rows): %(codes)s. They are grouped by their own name until the extract's Yrkesgrupp column or the shipped table (version %(version)s) gives them one.": "Ingen SKR-yrkesgrupp för dessa koder (kod, benämning, rader): %(codes)s. De grupperas under sin egen benämning tills uttagets kolumn Yrkesgrupp eller den medföljande tabellen (version %(version)s) ger dem en.",
        "(Bemanna's starting value: replace it)": "(Bemannas startvärde: ersätt det)",
        "Edit %(group)s": "Ändra %(group)s",
        "Add a profession group": "Lägg till en yrkesgrupp",
        "Delete": "Ta bort",
        "the cost table": "kostnadstabellen",
        "own staff: the group's imported costs": "egen personal: gruppens importerade kostnader",
        "own staff: the group's row in the cost table": "egen personal: gruppens rad i kostnadstabellen",
        "own staff: the region's imported average": "egen personal: regionens importerade genomsnitt",
        "own staff: the cost table's row for every other group": "egen personal: kostnadstabellens rad för alla övriga grupper",
        "hired staff: %(factor)s × own staff (cost table)": "inhyrd personal: %(factor)s × egen personal (kostnadstabellen)",
        "Each group's gap in each draw × its cost per FTE, summed over the groups before the mean and P10–P90 are taken; in today's prices. A surplus in one group offsets a shortage in another in the gap's cost, but not when filling the shortage with hired staff.": "Varje yrkesgrupps gap i varje dragning × gruppens kostnad per årsarbetare, summerat över grupperna innan medelvärde och P10–P90 tas fram; i dagens priser. Ett överskott i en grupp väger upp en brist i en annan i gapets kostnad, men inte när bristen täcks med inhyrd personal.",
        "Imported personnel costs used: %(first)s–%(last)s.": "Importerade personalkostnader som används: %(first)s–%(last)s.",
        "Cost of the gap (kr a year), mean (P10–P90)": "Gapets kostnad (kr per år), medelvärde (P10–P90)",
        "Filling the shortage with hired staff (kr a year), mean (P10–P90)": "Att täcka bristen med inhyrd personal (kr per år), medelvärde (P10–P90)",
        "Cost of the gap in %(year)s (kr a year), mean": "Gapets kostnad %(year)s (kr per år), medelvärde",
        "Filling the shortage with hired staff in %(year)s (kr a year), mean": "Att täcka bristen med inhyrd personal %(year)s (kr per år), medelvärde",
        "Neither the imported personnel costs nor the cost table price every profession group, so the forecast is shown in FTE only. Fill in the cost table (row for every other group) or import the personnel costs.": "Varken de importerade personalkostnaderna eller kostnadstabellen ger ett pris för varje yrkesgrupp, så prognosen visas bara i årsarbetare. Fyll i kostnadstabellen (raden för alla övriga grupper) eller importera personalkostnaderna.",
        "Gap in %(year)s (FTE), mean of the draws": "Gap %(year)s (årsarbetare), medelvärde av dragningarna",
        "The headline gap and every step of the waterfall are means over the same draws, so the steps add up to the headline. Each lever is simulated alone with the same random draws; its P10–P90 is that of its effect in each draw.": "Gapet överst och varje steg i vattenfallet är medelvärden över samma dragningar, så stegen summerar till gapet överst. Varje åtgärd simuleras för sig med samma slumpdragningar; dess P10–P90 är effektens i varje dragning.",
        "Effect on the gap (FTE), mean": "Effekt på gapet (årsarbetare), medelvärde",
        "Effect on the gap's cost (kr a year), mean": "Effekt på gapets kostnad (kr per år), medelvärde",
        "Gap at the horizon, mean (FTE)": "Gap vid horisonten, medelvärde (årsarbetare)",
        "Cost of the gap at the horizon, mean (kr a year)": "Gapets kostnad vid horisonten, medelvärde (kr per år)",
        "Filling the shortage with hired staff, mean (kr a year)": "Att täcka bristen med inhyrd personal, medelvärde (kr per år)",
        "Cost of the gap at the horizon (kr a year), mean (P10–P90)": "Gapets kostnad vid horisonten (kr per år), medelvärde (P10–P90)",
        "Filling the shortage with hired staff at the horizon (kr a year), mean (P10–P90)": "Att täcka bristen med inhyrd personal vid horisonten (kr per år), medelvärde (P10–P90)",
        "%(lever)s: there is no profession group “%(group)s”, so it is not applied.": "%(lever)s: yrkesgruppen ”%(group)s” finns inte, så den tillämpas inte.",
        "Population projection: Region Demo's example — import the county's own.": "Befolkningsprognos: Region Demos exempel — importera länets egen.",
        "Note": "Obs",
    }
)

# From results to action (issue 15): per statement, drivers, start page, themes, nudges.
SV.update(
    {
        "Per statement": "Per påstående",
        "eNPS with 95 % interval (green: significantly higher, orange: lower)": "eNPS med 95 %-intervall (grönt: signifikant högre, orange: lägre)",
        "phone": "telefon",
        "Every day": "Alla dagar",
        "Every administration": "Alla förvaltningar",
        "The call is recorded: the manager was reached.": "Samtalet är registrerat: chefen nåddes.",
        "The call is recorded. The manager was not reached: the spell is on the list to call again.": "Samtalet är registrerat. Chefen nåddes inte: sjukfallet står kvar på listan att ringa igen.",
        "Call again: the manager was not reached": "Ring igen: chefen nåddes inte",
        "Last tried": "Senast försökt",
        "Nobody to call again.": "Ingen att ringa igen.",
        "no manager in the unit tree": "ingen chef i enhetsträdet",
        "Status changed to: %(status)s": "Status ändrad till: %(status)s",
        "Proposal received": "Förslaget togs emot",
        "The council's assessment": "Rådets bedömning",
        "Action planned": "Åtgärden planerades",
        "Action changed": "Åtgärden ändrades",
        "Status note written": "Lägesanteckning skrevs",
        "Effect measure added": "Effektmått lades till",
        "Measured value added": "Mätvärde lades till",
        "New, not assessed": "Ny, ej bedömd",
        "Not assessed": "Ej bedömd",
        "Results are ready": "Resultaten är klara",
        "The team dialogue is due": "Dialogen i arbetsgruppen ska hållas",
        "An action is overdue": "En åtgärd är försenad",
        "Low response rate before the wave closes": "Låg svarsfrekvens innan omgången stänger",
        "Weekly digest to HR of what is overdue": "Veckosammanställning till HR av det som är försenat",
        "Results are ready: %(pulse)s": "Resultaten är klara: %(pulse)s",
        "The results of %(pulse)s (the wave of %(opens)s) for %(unit)s are ready:\n%(link)s\n\nHold the team dialogue within %(days)s days of the close.": "Resultaten av %(pulse)s (omgången %(opens)s) för %(unit)s är klara:\n%(link)s\n\nHåll dialogen i arbetsgruppen inom %(days)s dagar efter att omgången stängde.",
        "The team dialogue is due: %(unit)s": "Dags för dialog i arbetsgruppen: %(unit)s",
        "The team dialogue on %(pulse)s (the wave of %(opens)s) for %(unit)s is due. Record it here:\n%(link)s": "Dialogen om %(pulse)s (omgången %(opens)s) för %(unit)s ska hållas nu. För in den här:\n%(link)s",
        "An action is overdue: %(action)s": "En åtgärd är försenad: %(action)s",
        "The action “%(action)s” of %(unit)s (owner: %(owner)s) was due %(due)s and is not marked done:\n%(link)s": "Åtgärden ”%(action)s” för %(unit)s (ansvarig: %(owner)s) skulle vara klar %(due)s och är inte markerad som klar:\n%(link)s",
        "Few have answered yet: %(unit)s": "Få har svarat ännu: %(unit)s",
        "%(pulse)s closes %(closes)s. The response rate in %(unit)s is %(rate)s so far; remind your team at the next meeting.": "%(pulse)s stänger %(closes)s. Svarsfrekvensen i %(unit)s är hittills %(rate)s; påminn gruppen vid nästa möte.",
        "Actions overdue:": "Försenade åtgärder:",
        "Dialogues not held:": "Dialoger som inte hållits:",
        "Overdue this week (week %(week)s)": "Försenat denna vecka (vecka %(week)s)",
        "theme": "tema",
        "keywords": "nyckelord",
        "Separated by commas or new lines. A keyword matches the start of a word, in any case: “stress” also finds “stressigt”.": "Åtskilda med komma eller ny rad. Ett nyckelord träffar början av ett ord, oavsett stora och små bokstäver: ”stress” hittar också ”stressigt”.",
        "position": "ordning",
        "active": "aktiv",
        "comment theme": "kommentarstema",
        "comment themes": "kommentarsteman",
        "Theme": "Tema",
        "Search": "Sök",
        "Order": "Ordning",
        "By theme": "Efter tema",
        "Alphabetically": "I bokstavsordning",
        "Every theme": "Alla teman",
        "Comments": "Kommentarer",
        "Themes in %(n)s comments": "Teman i %(n)s kommentarer",
        "A comment may mention several themes. HR keeps the themes and their keywords under Administration.": "En kommentar kan nämna flera teman. HR håller teman och nyckelord under Administration.",
        "No comment matches.": "Ingen kommentar matchar.",
        "Pages": "Sidor",
        "Previous": "Föregående",
        "Next": "Nästa",
        "Page %(n)s of %(of)s": "Sida %(n)s av %(of)s",
        "Comments by theme, with search": "Kommentarer efter tema, med sökning",
        "what the team agreed": "vad gruppen kom överens om",
        "questions still open, for the next dialogue": "frågor som är öppna, till nästa dialog",
        "What would make more of us agree with “%(statement)s”?": "Vad skulle få fler av oss att instämma i ”%(statement)s”?",
        "Start from the weakest statements": "Börja i de svagaste påståendena",
        "%(agree)s agree": "%(agree)s instämmer",
        "Questions to start from": "Frågor att börja i",
        "Single statements are shown for groups of at least %(k)s answers; talk about the results of the unit above.": "Enskilda påståenden visas för grupper med minst %(k)s svar; prata om resultatet för enheten ovanför.",
        "And what works": "Och det som fungerar",
        "Last time": "Förra gången",
        "The dialogue of %(held)s.": "Dialogen %(held)s.",
        "Agreed": "Överenskommet",
        "Still open": "Fortfarande öppet",
        "No earlier dialogue is recorded.": "Ingen tidigare dialog är registrerad.",
        "Actions from team dialogues": "Åtgärder från arbetsgruppernas dialoger",
        "No open actions from team dialogues.": "Inga öppna åtgärder från arbetsgruppernas dialoger.",
        "Start": "Start",
        "To do": "Att göra",
        "Open pulse": "Öppen puls",
        "%(name)s is open until %(closes)s.": "%(name)s är öppen till och med %(closes)s.",
        "No pulse is open for your units.": "Ingen puls är öppen för dina enheter.",
        "%(unit)s: the dialogue on the wave of %(opens)s is due %(due)s.": "%(unit)s: dialogen om omgången %(opens)s ska hållas senast %(due)s.",
        "Overdue": "Försenad",
        "Hold the dialogue": "Håll dialogen",
        "Every dialogue on the last wave is recorded.": "Alla dialoger om senaste omgången är registrerade.",
        "Weakest statements": "Svagaste påståendena",
        "Strongest": "Starkast",
        "Every statement, and what drives eNPS": "Alla påståenden, och vad som driver eNPS",
        "Too few answers in the last wave to show single statements.": "För få svar i senaste omgången för att visa enskilda påståenden.",
        "Your actions": "Dina åtgärder",
        "From": "Från",
        "The action plan": "Handlingsplanen",
        "No open actions.": "Inga öppna åtgärder.",
        "Key figures off target (%(year)s)": "Nyckeltal som inte når målet (%(year)s)",
        "No key figure is off target.": "Inget nyckeltal ligger utanför målet.",
        "You manage no unit yet.": "Du är inte chef för någon enhet ännu.",
        "Each statement, and what drives eNPS": "Varje påstående, och vad som driver eNPS",
        "Per statement: figures only for groups with at least the stricter threshold's answers.": "Per påstående: siffror bara för grupper med minst den strängare gränsens antal svar.",
        "Key": "Nyckel",
        "Statement": "Påstående",
        "Mean": "Medel",
        "Agree (4–5)": "Instämmer (4–5)",
        "Distribution 1–5": "Fördelning 1–5",
        "significantly better": "signifikant bättre",
        "significantly worse": "signifikant sämre",
        "No wave has closed yet.": "Ingen omgång har stängt ännu.",
        "Each statement's mean, share agreeing (4 or 5) and answers are shown for groups of at least %(k_text)s answers to it, and not where a smaller group could be worked out. HME statements are on SKR's scale 0–100 (1 → 0, 5 → 100). A change is marked when it is significant at 95 %% against the wave before.": "Varje påståendes medelvärde, andel som instämmer (4 eller 5) och antal svar visas för grupper med minst %(k_text)s svar på påståendet, och inte där en mindre grupp skulle kunna räknas fram. HME-påståendena visas på SKR:s skala 0–100 (1 → 0, 5 → 100). En förändring markeras när den är signifikant på 95 %%-nivån mot förra omgången.",
        "Compared with the wave of %(before)s.": "Jämfört med omgången %(before)s.",
        "eNPS answers 0–10": "eNPS-svar 0–10",
        "The distribution is shown for groups of at least %(k)s answers.": "Fördelningen visas för grupper med minst %(k)s svar.",
        "What drives eNPS": "Vad driver eNPS",
        "Relative weights over the %(n)s who answered every statement: each statement's share of what the statements together explain of the eNPS answers (R² = %(r2)s), with a 95 %% bootstrap interval. A strength matters more than an equal share and scores at or above the middle; a priority matters as much and scores below.": "Relativa vikter över de %(n)s som svarade på alla påståenden: varje påståendes andel av det som påståendena tillsammans förklarar av eNPS-svaren (R² = %(r2)s), med ett 95 %%-bootstrapintervall. En styrka väger mer än en jämn andel och ligger i mitten eller över; ett förbättringsområde väger lika mycket men ligger under.",
        "Relative weights over those who answered every statement (how many is not shown: the few who skipped one could be counted): each statement's share of what the statements together explain of the eNPS answers (R² = %(r2)s), with a 95 %% bootstrap interval. A strength matters more than an equal share and scores at or above the middle; a priority matters as much and scores below.": "Relativa vikter över dem som svarade på alla påståenden (hur många visas inte: de få som hoppade över ett påstående skulle gå att räkna): varje påståendes andel av det som påståendena tillsammans förklarar av eNPS-svaren (R² = %(r2)s), med ett 95 %%-bootstrapintervall. En styrka väger mer än en jämn andel och ligger i mitten eller över; ett förbättringsområde väger lika mycket men ligger under.",
        "Strengths": "Styrkor",
        "Priorities": "Förbättringsområden",
        "None stands out.": "Inget sticker ut.",
        "Share of the explained": "Andel av det förklarade",
        "Standardised coefficient": "Standardiserad koefficient",
        "The wave has no HME answers to analyse.": "Omgången har inga HME-svar att analysera.",
        "The analysis needs at least %(k)s answers in the group, and none of its parts may be a smaller group that could be worked out.": "Analysen kräver minst %(k)s svar i gruppen, och ingen del av den får vara en mindre grupp som kan räknas fram.",
        "Too few complete answers to tell nine statements apart: the analysis needs %(n)s who answered every statement.": "För få fullständiga svar för att skilja nio påståenden åt: analysen kräver %(n)s som svarat på alla påståenden.",
    }
)

# One report spec; the board report's summary page (issues 13, 16).
SV.update(
    {
        "Trend": "Trend",
        "Note": "Anmärkning",
        "Series": "Serie",
        "unchanged": "oförändrat",
        "up from %(was)s": "upp från %(was)s",
        "down from %(was)s": "ned från %(was)s",
        "Chart: %(title)s": "Diagram: %(title)s",
        "The charts' data": "Diagrammens uppgifter",
        "Each profession group's gap per year with its P10–P90 band; the table of all profession groups per year holds the figures.": "Varje yrkesgrupps gap per år med sitt P10–P90-band; tabellen över alla yrkesgrupper per år har siffrorna.",
        "The gap (demand minus supply) per year with its P10–P90 band.": "Gapet (efterfrågan minus tillgång) per år med sitt P10–P90-band.",
        "Supply and demand per year, each with its P10–P90 band.": "Tillgång och efterfrågan per år, var och en med sitt P10–P90-band.",
        "How each lever changes the gap at the horizon, from the baseline.": "Hur varje åtgärd ändrar gapet vid horisonten, från utgångsläget.",
        "Each profession group's gap per year, P10–P90: the rows of this sheet.": "Varje yrkesgrupps gap per år, P10–P90: raderna på det här bladet.",
        "The figure's values over time, with its baseline and target.": "Måttets värden över tid, med utgångsläge och mål.",
        "The eNPS of the region and each unit below it, per wave.": "eNPS för regionen och varje enhet under den, per omgång.",
        "The data of the chart “%(title)s”": "Uppgifterna i diagrammet ”%(title)s”",
        "Not shown: no data, or too few people.": "Visas inte: inga uppgifter, eller för få personer.",
        "Shown rounded: too few answers for an exact figure.": "Visas avrundat: för få svar för ett exakt värde.",
        "No target set.": "Inget mål satt.",
        "Within the target.": "Inom målet.",
        "%(n)s percentage points": "%(n)s procentenheter",
        "Above the target by %(amount)s.": "Över målet med %(amount)s.",
        "Below the target by %(amount)s.": "Under målet med %(amount)s.",
        "Staffing gap in %(year)s, P50 (FTE)": "Bemanningsgap %(year)s, P50 (årsarbetare)",
        "P10–P90: %(low)s to %(high)s FTE.": "P10–P90: %(low)s till %(high)s årsarbetare.",
        "%(unit)s, %(year)s: the figures that matter, each against its target and the year before (eNPS: the wave before). The staffing gap is the FTE needed minus the FTE the staff will give: a positive gap is a shortage, a negative one a surplus.": "%(unit)s, %(year)s: de viktigaste måtten, vart och ett mot sitt mål och året före (eNPS: omgången före). Bemanningsgapet är de årsarbetare som behövs minus dem personalen ger: ett positivt gap är en brist, ett negativt ett överskott.",
        "Materially off target": "Tydligt utanför mål",
        "Units off a target by at least a tenth of it, or whose sick leave changed significantly since last year (95 %); each value with the decimals that tell it from the target.": "Enheter som ligger minst en tiondel av målet från det, eller vars sjukfrånvaro ändrats signifikant sedan förra året (95 %); varje värde med de decimaler som skiljer det från målet.",
        "No unit is materially off a target.": "Ingen enhet ligger tydligt utanför något mål.",
        "Actions that moved or are overdue": "Åtgärder som rört sig eller är försenade",
        "No action was reported on or is overdue this year.": "Ingen åtgärd har rapporterats eller är försenad i år.",
        "%(n)s notes": "%(n)s anteckningar",
        "Since the year began": "Sedan årets början",
        "The gap is the FTE needed minus the FTE the staff will give: positive is a shortage, negative a surplus.": "Gapet är de årsarbetare som behövs minus dem personalen ger: positivt är brist, negativt överskott.",
        "The staffing gap per year with its P10–P90 band.": "Bemanningsgapet per år med sitt P10–P90-band.",
        "eNPS per wave with its 95 % interval; the values are in the table beside it.": "eNPS per omgång med sitt 95 %-intervall; värdena står i tabellen bredvid.",
    }
)

# Login, single sign-on, the second factor and the user administrator (issue 17).
SV.update(
    {
        "User administrator": "Behörighetsadministratör",
        "group or role claim": "grupp eller roll i token",
        "The value as the identity provider sends it (Entra: the group's object id).": "Värdet så som identitetsleverantören skickar det (Entra: gruppens objekt-id).",
        "unit managed": "enhet som leds",
        "For managers: the unit (with everything below it) the group manages.": "För chefer: enheten (med allt under den) som gruppen leder.",
        "role mapping": "rollkoppling",
        "role mappings": "rollkopplingar",
        "Logged in": "Inloggning",
        "Logged out": "Utloggning",
        "Login failed": "Misslyckad inloggning",
        "Locked out after repeated failed logins": "Spärrad efter upprepade misslyckade inloggningar",
        "User created or changed": "Användare skapad eller ändrad",
        "User deleted": "Användare borttagen",
        "Password set": "Lösenord satt",
        "Role changed": "Roll ändrad",
        "Single sign-on role mapping changed": "Rollkoppling för gemensam inloggning ändrad",
        "Second factor enrolled or removed": "Andra faktor registrerad eller borttagen",
        "Code from your authenticator app": "Kod från din autentiseringsapp",
        "The code is six digits.": "Koden har sex siffror.",
        "Wrong or expired code. Try the code now shown in the app.": "Fel eller för gammal kod. Pröva koden som appen visar nu.",
        "QR code for the authenticator app": "QR-kod för autentiseringsappen",
        "Single sign-on did not log you in: your account has no role in Bemanna, or the identity provider refused. Ask the user administrator.": "Den gemensamma inloggningen loggade inte in dig: ditt konto har ingen roll i Bemanna, eller identitetsleverantören nekade. Fråga behörighetsadministratören.",
        "Log in with the region's single sign-on": "Logga in med regionens gemensamma inloggning",
        "Second factor": "Andra faktor",
        "Your role sees person-level data or the accounts, so it logs in with a code from your authenticator app as well.": "Din roll ser uppgifter om enskilda personer eller kontona, så den loggar in med en kod från din autentiseringsapp också.",
        "Cancel and log out": "Avbryt och logga ut",
        "Set up the second factor": "Ställ in andra faktorn",
        "Your role sees person-level data or the accounts, so it logs in with a code from an authenticator app (Microsoft Authenticator, Google Authenticator, FreeOTP) as well. Scan the QR code with the app, or type the key, then enter the code the app shows.": "Din roll ser uppgifter om enskilda personer eller kontona, så den loggar in med en kod från en autentiseringsapp (Microsoft Authenticator, Google Authenticator, FreeOTP) också. Skanna QR-koden med appen, eller skriv in nyckeln, och ange sedan koden som appen visar.",
        "Key": "Nyckel",
        "role": "roll",
        "Confirm": "Bekräfta",
        "Locked out": "Spärrad",
        "Too many failed logins": "För många misslyckade inloggningar",
        "This user name is locked from this address after repeated wrong passwords. Try again in %(minutes)s minutes, or ask the user administrator to unlock it.": "Användarnamnet är spärrat från den här adressen efter upprepade felaktiga lösenord. Försök igen om %(minutes)s minuter, eller be behörighetsadministratören låsa upp det.",
    }
)

# Accessibility (issue 16).
SV.update(
    {
        "Skip to the content": "Hoppa till innehållet",
        "Choose …": "Välj …",
        "Submitted": "Inskickat",
        "Assessed": "Bedömt",
        "Action changed": "Åtgärden ändrad",
        "Action planned": "Åtgärden planerad",
        "Accounts and roles": "Konton och roller",
        "Audit log": "Granskningslogg",
        "Project": "Projekt",
        "Choose an answer.": "Välj ett svar.",
        'Lists say what to choose, never "---------"': 'Listor säger vad man ska välja, aldrig "---------"',
        "Accessibility statement": "Tillgänglighetsredogörelse",
        "Accessibility": "Tillgänglighet",
        "Table": "Tabell",
        "There is a problem": "Det finns ett problem",
        "Page": "Sida",
        "What does not work": "Vad fungerar inte?",
        "E-mail or phone, if you want an answer": "E-post eller telefon, om du vill ha svar",
        "Handled": "Hanterad",
        "accessibility fault report": "felanmälan om tillgänglighet",
        "accessibility fault reports": "felanmälningar om tillgänglighet",
        "The address or the name of the page, if it is about one page.": "Sidans adress eller namn, om det gäller en viss sida.",
        "Describe what does not work.": "Beskriv vad som inte fungerar.",
        "Thank you. HR has received your report.": "Tack. HR har tagit emot din anmälan.",
        "Accessibility statement for Bemanna": "Tillgänglighetsredogörelse för Bemanna",
        "The region's HR department is responsible for Bemanna. We want as many people as possible to be able to use it. This page describes how Bemanna meets the Act on accessibility to digital public services, the problems we know of, and how you can report faults to us so that we can fix them.": "Regionens HR-avdelning står bakom Bemanna. Vi vill att så många som möjligt ska kunna använda tjänsten. Här beskriver vi hur Bemanna uppfyller lagen om tillgänglighet till digital offentlig service, vilka tillgänglighetsproblem vi känner till och hur du kan rapportera brister till oss så att vi kan åtgärda dem.",
        "How accessible is Bemanna?": "Hur tillgänglig är Bemanna?",
        "Bemanna is partially compliant with the Act on accessibility to digital public services (WCAG 2.1 level AA), because of the shortcomings described below.": "Bemanna är delvis förenlig med lagen om tillgänglighet till digital offentlig service (WCAG 2.1 nivå AA), på grund av de brister som beskrivs nedan.",
        "Bemanna is fully compliant with the Act on accessibility to digital public services (WCAG 2.1 level AA).": "Bemanna är helt förenlig med lagen om tillgänglighet till digital offentlig service (WCAG 2.1 nivå AA).",
        "What can you do if you cannot use parts of Bemanna?": "Vad kan du göra om du inte kan använda delar av Bemanna?",
        "If you need what a page shows in another form, or cannot fill in a form, tell us with the form below and HR will help you.": "Om du behöver innehållet på en sida i en annan form, eller inte kan fylla i ett formulär, berätta det i formuläret nedan så hjälper HR dig.",
        "Report a fault in accessibility": "Rapportera brister i tillgängligheten",
        "We are always working to improve accessibility. If you find a problem that is not described on this page, or think that we do not meet the law, tell us here. The report goes to HR.": "Vi strävar hela tiden efter att förbättra tillgängligheten. Om du upptäcker problem som inte beskrivs på den här sidan, eller om du anser att vi inte uppfyller lagens krav, meddela oss här. Anmälan går till HR.",
        "Send the report": "Skicka anmälan",
        "Supervision": "Tillsyn",
        "The Agency for Digital Government (DIGG) supervises the Act on accessibility to digital public services. If you are not satisfied with how we handle your report, you can": "Myndigheten för digital förvaltning (DIGG) har ansvaret för tillsyn för lagen om tillgänglighet till digital offentlig service. Om du inte är nöjd med hur vi hanterar dina synpunkter kan du",
        "report it to DIGG": "göra en anmälan till DIGG",
        "Technical information about Bemanna's accessibility": "Teknisk information om Bemannas tillgänglighet",
        "What the tests prove": "Vad testerna visar",
        "Every time the code changes, the automated browser tests open %(pages)s pages in %(states)s states (each role, on a desktop and on a phone, with the error state of every form and the whole answer flow) and check the following. This list is made from the tests' own result and says no more than they proved.": "Varje gång koden ändras öppnar de automatiska webbläsartesterna %(pages)s sidor i %(states)s lägen (varje roll, på dator och mobil, med felläget i varje formulär och hela svarsflödet) och kontrollerar följande. Listan görs av testernas eget resultat och säger inte mer än de visat.",
        "Checks that pass": "Kontroller som går igenom",
        "Check": "Kontroll",
        "WCAG 2.1 success criterion": "Framgångskriterium i WCAG 2.1",
        "Content that is not accessible": "Innehåll som inte är tillgängligt",
        "Not yet proven by the tests: %(text)s (%(criterion)s).": "Ännu inte visat av testerna: %(text)s (%(criterion)s).",
        "How we tested Bemanna": "Hur vi testat Bemanna",
        "We have assessed Bemanna ourselves, with automated tests (axe-core in Chromium) and checks written for what axe cannot see. No external audit has been made.": "Vi har gjort en självskattning (intern testning) av Bemanna, med automatiska tester (axe-core i Chromium) och egna kontroller av det som axe inte kan se. Ingen extern granskning har gjorts.",
        "The statement was last reviewed on %(date)s.": "Redogörelsen uppdaterades senast den %(date)s.",
        "Automated test with axe-core: no critical or serious fault": "Automatiskt test med axe-core: inga kritiska eller allvarliga fel",
        "Content reflows at 320 px: no sideways scrolling of the page; wide tables scroll in a focusable, labelled region": "Innehållet anpassar sig till 320 px: sidan rullar inte i sidled; breda tabeller rullar i ett eget, namngivet område som går att nå med tangentbordet",
        "Keyboard focus is visible, with a contrast of at least 3:1 against the background": "Tangentbordsfokus syns, med minst 3:1 i kontrast mot bakgrunden",
        "A link to skip to the main content is the first thing on every page": "En länk för att hoppa till huvudinnehållet är det första på varje sida",
        "After a failed submit, focus moves to a summary of the errors, with links to the fields": "Efter ett misslyckat skick flyttas fokus till en sammanfattning av felen, med länkar till fälten",
        "Links, buttons and fields are at least 24 × 24 px, or spaced apart": "Länkar, knappar och fält är minst 24 × 24 px, eller har tillräckligt avstånd",
        "Text can be enlarged to 200 % without loss of content": "Texten kan förstoras till 200 % utan att innehåll går förlorat",
        "Text in form fields is at least 16 px on a phone": "Texten i formulärfält är minst 16 px på mobilen",
        "No test with a screen reader (NVDA, JAWS, VoiceOver) has been made by people who use one.": "Inget test med skärmläsare (NVDA, JAWS, VoiceOver) har gjorts av personer som använder sådana.",
        "The PDF reports are tagged, but their reading order and the text alternatives of their charts are not checked by the tests.": "PDF-rapporterna är taggade, men läsordningen och diagrammens textalternativ kontrolleras inte av testerna.",
        "The Excel exports are not checked for accessibility.": "Excelexporterna kontrolleras inte för tillgänglighet.",
        "Colour contrast in the charts' graphics and the meaning of colour in them are not checked by the automated tests.": "Färgkontrasten i diagrammens grafik och färgernas betydelse i dem kontrolleras inte av de automatiska testerna.",
        "The administration pages (Django's admin, used by HR administrators only) are not covered by these tests.": "Systemadministrationens sidor (Djangos admin, som bara HR-administratörer använder) omfattas inte av testerna.",
    }
)

# Security review: SSO identity, first second factor, role mappings, extract, lockouts.
SV.update(
    {
        "Single sign-on did not log you in: your user name already belongs to another account in Bemanna, which single sign-on may not take over. Ask the user administrator; the refusal is in the audit log.": "Den gemensamma inloggningen loggade inte in dig: ditt användarnamn tillhör redan ett annat konto i Bemanna, som den gemensamma inloggningen inte får ta över. Fråga behörighetsadministratören; nekandet finns i loggboken.",
        "single sign-on identity": "identitet för gemensam inloggning",
        "single sign-on identities": "identiteter för gemensam inloggning",
        "issuer": "utfärdare",
        "subject": "subjekt",
        "groups at the last login": "grupper vid senaste inloggningen",
        "first login": "första inloggning",
        "last login": "senaste inloggning",
        "password set by an administrator": "lösenord satt av en administratör",
        "passwords set by an administrator": "lösenord satta av en administratör",
        "set by": "satt av",
        "set at": "satt",
        "Login lockout lifted": "Inloggningsspärr hävd",
        "Pulse invitees counted before saving": "Antal inbjudna till puls räknat före sparande",
        "This user name is locked from this address after repeated wrong passwords, until %(time)s (in about %(minutes)s minutes). Then you can try again.": "Användarnamnet är spärrat från den här adressen efter upprepade felaktiga lösenord, till klockan %(time)s (om ungefär %(minutes)s minuter). Sedan kan du försöka igen.",
        "This user name is locked from this address after repeated wrong passwords. Try again in %(minutes)s minutes.": "Användarnamnet är spärrat från den här adressen efter upprepade felaktiga lösenord. Försök igen om %(minutes)s minuter.",
        "To have it lifted sooner, or if you have forgotten your password, contact %(login_help)s.": "Kontakta %(login_help)s om spärren ska hävas tidigare eller om du har glömt ditt lösenord.",
        "To have it lifted sooner, or if you have forgotten your password, contact the user administrator or HR.": "Kontakta behörighetsadministratören eller HR om spärren ska hävas tidigare eller om du har glömt ditt lösenord.",
        "Locked-out logins": "Spärrade inloggningar",
        "A user name is locked from one address after repeated wrong passwords, and unlocks by itself at the time shown. Lift a lockout only when you know who is asking; each lifting is in the audit log.": "Ett användarnamn spärras från en adress efter upprepade felaktiga lösenord och låses upp av sig självt vid den tid som visas. Häv en spärr bara när du vet vem som frågar; varje hävning finns i loggboken.",
        "Address": "Adress",
        "Failed logins": "Misslyckade inloggningar",
        "Last attempt": "Senaste försök",
        "Unlocks by itself": "Låses upp av sig självt",
        "Lift": "Häv",
        "Lift the lockout of %(username)s": "Häv spärren för %(username)s",
        "No login is locked out now.": "Ingen inloggning är spärrad nu.",
        "That lockout has already ended or been lifted.": "Den spärren har redan upphört eller hävts.",
        "The lockout of %(username)s from %(address)s is lifted.": "Spärren för %(username)s från %(address)s är hävd.",
        "Lockouts": "Spärrar",
        "(unknown user name)": "(okänt användarnamn)",
        "No account has the user name %(name)s.": "Inget konto har användarnamnet %(name)s.",
        "Give --subject: check with the account's owner that the login above was theirs, then copy its subject (and issuer, if it is not %(issuer)s).": "Ange --subject: kontrollera med kontots ägare att inloggningen ovan var deras och kopiera dess subject (och issuer, om den inte är %(issuer)s).",
        "No issuer: give --issuer or set BEMANNA_OIDC_ISSUER.": "Ingen issuer: ange --issuer eller sätt BEMANNA_OIDC_ISSUER.",
        "The issuer or the subject is empty or too long.": "Issuer eller subject är tom eller för lång.",
        "%(name)s is a superuser: single sign-on would take that away at the first login. Keep the break-glass account local.": "%(name)s är superanvändare: den gemensamma inloggningen skulle ta bort det vid första inloggningen. Behåll nödkontot lokalt.",
        "That identity is already joined to the account %(name)s.": "Den identiteten är redan kopplad till kontot %(name)s.",
        "%(name)s is already joined to the subject %(subject)s from %(issuer)s.": "%(name)s är redan kopplat till subject %(subject)s från %(issuer)s.",
        "That identity or account was joined just now.": "Identiteten eller kontot kopplades alldeles nyss.",
        "%(name)s is joined to the subject %(subject)s from %(issuer)s; the next single sign-on login opens it.": "%(name)s är kopplat till subject %(subject)s från %(issuer)s; nästa inloggning med den gemensamma inloggningen öppnar kontot.",
        "No refused single sign-on login is recorded for %(name)s.": "Ingen nekad inloggning med den gemensamma inloggningen finns för %(name)s.",
        "Refused single sign-on logins for %(name)s:": "Nekade inloggningar med den gemensamma inloggningen för %(name)s:",
        "The region's single sign-on cannot be reached just now. Try again in a minute; if it persists, tell the IT service desk.": "Regionens gemensamma inloggning går inte att nå just nu. Försök igen om en minut; om det kvarstår, kontakta IT-servicedesken.",
        "Answers to pulse surveys and the exit survey are stored without any link to a person: no name, personnummer, pseudonym, invitation, code, time or language is kept with them. They cannot be found, shown or deleted for anyone, and so are not in this extract. Whether an invitation has been used is not shown while its survey is open: it could link an answer to a person.": "Svar på pulsenkäter och avgångsenkäten sparas utan någon koppling till en person: inget namn, personnummer, pseudonym, inbjudan, kod, tidpunkt eller språk sparas med dem. De kan inte kopplas till någon, och kan därför inte tas fram, visas eller raderas för någon; de finns inte i detta utdrag. Om en inbjudan har använts visas inte medan enkäten är öppen: det skulle kunna koppla ett svar till en person.",
        "Sick-leave spells and occupational health's calls are health data: they are not in this part. Occupational health makes that part of the extract under the same case reference.": "Sjukfrånvaroperioder och företagshälsans samtal är hälsouppgifter: de finns inte i den här delen. Företagshälsan tar fram den delen av utdraget under samma diarienummer.",
        "This is the health part of the extract. HR admin makes the other part (employments, hours, invitations) under the same case reference.": "Det här är utdragets hälsodel. HR-administratören tar fram den andra delen (anställningar, timmar, inbjudningar) under samma diarienummer.",
        "You make the health part of the extract: the sick-leave spells and occupational health's calls. HR admin makes the rest under the same case reference.": "Du tar fram utdragets hälsodel: sjukfrånvaroperioderna och företagshälsans samtal. HR-administratören tar fram resten under samma diarienummer.",
        "You make the HR part of the extract. Sick-leave spells and occupational health's calls are health data: occupational health makes that part under the same case reference.": "Du tar fram utdragets HR-del. Sjukfrånvaroperioder och företagshälsans samtal är hälsouppgifter: företagshälsan tar fram den delen under samma diarienummer.",
        "Case reference (diarienummer) of the request": "Begärans diarienummer",
        "Required: it is recorded in the audit log and on the extract.": "Krävs: det skrivs i loggboken och på utdraget.",
        "Give the request's case reference.": "Ange begärans diarienummer.",
        "The case reference must not hold a personnummer: it goes into the log.": "Diarienumret får inte innehålla ett personnummer: det skrivs i loggen.",
        "Case reference": "Diarienummer",
        "You are in this group yourself: a mapping for it changes your own access, which only a superuser may do.": "Du är själv med i den här gruppen: en koppling för den ändrar din egen behörighet, och det får bara en superanvändare göra.",
        "Your password was set by the user administrator, so the first second factor for your account cannot be set up with it: whoever set the password could otherwise set it up on their own phone. Ask a superuser (the region's break-glass account) to set up your authenticator app or to give you a new password. This refusal is in the audit log.": "Ditt lösenord sattes av behörighetsadministratören, så den första andra faktorn för ditt konto kan inte ställas in med det: den som satte lösenordet skulle annars kunna ställa in den i sin egen telefon. Be en superanvändare (regionens nödkonto) ställa in din autentiseringsapp eller ge dig ett nytt lösenord. Nekandet finns i loggboken.",
    }
)

# Benchmarks from Kolada (issue 14, item 8).
SV.update(
    {
        "Kolada: other regions' key figures": "Kolada: andra regioners nyckeltal",
        "Unknown KPI id; the key figures read: {known}.": "Okänt nyckeltals-id (KPI); nyckeltalen läser: {known}.",
        "Not the country (0000) or a region (0001–0025): municipalities and groups are not compared.": "Varken riket (0000) eller en region (0001–0025): kommuner och grupper jämförs inte.",
        "The period must be a year from 2000 to 2100.": "Perioden ska vara ett år från 2000 till 2100.",
        "Gender must be T (total), K (women) or M (men).": "Kön ska vara T (totalt), K (kvinnor) eller M (män).",
        "The value must be a number from 0 to 100.": "Värdet ska vara ett tal från 0 till 100.",
        "The same KPI, area, period and gender appear earlier, on row {first}.": "Samma nyckeltal, område, period och kön finns tidigare, på rad {first}.",
        "Compared with other regions": "Jämfört med andra regioner",
        "Kolada's published figures for %(year)s: the whole country and the median of the regions that published the figure (imported from a Kolada file).": "Koladas publicerade nyckeltal för %(year)s: riket och medianen av de regioner som publicerat nyckeltalet (importerat från en fil från Kolada).",
        "The country": "Riket",
        "Median region": "Medianregion",
        "Regions": "Regioner",
        "The region's HME for Kolada (CSV)": "Regionens HME för Kolada (CSV)",
        "Not read: %(skipped)s rows without a value or for a gender the figures do not use.": "Inte lästa: %(skipped)s rader utan värde eller för ett kön som nyckeltalen inte använder.",
    }
)

# HR's rows over the shipped AID → SKR group table.
SV.update(
    {
        "Code": "Kod",
        "System": "System",
        "note": "anteckning",
        "SKR group mapping": "koppling till SKR-yrkesgrupp",
        "SKR group mappings": "kopplingar till SKR-yrkesgrupper",
        "SKR profession groups": "Yrkesgrupper (SKR)",
        "The AID or BSK code as the extract writes it.": "AID- eller BSK-koden som uttaget skriver den.",
        "SKR's profession group, as the forecast and the key figures name it.": "SKR:s yrkesgrupp, som prognosen och nyckeltalen benämner den.",
        "Why, or where the mapping comes from (optional).": "Varför, eller var kopplingen kommer ifrån (frivilligt).",
        "Removed the row for %(code)s.": "Raden för %(code)s är borttagen.",
        "Saved: %(code)s is in %(group)s.": "Sparat: %(code)s hör till %(group)s.",
        "A profession's code (AID or BSK) gets its SKR profession group from the extract's Yrkesgrupp column where given, else from a row here, else from the table shipped with Bemanna (version %(version)s). Rows here win over the shipped table for their code; every change is in the audit log.": "En befattnings kod (AID eller BSK) får sin SKR-yrkesgrupp från uttagets kolumn Yrkesgrupp där den finns, annars från en rad här, annars från tabellen som följer med Bemanna (version %(version)s). Rader här går före den medföljande tabellen för sin kod; varje ändring loggas.",
        "Codes without a group in the last import": "Koder utan yrkesgrupp i senaste importen",
        "Map": "Koppla",
        "None: every code of the last HR extract has a group.": "Inga: varje kod i senaste HR-uttaget har en yrkesgrupp.",
        "The region's own rows": "Regionens egna rader",
        "None yet: the shipped table alone groups the codes.": "Inga ännu: den medföljande tabellen ensam grupperar koderna.",
        "Edit %(code)s": "Ändra %(code)s",
        "Map a code": "Koppla en kod",
        "The shipped table (version %(version)s)": "Den medföljande tabellen (version %(version)s)",
        "The shipped table": "Den medföljande tabellen",
    }
)

# The education pipeline's default from the region's history (issue 14, item 9).
SV.update(
    {
        "Bemanna, from the HR extract: %(hires)s hires after studies in %(first)s–%(last)s (a first monthly-paid employment at %(age)s or younger), %(per_year)s a year": "Bemanna, ur HR-uttaget: %(hires)s anställda direkt efter studier %(first)s–%(last)s (en första månadsavlönad anställning vid %(age)s år eller yngre), %(per_year)s per år",
        "From the region's history": "Ur regionens historik",
        "The default for each group: people whose first monthly-paid employment in the extract (hourly work before it does not count) started in one of the last three complete years, in the group, at 30 or younger; the mean a year. A group with a row above uses the row; use the history as a group's row, or change it, with the link.": "Förvalet för varje yrkesgrupp: personer vars första månadsavlönade anställning i uttaget (timanställning före den räknas inte) började under något av de tre senaste hela åren, i gruppen, vid 30 års ålder eller yngre; medel per år. En grupp med en rad ovan använder raden; använd historiken som gruppens rad, eller ändra den, med länken.",
        "Hired after studies a year": "Anställda direkt efter studier per år",
        "Use as the group's row": "Använd som gruppens rad",
        "HR's row is used": "HR:s rad används",
        "The extract shows no hires after studies in the last three years.": "Uttaget visar inga anställningar direkt efter studier de tre senaste åren.",
    }
)

# The insider review's fixes (helper fixa).
SV.update(
    {
        "fewer than %(k)s": "färre än %(k)s",
        "No survey asking everyone in the region closed in %(year)s: there is no region-wide HME for the year.": "Ingen mätning som frågade alla i regionen avslutades %(year)s: det finns inget HME för hela regionen det året.",
    }
)

# The command list after the merges.
SV.update(
    {
        "Other regions' key figures, from Kolada's download.": "Andra regioners nyckeltal, från Koladas nedladdning.",
        "Link an account made before single sign-on identities.": "Koppla ett konto som skapades före identiteterna för gemensam inloggning.",
    }
)

PLURALS = {
    "Answers are pooled per calendar year, the same for every unit and group; nothing is shown for fewer than %(k)s answers, or where it would let a smaller group be worked out.": (
        "Svaren slås ihop per kalenderår, likadant för alla enheter och grupper; inget visas för färre än %(k)s svar, eller där det skulle gå att räkna ut en mindre grupp.",
        "Svaren slås ihop i perioder om %(years)s kalenderår, likadant för alla enheter och grupper, så att små grupper når gränsen; inget visas för färre än %(k)s svar, eller där det skulle gå att räkna ut en mindre grupp.",
    ),
    "%(n)s action": ("%(n)s åtgärd", "%(n)s åtgärder"),
    "The file was not imported: %(n)s problem": (
        "Filen importerades inte: %(n)s problem",
        "Filen importerades inte: %(n)s problem",
    ),
}


# The pulse creation page for HR (issue 15): unit tree, invite count, preview, added questions.
SV.update(
    {
        "Units matching:": "Enheter som matchar:",
        "No unit matches.": "Ingen enhet matchar.",
        "Search for a unit (name or code)": "Sök enhet (namn eller kod)",
        "A ticked unit brings everything below it: tick a förvaltning for the whole branch.": "En ikryssad enhet tar med allt under sig: kryssa en förvaltning för hela grenen.",
        "The number who would be invited is shown here as you choose.": "Här visas hur många som skulle bjudas in medan du väljer.",
        "Choose at least one unit to see how many would be invited.": "Välj minst en enhet för att se hur många som skulle bjudas in.",
        "if a wave opened today (staff employed today in the chosen units and group).": "om en omgång öppnade i dag (medarbetare anställda i dag i de valda enheterna och grupperna).",
        "That is fewer than %(k)s, the least number of answers a result needs: no result could be shown for this pulse.": "Det är färre än %(k)s, det minsta antal svar ett resultat kräver: inget resultat skulle kunna visas för den här pulsen.",
        "Choices only for a single choice; lowest and highest only for a number. A row left empty is skipped.": "Svarsalternativ bara för ett val; lägsta och högsta bara för ett tal. En tom rad hoppas över.",
        "Add a question": "Lägg till en fråga",
        "Extra question %(number)s": "Extra fråga %(number)s",
        "Waves open and close by themselves on these dates; invitations and a reminder are e-mailed automatically.": "Omgångarna öppnar och stänger av sig själva på de här datumen; inbjudningar och en påminnelse skickas automatiskt med e-post.",
        "Preview the answer page (opens in a new tab)": "Förhandsgranska svarssidan (öppnas i en ny flik)",
        "Preview": "Förhandsvisning",
        "This is the answer page as staff will see it. Nothing you choose here is saved, and no answer code is used.": "Så här ser svarssidan ut för medarbetarna. Inget du väljer här sparas, och ingen svarskod används.",
        "(cannot be sent from the preview)": "(kan inte skickas från förhandsvisningen)",
        "The number of questions is missing.": "Antalet frågor saknas.",
        "A pulse has at most %(max)s extra questions.": "En puls har högst %(max)s extra frågor.",
        "Opens %(schedule)s from %(first)s, %(days)s days to answer. Waves open, invitations and reminders are e-mailed and waves close automatically; the answer codes are deleted when a wave closes.": "Öppnar %(schedule)s från %(first)s, %(days)s dagar att svara. Omgångarna öppnar, inbjudningar och påminnelser skickas med e-post och omgångarna stänger automatiskt; svarskoderna raderas när en omgång stänger.",
        "The wave is open, but e-mail could not be sent. What is left is sent automatically.": "Omgången är öppen, men e-post kunde inte skickas. Det som återstår skickas automatiskt.",
        "The rest are e-mailed automatically.": "Resten skickas automatiskt med e-post.",
        "Regional administration": "Förvaltning",
    }
)

PLURALS.update(
    {
        "%(n)s unit under %(name)s": ("%(n)s enhet under %(name)s", "%(n)s enheter under %(name)s"),
        "%(shown)s person would be invited": (
            "%(shown)s person skulle bjudas in",
            "%(shown)s personer skulle bjudas in",
        ),
    }
)


# The command line speaks the user's language (issue 18): its texts as msgids.
SV.update(
    {
        "Dry run: nothing written.": "Provkörning: inget skrivet.",
        "Language of the output (default: BEMANNA_LANGUAGE, else Swedish).": "Utskriftens språk (standard: BEMANNA_LANGUAGE, annars svenska).",
        "Reading and checking": "Läser och kontrollerar",
        "Comparing with the database": "Jämför med databasen",
        "Writing": "Skriver",
        "row %(row)s": "rad %(row)s",
        "column %(column)s": "kolumn %(column)s",
        "value %(value)r": "värde %(value)r",
        "The file is correct and would give: %(employments)s employments, %(persons)s persons, %(units)s units (%(created)s new, %(updated)s changed).": "Filen är korrekt och skulle ge: %(employments)s anställningar, %(persons)s personer, %(units)s enheter (%(created)s nya, %(updated)s ändrade).",
        "Imported: %(employments)s employments, %(persons)s persons, %(units)s units (%(created)s new, %(updated)s changed).": "Importerat: %(employments)s anställningar, %(persons)s personer, %(units)s enheter (%(created)s nya, %(updated)s ändrade).",
        "No SKR profession group for the code %(code)s %(name)s (%(rows)s rows).": "Ingen SKR-yrkesgrupp för koden %(code)s %(name)s (%(rows)s rader).",
        "Unit tree: %(units)s units (%(created)s new, %(updated)s changed).": "Enhetsträd: %(units)s enheter (%(created)s nya, %(updated)s ändrade).",
        "The file is correct and would give: %(created)s new rows, %(updated)s replaced.": "Filen är korrekt och skulle ge: %(created)s nya rader, %(updated)s ersatta.",
        "%(created)s new rows, %(updated)s replaced.": "%(created)s nya rader, %(updated)s ersatta.",
        "%(created)s new rows, %(updated)s replaced, %(skipped)s without a value or with a sex that is not used.": "%(created)s nya rader, %(updated)s ersatta, %(skipped)s utan värde eller med kön som inte används.",
        "Checked, nothing written.": "Kontrollerat, inget skrivet.",
        "Reading staff and assumptions": "Läser personal och antaganden",
        "Computing the forecast": "Räknar fram prognosen",
        "Computing the cost": "Räknar kostnaden",
        "--out must end in .xlsx, .html or .pdf": "--out ska sluta på .xlsx, .html eller .pdf",
        "Note: %(note)s": "Obs: %(note)s",
        "%(scenario)s, %(unit)s: gap %(year)s mean %(mean)s FTE (P10–P90 %(p10)s–%(p90)s); recruitment need %(need)s persons/year. Wrote %(out)s.": "%(scenario)s, %(unit)s: gap %(year)s medel %(mean)s årsarbetare (P10–P90 %(p10)s–%(p90)s); rekryteringsbehov %(need)s personer/år. Skrev %(out)s.",
        "Cost of the gap %(year)s mean %(mean)s per year (P10–P90 %(p10)s–%(p90)s); with hired staff mean %(hired)s per year.": "Gapets kostnad %(year)s medel %(mean)s per år (P10–P90 %(p10)s–%(p90)s); med inhyrd personal medel %(hired)s per år.",
        "none": "inga",
        "The scenario does not exist. Scenarios: %(names)s": "Scenariot finns inte. Scenarier: %(names)s",
        "The unit does not exist: %(code)s": "Enheten finns inte: %(code)s",
        "There are no units: import the unit tree first.": "Det finns inga enheter: importera enhetsträdet först.",
        "--levers is not valid JSON (%(error)s): %(file)s": "--levers är inte giltig JSON (%(error)s): %(file)s",
        "--levers must be a JSON object of levers: %(file)s": "--levers ska vara ett JSON-objekt med spakar: %(file)s",
        "row %(row)s: %(message)s": "rad %(row)s: %(message)s",
        "Forecast from %(file)s": "Prognos från %(file)s",
        "The whole extract": "Hela uttaget",
        "%(amount)s kr": "%(amount)s kr",
        "Computing key figures, forecast, pulse and plan": "Räknar fram nyckeltal, prognos, puls och plan",
        "Writing the report": "Skriver rapporten",
        "Unknown format %(suffix)r: write .pdf, .xlsx or .html.": "Okänt format %(suffix)r: skriv .pdf, .xlsx eller .html.",
        "The year %(year)s is outside 2000–%(last)s.": "Året %(year)s ligger utanför 2000–%(last)s.",
        "The unit %(code)r does not exist.": "Enheten %(code)r finns inte.",
        "There is no unit: import first.": "Ingen enhet finns: importera först.",
        "Wrote %(out)s (%(size)s kB): %(unit)s, %(year)s.": "Skrev %(out)s (%(size)s kB): %(unit)s, %(year)s.",
        "--employees must be between 50 and 1 000 000.": "--employees ska vara mellan 50 och 1 000 000.",
        "--directory is a file, not a folder: %(path)s": "--directory är en fil, inte en mapp: %(path)s",
        "Region Demo is already there; nothing changed.": "Region Demo finns redan; inget ändrat.",
        "Region Demo built: %(units)s units, %(employments)s employments (the files in %(directory)s).": "Region Demo byggd: %(units)s enheter, %(employments)s anställningar (filerna i %(directory)s).",
        "Demo accounts (password 'demo'): hr (HR administrator), analytiker, chef, rad (the competence council), fhv (occupational health), behorighet (user administrator). hr, fhv and behorighet also log in with a code: `bemanna demo_code` prints it.": "Demokonton (lösenord 'demo'): hr (HR-administratör), analytiker, chef, rad (kompetensförsörjningsrådet), fhv (företagshälsa), behorighet (behörighetsadministratör). hr, fhv och behorighet loggar in med en kod också: `bemanna demo_code` skriver den.",
        "Try answering the open pulse (each link works once):": "Pröva att svara på den öppna pulsen (varje länk gäller en gång):",
    }
)

PLURALS.update(
    {
        "Nothing was imported: %(count)d problem.": (
            "Inget importerades: %(count)d problem.",
            "Inget importerades: %(count)d problem.",
        ),
    }
)


# The commands' help (bemanna COMMAND --help) and the file checks, in the user's language.
SV.update(
    {
        "Create the first HR administrator (or, with --role behorighet, the user administrator): asks for user name, name, e-mail and password.": "Skapa den första HR-administratören (eller, med --role behorighet, behörighetsadministratören): frågar efter användarnamn, namn, e-post och lösenord.",
        "User name (asked for when left out).": "Användarnamn (frågas efter om det utelämnas).",
        "First and last name.": "För- och efternamn.",
        "E-mail address.": "E-postadress.",
        "hr: HR administrator (default); behorighet: user administrator.": "hr: HR-administratör (standard); behorighet: behörighetsadministratör.",
        "Read the password from standard input (for scripts).": "Läs lösenordet från standard in (för skript).",
        "Join an existing account to a single sign-on identity (issuer and subject), so its owner can log in with single sign-on. Without --subject: list the refused logins.": "Koppla ett befintligt konto till en identitet för enkel inloggning (utfärdare och subjekt), så att ägaren kan logga in med enkel inloggning. Utan --subject: lista de nekade inloggningarna.",
        "The account's user name in Bemanna.": "Kontots användarnamn i Bemanna.",
        "The ID token's subject (sub), as the refused login recorded it.": "ID-tokens subjekt (sub), som den nekade inloggningen sparade det.",
        "The ID token's issuer (iss); default: BEMANNA_OIDC_ISSUER.": "ID-tokens utfärdare (iss); standard: BEMANNA_OIDC_ISSUER.",
        "Set a user's password on the operator's word (lets the account enrol its second factor).": "Sätt en användares lösenord på driftansvarigs ord (kontot får sedan registrera sin andra faktor).",
        "Set a user's password (lets them enrol a second factor).": "Sätt en användares lösenord (hen får sedan registrera en andra faktor).",
        "The file does not exist: %(path)s": "Filen finns inte: %(path)s",
        "It is a folder, not a file: %(path)s": "Det är en mapp, inte en fil: %(path)s",
        "Wrong kind of file (%(suffix)s): use %(kinds)s: %(path)s": "Fel slags fil (%(suffix)s): använd %(kinds)s: %(path)s",
        "Wrong kind of file (%(suffix)s): write %(kinds)s: %(path)s": "Fel slags fil (%(suffix)s): skriv %(kinds)s: %(path)s",
        "The folder does not exist: %(path)s": "Mappen finns inte: %(path)s",
        "The folder is read-only: %(path)s": "Mappen är skrivskyddad: %(path)s",
        "The file cannot be read (%(reason)s): %(path)s": "Filen kan inte läsas (%(reason)s): %(path)s",
        "no suffix": "utan ändelse",
        " or ": " eller ",
        "Forecast a scenario from the database (--scenario) or straight from an HR extract (--extract, no database), and write it as .xlsx, .html or .pdf.": "Gör en prognos för ett scenario i databasen (--scenario) eller direkt från ett HR-uttag (--extract, ingen databas) och skriv den som .xlsx, .html eller .pdf.",
        "Name of a saved scenario.": "Namnet på ett sparat scenario.",
        "An HR extract (CSV or XLSX).": "Ett HR-uttag (CSV eller XLSX).",
        "List the levers a --levers file can set: name, unit, range, default.": "Lista spakarna som en --levers-fil kan sätta: namn, enhet, intervall, standardvärde.",
        "report.xlsx, report.html or report.pdf": "rapport.xlsx, rapport.html eller rapport.pdf",
        "Unit code (default: the whole region).": "Enhetskod (standard: hela regionen).",
        "Last year (default: the scenario's).": "Sista år (standard: scenariots).",
        "Monte Carlo draws.": "Antal Monte Carlo-dragningar.",
        "JSON file of levers (with --extract).": "JSON-fil med spakar (med --extract).",
        "Base date (with --extract; default 31 Dec last year).": "Basdatum (med --extract; standard 31 december förra året).",
        "Population projection CSV/XLSX (with --extract; default: Region Demo's).": "Befolkningsprognos CSV/XLSX (med --extract; standard: Region Demos).",
        "Import personnel costs per unit and month (Enhet; Månad; Yrkesgrupp; Egen personal; Inhyrd personal; Bemanningspool).": "Importera personalkostnader per enhet och månad (Enhet; Månad; Yrkesgrupp; Egen personal; Inhyrd personal; Bemanningspool).",
        "Import scheduled hours (Personnummer or Anst.nr; Månad YYYY-MM; Timmar).": "Importera schemalagda timmar (Personnummer eller Anst.nr; Månad ÅÅÅÅ-MM; Timmar).",
        "Import other regions' published key figures from Kolada's download (kpi; municipality_id; municipality; period; gender; value).": "Importera andra regioners publicerade nyckeltal från Koladas nedladdning (kpi; municipality_id; municipality; period; gender; value).",
        "Import individual competence plans (Personnummer or Anst.nr; Kompetensplan ja/nej).": "Importera individuella kompetensplaner (Personnummer eller Anst.nr; Kompetensplan ja/nej).",
        "Import sick-leave spells (Personnummer or Anst.nr; Från; Till; Omfattning).": "Importera sjukfrånvaroperioder (Personnummer eller Anst.nr; Från; Till; Omfattning).",
        "Write the board report (key figures, forecast, pulse, action plan) as PDF/XLSX/HTML.": "Skriv styrelserapporten (nyckeltal, prognos, puls, handlingsplan) som PDF/XLSX/HTML.",
        "The year, e.g. 2025.": "Året, t.ex. 2025.",
        "A unit code (default: the whole region).": "En enhetskod (standard: hela regionen).",
        "report.pdf|.xlsx|.html": "rapport.pdf|.xlsx|.html",
        "Register extract (GDPR art. 15): everything Bemanna holds about one person, as PDF or JSON. The personnummer is read from standard input (asked for when interactive), so it is in no shell history or process list. --erase deletes the person where the law allows (art. 17). Audit-logged.": "Registerutdrag (GDPR art. 15): allt Bemanna har om en person, som PDF eller JSON. Personnumret läses från standard in (frågas efter interaktivt), så det hamnar inte i någon skalhistorik eller processlista. --erase raderar personen där lagen tillåter (art. 17). Loggas.",
        "FILE.pdf or FILE.json": "FIL.pdf eller FIL.json",
        "Anst.nr, if used by the extract": "Anst.nr, om uttaget använder det",
        "The request's case reference (diarienummer).": "Begärans diarienummer.",
        "hr (default): all but health data; health: sick-leave spells and calls, occupational health's part; all: both (audit-logged as such).": "hr (standard): allt utom hälsodata; health: sjukfrånvaroperioder och samtal, företagshälsans del; all: båda (loggas som sådant).",
        "Erase the person afterwards.": "Radera personen efteråt.",
        "Legal ground and reference for --erase.": "Rättslig grund och hänvisning för --erase.",
        "Back up the database with its own tools: pg_dump (custom format) on PostgreSQL, the online backup API on SQLite. Safe while the site runs. The file holds everything, health data included: store it encrypted, apart from the keys.": "Säkerhetskopiera databasen med dess egna verktyg: pg_dump (custom-format) på PostgreSQL, SQLites backup-API. Säkert medan webbplatsen körs. Filen innehåller allt, även hälsodata: förvara den krypterad och skild från nycklarna.",
        "The backup file to write (must not exist).": "Säkerhetskopian som ska skrivas (får inte finnas).",
        "Build Region Demo (fictional) through the real importer, unless it is already there.": "Bygg Region Demo (påhittad) genom den riktiga importen, om den inte redan finns.",
        "Last day of the history (YYYY-MM-DD); default today.": "Historikens sista dag (ÅÅÅÅ-MM-DD); standard i dag.",
        "Where to write the demo files; default var/demo/.": "Var demofilerna skrivs; standard var/demo/.",
        "Skip the XLSX copy.": "Hoppa över XLSX-kopian.",
        "Skip the two years of pulse answers (faster).": "Hoppa över de två årens pulssvar (snabbare).",
        "Do not prepare the reports; the first page to ask computes them.": "Förbered inte rapporterna; den första sidan som behöver dem räknar fram dem.",
        "Print the current second-factor code of the demo accounts (hr, fhv, behorighet). Only accounts whose authenticator holds the demo's published key have one.": "Skriv demokontonas aktuella kod för andra faktorn (hr, fhv, behorighet). Bara konton vars autentiserare har demons publicerade nyckel har en.",
        "Restore a backup made by `bemanna backup` into the configured database, which must be new and empty (created, not migrated) unless --force. Then run `bemanna migrate` if the backup is from an older version.": "Återställ en säkerhetskopia gjord med `bemanna backup` i den konfigurerade databasen, som måste vara ny och tom (skapad, inte migrerad) om inte --force anges. Kör sedan `bemanna migrate` om kopian är från en äldre version.",
        "A file written by `bemanna backup`.": "En fil skriven av `bemanna backup`.",
        "Replace everything in a database with data.": "Ersätt allt i en databas som har data.",
        "Do the work due today: delete data past its retention period, invite leavers to the exit survey, close waves whose window has passed (deleting their codes), open scheduled waves, send invitations and due reminders, then e-mail managers and HR what is due (results ready, dialogue due, actions overdue, low response rate, HR's weekly digest). Run it from cron or a systemd timer, e.g. every hour; running it again does nothing more.": "Gör dagens arbete: radera data vars lagringstid gått ut, bjud in de som slutar till avgångsenkäten, stäng omgångar vars svarstid gått ut (och radera deras koder), öppna schemalagda omgångar, skicka inbjudningar och påminnelser, och mejla sedan chefer och HR det som väntar (resultat klara, dialog att hålla, försenade åtgärder, låg svarsfrekvens, HR:s veckosammanfattning). Kör den från cron eller en systemd-timer, t.ex. varje timme; att köra den igen gör inget mer.",
        "Act as if it were this date (YYYY-MM-DD); default: today.": "Gör som om det vore detta datum (ÅÅÅÅ-MM-DD); standard: i dag.",
        "Import an HR extract (CSV or XLSX, one row per employment). All or nothing.": "Importera ett HR-uttag (CSV eller XLSX, en rad per anställning). Allt eller inget.",
        "Check only; write nothing.": "Kontrollera bara; skriv inget.",
        "Import or update the unit tree (Enhetskod, Enhetsnamn, Överordnad, Nivå, Chef).": "Importera eller uppdatera enhetsträdet (Enhetskod, Enhetsnamn, Överordnad, Nivå, Chef).",
    }
)


# A scenario's survey levers, for the roles that do not see the surveys (issue 12, class 6).
SV.update(
    {
        "Some levers of this scenario are set from surveys whose results your role does not see: the forecast here runs without them, at the levers' defaults.": "Några spakar i scenariot är satta från enkäter vars resultat din roll inte ser: prognosen här räknas utan dem, med spakarnas standardvärden.",
    }
)

SV.update(
    {
        "Staffing gap in %(year)s, mean (FTE)": "Bemanningsgap %(year)s, medelvärde (årsarbetare)",
        "Snapshot of %(date)s.": "Ögonblicksbild %(date)s.",
        "Supply counts the scenario's hired staff beside the own staff (their FTE, less what the lever replaces with own staff), as demand does: in the base year it is the own staff's FTE plus the hired FTE.": "Tillgången räknar med scenariots inhyrda personal utöver den egna (deras årsarbetare, minus det som spaken ersätter med egen personal), liksom efterfrågan: basåret är den egna personalens årsarbetare plus de inhyrdas.",
        "Headcount and FTE on 31 December, monthly-paid staff. Left: a break of more than 31 days without a monthly-paid employment in the region is a departure, counted in the year the employment ended; a shorter break, or a move inside the region, is not. Hired: people new to the region or back after such a break. Turnover = leavers / average headcount (1 January and 31 December).": "Antal och årsarbetare den 31 december, månadsavlönade. Slutat: ett uppehåll på mer än 31 dagar utan månadsavlönad anställning i regionen är en avgång, räknad det år anställningen upphörde; ett kortare uppehåll, eller ett byte inom regionen, är det inte. Nyanställda: personer nya i regionen eller tillbaka efter ett sådant uppehåll. Personalomsättning = avgångna / genomsnittligt antal anställda (1 januari och 31 december).",
        "Turnover has no legal standard; the three common variants are shown. A break of more than 31 days without a monthly-paid employment is a departure, in the year the employment ended. For a unit, moving to another unit counts as leaving it.": "Personalomsättning har ingen fastslagen definition; de tre vanliga varianterna visas. Ett uppehåll på mer än 31 dagar utan månadsavlönad anställning är en avgång, det år anställningen upphörde. För en enhet räknas flytt till en annan enhet som avgång.",
        "Competence plans exist only as a snapshot (of %(date)s): no share for another year.": "Kompetensplaner finns bara som ögonblicksbild (från %(date)s): ingen andel för andra år.",
    }
)

# The insider review of Region Demo (issue 12): the HR end reasons' split and the history.
SV.update(
    {
        "Other reasons": "Övriga orsaker",
        "A reason gets a row of its own only with at least %(k)s leavers on every page that shows it; disability pension, death and dismissal never do: they count under Other reasons.": "En orsak får en egen rad bara med minst %(k)s avgångar på varje sida som visar den; sjukersättning, dödsfall och uppsägning får det aldrig: de räknas under Övriga orsaker.",
        "The split by end reason is not shown here: a reason of fewer leavers could be worked out from it.": "Fördelningen på avgångsorsaker visas inte här: en orsak med färre avgångar skulle kunna räknas fram ur den.",
        "Of which retirement and own request: people who left the region, by the unit of their last employment; shown only where no reason of fewer than five people can be worked out (a unit beside the units below it), and not per profession group (–).": "Varav pension och egen begäran: personer som lämnade regionen, efter enheten för deras sista anställning; visas bara där ingen orsak för färre än fem personer kan räknas fram (en enhet bredvid enheterna under den), och inte per yrkesgrupp (–).",
    }
)

SV.update(
    {
        "%(today)s: could not prepare %(name)s in advance (see the log).": "%(today)s: kunde inte förbereda %(name)s i förväg (se loggen).",
        "Preparing reports": "Förbereder rapporter",
    }
)


# A scenario's survey citation in the report, under its kind's label.
SV.update(
    {
        "%(label)s: %(survey)s (closed %(closes)s, %(answers)s answers)": "%(label)s: %(survey)s (stängd %(closes)s, %(answers)s svar)",
    }
)


# A targeted survey's group mean of the number named, only from k_text numbers.
SV.update(
    {
        "Too few named a number for a mean of their own (the region's is used for them): %(groups)s.": "För få angav ett tal för ett eget medelvärde (regionens används för dem): %(groups)s.",
    }
)


# Historik: each closed year over the unit tree it was first shown with (issue 12, class 3).
SV.update(
    {
        "Past years are shown on the unit tree as it was when each year was first shown, as in the key figures: a unit moved since counts under its former parent in those years, and a unit made since under its parent when it was first shown.": "Tidigare år visas på organisationsträdet som det var när året först visades, som i nyckeltalen: en enhet som flyttats sedan dess räknas under sin tidigare överordnade enhet de åren, och en enhet som skapats sedan dess under den enhet den låg under när den först visades.",
        "In %(years)s the units below this one were not today's: those years count the units that were below it then.": "%(years)s låg andra enheter under denna än i dag: de åren räknas enheterna som låg under den då.",
        "For %(years)s they are on the exit survey's results page, per block of years, and not here: a block minus one of its years would be the other year's.": "För %(years)s finns de på avgångsenkätens resultatsida, per block av år, och inte här: ett block minus ett av dess år vore det andra årets.",
        "The split by end reason of these years is shown per year on the History page, not per block here.": "Fördelningen på avgångsorsaker för dessa år visas per år på sidan Historik, inte per block här.",
    }
)


# A new region's first hour (issue 18).
SV.update(
    {
        "No scheduled hours imported for %(year)s: sick leave is a share of them, so its figures need the hours file (Import page, or bemanna import hours FILE). Headcount, FTE and turnover below come from the HR extract.": "Inga schemalagda timmar importerade för %(year)s: sjukfrånvaron är en andel av dem, så dess mått kräver timfilen (sidan Import, eller bemanna import hours FIL). Antal anställda, årsarbetare och personalomsättning nedan kommer från HR-uttaget.",
        "Not shown: no scheduled hours imported for the year (import hours).": "Visas inte: inga schemalagda timmar importerade för året (importera timmar).",
        "The file is correct and would give: %(units)s units (%(created)s new, %(updated)s changed).": "Filen är korrekt och skulle ge: %(units)s enheter (%(created)s nya, %(updated)s ändrade).",
        "Population projection: none imported — demand is held at the base date's level (import the county's on the Population projections page and make a scenario with it).": "Befolkningsprognos: ingen importerad — efterfrågan hålls på basdatumets nivå (importera länets på sidan Befolkningsprognoser och gör ett scenario med den).",
        "JSON file of levers (on top of the scenario's, or with --extract).": "JSON-fil med spakar (utöver scenariots, eller med --extract).",
        "%(scenario)s, %(unit)s: gap %(year)s mean %(mean)s FTE (P10–P90 %(p10)s to %(p90)s); recruitment need %(need)s persons/year. Wrote %(out)s.": "%(scenario)s, %(unit)s: gap %(year)s medel %(mean)s årsarbetare (P10–P90 %(p10)s till %(p90)s); rekryteringsbehov %(need)s personer/år. Skrev %(out)s.",
        "Cost of the gap %(year)s mean %(mean)s per year (P10–P90 %(p10)s to %(p90)s); with hired staff mean %(hired)s per year.": "Gapets kostnad %(year)s medel %(mean)s per år (P10–P90 %(p10)s till %(p90)s); med inhyrd personal medel %(hired)s per år.",
        "Unknown kind of file: %(kind)s": "Okänd sorts fil: %(kind)s",
        "Error: %(message)s": "Fel: %(message)s",
        "usage: ": "användning: ",
        "positional arguments": "argument",
        "options": "flaggor",
        "show this help message and exit": "visa den här hjälpen och avsluta",
        "the following arguments are required: %s": "de här argumenten krävs: %s",
        "unrecognized arguments: %s": "okända argument: %s",
        "invalid %(type)s value: %(value)r": "ogiltigt värde (%(type)s): %(value)r",
        "invalid choice: %(value)r (choose from %(choices)s)": "ogiltigt val: %(value)r (välj bland %(choices)s)",
        "expected one argument": "ett värde behövs",
        "argument %(argument_name)s: %(message)s": "argumentet %(argument_name)s: %(message)s",
        "%(prog)s: error: %(message)s\n": "%(prog)s: fel: %(message)s\n",
        "Show program's version number and exit.": "Visa programmets version och avsluta.",
        "Verbosity level; 0=minimal output, 1=normal output, 2=verbose output, 3=very verbose output": "Hur mycket som skrivs ut; 0=minimalt, 1=normalt, 2=utförligt, 3=mycket utförligt",
        "Display a full stack trace on CommandError exceptions.": "Visa hela stackspårningen när kommandot avbryts med ett fel.",
        "Don't colorize the command output.": "Skriv ut utan färger.",
        "Force colorization of the command output.": "Skriv ut med färger även utan terminal.",
        "Skip system checks.": "Hoppa över systemkontrollerna.",
        "UTF-16 or binary": "UTF-16 eller binärdata",
        "an unknown encoding": "en okänd teckenkodning",
        "binary data": "binärdata",
        "There is no scenario yet: import the unit tree and the HR extract first (bemanna import units FILE, bemanna import employments FILE); the first extract makes the scenario “Nuläge”.": "Det finns inget scenario ännu: importera först enhetsträdet och HR-uttaget (bemanna import units FIL, bemanna import employments FIL); det första uttaget skapar scenariot ”Nuläge”.",
        "Demand on the base date = own staff's FTE + hired staff's FTE + vacancies. A unit's forecast gets its share in proportion to its FTE. Sick leave sets what one point less is worth. No population projection is chosen for this scenario, so demand stays as on the base date: import the county's on the Population projections page and make a scenario with it.": "Efterfrågan på basdatum = egen personals årsarbetare + inhyrdas årsarbetare + vakanser. En enhets prognos får sin andel i proportion till sina årsarbetare. Sjukfrånvaron avgör vad en procentenhet lägre är värd. Ingen befolkningsprognos är vald för scenariot, så efterfrågan står kvar som på basdatumet: importera länets på sidan Befolkningsprognoser och gör ett scenario med den.",
    }
)
PLURALS.update(
    {
        "No forecast: the extract has %(count)d problem.": (
            "Ingen prognos: uttaget har %(count)d problem.",
            "Ingen prognos: uttaget har %(count)d problem.",
        ),
        "and %(count)d more row with the same error: %(message)s": (
            "och %(count)d rad till med samma fel: %(message)s",
            "och %(count)d rader till med samma fel: %(message)s",
        ),
    }
)

SV.update(
    {
        "The forecast of %(unit)s is not shown: too few people (fewer than %(k)s, or so few beside the units below it that the difference would be fewer than %(k)s). Choose the unit above it.": "Prognosen för %(unit)s visas inte: för få personer (färre än %(k)s, eller så få bredvid enheterna under den att skillnaden skulle bli färre än %(k)s). Välj enheten ovanför.",
    }
)


# A new region's first hour (issue 18): the imports' dry runs, mixed identifiers, migrate.
SV.update(
    {
        "The file is correct and would give: %(created)s new rows, %(updated)s replaced, %(skipped)s without a value or with a sex that is not used.": "Filen är korrekt och skulle ge: %(created)s nya rader, %(updated)s ersatta, %(skipped)s utan värde eller med kön som inte används.",
        "%(low)s to %(high)s": "%(low)s till %(high)s",
        "P10–P90: %(range)s FTE.": "P10–P90: %(range)s årsarbetare.",
        "The database's tables are up to date: nothing to change.": "Databasens tabeller är aktuella: inget att ändra.",
        "Creating and updating the database's tables": "Skapar och uppdaterar databasens tabeller",
        "This row names the person by Anst.nr only, but the file has a Personnummer column: then every row must give a Personnummer, as in the HR extract. Give it, or leave the column out and name everyone by Anst.nr.": "Raden anger personen bara med Anst.nr, men filen har en kolumn Personnummer: då måste varje rad ange ett personnummer, som i HR-uttaget. Ange det, eller ta bort kolumnen och ange alla med Anst.nr.",
    }
)
PLURALS.update(
    {
        "The database's tables are ready: %(count)d change.": (
            "Databasens tabeller är klara: %(count)d ändring.",
            "Databasens tabeller är klara: %(count)d ändringar.",
        ),
    }
)
# The command line speaks Swedish (issue 18: new user's findings 4–8).
SV.update(
    {
        "The database has no tables yet, or older ones: run `bemanna migrate` first.": "Databasen saknar ännu sina tabeller, eller har äldre: kör `bemanna migrate` först.",
        "Options: --dry-run checks the file and writes nothing; --language sv|en; bemanna import KIND --help tells more.": "Flaggor: --dry-run kontrollerar filen och skriver inget; --language sv|en; bemanna import SORT --help berättar mer.",
        "Unknown command: %(command)s. `bemanna` alone lists the commands.": "Okänt kommando: %(command)s. `bemanna` utan argument listar kommandona.",
        "The file to import (CSV or XLSX).": "Filen som ska importeras (CSV eller XLSX).",
        "must be a number (got %(value)s)": "måste vara ett tal (fick %(value)s)",
        "must be between %(low)s and %(high)s (got %(value)s)": "måste vara mellan %(low)s och %(high)s (fick %(value)s)",
        "must be [share, target]": "måste vara [andel, sysselsättningsgrad]",
        "unknown lever": "okänd spak",
        "must be an object of group → value, e.g. %(example)s": "måste vara ett objekt yrkesgrupp → värde, t.ex. %(example)s",
        "must be a list of objects with %(fields)s": "måste vara en lista av objekt med %(fields)s",
        "each item is an object with %(fields)s": "varje post är ett objekt med %(fields)s",
        "unknown field %(field)s; each item has %(fields)s": "okänt fält %(field)s; varje post har %(fields)s",
        "the field %(field)s is missing; each item has %(fields)s": "fältet %(field)s saknas; varje post har %(fields)s",
        "bemanna forecast --list-levers lists them": "bemanna forecast --list-levers listar dem",
        "share (0–1)": "andel (0–1)",
        "change (−0.1 = 10 per cent less)": "förändring (−0.1 = 10 procent mindre)",
        "per cent": "procent",
        "percentage points": "procentenheter",
        "years": "år",
        "people a year": "personer per år",
        "lever": "spak",
        "label": "benämning",
        "range": "intervall",
        "default": "standard",
        "Per profession group or as a list, in JSON:": "Per yrkesgrupp eller som lista, i JSON:",
        "line %(line)s, column %(column)s": "rad %(line)s, kolumn %(column)s",
        "not UTF-8 text": "inte UTF-8-text",
        "%(name)s was not found: install the PostgreSQL client (postgresql-client).": "%(name)s hittades inte: installera PostgreSQL-klienten (postgresql-client).",
        "Not a Bemanna backup (neither an SQLite database nor a pg_dump): %(path)s": "Ingen säkerhetskopia från Bemanna (varken en SQLite-databas eller en pg_dump): %(path)s",
        "The file exists already; choose a new file name: %(path)s": "Filen finns redan; välj ett nytt filnamn: %(path)s",
        "%(tool)s failed: %(message)s": "%(tool)s misslyckades: %(message)s",
        "no message": "inget meddelande",
        "A %(kind)s backup cannot be restored into this %(vendor)s database: %(path)s": "En säkerhetskopia av typen %(kind)s kan inte återställas i den här %(vendor)s-databasen: %(path)s",
        "The database is not empty: restore into a new, empty database (created, not migrated), or pass --force to replace everything in this one.": "Databasen är inte tom: återställ i en ny, tom databas (skapad, inte migrerad), eller ange --force för att ersätta allt i den här.",
        "The file cannot be restored (%(reason)s): %(path)s": "Filen kan inte återställas (%(reason)s): %(path)s",
        "Backed up (%(kind)s) to %(file)s: %(size)s bytes.": "Säkerhetskopierat (%(kind)s) till %(file)s: %(size)s byte.",
        "Restored (%(kind)s) from %(file)s.": "Återställt (%(kind)s) från %(file)s.",
        "Name the user: bemanna set_password USER": "Ange användaren: bemanna set_password ANVÄNDARE",
        "The user does not exist: %(user)s": "Användaren finns inte: %(user)s",
        "New password for %(user)s": "Nytt lösenord för %(user)s",
        "Password: ": "Lösenord: ",
        "Password (again): ": "Lösenord (igen): ",
        "The passwords differ; try again.": "Lösenorden skiljer sig åt; försök igen.",
        "Password changed for %(user)s.": "Lösenordet är ändrat för %(user)s.",
        "No password set for %(user)s after %(count)s tries.": "Inget lösenord satt för %(user)s efter %(count)s försök.",
        "--erase needs --reason (the legal ground and reference).": "--erase kräver --reason (den rättsliga grunden och hänvisningen).",
        "Not a valid personnummer (%(problem)s).": "Inget giltigt personnummer (%(problem)s).",
        "not YYYYMMDD-NNNN or YYMMDD-NNNN": "inte ÅÅÅÅMMDD-NNNN eller ÅÅMMDD-NNNN",
        "no such date": "inget sådant datum",
        "the check digit is wrong": "kontrollsiffran stämmer inte",
        "--case needs the request's case reference (diarienummer).": "--case kräver begärans diarienummer.",
        "Register extract written to %(out)s: no person with this number is held.": "Registerutdrag skrivet till %(out)s: ingen person med det här numret finns i Bemanna.",
        "Not erased: %(reason)s": "Inte raderad: %(reason)s",
        "Erased: %(counts)s": "Raderat: %(counts)s",
        "sick-leave spells": "sjukfrånvaroperioder",
        "months of scheduled hours": "månader med schemalagda timmar",
        "early contacts": "tidiga kontakter",
        "pulse invitations": "pulsinbjudningar",
        "exit survey invitations": "inbjudningar till avgångsenkäten",
        "The database holds imported data that is not demo data; bemanna demo will not touch it. Use an empty database (DATABASE_URL) for the demo.": "Databasen innehåller importerade uppgifter som inte är demodata; bemanna demo rör dem inte. Använd en tom databas (DATABASE_URL) för demon.",
        "No account has the demo's second-factor key (run `bemanna demo`).": "Inget konto har demons nyckel för andra faktorn (kör `bemanna demo`).",
        "Each code holds for 30 seconds.": "Varje kod gäller i 30 sekunder.",
    }
)
PLURALS.update(
    {
        "Register extract written to %(out)s: %(rows)s row.": (
            "Registerutdrag skrivet till %(out)s: %(rows)s rad.",
            "Registerutdrag skrivet till %(out)s: %(rows)s rader.",
        ),
    }
)


# Helper "imports" (issue 18: the import's retention, messages, board report, import page).
SV.update(
    {
        "Both AID and Befattning are empty; one of them is required.": "Både AID och Befattning är tomma; en av dem behövs.",
        'Made the forecast scenario “%(name)s” (today\'s recruitment and leaving, no levers): see the Forecast page, or bemanna forecast --scenario "%(name)s".': 'Prognosscenariot ”%(name)s” skapades (dagens rekrytering och avgångar, inga åtgärder): se sidan Prognos, eller bemanna forecast --scenario "%(name)s".',
        "The file is correct and would give: %(what)s, %(created)s new rows, %(updated)s replaced.": "Filen är korrekt och skulle ge: %(what)s, %(created)s nya rader, %(updated)s ersatta.",
        "Imported: %(what)s, %(created)s new rows, %(updated)s replaced.": "Importerat: %(what)s, %(created)s nya rader, %(updated)s ersatta.",
        "the command line (a user on the server)": "kommandoraden (användare på servern)",
        "One row per employment: Personnummer, or Anst.nr with Födelseår and Kön; Enhet; AID or Befattning; Anställningsform; Sysselsättningsgrad; Startdatum; optional Yrkesgrupp, Slutdatum, Avgångsorsak, E-post.": "En rad per anställning: Personnummer, eller Anst.nr med Födelseår och Kön; Enhet; AID eller Befattning; Anställningsform; Sysselsättningsgrad; Startdatum; frivilligt Yrkesgrupp, Slutdatum, Avgångsorsak, E-post.",
        "One row per unit: Enhetskod; Enhetsnamn; Överordnad (empty for the region); Nivå; optional Chef (a user name).": "En rad per enhet: Enhetskod; Enhetsnamn; Överordnad (tom för regionen); Nivå; frivilligt Chef (ett användarnamn).",
        "One row per spell: Personnummer or Anst.nr; Från; Till (empty while open); Omfattning (1–100).": "En rad per sjukfall: Personnummer eller Anst.nr; Från; Till (tom medan det pågår); Omfattning (1–100).",
        "One row per person and month: Personnummer or Anst.nr; Månad; Timmar.": "En rad per person och månad: Personnummer eller Anst.nr; Månad; Timmar.",
        "One row per unit and month: Enhet; Månad; optional Yrkesgrupp; Egen personal, Inhyrd personal and/or Bemanningspool.": "En rad per enhet och månad: Enhet; Månad; frivilligt Yrkesgrupp; Egen personal, Inhyrd personal och/eller Bemanningspool.",
        "One row per person: Personnummer or Anst.nr; Kompetensplan (ja or nej).": "En rad per person: Personnummer eller Anst.nr; Kompetensplan (ja eller nej).",
        "Kolada's download as it is: kpi; municipality_id; municipality; period; gender; value.": "Koladas nedladdning som den är: kpi; municipality_id; municipality; period; gender; value.",
        "The columns of each kind of file": "Kolumnerna i varje sorts fil",
        "Column names may vary (the README's section “Your own data” lists the other names read); the first row names the columns.": "Kolumnnamnen får variera (README:s avsnitt ”Your own data” listar de andra namn som läses); första raden namnger kolumnerna.",
        "Import the file": "Importera",
        "Actual values within P10–P90, every profession group and year: %(inside)s of %(years)s (goal about %(goal)s; the table's last row)": "Utfall inom P10–P90, alla yrkesgrupper och år: %(inside)s av %(years)s (mål omkring %(goal)s; tabellens sista rad)",
        "Every profession group and year": "Alla yrkesgrupper och år",
        "Not shown: no personnel costs imported for the year (import costs).": "Visas inte: inga personalkostnader importerade för året (importera kostnader).",
        "Not shown: no competence plans imported (import plans).": "Visas inte: inga kompetensplaner importerade (importera kompetensplaner).",
        "Not shown: no pulse wave closed in the year.": "Visas inte: ingen pulsmätning avslutades under året.",
        "Not shown: too few answers.": "Visas inte: för få svar.",
        "Not shown: too few people.": "Visas inte: för få personer.",
        "Not shown: no personnel costs for this unit in the year.": "Visas inte: inga personalkostnader för enheten under året.",
        "Nobody with this identity is in the imported HR extract: import the extract first. Employments that ended longer ago than the retention time are not kept.": "Ingen med den här identiteten finns i det importerade HR-uttaget: importera uttaget först. Anställningar som slutade för längre sedan än gallringstiden sparas inte.",
    }
)
PLURALS.update(
    {
        "No SKR profession group for %(profession)s (%(rows)s row).": (
            "Ingen SKR-yrkesgrupp för %(profession)s (%(rows)s rad).",
            "Ingen SKR-yrkesgrupp för %(profession)s (%(rows)s rader).",
        ),
        "Unit tree: %(units)s unit (%(created)s new, %(updated)s changed).": (
            "Enhetsträd: %(units)s enhet (%(created)s nya, %(updated)s ändrade).",
            "Enhetsträd: %(units)s enheter (%(created)s nya, %(updated)s ändrade).",
        ),
        "Unit tree imported: %(units)s unit (%(created)s new, %(updated)s changed).": (
            "Enhetsträd importerat: %(units)s enhet (%(created)s nya, %(updated)s ändrade).",
            "Enhetsträd importerat: %(units)s enheter (%(created)s nya, %(updated)s ändrade).",
        ),
        "The file is correct and would give: %(units)s unit (%(created)s new, %(updated)s changed).": (
            "Filen är korrekt och skulle ge: %(units)s enhet (%(created)s nya, %(updated)s ändrade).",
            "Filen är korrekt och skulle ge: %(units)s enheter (%(created)s nya, %(updated)s ändrade).",
        ),
        "%(count)d employment that ended before %(date)s was left out: employments are kept %(years)d years after they end.": (
            "%(count)d anställning som slutade före %(date)s lämnades utanför: gallringstiden är %(years)d år.",
            "%(count)d anställningar som slutade före %(date)s lämnades utanför: gallringstiden är %(years)d år.",
        ),
    }
)


# A new region's first hour (issue 18): roles, links and the admin.
SV.update(
    {
        "Analysts, managers and the council are added by a user administrator, made the same way:": "Analytiker, chefer och rådet läggs till av en behörighetsadministratör, som skapas på samma sätt:",
        "Occupational health is granted by a superuser, a break-glass account kept sealed:": "Företagshälsan får sin roll av en superanvändare, ett nödkonto som hålls förseglat:",
        "failed login attempt": "misslyckat inloggningsförsök",
        "failed login attempts": "misslyckade inloggningsförsök",
        "failed login": "misslyckad inloggning",
        "failed logins": "misslyckade inloggningar",
        "login and logout": "in- och utloggning",
        "logins and logouts": "in- och utloggningar",
        "authenticator app": "autentiseringsapp",
        "authenticator apps": "autentiseringsappar",
    }
)


# A new region's first hour (issue 18): unit tree Chef column, forecast options, years.
SV.update(
    {
        "The user {user} has the role {role}, not Manager; give them the role Manager in Administration › Users, or leave Chef empty and import again later.": "Användaren {user} har rollen {role}, inte Chef; ge användaren rollen Chef i Administration › Användare, eller lämna Chef tom och importera igen senare.",
        "no role": "ingen roll",
        "horizon must be 1–40 years after %(year)s (got %(horizon)s)": "horisonten (--horizon) måste vara 1–40 år efter %(year)s (angivet: %(horizon)s)",
        "draws must be 1–100000 (got %(draws)s)": "antalet dragningar (--draws) måste vara 1–100 000 (angivet: %(draws)s)",
        "--out is missing: report.xlsx, report.html or report.pdf": "--out saknas: rapport.xlsx, rapport.html eller rapport.pdf",
    }
)
PLURALS.update(
    {
        "%(scenario)s, %(unit)s: gap %(year)s mean %(mean)s FTE (P10–P90 %(p10)s to %(p90)s); recruitment need %(need)s person/year. Wrote %(out)s.": (
            "%(scenario)s, %(unit)s: gap %(year)s medel %(mean)s årsarbetare (P10–P90 %(p10)s till %(p90)s); rekryteringsbehov %(need)s person/år. Skrev %(out)s.",
            "%(scenario)s, %(unit)s: gap %(year)s medel %(mean)s årsarbetare (P10–P90 %(p10)s till %(p90)s); rekryteringsbehov %(need)s personer/år. Skrev %(out)s.",
        ),
    }
)

SV.update(
    {
        "Levers set for a profession group that this unit does not show on its own are not applied here.": "Åtgärder för en yrkesgrupp som enheten inte visar för sig används inte här.",
    }
)


# Key figures: the long-term part of the sick leave decided over the tree (issue 12).
SV.update(
    {
        "The long-term part (spells of 60 days or more) is the sick leave of those on such a spell: it is shown only where it rests on at least five of them and no fewer could be worked out from it.": "Långtidsdelen (sjukperioder om 60 dagar eller mer) är sjukfrånvaron hos dem som har en sådan period: den visas bara där den vilar på minst fem av dem och inte färre kan räknas fram ur den.",
    }
)


# Historik follows the forecast's rule (issue 12): FTE, ages and groups per year.
SV.update(
    {
        "Each person counts once, in the unit and profession group of their largest employment. FTE, the share aged 60 or over and the age pyramid are shown only for a unit whose forecast may be shown (at least %(k)s people, and no unit beside the units below it of fewer): else –. Employees, hired and left are shown for every unit, as who works there is known to its colleagues. A profession group is listed, and its year shown, only where the forecast shows it on its own on this unit's page.": "Varje person räknas en gång, i enheten och yrkesgruppen för sin största anställning. Årsarbetare, andelen 60 år eller äldre och ålderspyramiden visas bara för en enhet vars prognos får visas (minst %(k)s personer, och ingen enhet bredvid enheterna under den med färre): annars –. Anställda, nyanställda och slutat visas för varje enhet, eftersom kollegorna vet vem som arbetar där. En yrkesgrupp listas, och dess år visas, bara där prognosen visar den för sig på den här enhetens sida.",
        "No age pyramid: too few people to show their ages and sexes.": "Ingen ålderspyramid: för få personer för att visa deras åldrar och kön.",
    }
)


# A new region's first hour (issue 18): serve, Django's commands, option values, the admin.
SV.update(
    {
        "Run Bemanna's web server. Without BEMANNA_DEBUG it is the production server (gunicorn) behind your TLS proxy; with BEMANNA_DEBUG=1 Django's development server, only for trying Bemanna out.": "Kör Bemannas webbserver. Utan BEMANNA_DEBUG är det produktionsservern (gunicorn) bakom er TLS-proxy; med BEMANNA_DEBUG=1 Djangos utvecklingsserver, bara för att prova Bemanna.",
        "Environment:": "Miljövariabler:",
        "required without BEMANNA_DEBUG; keep it": "krävs utan BEMANNA_DEBUG; spara den",
        "where the SQLite database is (default: var/)": "var SQLite-databasen ligger (standard: var/)",
        "postgresql://… for PostgreSQL instead": "postgresql://… för PostgreSQL i stället",
        "for a trial on your own machine: no https://": "för en provkörning på den egna datorn: ingen https://",
        "the host names the server answers to": "de värdnamn servern svarar på",
        "worker processes (default 2; --workers)": "arbetsprocesser (standard 2; --workers)",
        "threads per worker (1 on SQLite, 4 on PostgreSQL)": "trådar per arbetsprocess (1 med SQLite, 4 med PostgreSQL)",
        "the access log as JSON": "åtkomstloggen som JSON",
        "the development server, with development keys": "utvecklingsservern, med utvecklingsnycklar",
        "ADDRESS:PORT": "ADRESS:PORT",
        "Address and port to serve on (default 127.0.0.1:8000); a port alone means 127.0.0.1.": "Adress och port att svara på (standard 127.0.0.1:8000); en port ensam betyder 127.0.0.1.",
        "Worker processes of the production server (default BEMANNA_WORKERS, else 2).": "Produktionsserverns arbetsprocesser (standard BEMANNA_WORKERS, annars 2).",
        "Not an address and port: %(given)s. Write it as 127.0.0.1:8000 (or 8000 alone).": "Inte en adress och port: %(given)s. Skriv den som 127.0.0.1:8000 (eller bara 8000).",
        "Unknown host name: %(host)s.": "Okänt värdnamn: %(host)s.",
        "Port %(port)s on %(host)s is already in use: stop what runs there, or choose another port (bemanna serve %(host)s:%(other)s).": "Port %(port)s på %(host)s används redan: stoppa det som kör där, eller välj en annan port (bemanna serve %(host)s:%(other)s).",
        "Port %(port)s needs administrator rights; choose one above 1023 (bemanna serve %(host)s:8000).": "Port %(port)s kräver administratörsrättigheter; välj en över 1023 (bemanna serve %(host)s:8000).",
        "Cannot serve on %(host)s:%(port)s: %(reason)s.": "Kan inte svara på %(host)s:%(port)s: %(reason)s.",
        "Refusing to serve: set BEMANNA_SECRET_KEY and BEMANNA_PSEUDONYM_KEY (see .env.example).": "Startar inte: sätt BEMANNA_SECRET_KEY och BEMANNA_PSEUDONYM_KEY (se .env.example).",
        "Bemanna answers on %(url)s (Ctrl+C stops it).": "Bemanna svarar på %(url)s (Ctrl+C stoppar).",
        "Development server (BEMANNA_DEBUG=1): only for trying Bemanna out.": "Utvecklingsserver (BEMANNA_DEBUG=1): bara för att prova Bemanna.",
        "an integer": "ett heltal",
        "a number": "ett tal",
        "a date (YYYY-MM-DD)": "ett datum (ÅÅÅÅ-MM-DD)",
        "%(option)s must be %(kind)s, got %(value)r": "%(option)s måste vara %(kind)s, fick %(value)r",
        "%(option)s: not a valid value: %(value)r": "%(option)s: inte ett giltigt värde: %(value)r",
        "The year must be between {low} and {high}.": "Året måste vara mellan {low} och {high}.",
        "Updates database schema. Manages both apps with migrations and those without.": "Skapar eller uppdaterar databasens tabeller.",
        "App label of an application to synchronize the state.": "Den app (dess etikett) vars tabeller ska uppdateras.",
        'Database state will be brought to the state after that migration. Use the name "zero" to unapply all migrations.': "Databasen förs till läget efter den migreringen. Namnet ”zero” tar bort alla migreringar.",
        "Tells Django to NOT prompt the user for input of any kind.": "Fråga ingenting.",
        'Nominates a database to synchronize. Defaults to the "default" database.': "Vilken databas som ska uppdateras (standard: ”default”).",
        "Mark migrations as run without actually running them.": "Markera migreringar som körda utan att köra dem.",
        "Detect if tables already exist and fake-apply initial migrations if so. Make sure that the current database schema matches your initial migration before using this flag. Django will only check for an existing table name.": "Finns tabellerna redan markeras de första migreringarna som körda. Kontrollera först att databasen stämmer med dem: bara tabellernas namn jämförs.",
        "Shows a list of the migration actions that will be performed.": "Visa vilka ändringar som skulle göras.",
        "Creates tables for apps without migrations.": "Skapa tabeller för appar utan migreringar.",
        "Exits with a non-zero status if unapplied migrations exist and does not actually apply migrations.": "Avsluta med felstatus om det finns ändringar att göra, utan att göra dem.",
        "Delete nonexistent migrations from the django_migrations table.": "Ta bort migreringar som inte längre finns ur tabellen django_migrations.",
        "Collect static files in a single location.": "Kopiera CSS, skript och bilder till en mapp ($BEMANNA_DATA_DIR/static) för en proxy som serverar dem.",
        "Do NOT prompt the user for input of any kind.": "Fråga ingenting.",
        "Do NOT post process collected files.": "Efterbehandla inte de kopierade filerna.",
        "Ignore files or directories matching this glob-style pattern. Use multiple times to ignore more.": "Hoppa över filer och mappar som matchar mönstret (glob). Kan anges flera gånger.",
        "Do everything except modify the filesystem.": "Gör allt utom att ändra filerna.",
        "Clear the existing files using the storage before trying to copy or link the original file.": "Töm mappen innan filerna kopieras eller länkas.",
        "Create a symbolic link to each file instead of copying.": "Skapa en symbolisk länk till varje fil i stället för en kopia.",
        "Don't ignore the common private glob-style patterns (defaults to 'CVS', '.*' and '*~').": "Hoppa inte över de vanliga privata mönstren ('CVS', '.*' och '*~').",
        "time": "tid",
        "done by": "utförd av",
        "done by (name)": "utförd av (namn)",
        "concerns": "gäller",
        "details": "detaljer",
        "kind of file": "sorts fil",
        "file name": "filnamn",
        "checksum (SHA-256)": "kontrollsumma (SHA-256)",
        "imported": "importerad",
        "imported by": "importerad av",
        "demo data": "demodata",
        "rows": "rader",
        "codes without an SKR group": "koder utan SKR-grupp",
        "new": "nya",
        "updated": "uppdaterade",
        "parent unit": "överordnad enhet",
        "path": "sökväg",
        "depth": "djup",
        "QR code": "QR-kod",
        "user": "användare",
        "created": "skapad",
        "last used": "senast använd",
        "confirmed": "bekräftad",
        "Attempt Time": "Tidpunkt",
        "Logout Time": "Utloggad",
        "IP Address": "IP-adress",
        "User Agent": "Webbläsare",
        "Username": "Användarnamn",
        "Path": "Sida",
        "HTTP Accept": "HTTP Accept",
        "GET Data": "GET-data",
        "POST Data": "POST-data",
        "Failed Logins": "Misslyckade inloggningar",
        "Locked Out": "Spärrad",
        "Access lock out": "Spärrad",
        "Access Attempt": "Inloggningsförsök",
        "Expires At": "Upphör",
        "Not set": "Inte satt",
        "Attempt Remaining": "försök kvar",
        "Form Data": "Formulärdata",
        "Meta Data": "Metadata",
        "Session key hash (sha256)": "Sessionsnyckelns hash (sha256)",
        "Clean up expired attempts": "Rensa utgångna försök",
    }
)
PLURALS.update(
    {
        "No forecast: the population projection has %(count)d problem.": (
            "Ingen prognos: befolkningsprognosen har %(count)d problem.",
            "Ingen prognos: befolkningsprognosen har %(count)d problem.",
        ),
    }
)


# A new region's first hour (issue 18): reports, base dates, retention notes, run_schedule.
SV.update(
    {
        "As user administrator you see no data in Bemanna. In Administration you add users and give them their roles (a manager also their units), and map single sign-on groups to roles; under Lockouts you lift a login lockout.": "Som behörighetsadministratör ser du inga data i Bemanna. I Systemadministration lägger du till användare och ger dem deras roller (en chef också sina enheter) och kopplar grupper från single sign-on till roller; under Spärrar häver du en inloggningsspärr.",
        "%(year)s up to and including %(date)s: the year is not over, and is compared with whole years.": "%(year)s t.o.m. %(date)s: året är inte slut och jämförs med hela år.",
        "This forecast is “%(scenario)s” with the levers of %(file)s on top, not saved in the scenario. Levers used: %(levers)s.": "Prognosen är ”%(scenario)s” med åtgärderna i %(file)s ovanpå, som inte sparas i scenariot. Åtgärder som används: %(levers)s.",
        "--base-date is for --extract: the scenario “%(scenario)s” has its own base date, %(date)s; change it on the scenario's page, or save a new scenario.": "--base-date gäller --extract: scenariot ”%(scenario)s” har ett eget basdatum, %(date)s; ändra det på scenariots sida, eller spara ett nytt scenario.",
        "The base date %(date)s is after today: a forecast starts from the staff on a day that has been; give today or an earlier date.": "Basdatumet %(date)s är efter i dag: en prognos utgår från personalen en dag som har varit; ange i dag eller ett tidigare datum.",
    }
)


PLURALS.update(
    {
        "%(years)s is incomplete: employments that ended before %(date)s are not kept (%(retain)d years after they end), so the year counts only those that ended after it.": (
            "%(years)s är ofullständigt: anställningar som slutade före %(date)s sparas inte (%(retain)d år efter att de slutat), så året räknar bara dem som slutade efter det datumet.",
            "%(years)s är ofullständiga: anställningar som slutade före %(date)s sparas inte (%(retain)d år efter att de slutat), så åren räknar bara dem som slutade efter det datumet.",
        ),
        "%(today)s: exit survey: %(count)d invitation not e-mailed: the leaver has no e-mail address in the HR extract.": (
            "%(today)s: avgångsenkät: %(count)d inbjudan mejlades inte: den som slutar har ingen e-postadress i HR-uttaget.",
            "%(today)s: avgångsenkät: %(count)d inbjudningar mejlades inte: de som slutar har ingen e-postadress i HR-uttaget.",
        ),
        "%(today)s: exit survey: %(count)d invitation not e-mailed: no mail server is configured (BEMANNA_EMAIL_HOST); it goes out on the first run after one is.": (
            "%(today)s: avgångsenkät: %(count)d inbjudan mejlades inte: ingen e-postserver är inställd (BEMANNA_EMAIL_HOST); den skickas vid första körningen efter att en har ställts in.",
            "%(today)s: avgångsenkät: %(count)d inbjudningar mejlades inte: ingen e-postserver är inställd (BEMANNA_EMAIL_HOST); de skickas vid första körningen efter att en har ställts in.",
        ),
        "%(today)s: exit survey: %(count)d invitation not e-mailed: the mail server failed; it is tried again on the next run.": (
            "%(today)s: avgångsenkät: %(count)d inbjudan mejlades inte: e-postservern gick inte att nå eller vägrade; den prövas igen vid nästa körning.",
            "%(today)s: avgångsenkät: %(count)d inbjudningar mejlades inte: e-postservern gick inte att nå eller vägrade; de prövas igen vid nästa körning.",
        ),
        "%(today)s: exit survey: %(count)d invitation not e-mailed: a made-up address of Region Demo, which is never mailed.": (
            "%(today)s: avgångsenkät: %(count)d inbjudan mejlades inte: en påhittad adress i Region Demo, som aldrig får e-post.",
            "%(today)s: avgångsenkät: %(count)d inbjudningar mejlades inte: påhittade adresser i Region Demo, som aldrig får e-post.",
        ),
    }
)


# A controller's review: the backtest's years within the history kept; Kolada's turnover.
SV.update(
    {
        "The history kept (%(years)s years, BEMANNA_RETAIN_EMPLOYMENT_YEARS) is too short for a backtest: the rates are fitted on the %(window)s whole years up to the year forecast from.": "Historiken som sparas (%(years)s år, BEMANNA_RETAIN_EMPLOYMENT_YEARS) är för kort för en efterhandsprövning: avgångsriskerna skattas på de %(window)s hela åren fram till och med året prognosen utgår från.",
        "Turnover: Bemanna counts every monthly-paid person who left per average headcount, Kolada (%(kpi)s) permanent staff who left per permanent staff: read that row as an indication, not as the same figure.": "Personalomsättning: Bemanna räknar alla månadsavlönade som slutat per genomsnittligt antal anställda, Kolada (%(kpi)s) tillsvidareanställda som slutat per tillsvidareanställda: läs den raden som en fingervisning, inte som samma mått.",
        "Only the years whose %(window)s years of fitting lie within the history kept (from %(first)s) are offered: an earlier window would miss the leavers whose employments are no longer kept.": "Bara de år vars %(window)s skattningsår ligger inom den sparade historiken (från %(first)s) går att välja: ett tidigare fönster skulle sakna de avgångar vars anställningar inte längre sparas.",
    }
)


# Historik's pyramid: the cells the tree's rule does not show (issue 12).
PLURALS.update(
    {
        "And %(n)s person more whose age band and sex are not shown: too few people of them here, or beside the units below.": (
            "Och %(n)s person till vars åldersgrupp och kön inte visas: för få personer med dem här, eller bredvid enheterna under.",
            "Och %(n)s personer till vars åldersgrupper och kön inte visas: för få personer med dem här, eller bredvid enheterna under.",
        ),
    }
)


# Issue 18's first hour: the placeholders of --help, set_password's and demo's options.
SV.update(
    {
        "FILE": "FIL",
        "KIND": "SLAG",
        "USER": "ANVÄNDARE",
        "YEAR": "ÅR",
        "USERNAME": "ANVÄNDARNAMN",
        "NAME": "NAMN",
        "EMAIL": "E-POST",
        "SCENARIO": "NAMN",
        "EXTRACT": "FIL",
        "OUT": "FIL",
        "UNIT": "ENHETSKOD",
        "HORIZON": "ÅR",
        "DRAWS": "ANTAL",
        "SEED": "FRÖ",
        "LEVERS": "FIL",
        "BASE_DATE": "DATUM",
        "POPULATION": "FIL",
        "PERIOD": "ÅR",
        "TODAY": "DATUM",
        "CASE": "DIARIENUMMER",
        "EMPLOYEE_NUMBER": "ANST.NR",
        "REASON": "SKÄL",
        "SUBJECT": "SUBJEKT",
        "ISSUER": "UTFÄRDARE",
        "EMPLOYEES": "ANTAL",
        "DIRECTORY": "MAPP",
        "APP_LABEL": "APP",
        "MIGRATION_NAME": "MIGRERING",
        "PATTERN": "MÖNSTER",
        "TAGS": "TAGGAR",
        "COMMAND": "KOMMANDO",
        "PARAMETERS": "PARAMETRAR",
        "The user name of the account.": "Kontots användarnamn.",
        "Employees (default 4,500).": "Antal anställda (standard 4 500).",
        "Random seed: the same seed gives the same result (default 1).": "Slumpfrö: samma frö ger samma resultat (standard 1).",
        "hr: HR administrator (default); behorighet: user administrator; superuser: the break-glass account (as bemanna createsuperuser).": "hr: HR-administratör (standard); behorighet: behörighetsadministratör; superuser: nödkontot (som bemanna createsuperuser).",
        "superuser": "superanvändare",
        "No HR extract has been imported yet.": "Inget HR-uttag är importerat ännu.",
        "Import the HR extract (one row per employment).": "Importera HR-uttaget (en rad per anställning).",
        "HR imports the HR extract first.": "HR importerar först HR-uttaget.",
        ", %(unmodified)s unchanged": ", %(unmodified)s oförändrade",
        "The system check found no problems.": "Systemkontrollen hittade inga problem.",
        "Silenced: %(count)s.": "Tystade: %(count)s.",
        "Next: log in, grant occupational health under Administration › Users, and keep the account sealed (break-glass) afterwards.": "Nästa steg: logga in, ge företagshälsan dess roll under Administration › Användare, och håll sedan kontot förseglat (nödkonto).",
    }
)

PLURALS.update(
    {
        "%(count)s static file copied to %(folder)s": (
            "%(count)s statisk fil kopierad till %(folder)s",
            "%(count)s statiska filer kopierade till %(folder)s",
        ),
        "%(count)s static file linked in %(folder)s": (
            "%(count)s statisk fil länkad i %(folder)s",
            "%(count)s statiska filer länkade i %(folder)s",
        ),
    }
)


# Issue 17 tried from outside: a retention run that found nothing says so.
SV.update(
    {
        "%(today)s: retention: nothing was due for deletion.": "%(today)s: gallring: inget var moget att radera.",
        "Single sign-on did not log you in: the identity provider left out your groups (Entra ID does so for a user in more than 200 groups). Ask IT to send app roles instead; the refusal is in the audit log.": "Den gemensamma inloggningen loggade inte in dig: identitetsleverantören utelämnade dina grupper (Entra ID gör så för en användare i fler än 200 grupper). Be IT skicka approller i stället; avvisningen finns i granskningsloggen.",
    }
)

PLURALS.update(
    {
        "Too many wrong codes in a row: wait %(seconds)s second, then type the code the app shows then.": (
            "För många felaktiga koder i rad: vänta %(seconds)s sekund och skriv sedan koden som appen visar då.",
            "För många felaktiga koder i rad: vänta %(seconds)s sekunder och skriv sedan koden som appen visar då.",
        ),
    }
)


# Issue 16: the charts' text alternatives on the pages, the statement's new check.
SV.update(
    {
        "The chart's data": "Diagrammets data",
        "The share of answers giving each of the five most common reasons as the main one.": "Andelen svar som anger var och en av de fem vanligaste orsakerna som huvudorsak.",
        "People per age band, women to the left and men to the right.": "Antal personer per åldersgrupp, kvinnor till vänster och män till höger.",
        "Every chart has a name and its data as a table or a sentence beside it": "Varje diagram har ett namn och sina data som tabell eller mening bredvid",
    }
)


# Issue 16: the board report's summary is one page; its lists say where the rest are.
PLURALS.update(
    {
        "And %(n)s more: all are listed under Needs attention.": (
            "Och %(n)s till: alla listas under Behöver uppmärksamhet.",
            "Och %(n)s till: alla listas under Behöver uppmärksamhet.",
        ),
        "And %(n)s more: the action plan below lists every action.": (
            "Och %(n)s till: handlingsplanen nedan listar varje åtgärd.",
            "Och %(n)s till: handlingsplanen nedan listar varje åtgärd.",
        ),
    }
)


# The cost table names the groups among today's staff that have no row of their own.
SV.update(
    {
        "Profession groups among today's staff without a row of their own: Bemanna has no national figure for them it could source, so the imported personnel costs price them where they are split by profession group, and otherwise the region's imported average or the row for every other group. Add a row for each with the region's own salary and its source.": "Yrkesgrupper bland dagens anställda utan egen rad: Bemanna har ingen nationell siffra för dem med en källa att ange, så de importerade personalkostnaderna prissätter dem där de är uppdelade per yrkesgrupp, och annars regionens importerade genomsnitt eller raden för alla övriga grupper. Lägg till en rad för var och en med regionens egen lön och dess källa.",
    }
)


# Years side by side (issue 12): forecasts on a 31 December, decided beside each other.
SV.update(
    {
        "The forecast of %(unit)s is not shown: too few people (fewer than %(k)s, or so few beside the units below it, or beside another year, that the difference would be fewer than %(k)s). Choose the unit above it.": "Prognosen för %(unit)s visas inte: för få personer (färre än %(k)s, eller så få bredvid enheterna under den, eller bredvid ett annat år, att skillnaden skulle bli färre än %(k)s). Välj enheten ovanför.",
        "The base date must be 31 December of one of the years %(first)s–%(last)s (got %(date)s): forecasts start on the last day of a closed year.": "Basdatumet måste vara den 31 december ett av åren %(first)s–%(last)s (fick %(date)s): prognoser utgår från sista dagen av ett avslutat år.",
    }
)


# From results to action (issue 15): one click from the start page to the guide and the plan.
SV.update(
    {
        "Open the dialogue guide": "Öppna dialogguiden",
        "Mean on SKR's scale 0–100, and the share agreeing (4 or 5).": "Medelvärde på SKR:s skala 0–100, och andelen som instämmer (4 eller 5).",
        "Change since the wave before": "Förändring sedan förra omgången",
        "Pages of the calls": "Sidor med samtal",
    }
)


# Issue 13: a key figure's target in its own unit (kronor, people, hours: from 0).
SV.update(
    {
        "A target for %(figure)s is %(low)s or more.": "Ett mål för %(figure)s är %(low)s eller mer.",
        "Per cent for shares (e.g. 2 for 2 %), points for eNPS, otherwise in the figure's unit.": "Procent för andelar (t.ex. 2 för 2 %), poäng för eNPS, annars i nyckeltalets enhet.",
    }
)


# Issue 12: the unit page's headcount alone for the roles without person-level rows.
SV.update(
    {
        'Here you see how many work in each unit on the day. FTE, ages and profession groups are on <a href="%(href)s?unit=%(code)s">History</a>, per year and by the anonymity rule: counted on any day, the difference between two days would give away the employment rate, age and profession of someone who came or left.': 'Här ser du hur många som arbetar i varje enhet den dagen. Årsarbetare, åldrar och yrkesgrupper finns i <a href="%(href)s?unit=%(code)s">Historik</a>, per år och enligt anonymitetsregeln: räknade på vilken dag som helst skulle skillnaden mellan två dagar avslöja sysselsättningsgrad, ålder och yrke för den som kom eller slutade.',
    }
)


# A year is closed from 1 February (issue 14, item 3): a December departure is known 31 days on.
SV.update(
    {
        "%(year)s is not final until %(date)s: a break of more than 31 days is a departure, so who left in December is known only then (someone back in January has not left). Until then its leavers and turnover may change, and it is not yet a closed year.": "%(year)s är inte slutligt förrän %(date)s: ett uppehåll på mer än 31 dagar är en avgång, så vilka som slutade i december vet vi först då (den som är tillbaka i januari har inte slutat). Till dess kan årets avgångar och personalomsättning ändras, och året är ännu inte avslutat.",
        "Base date (with --extract; default 31 December of the last closed year: last year from 1 February, the year before in January).": "Basdatum (med --extract; standard 31 december det senaste avslutade året: förra året från den 1 februari, året före det i januari).",
    }
)


# An end reason the reader does not know is "other" (issue 14, item 2), listed by the import.
SV.update(
    {
        "End reasons Bemanna does not know, counted as other (value, rows): %(reasons)s. Each such end is still a departure; write one of the known reasons in the file to count it under its own.": "Avgångsorsaker som Bemanna inte känner till, räknade som Övrigt (värde, rader): %(reasons)s. Var och en räknas ändå som en avgång; skriv en av de kända orsakerna i filen för att räkna den under sin egen.",
        "End reasons counted as other in the last import": "Avgångsorsaker räknade som Övrigt i senaste importen",
        "Bemanna does not know these end reasons of the HR extract: each such end is counted as a departure with the reason other. Write egen begäran, pension, sjukersättning, uppsägning, dödsfall, visstid upphör or övrigt in the file to count it under its own.": "Bemanna känner inte till de här avgångsorsakerna i HR-uttaget: var och en räknas som en avgång med orsaken Övrigt. Skriv egen begäran, pension, sjukersättning, uppsägning, dödsfall, visstid upphör eller övrigt i filen för att räkna den under sin egen.",
        "unknown end reasons": "okända avgångsorsaker",
    }
)
PLURALS.update(
    {
        "Unknown end reason “%(value)s” (%(rows)s row): counted as other.": (
            "Okänd avgångsorsak ”%(value)s” (%(rows)s rad): räknas som Övrigt.",
            "Okänd avgångsorsak ”%(value)s” (%(rows)s rader): räknas som Övrigt.",
        ),
    }
)


# Issue 16: charts a colour-blind reader reads, and what the accessibility statement claims.
SV.update(
    {
        "eNPS with 95 % interval (▲ green: significantly higher, ▼ orange: lower)": (
            "eNPS med 95 %-intervall (▲ grönt: signifikant högre, ▼ orange: lägre)"
        ),
        "Text in charts is 12 px or more as shown, also at 320 px: a wide chart scrolls in a focusable, labelled region instead of shrinking": (
            "Text i diagram är minst 12 px som den visas, också vid 320 px: ett brett diagram rullar i ett eget fokuserbart, namngivet område i stället för att krympa"
        ),
        "The PDF reports are tagged, and their charts' text alternatives and text size are checked by the tests, but not their reading order.": (
            "PDF-rapporterna är taggade, och testerna kontrollerar diagrammens textalternativ och textstorlek, men inte läsordningen."
        ),
        "The charts' lines, bars and points are checked to stay apart for readers with protanopia or deuteranopia and to have 3:1 against the page; the heat map's palest cells do not, and carry their value as text in the cell.": (
            "Diagrammens linjer, staplar och punkter kontrolleras så att de går att skilja åt för läsare med protanopi eller deuteranopi och har kontrasten 3:1 mot sidan; värmekartans ljusaste rutor har det inte, och har sitt värde skrivet i rutan."
        ),
    }
)


# Issue 12: Historik's months for all profession groups together only.
SV.update(
    {
        "Per month: for all profession groups together (choose them above).": "Per månad: för alla yrkesgrupper tillsammans (välj dem ovan).",
    }
)


# Issue 12: a closed year computed from the rows it was first shown with.
SV.update(
    {
        "Closed years reopened": "Avslutade år öppnade igen",
        "Take back the rows kept for closed years from YEAR on, so that they are computed from the data as they are now. Only for an extract imported by mistake: every figure of those years that the mistake did not change but a late row did changes too, and the difference is those people's, as are the kept rows of anyone erased since. The data protection officer's call; audit-logged.": (
            "Ta tillbaka raderna som sparats för avslutade år från ÅR och framåt, så att de räknas från uppgifterna som de är nu. Bara för ett uttag som importerats av misstag: varje siffra för de åren som misstaget inte ändrade men en sent registrerad rad gjorde ändras också, och skillnaden är de personernas, liksom de sparade raderna för den som raderats sedan dess. Dataskyddsombudets beslut; loggas i granskningsloggen."
        ),
        "The first year to reopen.": "Det första året att öppna igen.",
        "Do it (without it, the command only says what it would do).": "Gör det (utan flaggan säger kommandot bara vad det skulle göra).",
        "No closed year from %(year)s on is kept.": "Inget avslutat år från %(year)s och framåt är sparat.",
        "Would reopen %(years)s. Run again with --yes to do it.": "Skulle öppna %(years)s igen. Kör igen med --yes för att göra det.",
        "Reopened %(years)s.": "Öppnade %(years)s igen.",
        "kept extract": "sparat uttag",
        "kept extracts": "sparade uttag",
        "kept year": "sparat år",
        "kept years": "sparade år",
        "Take back the rows kept for closed years (an extract imported by mistake).": (
            "Ta tillbaka raderna som sparats för avslutade år (ett uttag importerat av misstag)."
        ),
        "%(year)s is closed and its calls are published: a call in it cannot be recorded.": (
            "%(year)s är avslutat och dess samtal är publicerade: ett samtal det året kan inte registreras."
        ),
        "The call is in %(year)s, a closed year whose calls are published: it cannot be changed.": (
            "Samtalet är från %(year)s, ett avslutat år vars samtal är publicerade: det kan inte ändras."
        ),
    }
)


# Issue 12: a month is final 32 days after it ends; the ten closed years kept whole.
SV.update(
    {
        "%(year)s up to and including %(date)s: a month's figures are final 32 days after it ends, and the year is not over, so it is compared with whole years.": "%(year)s t.o.m. %(date)s: en månads siffror är slutliga 32 dagar efter att den slutat, och året är inte slut, så det jämförs med hela år.",
        "the %(n)s last closed years whole, and the month before them": "de %(n)s senaste avslutade åren i sin helhet, och månaden före dem",
        "kept period": "sparad period",
        "%(n)s months after the call's month": "%(n)s månader efter samtalets månad",
        "What the years cover": "Vad åren omfattar",
        "The year %(year)s is outside %(first)s–%(last)s.": "Året %(year)s ligger utanför %(first)s–%(last)s.",
        "Sick-leave spells that reached day 8, and occupational health's calls to the manager, per month for the whole region. Only counts are shown here, for the months whose sick leave is final (a month still open shows –).": "Sjukperioder som nådde dag 8, och företagshälsans samtal till chefen, per månad för hela regionen. Här visas bara antal, för de månader vars sjukfrånvaro är slutlig (en månad som ännu är öppen visar –).",
        "%(month)s is final and its calls are published: a call in it cannot be recorded or changed.": "%(month)s är slutlig och dess samtal är publicerade: ett samtal den månaden kan inte registreras eller ändras.",
        "kept periods": "sparade perioder",
        "less than %(n)s": "mindre än %(n)s",
        "Other profession groups": "Övriga yrkesgrupper",
        "The costs run to the month before %(month)s: %(month)s waits for the costs of more of the staff.": "Kostnaderna gäller till och med månaden före %(month)s: %(month)s väntar på kostnaderna för mer av personalen.",
        "The year's personnel costs are not all in: %(month)s waits for the costs of more of the staff, and a year is shown only whole.": "Årets personalkostnader är inte alla inlästa: %(month)s väntar på kostnaderna för mer av personalen, och ett år visas bara helt.",
        "Not shown: the year's personnel costs are not all in.": "Visas inte: årets personalkostnader är inte alla inlästa.",
        "%(month)s has costs for the units of %(share)s %% of the staff: it and the months after it are counted once the rest of its costs are imported.": "%(month)s har kostnader för enheterna med %(share)s %% av personalen: den och månaderna efter räknas när resten av dess kostnader är importerade.",
        "Not shown: no personnel costs for this unit in the year, too few people, or the year "
        "is running (the region's only until it has closed).": (
            "Visas inte: inga personalkostnader för enheten under året, för få medarbetare, eller "
            "så pågår året (bara regionens tills det är avslutat)."
        ),
        "The hired staff's share of the own-staff cost of %(year)s is shown for the region only "
        "until the year has closed.": (
            "Den inhyrda personalens andel av kostnaden för egen personal för %(year)s visas bara "
            "för regionen tills året är avslutat."
        ),
        "Below the region the costs are shown as the hired staff's share only: a unit's "
        "own-staff cost in kronor is its people's pay, and its hired cost beside the share "
        "would give it.": (
            "Under regionen visas kostnaderna bara som den inhyrda personalens andel: en enhets "
            "kostnad för egen personal i kronor är dess medarbetares lön, och dess kostnad för "
            "inhyrd personal bredvid andelen skulle ge den."
        ),
        "Who is invited cannot change once answers exist: start a new pulse for other staff.": (
            "Vilka som bjuds in kan inte ändras när det finns svar: starta en ny puls för annan "
            "personal."
        ),
        "Answers exist: who is invited is fixed (a new pulse asks others).": (
            "Det finns svar: vilka som bjuds in är låst (en ny puls frågar andra)."
        ),
        "The eNPS of this unit is shown to those who may open its pulse results.": (
            "Enhetens eNPS visas för dem som får öppna dess pulsresultat."
        ),
        "Competence plan by plan file": "Kompetensplan per planfil",
        "Imported": "Importerad",
        "The long-term sick leave (figure 2 and the number on long-term sick leave) of %(year)s is shown for the region only until the year has closed, then for each unit.": "Långtidssjukfrånvaron (mått 2 och antalet långtidssjuka) för %(year)s visas bara för regionen tills året är avslutat, sedan för varje enhet.",
        "The person left on %(left)s: the data is needed until that month's figures are final, on %(final)s. Erasure is possible from that day.": (
            "Personen slutade %(left)s: uppgifterna behövs tills den månadens siffror är slutliga, %(final)s. Radering är möjlig från den dagen."
        ),
        "Health data (sick-leave spells, scheduled hours, occupational health's calls) is deleted by the same run; how many rows go is shown nowhere and not logged: before and after an erasure, the difference would be the erased person's health data.": (
            "Hälsouppgifter (sjukfrånvaroperioder, schemalagd tid, företagshälsans samtal) raderas av samma körning; hur många rader som går visas ingenstans och loggas inte: före och efter en radering vore skillnaden den raderades hälsouppgifter."
        ),
        "further from the target than the baseline": "längre från målet än utgångsläget",
    }
)
PLURALS.update(
    {
        "%(count)d employment that ended before %(date)s was left out: employments are kept for the %(years)d last closed years.": (
            "%(count)d anställning som slutade före %(date)s lämnades utanför: anställningar sparas för de %(years)d senaste avslutade åren.",
            "%(count)d anställningar som slutade före %(date)s lämnades utanför: anställningar sparas för de %(years)d senaste avslutade åren.",
        ),
        "%(years)s is incomplete: employments that ended before %(date)s are not kept (the %(retain)d last closed years are kept whole), so the year counts only those that ended after it.": (
            "%(years)s är ofullständigt: anställningar som slutade före %(date)s sparas inte (de %(retain)d senaste avslutade åren sparas i sin helhet), så året räknar bara dem som slutade efter det datumet.",
            "%(years)s är ofullständiga: anställningar som slutade före %(date)s sparas inte (de %(retain)d senaste avslutade åren sparas i sin helhet), så åren räknar bara dem som slutade efter det datumet.",
        ),
        "%(month)s has scheduled hours for %(people)s person, %(before)s the month before: its sick leave is counted once the rest of its hours are imported (or the next month's).": (
            "%(month)s har schemalagd arbetstid för %(people)s person, mot %(before)s månaden före: dess sjukfrånvaro räknas när resten av månadens arbetstid är importerad (eller nästa månads).",
            "%(month)s har schemalagd arbetstid för %(people)s personer, mot %(before)s månaden före: dess sjukfrånvaro räknas när resten av månadens arbetstid är importerad (eller nästa månads).",
        ),
        "%(rows)s row is about a month whose key figures have been shown (up to %(month)s): the month stays as first shown, and the row counts nowhere.": (
            "%(rows)s rad gäller en månad vars nyckeltal redan har visats (till och med %(month)s): månaden står kvar som den först visades, och raden räknas inte.",
            "%(rows)s rader gäller månader vars nyckeltal redan har visats (till och med %(month)s): de månaderna står kvar som de först visades, och raderna räknas inte.",
        ),
    }
)


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
        elif entry.msgid.replace("%%", "%") in SV:
            # A template's text that is also a format string in Python: "%" is kept as "%%".
            entry.msgstr = SV[entry.msgid.replace("%%", "%")].replace("%", "%%")
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
