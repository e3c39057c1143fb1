"""Month and weekday names in the languages most of the web is written in.

Numbers only: the grammar (``feeds.grammar.dates``) turns these into patterns. Each tuple
lists the forms a page prints for one month (nominative, genitive, common abbreviations);
abbreviations shorter than three letters are left out, since they match ordinary words.
English, German, French, Spanish, Portuguese, Italian, Dutch, Russian, Ukrainian, Polish,
Czech, Slovak, Turkish, Swedish, Danish, Norwegian, Finnish, Hungarian, Romanian,
Indonesian/Malay, Catalan, Croatian/Serbian (Latin), Greek. Chinese, Japanese and Korean
dates are numeric (年月日, 년월일) and need no names.
"""

from __future__ import annotations

_MONTHS: tuple[str, ...] = (
    # one line per month: every language's forms, space-separated
    "january jan januar jänner jän janvier janv enero ene janeiro gennaio genn gen januari "
    "январь января янв січень січня styczeń stycznia sty leden ledna január januára ocak "
    "tammikuu tammikuuta tammik január januárja ianuarie ian gener siječanj siječnja "
    "ιανουάριος ιανουαρίου ιαν",
    "february feb februar feber février févr fevrier febrero fevereiro fev febbraio febr "
    "februari februarie февраль февраля фев лютий лютого luty lutego lut únor února február "
    "februára şubat şub subat helmikuu helmikuuta helmik február februárja februarie "
    "febrer veljača veljače februári φεβρουάριος φεβρουαρίου φεβ",
    "march mar märz mär maerz mars mar marzo março marco maart март марта мар березень "
    "березня marzec marca březen března marec marca mart mars maaliskuu maaliskuuta "
    "maalisk március márciusa martie març ožujak ožujka μάρτιος μαρτίου μαρ",
    "april apr avril avr abril abr aprile aprilie апрель апреля апр квітень квітня "
    "kwiecień kwietnia kwi duben dubna apríl nisan huhtikuu huhtikuuta huhtik április "
    "áprilisa travanj travnja απρίλιος απριλίου απρ",
    "may mai mayo maio maggio mei май мая травень травня maj maja květen května máj mája "
    "mayıs toukokuu toukokuuta toukok május májusa maig svibanj svibnja μάιος μαΐου μαιου",
    "june jun juni juin junio junho giugno iunie июнь июня июн червень червня czerwiec "
    "czerwca cze červen června jún júna haziran kesäkuu kesäkuuta kesäk június júniusa "
    "juny lipanj lipnja ιούνιος ιουνίου ιουν",
    "july jul juli juillet juil julio julho luglio iulie июль июля июл липень липня lipiec "
    "lipca lip červenec července júl júla temmuz heinäkuu heinäkuuta heinäk július júliusa "
    "juliol srpanj srpnja ιούλιος ιουλίου ιουλ",
    "august aug août aout agosto ago augustus augusti ahustus август августа авг серпень "
    "серпня sierpień sierpnia sie srpen srpna august augusta ağustos agustos elokuu "
    "elokuuta elok augusztus augusztusa agost kolovoz kolovoza αύγουστος αυγούστου αυγ",
    "september sep sept septembre setembro septiembre setiembre settembre sett septembrie "
    "сентябрь сентября сен вересень вересня wrzesień września wrz září september "
    "septembra eylül syyskuu syyskuuta syysk szeptember szeptembere setembre rujan rujna "
    "σεπτέμβριος σεπτεμβρίου σεπ",
    "october oct okt oktober octobre octubre outubro out ottobre ott octombrie oktobra "
    "октябрь октября окт жовтень жовтня październik października paź říjen října "
    "október októbra ekim lokakuu lokakuuta lokak októbere octubre octubre listopad "
    "listopada οκτώβριος οκτωβρίου οκτ",
    "november nov novembre noviembre novembro novembrie ноябрь ноября ноя листопад "
    "листопада listopad listopada lis listopadu novembra kasım kasim marraskuu "
    "marraskuuta marrask novemberi studeni studenoga νοέμβριος νοεμβρίου νοε",
    "december dec dez dezember décembre decembre déc diciembre dic dezembro dicembre "
    "decembrie декабрь декабря дек грудень грудня grudzień grudnia gru prosinec prosince "
    "december decembra aralık aralik joulukuu joulukuuta jouluk decembere desembre "
    "prosinac prosinca δεκέμβριος δεκεμβρίου δεκ",
)
_WEEKDAYS: tuple[str, ...] = (
    "monday mon montag mo lundi lun lunes segunda-feira segunda lunedì lunedi maandag "
    "понедельник poniedziałek pondělí pondelok pazartesi måndag mandag maanantai hétfő "
    "luni senin dilluns ponedjeljak δευτέρα",
    "tuesday tue tues dienstag di mardi mar martes terça-feira terça martedì martedi "
    "dinsdag вторник wtorek úterý utorok salı tisdag tirsdag tiistai kedd marți selasa "
    "dimarts utorak τρίτη",
    "wednesday wed mittwoch mi mercredi mer miércoles miercoles quarta-feira quarta "
    "mercoledì mercoledi woensdag среда środa středa streda çarşamba onsdag keskiviikko "
    "szerda miercuri rabu dimecres srijeda τετάρτη",
    "thursday thu thur thurs donnerstag do jeudi jeu jueves quinta-feira quinta giovedì "
    "giovedi donderdag четверг czwartek čtvrtek štvrtok perşembe torsdag torstai "
    "csütörtök joi kamis dijous četvrtak πέμπτη",
    "friday fri freitag fr vendredi ven viernes sexta-feira sexta venerdì venerdi vrijdag "
    "пятница piątek pátek piatok cuma fredag perjantai péntek vineri jumat jumaat "
    "divendres petak παρασκευή",
    "saturday sat samstag sonnabend sa samedi sam sábado sabado sabato zaterdag суббота "
    "sobota cumartesi lördag lørdag lauantai szombat sâmbătă sambata sabtu dissabte subota "
    "σάββατο",
    "sunday sun sonntag so dimanche dim domingo domenica zondag воскресенье niedziela "
    "neděle nedeľa pazar söndag søndag sunnuntai vasárnap duminică duminica minggu ahad "
    "diumenge nedjelja κυριακή",
)

# Two-letter weekday abbreviations ("Mo", "Di") are common words elsewhere; they count only
# when a date follows directly (the grammar requires that for every weekday prefix).
MONTH_NAMES: dict[str, int] = {}
for _n, _line in enumerate(_MONTHS, start=1):
    for _name in _line.split():
        MONTH_NAMES.setdefault(_name, _n)  # "mar" is March first (Spanish martes comes later)
WEEKDAY_NAMES: dict[str, int] = {}
for _n, _line in enumerate(_WEEKDAYS):
    for _name in _line.split():
        WEEKDAY_NAMES.setdefault(_name, _n)

# English names that are also ordinary words: a match must be capitalised to count.
CAPITALISED_ONLY = frozenset(("may", "march", "mar", "sat", "sun", "mon", "wed", "fri", "jun",
                              "jan", "dec", "aug", "sept", "ago", "gen", "lip", "out", "lis",
                              "sie", "gru", "ene", "abr", "dic", "set", "ott", "sam", "dim",
                              "mer", "jeu", "ven", "lun", "do", "mo", "di", "mi", "fr", "sa",
                              "so", "pazar", "cuma", "mart"))
