"""The renderer's words in English, Russian and Kazakh: fixed phrases, punishments, grades, dates and acts.

A phrase is looked up by its English text; a phrase with no translation stays English. What is translated:
vocabulary labels and titles (they come with each result), citations, headings and the fixed phrases here.
Free explanatory prose (our summaries and notes) stays English and is marked so in ru and kk until a
speaker reviews it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from kb.citation import Citation
from kb.model import UNKNOWN

# "row(s)" in an English phrase, and the number it follows: "{n} row(s)", "{n} other row(s)"
_PLURAL = re.compile(r"(\{(\w+)\}[^{}]*?)\(s\)")

# English -> (Russian, Kazakh)
PHRASES: dict[str, tuple[str, str]] = {
    "As in force on {date}.": ("Редакция на {date}.", "{date} күнгі редакция."),
    "Part {id}": ("Часть {id}", "{id}-бөлік"),
    "Part ? — {label}": ("Часть ? — {label}", "Бөлік ? — {label}"),
    "builds on part {ids}": ("на основе части {ids}", "{ids}-бөлікке негізделген"),
    "version": ("редакция", "редакция"),
    "summary": ("кратко", "қысқаша"),
    "penalty": ("наказание", "жаза"),
    "category": ("категория", "санат"),
    "sources": ("источники", "дереккөздер"),
    "note": ("примечание", "ескерту"),
    "additional": ("дополнительное", "қосымша"),
    "unknown": ("неизвестно", "белгісіз"),
    "none": ("нет", "жоқ"),
    "none stated": ("не указано", "көрсетілмеген"),
    "mandatory": ("обязательно", "міндетті"),
    "optional": ("по усмотрению суда", "міндетті емес"),
    "mandatory or optional: unknown": ("обязательность неизвестна", "міндеттілігі белгісіз"),
    "for life": ("пожизненно", "өмір бойына"),
    "acts": ("деяния", "әрекеттер"),
    "means": ("способы", "тәсілдер"),
    "purposes": ("цели", "мақсаттар"),
    "victim": ("потерпевший", "жәбірленуші"),
    "circumstances": ("обстоятельства", "мән-жайлар"),
    "elements": ("признаки", "белгілер"),
    "item": ("пункт", "тармақ"),
    "… further items not known": ("… остальные пункты неизвестны", "… қалған тармақтар белгісіз"),
    "Reading: {condition}": ("Вариант: {condition}", "Нұсқа: {condition}"),
    "between {a} and {b}": ("между {a} и {b}", "{a} мен {b} аралығында"),
    "on or after {a} (date not retrieved)": ("не ранее {a} (дата не найдена)", "{a} немесе одан кейін (күні табылмады)"),
    "Law {number}": ("Закон № {number}", "№ {number} Заң"),
    "the draft ({id})": ("проект ({id})", "жоба ({id})"),
    "law of {date} (no. unknown)": ("закон от {date} (номер неизвестен)", "{date} заңы (нөмірі белгісіз)"),
    "“{name}” (law of {date})": ("«{name}» (закон от {date})", "«{name}» ({date} заңы)"),
    "{value} (unknown before)": ("{value} (прежде неизвестно)", "{value} (бұрын белгісіз)"),
    "Every change below was made by {act}.": ("Все изменения ниже внесены: {act}.",
                                              "Төмендегі өзгерістердің бәрін енгізген: {act}."),
    "if {act}, in force {when}, had come into force": (
        "если {act}, вступающий в силу {when}, уже вступил в силу",
        "егер {when} күшіне енетін {act} күшіне енген болса"),
    "if {act}, in force {when}, had not yet come into force": (
        "если {act}, вступающий в силу {when}, ещё не вступил в силу",
        "егер {when} күшіне енетін {act} әлі күшіне енбеген болса"),
    "unknown since {act}, {came}; last known {value}, {since}{grade}": (
        "неизвестно с вступления в силу: {act}, {came}; последнее известное: {value}, {since}{grade}",
        "{act} күшіне енгеннен бастап белгісіз ({when}); соңғы белгілісі: {value}, {since}{grade}"),
    "in force from {date}": ("в силе с {date}", "{date} бастап күшінде"),
    "in force from a date between {a} and {b}": ("вступило в силу между {a} и {b}", "{a} мен {b} аралығында күшіне енген"),
    "in force from {a} or later (the end of the window is unknown)": (
        "вступило в силу не ранее {a} (конец срока неизвестен)", "{a} немесе одан кейін күшіне енген (мерзімнің соңы белгісіз)"),
    "conflicting source: {value} ({sources}{grade}), outweighed by {reason}": (
        "противоречащий источник: {value} ({sources}{grade}), уступает по признаку: {reason}",
        "қайшы дереккөз: {value} ({sources}{grade}), басымдығы: {reason}"),
    "grade": ("степени достоверности", "сенімділік дәрежесі"),
    "independent sources": ("числу независимых источников", "тәуелсіз дереккөздер саны"),
    "date": ("дате", "күні"),
    "encoded order": ("порядку записи", "жазылу реті"),
    "reported for the article: {range} ({sources}{grade})": (
        "по сообщениям, для статьи: {range} ({sources}{grade})",
        "хабарлар бойынша, бап үшін: {range} ({sources}{grade})"),
    "reported for its aggravated forms: {range} ({sources}{grade})": (
        "по сообщениям, для квалифицированных составов: {range} ({sources}{grade})",
        "хабарлар бойынша, ауырлататын құрамдар үшін: {range} ({sources}{grade})"),
    "reported of part {part}: {what} ({sources}{grade})": (
        "по сообщениям, о части {part}: {what} ({sources}{grade})",
        "хабарлар бойынша, {part}-бөлік туралы: {what} ({sources}{grade})"),
    "reported of its aggravated forms: {what} ({sources}{grade})": (
        "по сообщениям, о квалифицированных составах: {what} ({sources}{grade})",
        "хабарлар бойынша, ауырлататын құрамдар туралы: {what} ({sources}{grade})"),
    "Not encoded in the knowledge base: part {parts} (the Code has it: {sources}{grade}).": (
        "Не внесено в базу знаний: часть {parts} (в Кодексе есть: {sources}{grade}).",
        "Білім қорына енгізілмеген: {parts}-бөлік (Кодексте бар: {sources}{grade})."),
    "The knowledge base may lack parts of this article: no source shows it whole.": (
        "В базе знаний может не быть частей этой статьи: ни один источник не показывает её целиком.",
        "Білім қорында бұл баптың кейбір бөліктері болмауы мүмкін: оны толық көрсететін дереккөз жоқ."),
    "Note of the Code {id}": ("Примечание Кодекса {id}", "Кодекс ескертпесі {id}"),
    "Our notes (English)": ("Наши примечания (на английском)", "Біздің ескертпелер (ағылшын тілінде)"),
    "Marks: ◇ secondary source, ◆ reported, ≈ inferred, ⚠ unverified; unmarked: read in the official text.": (
        "Отметки: ◇ вторичный источник, ◆ сообщение, ≈ вывод, ⚠ не проверено; без отметки: официальный текст.",
        "Белгілер: ◇ қосалқы дереккөз, ◆ хабар, ≈ тұжырым, ⚠ тексерілмеген; белгісі жоқ: ресми мәтін."),
    "Penalties — {citation} {title}, on {date}": ("Наказания — {citation} {title}, на {date}",
                                                 "Жазалар — {citation} {title}, {date}"),
    "part": ("часть", "бөлік"),
    "main punishment": ("основное наказание", "негізгі жаза"),
    "law, grade": ("закон, достоверность", "заң, сенімділік"),
    "Category unknown: {why}.": ("Категория неизвестна: {why}.", "Санаты белгісіз: {why}."),
    "the crime-category thresholds of Art. 11 are not encoded": (
        "пороги категорий преступлений ст. 11 не внесены", "11-баптың қылмыс санаттарының шектері енгізілмеген"),
    "the maximum penalty is unknown": ("максимальное наказание неизвестно", "ең жоғары жаза белгісіз"),
    "Audit — {n} facts not checked against the official text": (
        "Аудит — {n} фактов не сверено с официальным текстом", "Аудит — {n} дерек ресми мәтінмен салыстырылмаған"),
    "By grade: {counts}": ("По достоверности: {counts}", "Сенімділік бойынша: {counts}"),
    "unknown: {what}": ("неизвестно: {what}", "белгісіз: {what}"),
    "History — {subject} {title}": ("История — {subject} {title}", "Тарих — {subject} {title}"),
    "first version": ("первая редакция", "бірінші редакция"),
    "repealed": ("утратило силу", "күшін жойды"),
    "in force": ("действует", "күшінде"),
    "Changes from {a} to {b}": ("Изменения с {a} по {b}", "{a} мен {b} аралығындағы өзгерістер"),
    "No change recorded.": ("Изменений не зафиксировано.", "Өзгеріс тіркелмеген."),
    "No change recorded: {articles}.": ("Изменений не зафиксировано: {articles}.", "Өзгеріс тіркелмеген: {articles}."),
    "What the knowledge base does not know about this period": (
        "Чего база знаний не знает об этом периоде", "Білім қоры бұл кезең туралы не білмейді"),
    "General part": ("Общая часть", "Жалпы бөлік"),
    "Search “{query}” — no match in the law in force on {date}": (
        "Поиск «{query}» — ничего не найдено в редакции на {date}",
        "«{query}» іздеу — {date} күнгі редакцияда ештеңе табылмады"),
    "Nearest vocabulary terms": ("Ближайшие термины словаря", "Сөздіктің ең жақын терминдері"),
    "signed": ("подписан", "қол қойылды"),
    "yes": ("да", "иә"),
    "What the knowledge base does not know about this act's changes": (
        "Чего база знаний не знает об изменениях этого акта", "Білім қоры бұл актінің өзгерістері туралы не білмейді"),
    "Beyond the encoded parts": ("Сверх внесённых частей", "Енгізілген бөліктерден тыс"),
    "prospective: not yet in force today": ("вступит в силу позже: сегодня ещё не действует",
                                            "кейін күшіне енеді: бүгін әлі қолданылмайды"),
    "amount unknown": ("размер неизвестен", "мөлшері белгісіз"),
    "no": ("нет", "жоқ"),
    "includes {form}": ("включает: {form}", "қамтиды: {form}"),
    "title": ("заголовок", "атауы"),
    "its title depends on the reading": ("заголовок зависит от варианта прочтения", "атауы оқу нұсқасына байланысты"),
    "text": ("текст", "мәтін"),
    "number": ("номер", "нөмірі"),
    "value": ("значение", "мәні"),
    "exists": ("действует", "қолданылады"),
    "article": ("статья", "бап"),
    "categories": ("категории", "санаттар"),
    "comes into force": ("вступает в силу", "күшіне енеді"),
    "basis": ("основание", "негізі"),
    "commencement": ("порядок вступления в силу", "күшіне ену тәртібі"),
    "also called": ("также называется", "басқа атауы"),
    "also amends (outside the KB)": ("изменяет также (вне базы)", "сондай-ақ өзгертеді (базадан тыс)"),
    "No version in the knowledge base is this act's: it amends nothing the KB encodes.": (
        "Ни одна редакция в базе не внесена этим актом: он не изменяет ничего из закодированного в базе.",
        "Базадағы бірде-бір редакция бұл актіге тиесілі емес: ол базада кодталғанның ешнәрсесін өзгертпейді."),
    # qualify
    "Qualification — offence of {date}": ("Квалификация — деяние от {date}", "Саралау — {date} күнгі әрекет"),
    "Qualification — {n} cases": ("Квалификация — дел: {n}", "Саралау — істер саны: {n}"),
    "Reading {n} of {total}: {condition}": ("Вариант {n} из {total}: {condition}", "{total} нұсқаның {n}-і: {condition}"),
    "Count {n} (victims {who})": ("Эпизод {n} (потерпевшие {who})", "{n}-эпизод (жәбірленушілер {who})"),
    "Element by element": ("По признакам", "Белгілер бойынша"),
    "What one more fact would change": ("Что изменил бы ещё один факт", "Тағы бір факт нені өзгертер еді"),
    "The law in time: {date} against {later}": ("Действие закона во времени: {date} и {later}",
                                                "Заңның уақыт бойынша қолданылуы: {date} және {later}"),
    "With the draft {act}, read as in force on {date}": ("С проектом {act}, как если бы он действовал на {date}",
                                                         "{act} жобасымен, ол {date} күні күшінде болса"),
    "No answer flips.": ("Ни один ответ не меняется.", "Ешбір жауап өзгермейді."),
    "Not read (invalid, see the messages above): {files}": ("Не прочитаны (ошибки, см. выше): {files}",
                                                            "Оқылмады (қателер, жоғарыда қараңыз): {files}"),
    "Resolution No. {number}": ("НП № {number}", "№ {number} НҚ"),
    "para. {p}": ("п. {p}", "{p}-тармақ"),
    "Art. {article}": ("ст. {article}", "{article}-бап"),
    "victim {n}": ("потерпевший {n}", "{n}-жәбірленуші"),
    "aged {age}": ("возраст: {age}", "жасы: {age}"),
    "aged {age} — {kind}{grade} (the Code's age of majority is {majority})": (
        "возраст: {age} — {kind}{grade} (возраст совершеннолетия по Кодексу: {majority})",
        "жасы: {age} — {kind}{grade} (Кодекс бойынша кәмелет жасы: {majority})"),
    "a minor": ("несовершеннолетний", "кәмелетке толмаған"),
    "an adult": ("совершеннолетний", "кәмелетке толған"),
    "stated": ("указано", "көрсетілген"),
    "whether a minor is not stated": ("несовершеннолетие не указано", "кәмелетке толмағаны көрсетілмеген"),
    "understood “{term}” as {label}": ("«{term}» понято как: {label}", "«{term}» былай түсінілді: {label}"),
    "if the offender was aware that the victim was a minor": (
        "если виновный заведомо знал о несовершеннолетии потерпевшего",
        "егер кінәлі жәбірленушінің кәмелетке толмағанын біле тұрса"),
    "if the offender was not aware that the victim was a minor": (
        "если виновный не знал о несовершеннолетии потерпевшего",
        "егер кінәлі жәбірленушінің кәмелетке толмағанын білмесе"),
    "charge": ("квалификация", "саралау"),
    "range": ("санкция", "санкция"),
    "range unknown": ("санкция неизвестна", "санкциясы белгісіз"),
    "last known {range}": ("последнее известное: {range}", "соңғы белгілісі: {range}"),
    "to prove": ("доказать", "дәлелдеу керек"),
    "trafficking": ("торговля людьми", "адам саудасы"),
    "trafficking: {status}": ("торговля людьми: {status}", "адам саудасы: {status}"),
    "also made out": ("также образует состав", "сондай-ақ құрамы бар"),
    "if made out": ("если состав доказан", "егер құрамы дәлелденсе"),
    "or": ("или", "немесе"),
    "or a higher part not encoded": ("или не внесённая в базу более тяжкая часть",
                                     "немесе білім қорына енгізілмеген ауырырақ бөлік"),
    "part undecided": ("часть не определена", "бөлігі анықталмаған"),
    "{n} more: --explain": ("ещё {n}: --explain", "тағы {n}: --explain"),
    "the offender was aware that the victim was a minor": (
        "виновный заведомо знал о несовершеннолетии потерпевшего",
        "кінәлі жәбірленушінің кәмелетке толмағанын біле тұрған"),
    "the offender was not aware that the victim was a minor": (
        "виновный не знал о несовершеннолетии потерпевшего",
        "кінәлі жәбірленушінің кәмелетке толмағанын білмеген"),
    "the form of exploitation: one of {forms}": ("форму эксплуатации: одно из: {forms}",
                                                 "қанау нысанын: мыналардың бірі: {forms}"),
    "that “{fact}” was {forms}": ("что «{fact}» — это {forms}", "«{fact}» — бұл {forms} екенін"),
    "whether the victim is a minor is not stated, and the offender was not aware of a minority: {cite} does not "
    "apply either way ({rule})": (
        "несовершеннолетие потерпевшего не указано, и виновный о нём не знал: {cite} не применяется в любом случае "
        "({rule})",
        "жәбірленушінің кәмелетке толмағаны көрсетілмеген, және кінәлі бұны білмеген: {cite} кез келген жағдайда "
        "қолданылмайды ({rule})"),
    "the offender was not aware that the victim was a minor, so {cite} does not apply ({rule})": (
        "виновный не знал о несовершеннолетии потерпевшего, поэтому {cite} не применяется ({rule})",
        "кінәлі жәбірленушінің кәмелетке толмағанын білмеген, сондықтан {cite} қолданылмайды ({rule})"),
    "; reported for its aggravated forms: {range}": ("; по сообщениям, для квалифицированных составов: {range}",
                                                     "; хабарлар бойынша, ауырлататын құрамдар үшін: {range}"),
    "{facts}: sources report these among the aggravated forms of {cite}, in a part the KB does not encode{top} ◆": (
        "{facts}: по сообщениям источников, это квалифицирующий признак {cite} в части, не внесённой в базу{top} ◆",
        "{facts}: дереккөздер хабарлауынша, бұл {cite} ауырлататын белгісі, білім қорына енгізілмеген бөлікте{top} ◆"),
    "{facts}: no encoded element of {cite} covers this; it may fall under a part the KB does not encode": (
        "{facts}: ни один внесённый признак {cite} этого не охватывает; возможно, это часть, не внесённая в базу",
        "{facts}: {cite} енгізілген белгілерінің ешқайсысы мұны қамтымайды; бұл білім қорына енгізілмеген бөлікке "
        "жатуы мүмкін"),
    "{parts} apply and a penalty is unknown: which is the most serious cannot be computed": (
        "применимы {parts}, санкция неизвестна: какая часть тяжелее, вычислить нельзя",
        "{parts} қолданылады, санкциясы белгісіз: қайсысы ауырырақ екенін есептеу мүмкін емес"),
    "whether {fact} was a form of exploitation in Art. 3 item 1 then is unknown": (
        "входила ли «{fact}» тогда в формы эксплуатации по п. 1 ст. 3, неизвестно",
        "сол кезде «{fact}» 3-баптың 1-тармағындағы қанау нысандарына кірді ме, белгісіз"),
    "the KB knows only some of its forms": ("в базе известны лишь некоторые из них",
                                            "білім қорында олардың кейбірі ғана белгілі"),
    "{fact} is not a form of exploitation in Art. 3 item 1{grade}, but the higher parts of {cite} are not encoded and "
    "may name it": (
        "«{fact}» не является формой эксплуатации по п. 1 ст. 3{grade}, но более тяжкие части {cite} не внесены в базу "
        "и могут её называть",
        "«{fact}» 3-баптың 1-тармағы бойынша қанау нысаны емес{grade}, бірақ {cite}: ауырырақ бөліктері "
        "енгізілмеген және оны атауы мүмкін"),
    ", as {where} does": (", как {where}", ", {where} сияқты"),
    "Art. 3 item 1 for the date is not encoded": ("п. 1 ст. 3 на эту дату не внесён в базу",
                                                  "осы күнге 3-баптың 1-тармағы енгізілмеген"),
    "{cite} may apply as well ({facts}), but whether it is made out cannot be decided": (
        "может применяться и {cite} ({facts}), но образует ли деяние этот состав, решить нельзя",
        "{cite} да қолданылуы мүмкін ({facts}), бірақ құрамы бар ма, шешу мүмкін емес"),
    "the victim's age is not stated: if a minor, and the offender was aware of it, {cite}": (
        "возраст потерпевшего не указан: если несовершеннолетний и виновный это знал — {cite}",
        "жәбірленушінің жасы көрсетілмеген: егер кәмелетке толмаса және кінәлі мұны білсе — {cite}"),
    "one offence under {cite} against victims {all}, to be charged once": (
        "одно преступление по {cite} в отношении потерпевших {all}, квалифицируется один раз",
        "{all} жәбірленушілерге қатысты {cite} бойынша бір қылмыс, бір рет сараланады"),
    "Count {n} (victims {who}): one offence under {cite} against victims {all}, to be charged once": (
        "Эпизод {n} (потерпевшие {who}): одно преступление по {cite} в отношении потерпевших {all}, "
        "квалифицируется один раз",
        "{n}-эпизод (жәбірленушілер {who}): {all} жәбірленушілерге қатысты {cite} бойынша бір қылмыс, бір рет "
        "сараланады"),
    "{cite} is one offence against all the victims of the case, given on this count only": (
        "{cite} — одно преступление против всех потерпевших по делу, указано только в этом эпизоде",
        "{cite} — істегі барлық жәбірленушілерге қарсы бір қылмыс, тек осы эпизодта көрсетілген"),
    "the victim was pregnant, and whether the offender knew it is not stated: if he knew, {cite}": (
        "потерпевшая была беременна, знал ли об этом виновный, не указано: если знал — {cite}",
        "жәбірленуші жүкті болған, кінәлінің мұны білгені көрсетілмеген: егер білсе — {cite}"),
    "{cite} may apply as well ({rule}), but its part cannot be decided": (
        "может применяться также {cite} ({rule}), но часть определить нельзя",
        "сондай-ақ {cite} қолданылуы мүмкін ({rule}), бірақ бөлігін анықтау мүмкін емес"),
    "the law in force on {date} is milder for {cite} and applies ({rule})": (
        "закон в редакции на {date} мягче для {cite} и применяется ({rule})",
        "{date} күнгі заң {cite} үшін жеңілірек және қолданылады ({rule})"),
    "the law in force on {date}, as encoded, does not make out {cite} on these facts: a decriminalisation or a gap in "
    "the encoding, which tipkb does not decide": (
        "по закону на {date}, как он внесён в базу, {cite} на этих фактах не образуется: декриминализация это или "
        "пробел в базе, tipkb не решает",
        "{date} күнгі заң бойынша, білім қорына енгізілгеніндей, бұл фактілерде {cite} құрамы жоқ: бұл "
        "қылмыссыздандыру ма әлде білім қорындағы олқылық па, tipkb шешпейді"),
    "whether the law in force on {date}, as encoded, makes out {cite} on these facts is undecided, so which law is "
    "milder cannot be computed": (
        "образует ли {cite} на этих фактах закон на {date}, как он внесён в базу, не решено, поэтому какой закон "
        "мягче, вычислить нельзя",
        "{date} күнгі заң бойынша, білім қорына енгізілгеніндей, бұл фактілерде {cite} құрамы бар ма, шешілмеген, "
        "сондықтан қай заң жеңілірек екенін есептеу мүмкін емес"),
    "whether the law in force on {date} is milder for {cite} cannot be computed: a range is unknown ({rule})": (
        "мягче ли закон на {date} для {cite}, вычислить нельзя: санкция неизвестна ({rule})",
        "{date} күнгі заң {cite} үшін жеңілірек пе, есептеу мүмкін емес: санкция белгісіз ({rule})"),
    "the milder-law rule is not encoded": ("правило о более мягком законе не внесено в базу",
                                           "жеңілірек заң туралы ереже енгізілмеген"),
    "one act suffices": ("достаточно одного деяния", "бір әрекет жеткілікті"),
    "sale and other transactions need no purpose": ("для купли-продажи и иных сделок цель не требуется",
                                                    "сатып алу-сату мен өзге мәмілелер үшін мақсат талап етілмейді"),
    "a form of exploitation in Art. 3 item 1": ("форма эксплуатации по п. 1 ст. 3",
                                                "3-баптың 1-тармағы бойынша қанау нысаны"),
    "a purpose the article itself names, in {where}": ("цель, названная в самой статье: {where}",
                                                       "баптың өзінде аталған мақсат: {where}"),
    "the purpose of exploitation is required for the acts stated, and none is stated": (
        "для указанных деяний обязательна цель эксплуатации, а она не указана",
        "көрсетілген әрекеттер үшін қанау мақсаты міндетті, ал ол көрсетілмеген"),
    "none is among the facts": ("среди фактов нет", "фактілер арасында жоқ"),
    "{fact} is known not to be a form of exploitation in Art. 3 item 1 then": (
        "известно, что «{fact}» тогда не входила в формы эксплуатации по п. 1 ст. 3",
        "сол кезде «{fact}» 3-баптың 1-тармағындағы қанау нысандарына кірмегені белгілі"),
    "{fact} is not a form of exploitation in Art. 3 item 1 then": (
        "«{fact}» тогда не была формой эксплуатации по п. 1 ст. 3",
        "сол кезде «{fact}» 3-баптың 1-тармағы бойынша қанау нысаны болмаған"),
    "{fact}: one of {forms} remains to prove": ("{fact}: осталось доказать одно из: {forms}",
                                                "{fact}: мыналардың бірін дәлелдеу қалды: {forms}"),
    "the victim is a minor": ("потерпевший несовершеннолетний", "жәбірленуші кәмелетке толмаған"),
    "the victim is a minor, and the offender was aware of it": ("потерпевший несовершеннолетний, и виновный это знал",
                                                                "жәбірленуші кәмелетке толмаған, және кінәлі мұны білген"),
    "the victim is not a minor": ("потерпевший совершеннолетний", "жәбірленуші кәмелетке толған"),
    "whether the victim is a minor is not stated": ("не указано, несовершеннолетний ли потерпевший",
                                                    "жәбірленушінің кәмелетке толмағаны көрсетілмеген"),
    "the elements of the part are not encoded": ("признаки части не внесены в базу", "бөліктің белгілері енгізілмеген"),
    "its elements or items are not all known": ("признаки или пункты известны не полностью",
                                                "белгілері немесе тармақтары толық белгісіз"),
    "v1,2: the victims a count is for, by their number in the facts file": (
        "v1,2: потерпевшие, к которым относится эпизод, по их номеру в файле фактов",
        "v1,2: эпизод қатысты жәбірленушілер, фактілер файлындағы нөмірі бойынша"),
    "its elements are not known": ("его признаки неизвестны", "оның белгілері белгісіз"),
    "facts not used": ("неиспользованные факты", "пайдаланылмаған фактілер"),
    "rule": ("правило", "ереже"),
    "milder": ("мягче", "жеңілірек"),
    "a later law that is milder applies to earlier acts": ("более мягкий последующий закон имеет обратную силу",
                                                           "жеңілірек кейінгі заңның кері күші бар"),
    "a lower maximum; at equal maxima, a lower minimum": ("ниже максимум; при равных максимумах — ниже минимум",
                                                          "ең жоғарғысы төмен; ең жоғарғылары тең болса — ең төменгісі төмен"),
    "not made out": ("состава нет", "құрамы жоқ"),
    "made out": ("состав есть", "құрамы бар"),
    "undecided": ("не решено", "шешілмеген"),
    "displaced": ("вытеснена", "ығыстырылды"),
    "not required": ("не требуется", "талап етілмейді"),
    "lower": ("ниже", "төмен"),
    "not lower": ("не ниже", "төмен емес"),
    "same": ("то же", "бірдей"),
    "same law": ("тот же закон", "сол заң"),
    "(last known {value})": ("(последнее известное: {value})", "(соңғы белгілісі: {value})"),
    "on the last known values: {why}": ("по последним известным значениям: {why}", "соңғы белгілі мәндер бойынша: {why}"),
    "comparable on the last known values": ("сопоставимо по последним известным значениям",
                                            "соңғы белгілі мәндер бойынша салыстырмалы"),
    "{span} (minimum unknown)": ("{span} (нижний предел неизвестен)", "{span} (төменгі шегі белгісіз)"),
    "{span} (maximum unknown)": ("{span} (верхний предел неизвестен)", "{span} (жоғарғы шегі белгісіз)"),
    "which law applies cannot be computed": ("какой закон применяется, вычислить нельзя",
                                             "қай заң қолданылатынын есептеу мүмкін емес"),
    "not made out later": ("позже состава нет", "кейін құрамы жоқ"),
    "undecided later": ("позже не решено", "кейін шешілмеген"),
    "rule not encoded": ("правило не внесено", "ереже енгізілмеген"),
    "the later law applies": ("применяется последующий закон", "кейінгі заң қолданылады"),
    "the law of the offence date applies": ("применяется закон на дату деяния", "әрекет жасалған күнгі заң қолданылады"),
    "check": ("проверка", "тексеру"),
    "as expected": ("как ожидалось", "күтілгендей"),
    "differs from the scenario": ("расходится со сценарием", "сценарийден өзгеше"),
    "reading {n}, {key}: expected {expected}, got {got}": ("вариант {n}, {key}: ожидалось {expected}, получено {got}",
                                                          "{n}-нұсқа, {key}: күтілгені {expected}, алынғаны {got}"),
    "without it": ("без него", "онсыз"),
    "with it": ("с ним", "онымен"),
    "case": ("дело", "іс"),
    "awareness of the age": ("осведомлённость о возрасте", "жасын білгені"),
    "Part ({id})": ("Часть ({id})", "Бөлік ({id})"),
    "the range of {cite} is unknown; sources report {range} for the article's aggravated forms ◆": (
        "санкция {cite} неизвестна; по сообщениям, для квалифицированных составов статьи — {range} ◆",
        "{cite} санкциясы белгісіз; хабарлар бойынша, баптың ауырлататын құрамдары үшін — {range} ◆"),
    # gaps: the compliance report and the memo (cli/views/gaps.py)
    "Protocol compliance — the Criminal Code as in force on {date}": (
        "Соответствие Протоколу — Уголовный кодекс в редакции на {date}",
        "Хаттамаға сәйкестік — {date} күнгі редакциядағы Қылмыстық кодекс"),
    "Protocol compliance with {draft}, in force {date}": (
        "Соответствие Протоколу с учётом: {draft}, вступает в силу {date}",
        "Хаттамаға сәйкестік: {draft}, {date} бастап күшінде"),
    "Marks: the weakest fact a row rests on — ◇ secondary source, ◆ reported, ≈ inferred, ⚠ unverified; unmarked: "
    "official. ↺ rests on a last known value; ⇄ sources disagree. Citations: 128.1.2 is Art. 128 part 1 item 2.": (
        "Отметки: самый слабый факт, на котором держится строка — ◇ вторичный источник, ◆ сообщение, ≈ вывод, "
        "⚠ не проверено; без отметки: официальный текст. ↺ последнее известное значение; ⇄ источники расходятся. "
        "Ссылки: 128.1.2 — ст. 128 ч. 1 п. 2.",
        "Белгілер: жол сүйенетін ең әлсіз дерек — ◇ қосалқы дереккөз, ◆ хабар, ≈ тұжырым, ⚠ тексерілмеген; "
        "белгісі жоқ: ресми мәтін. ↺ соңғы белгілі мән; ⇄ дереккөздер келіспейді. Сілтемелер: 128.1.2 — 128-баптың "
        "1-бөлігінің 2) тармағы."),
    "The date falls inside an amending act's in-force window: one report per reading.": (
        "Дата попадает в срок вступления в силу изменяющего закона: отчёт по каждому варианту.",
        "Күн өзгерту заңының күшіне ену мерзімінің ішінде: әр нұсқа бойынша жеке есеп."),
    "Finding": ("Вывод", "Қорытынды"),
    "The Code treats the Protocol's means as aggravating, not constitutive: the adult offence requires none, so it "
    "punishes more than the Protocol (a divergence, not a gap).": (
        "Кодекс считает способы, названные в Протоколе, квалифицирующими, а не обязательными признаками: состав в "
        "отношении взрослых не требует никакого способа и потому шире Протокола (расхождение, а не пробел).",
        "Кодекс Хаттамадағы тәсілдерді міндетті емес, ауырлататын белгі деп санайды: ересектерге қатысты құрам ешбір "
        "тәсілді талап етпейді, сондықтан Хаттамадан кеңірек (олқылық емес, алшақтық)."),
    "The adult offence requires the Protocol's means, all of them.": (
        "Состав в отношении взрослых требует способа, и все способы Протокола в нём названы.",
        "Ересектерге қатысты құрам тәсілді талап етеді және Хаттаманың барлық тәсілдері аталған."),
    "The adult offence requires a means, but not every means of the Protocol: conduct by a means it leaves out is "
    "no longer trafficking (a gap).": (
        "Состав в отношении взрослых требует способа, но не всех способов Протокола: деяние, совершённое "
        "неназванным способом, уже не торговля людьми (пробел).",
        "Ересектерге қатысты құрам тәсілді талап етеді, бірақ Хаттаманың барлық тәсілін емес: аталмаған тәсілмен "
        "жасалған әрекет енді адам саудасы емес (олқылық)."),
    "Whether the adult offence requires a means is unknown: its elements are not encoded.": (
        "Требует ли состав в отношении взрослых способа, неизвестно: его признаки не внесены.",
        "Ересектерге қатысты құрам тәсілді талап ете ме, белгісіз: оның белгілері енгізілмеген."),
    "Computed from the encoded law ({grade}):": ("Вычислено по внесённым нормам ({grade}):",
                                                 "Енгізілген нормалар бойынша есептелді ({grade}):"),
    "Reported only, not encoded ({grade}):": ("Только по сообщениям, не внесено ({grade}):",
                                              "Тек хабарлар бойынша, енгізілмеген ({grade}):"),
    "adults": ("взрослые", "ересектер"),
    "minors": ("несовершеннолетние", "кәмелетке толмағандар"),
    "requires: {means}": ("требует: {means}", "талап етеді: {means}"),
    "requires no means": ("не требует способа", "тәсілді талап етпейді"),
    "constitutive": ("обязательный признак", "міндетті белгі"),
    "reached through sale and other transactions": ("охватывается куплей-продажей и иными сделками",
                                                    "сату-сатып алу және өзге мәмілелер арқылы қамтылады"),
    "aggravating only": ("только квалифицирующий признак", "тек ауырлататын белгі"),
    "partly, by a narrower term": ("частично, более узким понятием", "ішінара, тарлау ұғыммен"),
    "not among the means it requires": ("не среди требуемых способов", "талап етілетін тәсілдер қатарында жоқ"),
    "named nowhere, and reached without a means": ("нигде не назван, охватывается без способа",
                                                   "еш жерде аталмаған, тәсілсіз қамтылады"),
    "aggravating items": ("квалифицирующие пункты", "ауырлататын тармақтар"),
    "items of the child offence": ("пункты состава о несовершеннолетних", "кәмелетке толмағандар құрамының тармақтары"),
    "a related offence, not trafficking": ("смежное преступление, не торговля людьми",
                                           "сабақтас қылмыс, адам саудасы емес"),
    "its aggravated forms list: {what}": ("в квалифицированных составах названы: {what}",
                                          "ауырлататын құрамдарда аталған: {what}"),
    "the law from {a}": ("период: с {a}", "кезең: {a} бастап"),
    "the law from {a} until {b}": ("период: {a} — {b}", "кезең: {a} — {b}"),
    "not reported since": ("позднее не сообщалось", "кейін хабарланбаған"),
    "What the draft changes": ("Что меняет проект", "Жоба нені өзгертеді"),
    "Against the law just before it, {draft} changes {n} row(s).": (
        "По сравнению с правом непосредственно до него {draft} меняет строк: {n}.",
        "Оның алдындағы құқықпен салыстырғанда {draft} {n} жолды өзгертеді."),
    "Before it: {verdict}": ("До него: {verdict}", "Оған дейін: {verdict}"),
    "Other rows keeping their status, now resting on the draft (⚠ unverified): {n}.": (
        "Ещё строк: {n} — статус тот же, но теперь опирается на проект (⚠ не проверено).",
        "Тағы {n} жолдың мәртебесі өзгермейді, бірақ енді жобаға сүйенеді (⚠ тексерілмеген)."),
    "requirement": ("требование", "талап"),
    "status": ("статус", "мәртебе"),
    "evidence": ("основания", "негіздер"),
    "before": ("до", "бұрын"),
    "after": ("после", "кейін"),
    "Obligations (the Protocol, UNTOC)": ("Обязательства (Протокол, Конвенция)", "Міндеттемелер (Хаттама, Конвенция)"),
    "Divergences from the Protocol": ("Расхождения с Протоколом", "Хаттамадан алшақтықтар"),
    "National additions": ("Национальные дополнения", "Ұлттық толықтырулар"),
    "Recommendations": ("Рекомендации", "Ұсынымдар"),
    "Obligations not met or not known to be met": ("Обязательства невыполненные или не известные как выполненные",
                                                   "Орындалмаған немесе орындалғаны белгісіз міндеттемелер"),
    "Divergences": ("Расхождения", "Алшақтықтар"),
    "None.": ("Нет.", "Жоқ."),
    "Met or aligned": ("Выполнено или соответствует", "Орындалған немесе сәйкес"),
    "Undecided: the knowledge base lacks a fact that would decide these.": (
        "Не решено: в базе знаний нет факта, от которого это зависит.",
        "Шешілмеген: білім қорында оларды шешетін дерек жоқ."),
    "obligation": ("обязательство", "міндеттеме"),
    "divergence": ("расхождение", "алшақтық"),
    "national addition": ("национальное дополнение", "ұлттық толықтыру"),
    "recommendation": ("рекомендация", "ұсыным"),
    "met": ("выполнено", "орындалған"),
    "not met": ("не выполнено", "орындалмаған"),
    "aligned": ("соответствует", "сәйкес"),
    "over-inclusive": ("шире Протокола", "Хаттамадан кеңірек"),
    "narrower": ("уже Протокола", "Хаттамадан тарлау"),
    "in the Code": ("есть в Кодексе", "Кодексте бар"),
    "not in the Code": ("нет в Кодексе", "Кодексте жоқ"),
    "followed": ("учтено", "ескерілген"),
    "not followed": ("не учтено", "ескерілмеген"),
    "partly": ("частично", "ішінара"),
    "case law only": ("только в судебной практике", "тек сот практикасында"),
    "broader": ("шире", "кеңірек"),
    "base offence": ("основной состав", "негізгі құрам"),
    "aggravating": ("квалифицирующий признак", "ауырлататын белгі"),
    "the child offence's item": ("пункт состава о несовершеннолетних", "кәмелетке толмағандар құрамының тармағы"),
    "related offence, not trafficking": ("смежное преступление, не торговля людьми",
                                         "сабақтас қылмыс, адам саудасы емес"),
    "reported of its aggravated forms, no part named": ("по сообщениям, о квалифицированных составах, часть не указана",
                                                        "хабарлар бойынша, ауырлататын құрамдар туралы, бөлігі аталмаған"),
    "Art. 3 item 1 (definition of exploitation)": ("ст. 3 п. 1 (определение эксплуатации)",
                                                   "3-баптың 1) тармағы (қанау ұғымының анықтамасы)"),
    "includes": ("включает", "қамтиды"),
    "does not list it": ("не называет её", "оны атамайды"),
    "its list is closed": ("перечень закрытый", "тізбе жабық"),
    "its list is open: other forms unknown": ("перечень открытый: другие формы неизвестны",
                                              "тізбе ашық: басқа нысандары белгісіз"),
    "names as examples only (“including”): {what}": ("приводит лишь как примеры («в том числе»): {what}",
                                                    "тек мысал ретінде келтіреді («оның ішінде»): {what}"),
    "General Part": ("Общая часть", "Жалпы бөлік"),
    "Art. {n}": ("ст. {n}", "{n}-бап"),
    "age of majority": ("возраст совершеннолетия", "кәмелеттік жас"),
    "maximum": ("максимум", "ең жоғарғы"),
    "minimum": ("минимум", "ең төменгі"),
    "life imprisonment": ("пожизненное лишение свободы", "өмір бойына бас бостандығынан айыру"),
    "{n} conflicting source(s)": ("противоречащих источников: {n}", "қайшы дереккөздер: {n}"),
    "the mapping’s annotation": ("примечание сопоставления", "салыстыру ескертпесі"),
    "the mapping": ("сопоставление", "салыстыру"),
    "{national} read as {protocol}": ("{national} понимается как {protocol}", "{national} {protocol} деп түсініледі"),
    "read as {term}: {degree} equivalent": ("понимается как {term}: эквивалент — {degree}",
                                            "{term} деп түсініледі: баламасы — {degree}"),
    "full": ("полный", "толық"),
    "partial": ("частичный", "ішінара"),
    "functional": ("функциональный", "функционалдық"),
    "para. {n}": ("п. {n}", "{n}-тармақ"),
    "Art. {a}: parts not encoded ({parts})": ("ст. {a}: не внесены части ({parts})",
                                              "{a}-бап: енгізілмеген бөліктер ({parts})"),
    "whether Art. {a} has parts the KB does not encode": ("есть ли в ст. {a} части, не внесённые в базу",
                                                          "{a}-бапта білім қорына енгізілмеген бөліктер бар ма"),
    "the elements of {c}": ("признаки: {c}", "белгілері: {c}"),
    "whether Art. 3 item 1 lists further forms of exploitation": (
        "называет ли ст. 3 п. 1 другие формы эксплуатации",
        "3-баптың 1) тармағы қанаудың басқа нысандарын атай ма"),
    "the General Part fact: {f}": ("факт Общей части: {f}", "Жалпы бөлік дерегі: {f}"),
    "the General Part rule on {f} (not encoded)": ("норма Общей части: {f} (не внесена)",
                                                   "Жалпы бөлік нормасы: {f} (енгізілмеген)"),
    "the penalty of {c}": ("наказание: {c}", "жазасы: {c}"),
    "an annotation in the mapping": ("примечание в сопоставлении", "салыстырудағы ескертпе"),
    "the sources say: {s}, once verified": ("по источникам: {s}, после проверки", "дереккөздер бойынша: {s}, тексергеннен кейін"),
    "from": ("источник требования", "талаптың көзі"),
    "context": ("для сведения", "мәлімет үшін"),
    "to decide it": ("чтобы решить", "шешу үшін"),
    "Penalty consistency": ("Согласованность наказаний", "Жазалардың үйлесімділігі"),
    "conduct": ("деяние", "әрекет"),
    "penalties": ("наказания", "жазалар"),
    "comparison": ("сравнение", "салыстыру"),
    "divergent": ("расходятся", "алшақ"),
    "far lighter": ("значительно мягче", "әлдеқайда жеңіл"),
    "comparable": ("сопоставимы", "салыстырмалы"),
    "cannot be compared: a penalty is unknown": ("сравнить нельзя: наказание неизвестно",
                                                 "салыстыру мүмкін емес: жаза белгісіз"),
    "not in force": ("не действует", "күшінде емес"),
    "not encoded": ("не внесено", "енгізілмеген"),
    "unknown if it exists": ("неизвестно, существует ли", "бар-жоғы белгісіз"),
    "absent": ("отсутствует", "жоқ"),
    "What to verify": ("Что проверить", "Нені тексеру керек"),
    "not known": ("неизвестно", "белгісіз"),
    "unverified": ("не проверено", "тексерілмеген"),
    "inferred": ("вывод", "тұжырым"),
    "a last known value": ("последнее известное значение", "соңғы белгілі мән"),
    "sources disagree": ("источники расходятся", "дереккөздер келіспейді"),
    "rows": ("строки", "жолдар"),
    "… and {n} more; --format markdown lists them all.": ("… и ещё {n}; --format markdown показывает все.",
                                                         "… тағы {n}; --format markdown бәрін көрсетеді."),
    "Sources": ("Источники", "Дереккөздер"),
    "definition": ("определение", "анықтама"),
    "annotation": ("примечание", "ескертпе"),
    "{form} as a form of exploitation": ("{form} как форма эксплуатации", "{form} қанау нысаны ретінде"),
    "attempt": ("покушение", "оқталу"),
    "complicity": ("соучастие", "қатысушылық"),
    "organising": ("организация", "ұйымдастыру"),
    "reconciliation": ("примирение с потерпевшим", "жәбірленушімен татуласу"),
    "exploitation": ("эксплуатация", "қанау"),
    "milder law": ("более мягкий закон", "жеңілірек заң"),
    "comparing penalties": ("сравнение наказаний", "жазаларды салыстыру"),
    "crime categories": ("категории преступлений", "қылмыс санаттары"),
    # import: a text of the Code against the KB (cli/views/imports.py)
    "Import of {file}: the Code as of {date}": ("Импорт {file}: Кодекс по состоянию на {date}",
                                               "{file} импорты: Кодекс {date} жағдай бойынша"),
    "{lang} text ({format}), read at grade {grade}; SHA-256 {sha}.": (
        "Текст на языке: {lang} ({format}), степень достоверности: {grade}; SHA-256 {sha}.",
        "Мәтін тілі: {lang} ({format}), сенімділік дәрежесі: {grade}; SHA-256 {sha}."),
    "Russian": ("русский", "орыс тілі"),
    "Kazakh": ("казахский", "қазақ тілі"),
    "{contradicted} contradicted, {absent} absent, {new} new, {confirmed} confirmed, in {n} article(s) of the KB; "
    "{outside} article(s) of the text not in the KB.": (
        "Противоречий: {contradicted}, отсутствует в тексте: {absent}, нового: {new}, подтверждено: {confirmed} — "
        "в статьях базы знаний: {n}; статей текста, которых нет в базе: {outside}.",
        "Қайшылық: {contradicted}, мәтінде жоқ: {absent}, жаңа: {new}, расталған: {confirmed} — білім қорының "
        "баптарында: {n}; мәтіннің білім қорында жоқ баптары: {outside}."),
    "The edition date falls inside an amending act's in-force window: facts marked \"in some readings\" hold only "
    "if it had, or had not, come into force.": (
        "Дата редакции попадает в срок вступления в силу изменяющего закона: факты с пометкой «в части вариантов» "
        "верны, лишь если он уже вступил (или ещё не вступил) в силу.",
        "Редакция күні өзгерту заңының күшіне ену мерзімінің ішінде: «кейбір нұсқаларда» белгісі бар деректер ол "
        "күшіне енген (немесе әлі енбеген) жағдайда ғана дұрыс."),
    "Contradicted: the KB says one thing, the text another": ("Противоречия: в базе знаний одно, в тексте другое",
                                                             "Қайшылықтар: білім қорында бір мән, мәтінде басқа мән"),
    "Absent: the KB has it, the text does not": ("Нет в тексте: есть в базе знаний, нет в тексте",
                                                 "Мәтінде жоқ: білім қорында бар, мәтінде жоқ"),
    "New: the text has what the KB does not know": ("Новое: в тексте есть то, чего база знаний не знает",
                                                    "Жаңа: мәтінде білім қоры білмейтін нәрсе бар"),
    "Confirmed": ("Подтверждено", "Расталды"),
    "provision": ("норма", "норма"),
    "fact": ("факт", "дерек"),
    "knowledge base": ("база знаний", "білім қоры"),
    "line": ("строка", "жол"),
    "not in the KB": ("нет в базе", "білім қорында жоқ"),
    "parts {parts}, whole": ("части {parts}, вся статья", "{parts}-бөліктер, бап толық"),
    "parts {parts}": ("части {parts}", "{parts}-бөліктер"),
    "a base part": ("основной состав", "негізгі құрам"),
    "(in some readings)": ("(в части вариантов)", "(кейбір нұсқаларда)"),
    "changed by one of {acts}": ("изменено одним из: {acts}", "мыналардың бірімен өзгертілген: {acts}"),
    "changed by {act}": ("изменено: {act}", "өзгерткен: {act}"),
    "no act since {date}": ("ни одного закона с {date}", "{date} бастап бірде-бір заң жоқ"),
    "parts of the article": ("части статьи", "баптың бөліктері"),
    "builds on": ("на основе частей", "негізделген бөліктер"),
    "element": ("признак", "белгі"),
    "official text": ("официальный текст", "ресми мәтін"),
    "note of the Code": ("примечание Кодекса", "Кодекс ескертпесі"),
    "amended by": ("изменена законом", "өзгерткен заң"),
    "Articles not in the KB ({n})": ("Статьи, которых нет в базе знаний ({n})", "Білім қорында жоқ баптар ({n})"),
    "Wording no vocabulary term maps ({n} phrases)": ("Формулировки, не сопоставленные со словарём ({n})",
                                                     "Сөздікпен салыстырылмаған тұжырымдар ({n})"),
    "Amendment notes": ("Сноски об изменениях", "Өзгерістер туралы ескертулер"),
    "{where}: changed by one of {acts}": ("{where}: изменено одним из: {acts}",
                                          "{where}: мыналардың бірімен өзгертілген: {acts}"),
    "Acts the notes name that the KB does not have": ("Законы из сносок, которых нет в базе знаний",
                                                      "Ескертулерде аталған, білім қорында жоқ заңдар"),
    "Law {number} of {date} (line {line})": ("Закон № {number} от {date} (строка {line})",
                                             "{date} № {number} Заң ({line}-жол)"),
    "In-force dates the notes give": ("Даты вступления в силу по сноскам", "Ескертулер бойынша күшіне ену күндері"),
    "in force {date}: stated by the note": ("в силе с {date}: указано в сноске", "{date} бастап күшінде: ескертуде көрсетілген"),
    "in force {date}: published {published}, by the rule of its note": (
        "в силе с {date}: опубликован {published}, по правилу сноски",
        "{date} бастап күшінде: {published} жарияланған, ескертудегі ереже бойынша"),
    "confirmed": ("подтверждено", "расталды"),
    "contradicted": ("противоречие", "қайшылық"),
    "new": ("новое", "жаңа"),
    "Nothing written: give --write to bring the text into the KB.": (
        "Ничего не записано: --write вносит текст в базу знаний.",
        "Ештеңе жазылмады: --write мәтінді білім қорына енгізеді."),
    "Written": ("Записано", "Жазылды"),
    "No file changed.": ("Ни один файл не изменён.", "Бірде-бір файл өзгерген жоқ."),
    "New articles: {numbers}.": ("Новые статьи: {numbers}.", "Жаңа баптар: {numbers}."),
    "Not written": ("Не записано", "Жазылмады"),
    "changed by one of {acts}: import an edition dated between them to tell which": (
        "изменено одним из: {acts}; чтобы определить каким, импортируйте редакцию на дату между ними",
        "мыналардың бірімен өзгертілген: {acts}; қайсысы екенін анықтау үшін олардың арасындағы күнгі редакцияны "
        "импорттаңыз"),
    "the notes name {acts}, which the KB does not have": ("в сносках назван закон, которого нет в базе знаний: {acts}",
                                                          "ескертулерде білім қорында жоқ заң аталған: {acts}"),
    "{acts} may not yet be in force on the edition date (its in-force date is a window)": (
        "{acts}: на дату редакции закон мог ещё не вступить в силу (дата вступления в силу известна лишь как срок)",
        "{acts}: редакция күні заң әлі күшіне енбеуі мүмкін (күшіне ену күні тек мерзім ретінде белгілі)"),
    "left for a person to decide": ("решать человеку", "шешімді адам қабылдауы керек"),
    "in force; whether it was before is not known": ("действует; действовал ли раньше, неизвестно",
                                                     "күшінде; бұрын күшінде болғаны белгісіз"),
    "in force before; whether it still is is not known": ("действовал; действует ли теперь, неизвестно",
                                                          "бұрын күшінде болған; әлі де күшінде ме, белгісіз"),
    "the notes name no act for the change": ("в сносках не назван закон, внёсший изменение",
                                             "ескертулерде өзгерісті енгізген заң аталмаған"),
    "the KB's part {twin}, whose number is unknown, has its penalty: it may be this part, to renumber by hand": (
        "у части {twin} в базе, номер которой неизвестен, то же наказание: возможно, это та же часть; "
        "перенумеровать вручную",
        "білім қорындағы нөмірі белгісіз {twin} бөлігінің жазасы осындай: бұл сол бөлік болуы мүмкін; "
        "нөмірін қолмен өзгерту керек"),
    # the web pages (web/)
    "Skip to the content": ("Перейти к содержанию", "Мазмұнға өту"),
    "Pages": ("Страницы", "Беттер"),
    "Language": ("Язык", "Тіл"),
    "The knowledge base": ("База знаний", "Білім қоры"),
    "Gap report": ("Отчёт о пробелах", "Олқылықтар туралы есеп"),
    "Qualify a case": ("Квалификация дела", "Істі саралау"),
    "Compare": ("Сравнить", "Салыстыру"),
    "Audit": ("Аудит", "Аудит"),
    "Search": ("Поиск", "Іздеу"),
    "Search the law": ("Поиск по закону", "Заңнан іздеу"),
    "Permanent link to this page": ("Постоянная ссылка на эту страницу", "Осы беттің тұрақты сілтемесі"),
    "tipkb answers here what its command line answers: the same engines, the same words.": (
        "Здесь tipkb отвечает то же, что и в командной строке: те же механизмы, те же слова.",
        "Мұнда tipkb командалық жолдағыдай жауап береді: сол механизмдер, сол сөздер."),
    "Trafficking in persons: the Criminal Code of Kazakhstan, version by version": (
        "Торговля людьми: Уголовный кодекс Республики Казахстан, редакция за редакцией",
        "Адам саудасы: Қазақстан Республикасының Қылмыстық кодексі, редакциялар бойынша"),
    "Date": ("Дата", "Күні"),
    "Show": ("Показать", "Көрсету"),
    "Open": ("Открыть", "Ашу"),
    "Open a provision": ("Открыть норму", "Норманы ашу"),
    "Articles": ("Статьи", "Баптар"),
    "Parts": ("Части", "Бөліктер"),
    "Article, part or item": ("Статья, часть или пункт", "Бап, бөлік немесе тармақ"),
    "Questions": ("Вопросы", "Сұрақтар"),
    "Where the Code falls short of the UN Trafficking Protocol, computed from the encoded law; test a draft "
    "amendment against it.": (
        "Где Кодекс расходится с Протоколом ООН о торговле людьми — по внесённому в базу закону; здесь же "
        "можно проверить проект поправки.",
        "Кодекс БҰҰ-ның адам саудасы туралы хаттамасынан қай жерде алшақ — базаға енгізілген заң бойынша; "
        "түзету жобасын да осында тексеруге болады."),
    "From the facts of a case to the charge, its range and what remains to prove.": (
        "От фактов дела к квалификации, санкции и тому, что ещё нужно доказать.",
        "Іс фактілерінен саралауға, жаза шегіне және әлі дәлелдеуді қажет ететін мән-жайларға дейін."),
    "What changed between two dates or two amending acts, or what a draft would change.": (
        "Что изменилось между двумя датами или двумя изменяющими законами, или что изменит проект.",
        "Екі күн немесе өзгерістер енгізген екі заң арасында не өзгерді, не жоба нені өзгертеді."),
    "Every fact not yet checked against the official text, worst first.": (
        "Все факты, ещё не сверенные с официальным текстом, начиная с наименее надёжных.",
        "Ресми мәтінмен әлі салыстырылмаған барлық деректер, ең әлсізінен бастап."),
    "Compare with another date": ("Сравнить с другой датой", "Басқа күнмен салыстыру"),
    "Test a draft amendment": ("Проверить проект поправки", "Түзету жобасын тексеру"),
    "Upload": ("Загрузить", "Жүктеу"),
    "Draft file": ("Файл проекта", "Жоба файлы"),
    "A draft file as tipkb draft new writes it; kept in this server's memory only, never on disk.": (
        "Файл проекта в виде, который создаёт tipkb draft new; хранится только в памяти этого сервера, не на диске.",
        "tipkb draft new жасайтын түрдегі жоба файлы; тек осы сервердің жадында сақталады, дискіде емес."),
    "With the uploaded draft {name}.": ("С загруженным проектом {name}.", "Жүктелген {name} жобасымен."),
    "Without the draft": ("Без проекта", "Жобасыз"),
    "A point is a date (2021-06-01) or an amending act (292-VI, 2024 package).": (
        "Точка — это дата (2021-06-01) или изменяющий закон (292-VI, 2024 package).",
        "Нүкте — күн (2021-06-01) немесе өзгерістер енгізген заң (292-VI, 2024 package)."),
    "From": ("Начало", "Басы"),
    "To": ("Конец", "Соңы"),
    "With an act as From: the Code just before it": (
        "Если в начале закон: Кодекс непосредственно до него", "Басында заң болса: Кодекс оның алдында"),
    "Only these articles (none chosen: all, and the general part)": (
        "Только эти статьи (если ни одна не выбрана: все и Общая часть)",
        "Тек осы баптар (ештеңе таңдалмаса: барлығы және Жалпы бөлік)"),
    "What a draft would change": ("Что изменит проект", "Жоба нені өзгертеді"),
    "A draft file as tipkb draft new writes it, compared with the law just before it. It is kept in this "
    "server's memory only, never on disk.": (
        "Файл проекта в виде, который создаёт tipkb draft new, сравнивается с законом непосредственно до него. Он "
        "хранится только в памяти этого сервера и никогда не записывается на диск.",
        "tipkb draft new жасайтын түрдегі жоба файлы оның алдындағы заңмен салыстырылады. Ол тек осы сервердің "
        "жадында сақталады, дискіге ешқашан жазылмайды."),
    "State what is known; a fact left out is unknown, not false.": (
        "Укажите то, что известно; неуказанный факт считается неизвестным, а не ложным.",
        "Белгілі нәрсені көрсетіңіз; көрсетілмеген факт жалған емес, белгісіз деп саналады."),
    "The offence": ("Преступление", "Қылмыс"),
    "Date of the offence": ("Дата преступления", "Қылмыс жасалған күн"),
    "Compare with the law in force on": ("Сравнить с законом в редакции на", "Салыстырылатын заң редакциясының күні"),
    "Age": ("Возраст", "Жасы"),
    "A minor": ("Несовершеннолетний", "Кәмелетке толмаған"),
    "not stated": ("не указано", "көрсетілмеген"),
    "The offender was aware the victim was a minor": (
        "Виновный знал, что потерпевший несовершеннолетний", "Кінәлі жәбірленушінің кәмелетке толмағанын білген"),
    "Pregnant": ("Беременна", "Жүкті"),
    "The offender knew of the pregnancy": ("Виновный знал о беременности", "Кінәлі жүктілік туралы білген"),
    "Number of victims": ("Число потерпевших", "Жәбірленушілер саны"),
    "Another term, in any language": ("Другой термин, на любом языке", "Басқа термин, кез келген тілде"),
    "What followed": ("Что последовало", "Кейін не болды"),
    "Qualify": ("Квалифицировать", "Саралау"),
    "Or upload a facts file": ("Или загрузите файл фактов", "Немесе фактілер файлын жүктеңіз"),
    "A facts file as tipkb qualify reads it, YAML or JSON. It is read in memory and not kept.": (
        "Файл фактов, который читает tipkb qualify, в YAML или JSON. Он читается в памяти и не сохраняется.",
        "tipkb qualify оқитын фактілер файлы, YAML немесе JSON. Ол жадта оқылады және сақталмайды."),
    "Facts file": ("Файл фактов", "Фактілер файлы"),
    "Type a word or phrase in English, Russian or Kazakh in the search box above: вербовка, recruitment, "
    "азғырып көндіру.": (
        "Введите слово или фразу на русском, казахском или английском языке в поле поиска выше: вербовка, "
        "recruitment, азғырып көндіру.",
        "Жоғарыдағы іздеу жолына қазақ, орыс немесе ағылшын тілінде сөз не сөз тіркесін жазыңыз: вербовка, "
        "recruitment, азғырып көндіру."),
    "The request cannot be answered": ("На запрос нельзя ответить", "Сұранысқа жауап беру мүмкін емес"),
    "Forbidden": ("Запрещено", "Тыйым салынған"),
    "Not found": ("Не найдено", "Табылмады"),
    "Not allowed": ("Метод не разрешён", "Әдіске рұқсат жоқ"),
    "Too large": ("Слишком большой запрос", "Сұраныс тым үлкен"),
    "Internal error": ("Внутренняя ошибка", "Ішкі қате"),
    "Back to the knowledge base": ("Вернуться к базе знаний", "Білім қорына оралу"),
    # labels (words)
    "Search “{query}” — {n} hit(s), law in force on {date}": (
        "Поиск «{query}» — найдено: {n}, редакция на {date}", "«{query}» іздеу — {n} нәтиже, {date} күнгі редакция"),
    "Search “{query}” — {n} hits, {shown} shown, law in force on {date}": (
        "Поиск «{query}» — найдено: {n}, показано: {shown}, редакция на {date}",
        "«{query}» іздеу — {n} нәтиже, көрсетілгені: {shown}, {date} күнгі редакция"),
    "score": ("оценка", "ұпай"),
    "match": ("совпадение", "сәйкестік"),
    "term": ("термин", "термин"),
    "synonym": ("синоним", "синоним"),
    "last known": ("последнее известное", "соңғы белгілісі"),
    "{n} texts compared, read from the YAML files.": ("Сравнено текстов: {n} (из файлов YAML).",
                                                      "Салыстырылған мәтіндер: {n} (YAML файлдарынан)."),
    "{n} texts compared, read from the SQLite index.": ("Сравнено текстов: {n} (из индекса SQLite).",
                                                        "Салыстырылған мәтіндер: {n} (SQLite индексінен)."),
    "Searched: {fields}.": ("Поиск по: {fields}.", "Ізделген жерлер: {fields}."),
    "titles": ("заголовки", "атаулар"),
    "summaries": ("краткие описания", "қысқаша сипаттамалар"),
    "texts": ("тексты", "мәтіндер"),
    "vocabulary": ("словарь", "сөздік"),
    "Index not used: it was built from another state of the KB; run `tipkb index` to refresh it.": (
        "Индекс не использован: он построен по другому состоянию базы знаний; обновите его: `tipkb index`.",
        "Индекс пайдаланылмады: ол білім қорының басқа күйінен құрылған; оны `tipkb index` арқылы жаңартыңыз."),
    "Index not used: it is not a tipkb index.": ("Индекс не использован: это не индекс tipkb.",
                                                 "Индекс пайдаланылмады: бұл tipkb индексі емес."),
    "Art. 11 (crime categories)": ("ст. 11 (категории преступлений)", "11-бап (қылмыс санаттары)"),
    "Art. 3 item 1 (exploitation)": ("п. 1 ст. 3 (эксплуатация)", "3-баптың 1-тармағы (қанау)"),
    "milder law: comparing penalties": ("более мягкий закон: сравнение наказаний",
                                        "жеңілірек заң: жазаларды салыстыру"),
    "conflicting source": ("противоречащий источник", "қайшы дереккөз"),
    "in-force date": ("дата вступления в силу", "күшіне ену күні"),
    "in-force date (a window)": ("дата вступления в силу (известен лишь срок)", "күшіне ену күні (тек мерзімі белгілі)"),
    "items (only some known)": ("пункты (известны лишь некоторые)", "тармақтар (кейбірі ғана белгілі)"),
    "reported for the article": ("сообщения о статье", "бап туралы хабарлар"),
    "reported for its aggravated forms": ("сообщения о квалифицированных составах", "ауырлататын құрамдар туралы хабарлар"),
    "reported for the part": ("сообщения о части", "бөлік туралы хабарлар"),
    "Amending acts": ("Изменяющие законы", "Өзгерістер енгізген заңдар"),
    "The mapping: equivalents and annotations": ("Сопоставление: эквиваленты и примечания",
                                                 "Салыстыру: баламалар мен ескертпелер"),
    "the Criminal Code": ("Уголовный кодекс", "Қылмыстық кодекс"),
    "equivalent": ("эквивалент", "балама"),
    "corroborates": ("подтверждает", "растайды"),
    "Changes from just before {a} to {b}": ("Изменения с момента непосредственно до {a} по {b}",
                                            "{a} алдындағы сәт пен {b} аралығындағы өзгерістер"),
    # qualify (qfix)
    "one of: {forms}": ("одно из: {forms}", "мыналардың бірі: {forms}"),
    "not stated: unknown, not false": ("не указано: неизвестно, а не ложно", "көрсетілмеген: жалған емес, белгісіз"),
    "the facts say it was not so": ("по фактам этого не было", "фактілер бойынша бұлай болмаған"),
    "the victim is a minor; whether the offender was aware of it is not stated": (
        "потерпевший несовершеннолетний; знал ли об этом виновный, не указано",
        "жәбірленуші кәмелетке толмаған; кінәлі мұны білді ме, көрсетілмеген"),
}

KINDS = {
    "imprisonment": ("imprisonment", "лишение свободы", "бас бостандығынан айыру"),
    "restriction_of_freedom": ("restriction of freedom", "ограничение свободы", "бас бостандығын шектеу"),
    "fine": ("fine", "штраф", "айыппұл"),
    "correctional_labour": ("correctional labour", "исправительные работы", "түзеу жұмыстары"),
    "community_service": ("community service", "общественные работы", "қоғамдық жұмыстар"),
    "arrest": ("arrest", "арест", "қамау"),
    "life_imprisonment": ("life imprisonment", "пожизненное лишение свободы", "өмір бойына бас бостандығынан айыру"),
    "confiscation": ("confiscation of property", "конфискация имущества", "мүлкін тәркілеу"),
    "ban": ("ban on holding posts or activities", "лишение права занимать должности или заниматься деятельностью",
            "лауазым атқару немесе қызметпен айналысу құқығынан айыру"),
}
CATEGORIES = {
    "small": ("small gravity", "небольшой тяжести", "онша ауыр емес"),
    "medium": ("medium gravity", "средней тяжести", "орташа ауырлықтағы"),
    "grave": ("grave", "тяжкое", "ауыр"),
    "especially_grave": ("especially grave", "особо тяжкое", "аса ауыр"),
    "unknown": ("unknown", "неизвестно", "белгісіз"),
}
GRADES = {
    "official": ("official", "официальный текст", "ресми мәтін"),
    "secondary": ("secondary", "вторичный источник", "қосалқы дереккөз"),
    "reported": ("reported", "сообщение", "хабар"),
    "inferred": ("inferred", "вывод", "тұжырым"),
    "unverified": ("unverified", "не проверено", "тексерілмеген"),
}
UNITS = {"mci": ("MCI", "МРП", "АЕК"), "hours": ("h", "ч.", "сағ."), "days": ("days", "сут.", "тәул.")}
MARK = {"official": "", "secondary": "◇", "reported": "◆", "inferred": "≈", "unverified": "⚠"}
LANGS = ("en", "ru", "kk")


class Words:
    """The words of one language."""

    def __init__(self, lang: str):
        self.lang = lang
        self.i = LANGS.index(lang)

    def __call__(self, phrase: str, **kw: Any) -> str:
        text = phrase if self.i == 0 else PHRASES.get(phrase, (phrase, phrase))[self.i - 1]
        if self.i == 0 and "(s)" in text:  # English: "row(s)" by the number before it ("{n} row(s)")
            text = _PLURAL.sub(lambda m: m.group(1) + ("" if kw.get(m.group(2)) == 1 else "s"), text)
        return text.format(**kw) if kw else text

    def prose(self, text: str | None) -> str:
        """Our own English prose: shown as is, marked in ru and kk."""
        if not text:
            return ""
        return text if self.i == 0 else f"[en] {text}"

    def text(self, value: Any) -> str:
        """A Text (en/ru/kk) in this language, else English marked, else unknown."""
        if value is None:
            return self("unknown")
        chosen = value.get(self.lang)
        if chosen not in (None, UNKNOWN):
            return chosen
        fallback = value.get("en")
        return f"{fallback} [en]" if fallback not in (None, UNKNOWN) and self.i else (fallback or self("unknown"))

    def label(self, vid: str, labels: dict) -> str:
        return self.text(labels[vid]) if vid in labels else vid

    def kind(self, kind: str) -> str:
        return KINDS[kind][self.i]

    def grade(self, grade: str | None) -> str:
        return GRADES[grade][self.i] if grade else ""

    def mark(self, grade: str | None) -> str:
        """' ◇' after a fact, empty for an official one."""
        return f" {MARK[grade]}" if grade and MARK[grade] else ""

    def category(self, cid: str) -> str:
        return CATEGORIES[cid][self.i]

    # -- durations and penalties ------------------------------------------------------------------------

    def duration(self, months: int) -> str:
        y, m = divmod(months, 12)
        unit = {"en": ("y", "m"), "ru": ("г.", "мес."), "kk": ("ж.", "ай")}[self.lang]
        return " ".join(p for p in (f"{y} {unit[0]}" if y else "", f"{m} {unit[1]}" if m else "") if p) or "0"

    def span(self, lo: Any, hi: Any) -> str:
        if UNKNOWN in (lo, hi):  # a known bound is still shown: "up to 10 y (minimum unknown)"
            if lo == UNKNOWN and hi not in (None, UNKNOWN):
                return self("{span} (minimum unknown)", span=self.span(None, hi))
            if hi == UNKNOWN and lo not in (None, UNKNOWN):
                return self("{span} (maximum unknown)", span=self.span(lo, None))
            return self("unknown")
        if lo is None and hi is None:
            return ""
        years = all(isinstance(x, int) and x % 12 == 0 for x in (lo, hi) if x is not None)
        if self.lang == "en":
            if lo is None:
                return f"up to {self.duration(hi)}"
            if hi is None:
                return f"from {self.duration(lo)}"
            return f"{lo // 12}–{hi // 12} y" if years else f"{self.duration(lo)} – {self.duration(hi)}"
        if self.lang == "ru":  # "от 3 до 5 лет", "до 1 года"
            if years:
                def gen(n: int) -> str:
                    return f"{n} {'года' if n % 10 == 1 and n % 100 != 11 else 'лет'}"
                if lo is None:
                    return f"до {gen(hi // 12)}"
                return f"от {lo // 12} до {gen(hi // 12)}" if hi is not None else f"от {gen(lo // 12)}"
            if lo is None:
                return f"до {self.duration(hi)}"
            return f"от {self.duration(lo)}" + (f" до {self.duration(hi)}" if hi is not None else "")
        # Kazakh: "3 жылдан 5 жылға дейін"
        if years:
            if lo is None:
                return f"{hi // 12} жылға дейін"
            return f"{lo // 12} жылдан" + (f" {hi // 12} жылға дейін" if hi is not None else "")
        if lo is None:
            return f"{self.duration(hi)} дейін"
        return f"{self.duration(lo)} бастап" + (f" {self.duration(hi)} дейін" if hi is not None else "")

    def amount(self, a: dict) -> str:
        """'up to 2,000 MCI', 'from 120 to 240 h'; 'amount unknown'."""
        unit = UNITS[a["unit"]][self.i]
        lo, hi = a.get("min"), a.get("max")
        if UNKNOWN in (lo, hi) or (lo is None and hi is None):
            return self("amount unknown")
        n = lambda x: f"{x:,}".replace(",", " " if self.i else ",")  # noqa: E731
        if self.lang == "en":
            return f"up to {n(hi)} {unit}" if lo is None else f"{n(lo)}–{n(hi)} {unit}" if hi else f"from {n(lo)} {unit}"
        if self.lang == "ru":
            return f"до {n(hi)} {unit}" if lo is None else f"от {n(lo)} до {n(hi)} {unit}" if hi else f"от {n(lo)} {unit}"
        return f"{n(hi)} {unit} дейін" if lo is None else f"{n(lo)}-ден {n(hi)} {unit} дейін" if hi else \
            f"{n(lo)} {unit} бастап"

    def punishment(self, p: Any) -> str:
        """One main punishment: 'imprisonment 3–5 y', 'fine up to 2,000 MCI'."""
        kind = self.kind(p["kind"])
        if p.get("amount"):
            said = self.amount(p["amount"])
            return f"{kind} ({said})" if said == self("amount unknown") else f"{kind} {said}"
        span = self.span(p.get("min"), p.get("max"))
        return f"{kind} {span}".strip()

    def additional(self, a: Any) -> str:
        need = {True: "mandatory", False: "optional"}.get(a.get("mandatory"), "mandatory or optional: unknown")
        term = a.get("term")
        length = "" if term in (None, UNKNOWN) else f" {self('for life')}" if term == "life" else \
            f" {self.duration(term)}"
        return f"{self.kind(a['kind'])}{length} ({self(need)})"

    def penalty(self, penalty: Any) -> str:
        """A whole penalty (a dict from JSON or a model): main alternatives; additional punishments."""
        if hasattr(penalty, "model_dump"):
            penalty = penalty.model_dump(mode="json")
        if penalty in (None, UNKNOWN):
            return self("unknown") if penalty == UNKNOWN else self("none stated")
        main = self("unknown") if penalty["main"] == UNKNOWN else \
            f" {self.either()} ".join(self.punishment(m) for m in penalty["main"]) or self("none")
        extra = penalty.get("additional", [])
        if extra == UNKNOWN:
            return f"{main}; {self('additional')}: {self('unknown')}"
        return main + "".join(f"; {self.additional(a)}" for a in extra)

    def either(self) -> str:
        return {"en": "or", "ru": "либо", "kk": "немесе"}[self.lang]

    # -- time and acts ----------------------------------------------------------------------------------------

    def when(self, w: Any) -> str:
        if w is None:
            return self("unknown")
        get = (lambda k: w.get(k)) if isinstance(w, dict) else (lambda k: getattr(w, k))
        a, b = get("earliest"), get("latest")
        a = a.isoformat() if isinstance(a, dt.date) else a
        b = b.isoformat() if isinstance(b, dt.date) else b
        if a == b:
            return a
        return self("between {a} and {b}", a=a, b=b) if b else self("on or after {a} (date not retrieved)", a=a)

    def in_force(self, w: Any) -> str:
        """'in force from 2015-01-01', 'in force from a date between A and B' (a window), as a phrase of the sentence."""
        get = (lambda k: w.get(k)) if isinstance(w, dict) else (lambda k: getattr(w, k))
        a, b = (x.isoformat() if isinstance(x, dt.date) else x for x in (get("earliest"), get("latest")))
        if a == b:
            return self("in force from {date}", date=a)
        if b:
            return self("in force from a date between {a} and {b}", a=a, b=b)
        return self("in force from {a} or later (the end of the window is unknown)", a=a)

    def act(self, act_id: str | None, acts: dict) -> str:
        if act_id is None:
            return self("unknown")
        a = acts.get(act_id)
        if a is None:
            return act_id
        if a.draft:
            return self("the draft ({id})", id=a.id)
        if a.number:
            return self("Law {number}", number=a.number)
        if a.names:
            return self("“{name}” (law of {date})", name=a.names[0], date=a.signed)
        return self("law of {date} (no. unknown)", date=a.signed)

    def condition(self, assumed: list, acts: dict) -> str:
        parts = []
        for a in assumed:
            act_id = a.act if hasattr(a, "act") else a["act"]
            in_force = a.in_force if hasattr(a, "in_force") else a["in_force"]
            when = acts[act_id].when if act_id in acts else None
            phrase = "if {act}, in force {when}, had come into force" if in_force else \
                "if {act}, in force {when}, had not yet come into force"
            parts.append(self(phrase, act=self.act(act_id, acts), when=self.when(when)))
        return {"en": " and ", "ru": " и ", "kk": " және "}[self.lang].join(parts)

    def cite(self, article: str, part: str | None = None, item: str | None = None,
             items: list[str] | None = None) -> str:
        c = Citation(article, part, item)
        return c.kazakh(items) if self.lang == "kk" else c.russian(items)
