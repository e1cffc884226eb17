"""ICLEI's profile from the seed (a Russian translation of its partner page on the
Climate & Clean Air Coalition site), structured, in English and Russian.

The Russian is the seed's text with its machine-translation slips corrected; the
English is translated faithfully from it. No figure, date or name here goes
beyond the seed. Keys are stable identifiers used by the seed command; they are
never shown.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class T:
    """A translated value."""

    en: object
    ru: object


def para(*paragraphs):
    return "".join(f"<p>{text}</p>" for text in paragraphs)


THEMES = [
    ("low-emission-development", T("Low-emission development", "Низкоуглеродное развитие")),
    ("sustainable-mobility", T("Sustainable mobility", "Устойчивая мобильность")),
    ("air-quality", T("Air quality", "Качество воздуха")),
    ("climate-and-energy", T("Climate and energy", "Климат и энергетика")),
]

# Coordinates are the city's own, not figures from the seed.
CITIES = [
    (
        "seoul",
        dict(name=T("Seoul", "Сеул"), country="KR", latitude="37.56650", longitude="126.97800"),
    ),
]

POLLUTANTS = [
    ("methane", dict(name=T("Methane", "Метан"), symbol=T("CH₄", "CH₄"), kind="slcp")),
    (
        "hydrofluorocarbons",
        dict(
            name=T("Hydrofluorocarbons", "Гидрофторуглероды"), symbol=T("HFCs", "ГФУ"), kind="slcp"
        ),
    ),
    ("black-carbon", dict(name=T("Black carbon", "Чёрный углерод"), symbol=T("", ""), kind="slcp")),
    (
        "tropospheric-ozone",
        dict(name=T("Tropospheric ozone", "Тропосферный озон"), symbol=T("O₃", "O₃"), kind="slcp"),
    ),
    (
        "pm25",
        dict(
            name=T("Fine particulate matter", "Мелкие твёрдые частицы"),
            symbol=T("PM2.5", "PM2.5"),
            kind="air",
            guideline_value="10",
            guideline_unit=T("µg/m³", "мкг/м³"),
            guideline_source=T("WHO", "ВОЗ"),
            description=T(
                "The WHO guideline limits fine particulate matter (PM2.5) in the air to below 10 µg/m³.",
                "Рекомендация ВОЗ ограничивает содержание мелких твёрдых частиц (PM2.5) в воздухе "
                "уровнем ниже 10 мкг/м³.",
            ),
        ),
    ),
]

SOURCE = T(
    "ICLEI's partner profile, Climate & Clean Air Coalition",
    "Профиль партнёра ICLEI, Коалиция за климат и чистый воздух",
)

HOME = dict(
    title=T(
        "ICLEI – Local Governments for Sustainability",
        "ICLEI — Местные органы власти за устойчивое развитие",
    ),
    short_name=T("ICLEI", "ICLEI"),
    mission=T(
        para(
            "ICLEI – Local Governments for Sustainability (ICLEI) is a global network of more "
            "than 1,750 local and regional governments committed to sustainable urban development. "
            "Active in more than 100 countries, ICLEI influences sustainability policy and drives "
            "local action for low-emission, environmentally sound, equitable, resilient and "
            "circular development.",
            "ICLEI's network and team of experts work together through peer exchange, "
            "partnerships and capacity building to create systemic change for urban "
            "sustainability, including action on short-lived climate pollutants (SLCPs).",
        ),
        para(
            "ICLEI — Местные органы власти за устойчивое развитие (ICLEI) — это глобальная сеть, "
            "объединяющая более 1750 местных и региональных органов власти, приверженных "
            "устойчивому городскому развитию. Работая более чем в 100 странах, ICLEI влияет на "
            "политику в области устойчивого развития и инициирует местные действия в интересах "
            "низкоуглеродного, экологически чистого, справедливого, устойчивого и циркулярного "
            "развития.",
            "Сеть ICLEI и команда экспертов работают вместе посредством обмена опытом, "
            "партнёрства и наращивания потенциала, чтобы добиться системных изменений ради "
            "устойчивости городов, в том числе в сокращении короткоживущих климатических "
            "загрязнителей (SLCP).",
        ),
    ),
    approach=T(
        para(
            "In line with its approach of forming strategic alliances and partnerships to "
            "strengthen sustainable urban development, ICLEI has been an active member of the "
            "CCAC since 2014."
        ),
        para(
            "Следуя своему подходу — формировать стратегические союзы и партнёрства для укрепления "
            "устойчивого развития городов, — ICLEI с 2014 года является активным членом CCAC."
        ),
    ),
    commitment=T(
        "Enable local and regional governments and their communities to take effective action "
        "on climate and air quality, and reduce air pollution to safe levels by 2030.",
        "Дать местным и региональным органам власти и их сообществам возможность принимать "
        "эффективные меры в области климата и качества воздуха и к 2030 году снизить загрязнение "
        "воздуха до безопасного уровня.",
    ),
    commitment_year=2030,
    key_figures=[
        dict(
            value="1750",
            display="at_least",
            label=T("local and regional governments", "местных и региональных органов власти"),
            source=SOURCE,
        ),
        dict(value="100", display="at_least", label=T("countries", "стран"), source=SOURCE),
        dict(
            value="2014",
            display="year",
            label=T(
                "Member of the Climate & Clean Air Coalition (CCAC) since",
                "Член Коалиции за климат и чистый воздух (CCAC) с",
            ),
            source=SOURCE,
        ),
    ],
)

PRIORITY_INDEX = dict(
    show_in_menus=True,
    slug=T("priorities", "prioritety"),
    title=T("Priorities", "Приоритеты"),
    intro=T(
        para(
            "This is the direction in which ICLEI works within the CCAC and beyond, centred on "
            "the following priorities:"
        ),
        para(
            "Именно в этом направлении ICLEI работает в рамках CCAC и за её пределами, "
            "сосредоточиваясь на следующих приоритетах:"
        ),
    ),
)

PROGRAMME_INDEX = dict(
    show_in_menus=True,
    slug=T("programmes", "programmy"),
    title=T("Programmes and projects", "Программы и проекты"),
    intro=T(
        para("Programmes and projects that ICLEI implements, runs or supports as a partner."),
        para("Программы и проекты, которые ICLEI реализует, ведёт или поддерживает как партнёр."),
    ),
)

PARTNER_INDEX = dict(
    show_in_menus=True,
    slug=T("partners", "partnery"),
    title=T("Partners", "Партнёры"),
    intro=T("", ""),
)
TOOL_INDEX = dict(
    show_in_menus=True,
    slug=T("tools", "instrumenty"),
    title=T("Tools", "Инструменты"),
    intro=T("", ""),
)
EVENT_INDEX = dict(
    show_in_menus=True,
    slug=T("events", "meropriyatiya"),
    title=T("Events", "Мероприятия"),
    intro=T("", ""),
)
# The newsroom and the publications library ship empty: structure, not content.
NEWS_INDEX = dict(
    show_in_menus=True,
    slug=T("news", "novosti"),
    title=T("News", "Новости"),
    intro=T("", ""),
)
LIBRARY_INDEX = dict(
    show_in_menus=True,
    slug=T("publications", "publikatsii"),
    title=T("Publications", "Публикации"),
    intro=T("", ""),
)
OFFICE = dict(
    show_in_menus=True,
    slug=T("office", "ofis"),  # kept: addresses already shared stay valid
    title=T("Contact", "Контакты"),
    intro=T("", ""),
    thank_you_text=T(
        para("Thank you. Your message has been received."),
        para("Спасибо. Ваше сообщение получено."),
    ),
    subject=T(
        "Message from the portal's contact form", "Сообщение из формы обратной связи портала"
    ),
    # Where notifications go is set by an editor (the seed names no address).
    form_fields=[
        dict(label=T("Your name", "Ваше имя"), field_type="singleline", required=True),
        dict(
            label=T("Your e-mail address", "Ваш адрес электронной почты"),
            field_type="email",
            required=True,
        ),
        dict(label=T("Message", "Сообщение"), field_type="multiline", required=True),
    ],
)

PARTNERS = [
    (
        "ccac",
        dict(
            slug=T("ccac", "ccac"),
            title=T("Climate & Clean Air Coalition", "Коалиция за климат и чистый воздух"),
            acronym=T("CCAC", "CCAC"),
            relationship="member",
            since_year=2014,
            relationship_note=T("Active member since 2014", "Активный член с 2014 года"),
            summary=T(
                "ICLEI has been an active member of the CCAC since 2014, working to reduce air "
                "pollution to safe levels by 2030.",
                "ICLEI с 2014 года является активным членом CCAC и работает над тем, чтобы к 2030 "
                "году снизить загрязнение воздуха до безопасного уровня.",
            ),
        ),
    ),
    (
        "unfccc",
        dict(
            slug=T("unfccc", "rkik-oon"),
            title=T(
                "United Nations Framework Convention on Climate Change",
                "Рамочная конвенция ООН об изменении климата",
            ),
            acronym=T("UNFCCC", "РКИК ООН"),
            relationship="focal_point",
            relationship_note=T(
                "Focal point of the Local Governments and Municipal Authorities (LGMA) constituency",
                "Координатор группы местных органов власти и муниципальных властей (LGMA)",
            ),
            summary=T(
                "ICLEI is the focal point of the LGMA constituency to the UNFCCC.",
                "ICLEI выступает координатором группы LGMA при РКИК ООН.",
            ),
        ),
    ),
    (
        "global-covenant-of-mayors",
        dict(
            slug=T("global-covenant-of-mayors", "globalnyj-pakt-merov"),
            title=T(
                "Global Covenant of Mayors for Climate & Energy",
                "Глобальный пакт мэров по климату и энергетике",
            ),
            acronym=T("", ""),
            relationship="founding_partner",
            relationship_note=T(
                "Founding partner of the initiative", "Партнёр-основатель инициативы"
            ),
            summary=T(
                "ICLEI is a founding partner of the Global Covenant of Mayors for Climate & Energy.",
                "ICLEI — партнёр-основатель Глобального пакта мэров по климату и энергетике.",
            ),
        ),
    ),
    (
        "seoul-metropolitan-government",
        dict(
            slug=T("seoul-metropolitan-government", "stolichnoe-pravitelstvo-seula"),
            title=T("Seoul Metropolitan Government", "Столичное правительство Сеула"),
            acronym=T("", ""),
            relationship="programme_partner",
            relationship_note=T(
                "Joint programme: Clean Air Cities of East Asia",
                "Совместная программа «Города Восточной Азии с чистым воздухом»",
            ),
            summary=T(
                "ICLEI and the Seoul Metropolitan Government run Clean Air Cities of East Asia as a "
                "joint programme.",
                "ICLEI и столичное правительство Сеула реализуют совместную программу «Города "
                "Восточной Азии за чистый воздух».",
            ),
        ),
    ),
    (
        "cdp",
        dict(
            slug=T("cdp", "cdp"),
            title=T("CDP", "CDP"),
            acronym=T("", ""),
            relationship="tool_partner",
            relationship_note=T(
                "Joint tool: the CDP-ICLEI Unified Reporting System",
                "Совместный инструмент: Единая система отчётности CDP-ICLEI",
            ),
            summary=T(
                "CDP and ICLEI offer cities the CDP-ICLEI Unified Reporting System.",
                "CDP и ICLEI предлагают городам Единую систему отчётности CDP-ICLEI.",
            ),
        ),
    ),
]

TOOLS = [
    (
        "clearpath",
        dict(
            slug=T("clearpath", "clearpath"),
            title=T("ClearPath", "ClearPath"),
            acronym=T("", ""),
            purpose=T("Greenhouse gas inventory", "Инвентаризация парниковых газов"),
            summary=T(
                "ICLEI's greenhouse gas inventory tool, with which cities can track and report on "
                "their emission reduction targets, action plans, actions and results.",
                "Инструмент ICLEI для инвентаризации парниковых газов, с помощью которого города "
                "могут отслеживать свои цели по сокращению выбросов, планы действий, меры и "
                "результаты и отчитываться о них.",
            ),
        ),
    ),
    (
        "unified-reporting-system",
        dict(
            slug=T("cdp-iclei-unified-reporting-system", "edinaya-sistema-otchetnosti-cdp-iclei"),
            title=T("CDP-ICLEI Unified Reporting System", "Единая система отчётности CDP-ICLEI"),
            acronym=T("", ""),
            purpose=T(
                "Reporting on targets, plans, actions and results",
                "Отчётность о целях, планах, мерах и результатах",
            ),
            partner="cdp",
            summary=T(
                "A shared reporting system with which cities track and report on their emission "
                "reduction targets, action plans, actions and results.",
                "Общая система отчётности, с помощью которой города отслеживают свои цели по "
                "сокращению выбросов, планы действий, меры и результаты и отчитываются о них.",
            ),
        ),
    ),
    (
        "solutions-gateway",
        dict(
            slug=T("solutions-gateway", "solutions-gateway"),
            title=T("Solutions Gateway", "Solutions Gateway"),
            acronym=T("", ""),
            purpose=T("Online resource platform", "Платформа онлайн-ресурсов"),
            summary=T(
                "An online resource platform that helps build local capacity and gain access to "
                "finance for local action.",
                "Платформа онлайн-ресурсов, которая помогает наращивать местный потенциал и "
                "получать доступ к финансированию местных действий.",
            ),
        ),
    ),
    (
        "tap",
        dict(
            slug=T("transformative-actions-program", "programma-preobrazuyushchih-dejstvij"),
            title=T("Transformative Actions Program", "Программа преобразующих действий"),
            acronym=T("TAP", "TAP"),
            purpose=T(
                "Access to finance for local action", "Доступ к финансированию местных действий"
            ),
            summary=T(
                "ICLEI's programme that helps build local capacity and gain access to finance for "
                "local action.",
                "Программа ICLEI, которая помогает наращивать местный потенциал и получать доступ "
                "к финансированию местных действий.",
            ),
        ),
    ),
]

EVENTS = [
    (
        "world-congress-2021-22",
        dict(
            slug=T("iclei-world-congress-2021-22", "vsemirnyj-kongress-iclei-2021-22"),
            title=T("ICLEI World Congress 2021–22", "Всемирный конгресс ICLEI 2021–2022"),
            acronym=T("", ""),
            start_year=2021,
            end_year=2022,
            summary=T(
                "A global event at which ICLEI engages with subnational governments beyond its "
                "network.",
                "Глобальное мероприятие, на котором ICLEI взаимодействует с субнациональными "
                "правительствами за пределами своей сети.",
            ),
        ),
    ),
    (
        "daring-cities",
        dict(
            slug=T("daring-cities", "daring-cities"),
            title=T("Daring Cities forums", "Форумы Daring Cities"),
            acronym=T("", ""),
            is_series=True,
            summary=T(
                "Forums at which ICLEI engages with subnational governments beyond its network.",
                "Форумы, на которых ICLEI взаимодействует с субнациональными правительствами за "
                "пределами своей сети.",
            ),
        ),
    ),
    (
        "cop",
        dict(
            slug=T("un-climate-conferences-cop", "klimaticheskie-konferencii-oon-cop"),
            title=T("UN climate conferences (COP)", "Климатические конференции ООН (COP)"),
            acronym=T("COP", "COP"),
            is_series=True,
            summary=T(
                "International conferences at which ICLEI raises awareness and shares good "
                "practices and strategies.",
                "Международные конференции, на которых ICLEI повышает осведомлённость и делится "
                "передовым опытом и стратегиями.",
            ),
        ),
    ),
]

PROGRAMMES = [
    (
        "urban-leds",
        dict(
            slug=T("urban-leds", "urban-leds"),
            title=T("Urban-LEDS", "Urban-LEDS"),
            is_flagship=True,
            status="completed",
            start_year=2013,
            end_year=2021,
            iclei_role=T("ICLEI flagship project", "Флагманский проект ICLEI"),
            region=T("", ""),
            countries=["BR", "IN", "ID", "ZA", "BD", "CO", "LA", "RW"],
            themes=["low-emission-development"],
            summary=T(
                "ICLEI's flagship project for integrated low-emission and sustainable development "
                "in more than 60 cities in 8 countries.",
                "Флагманский проект ICLEI по комплексному низкоуглеродному и устойчивому развитию "
                "более чем в 60 городах в 8 странах.",
            ),
            body=T(
                [
                    (
                        "paragraph",
                        para(
                            "ICLEI implements its flagship Urban-LEDS project (phase I from 2013 to "
                            "2015 and phase II from 2017 to 2021). The project's activities aim at "
                            "integrated low-emission and sustainable development in more than 60 "
                            "cities in 8 countries: Brazil, India, Indonesia and South Africa (from "
                            "phase I), and the countries added in phase II: Bangladesh, Colombia, "
                            "the Lao People's Democratic Republic and Rwanda, with 16 European "
                            "cities acting as source cities."
                        ),
                    )
                ],
                [
                    (
                        "paragraph",
                        para(
                            "ICLEI реализует свой флагманский проект Urban-LEDS (этап I — с 2013 по "
                            "2015 год, этап II — с 2017 по 2021 год). Деятельность проекта "
                            "направлена на комплексное низкоуглеродное и устойчивое развитие более "
                            "чем в 60 городах в 8 странах: Бразилии, Индии, Индонезии и Южной "
                            "Африке (с этапа I), а также в странах, добавленных на этапе II: "
                            "Бангладеш, Колумбии, Лаосской Народно-Демократической Республике и "
                            "Руанде; 16 европейских городов выступают в качестве городов-источников."
                        ),
                    )
                ],
            ),
            figures=[
                dict(value="60", display="at_least", label=T("cities", "городов"), source=SOURCE),
                dict(value="8", display="exact", label=T("countries", "стран"), source=SOURCE),
                dict(
                    value="16",
                    display="exact",
                    label=T("European source cities", "европейских городов-источников"),
                    source=SOURCE,
                ),
            ],
            phases=[
                dict(
                    name=T("Phase I", "Этап I"),
                    start_year=2013,
                    end_year=2015,
                    countries=["BR", "IN", "ID", "ZA"],
                    description=T("", ""),
                ),
                dict(
                    name=T("Phase II", "Этап II"),
                    start_year=2017,
                    end_year=2021,
                    countries=["BR", "IN", "ID", "ZA", "BD", "CO", "LA", "RW"],
                    description=T(
                        "Adds Bangladesh, Colombia, the Lao People's Democratic Republic and Rwanda.",
                        "Добавляются Бангладеш, Колумбия, Лаосская Народно-Демократическая "
                        "Республика и Руанда.",
                    ),
                ),
            ],
        ),
    ),
    (
        "ecomobility-alliance",
        dict(
            slug=T("ecomobility-alliance", "ecomobility-alliance"),
            title=T("EcoMobility Alliance", "EcoMobility Alliance"),
            status="ongoing",
            start_year=2011,
            iclei_role=T("Founded and run by ICLEI", "Основан ICLEI и управляется им"),
            region=T("", ""),
            themes=["sustainable-mobility"],
            summary=T(
                "Supports local and regional governments that seek to reduce their dependence on "
                "private cars running on fossil fuels.",
                "Поддерживает местные и региональные органы власти, стремящиеся снизить "
                "зависимость от личных автомобилей, работающих на ископаемом топливе.",
            ),
            body=T(
                [
                    (
                        "paragraph",
                        para(
                            "ICLEI founded the EcoMobility Alliance and has run it since 2011 in "
                            "support of local and regional governments that seek to reduce their "
                            "dependence on private cars running on fossil fuels and to create "
                            "vibrant cities in which people and the environment come first in "
                            "transport planning."
                        ),
                    )
                ],
                [
                    (
                        "paragraph",
                        para(
                            "ICLEI основал EcoMobility Alliance и управляет им с 2011 года, "
                            "поддерживая местные и региональные органы власти, которые стремятся "
                            "снизить свою зависимость от личных автомобилей, работающих на "
                            "ископаемом топливе, и создать динамичные города, в которых при "
                            "планировании транспорта приоритет отдаётся людям и окружающей среде."
                        ),
                    )
                ],
            ),
        ),
    ),
    (
        "clean-air-cities-east-asia",
        dict(
            slug=T("clean-air-cities-of-east-asia", "goroda-vostochnoj-azii-s-chistym-vozduhom"),
            title=T("Clean Air Cities of East Asia", "Города Восточной Азии с чистым воздухом"),
            status="ongoing",
            iclei_role=T(
                "Joint programme of ICLEI and the Seoul Metropolitan Government",
                "Совместная программа ICLEI и столичного правительства Сеула",
            ),
            region=T("East Asia", "Восточная Азия"),
            themes=["air-quality"],
            cities=[("seoul", "lead")],
            partners=[
                (
                    "seoul-metropolitan-government",
                    T("Joint programme partner", "Партнёр по совместной программе"),
                )
            ],
            summary=T(
                "A joint programme of ICLEI and the Seoul Metropolitan Government to accelerate "
                "local action against air pollution.",
                "Совместная программа ICLEI и столичного правительства Сеула по ускорению местных "
                "действий по борьбе с загрязнением воздуха.",
            ),
            body=T(
                [
                    (
                        "paragraph",
                        para(
                            "Clean Air Cities of East Asia is a joint programme of ICLEI and the "
                            "Seoul Metropolitan Government to accelerate local action against air "
                            "pollution through regional multi-stakeholder cooperation, and to extend "
                            "it further to other cities and regions."
                        ),
                    )
                ],
                [
                    (
                        "paragraph",
                        para(
                            "«Города Восточной Азии с чистым воздухом» — совместная программа ICLEI "
                            "и столичного правительства Сеула по ускорению местных действий по "
                            "борьбе с загрязнением воздуха посредством регионального многостороннего "
                            "сотрудничества и по их дальнейшему распространению на другие города и "
                            "регионы."
                        ),
                    )
                ],
            ),
        ),
    ),
    (
        "global-covenant-of-mayors",
        dict(
            slug=T("global-covenant-of-mayors", "globalnyj-pakt-merov"),
            title=T(
                "Global Covenant of Mayors for Climate & Energy",
                "Глобальный пакт мэров по климату и энергетике",
            ),
            status="ongoing",
            iclei_role=T("Founding partner", "Партнёр-основатель"),
            region=T("", ""),
            themes=["climate-and-energy", "air-quality"],
            partners=[
                (
                    "global-covenant-of-mayors",
                    T("ICLEI is a founding partner", "ICLEI — партнёр-основатель"),
                )
            ],
            summary=T(
                "ICLEI supports the initiative as a founding partner and supports its track on "
                "air pollution.",
                "ICLEI поддерживает инициативу как партнёр-основатель и поддерживает её "
                "направление, посвящённое загрязнению воздуха.",
            ),
            body=T(
                [
                    (
                        "paragraph",
                        para(
                            "ICLEI supports the work of the Global Covenant of Mayors for Climate & "
                            "Energy as a founding partner of the initiative, and supports its track "
                            "on strengthening attention to air pollution."
                        ),
                    )
                ],
                [
                    (
                        "paragraph",
                        para(
                            "ICLEI поддерживает работу Глобального пакта мэров по климату и "
                            "энергетике в качестве партнёра-основателя инициативы, а также её "
                            "направление, посвящённое усилению внимания к загрязнению воздуха."
                        ),
                    )
                ],
            ),
        ),
    ),
]

PRIORITIES = [
    (
        "priority-1",
        dict(
            number=1,
            icon="governance",
            slug=T("multilevel-governance", "mnogourovnevoe-upravlenie"),
            title=T(
                "Multilevel governance through the LGMA constituency",
                "Многоуровневое управление через группу LGMA",
            ),
            summary=T(
                "As the focal point of the LGMA constituency to the UNFCCC, ICLEI works to create "
                "an enabling environment for large-scale local climate and air quality action.",
                "Как координатор группы LGMA при РКИК ООН, ICLEI работает над созданием "
                "благоприятных условий для масштабных местных действий в области климата и "
                "качества воздуха.",
            ),
            body=T(
                para(
                    "As the focal point of the Local Governments and Municipal Authorities (LGMA) "
                    "constituency to the UNFCCC, ICLEI works to create an enabling environment, "
                    "through stakeholder engagement, advocacy and the building of multilevel "
                    "governance, for large-scale local action on climate change and air quality in "
                    "cities, towns and regions."
                ),
                para(
                    "Как координатор группы местных органов власти и муниципальных властей (LGMA) "
                    "при РКИК ООН, ICLEI работает над созданием благоприятных условий — посредством "
                    "взаимодействия с заинтересованными сторонами, политической защиты интересов и "
                    "выстраивания многоуровневого управления — для масштабных местных действий в "
                    "области изменения климата и качества воздуха в городах, посёлках и регионах."
                ),
            ),
            links=["partner:unfccc"],
        ),
    ),
    (
        "priority-2",
        dict(
            number=2,
            icon="pollutants",
            slug=T(
                "short-lived-climate-pollutants", "korotkozhivushchie-klimaticheskie-zagryazniteli"
            ),
            title=T(
                "Awareness of short-lived climate pollutants",
                "Осведомлённость о короткоживущих климатических загрязнителях",
            ),
            summary=T(
                "Raising awareness of the urgent need to cut climate forcers and air pollutants, "
                "for the Paris Agreement's 1.5 °C goal and the WHO PM2.5 guideline.",
                "Повышение осведомлённости о неотложной необходимости сокращать выбросы факторов "
                "изменения климата и загрязнителей воздуха ради цели Парижского соглашения в 1,5 °C "
                "и рекомендации ВОЗ по PM2.5.",
            ),
            body=T(
                para(
                    "Raising awareness and deepening understanding of the urgent need to reduce "
                    "emissions of climate forcers and air pollutants such as methane, "
                    "hydrofluorocarbons, black carbon and tropospheric ozone, to meet the Paris "
                    "Agreement goal of limiting the global temperature rise to 1.5 °C and the WHO "
                    "guideline of limiting fine particulate matter (PM2.5) in the air to below "
                    "10 µg/m³, particularly in the near term."
                ),
                para(
                    "Повышение осведомлённости и углубление понимания неотложной необходимости "
                    "сокращать выбросы факторов, влияющих на изменение климата, и загрязнителей "
                    "воздуха, таких как метан, гидрофторуглероды, чёрный углерод и тропосферный "
                    "озон, чтобы достичь цели Парижского соглашения — ограничить повышение "
                    "глобальной температуры до 1,5 °C, — а также выполнить рекомендацию ВОЗ по "
                    "ограничению содержания мелких твёрдых частиц (PM2.5) в воздухе уровнем ниже "
                    "10 мкг/м³, особенно в ближайшей перспективе."
                ),
            ),
            pollutants=[
                "methane",
                "hydrofluorocarbons",
                "black-carbon",
                "tropospheric-ozone",
                "pm25",
            ],
            figures=[
                dict(
                    value="1.5",
                    unit=T("°C", "°C"),
                    display="exact",
                    label=T(
                        "limit on the global temperature rise (Paris Agreement goal)",
                        "предел повышения глобальной температуры (цель Парижского соглашения)",
                    ),
                    source=T("Paris Agreement", "Парижское соглашение"),
                ),
            ],
        ),
    ),
    (
        "priority-3",
        dict(
            number=3,
            icon="tools",
            slug=T("local-capacity-and-tools", "mestnyj-potencial-i-instrumenty"),
            title=T(
                "Local capacity, tools and access to finance",
                "Местный потенциал, инструменты и доступ к финансированию",
            ),
            summary=T(
                "Building local capacity and offering ICLEI's tools and methodologies so that "
                "cities can track and report on their climate action and gain access to finance.",
                "Наращивание местного потенциала и предоставление инструментов и методологий ICLEI, "
                "чтобы города могли отслеживать свои климатические действия, отчитываться о них и "
                "получать доступ к финансированию.",
            ),
            body=T(
                para(
                    "Building local capacity and offering ICLEI's tools and methodologies, including "
                    "the ClearPath greenhouse gas inventory tool and the CDP-ICLEI Unified Reporting "
                    "System, so that cities can track and report on their emission reduction "
                    "targets, action plans, actions and results; and the Solutions Gateway, as an "
                    "online resource platform, and the Transformative Actions Program (TAP), to "
                    "build local capacity and gain access to finance for local action."
                ),
                para(
                    "Наращивание местного потенциала и предоставление инструментов и методологий "
                    "ICLEI, в том числе инструмента инвентаризации парниковых газов ClearPath и "
                    "Единой системы отчётности CDP-ICLEI, чтобы города могли отслеживать свои цели "
                    "по сокращению выбросов, планы действий, меры и результаты и отчитываться о "
                    "них; а также платформы онлайн-ресурсов Solutions Gateway и Программы "
                    "преобразующих действий (TAP) — для наращивания местного потенциала и доступа к "
                    "финансированию местных действий."
                ),
            ),
            links=[
                "tool:clearpath",
                "tool:unified-reporting-system",
                "tool:solutions-gateway",
                "tool:tap",
                "partner:cdp",
            ],
        ),
    ),
    (
        "priority-4",
        dict(
            number=4,
            icon="clean_air",
            slug=T("clean-air-in-east-asia", "chistyj-vozduh-v-vostochnoj-azii"),
            title=T(
                "Clean air cooperation in East Asia",
                "Сотрудничество за чистый воздух в Восточной Азии",
            ),
            summary=T(
                "Building on Clean Air Cities of East Asia, a joint programme with the Seoul "
                "Metropolitan Government, to accelerate local action against air pollution.",
                "Развитие программы «Города Восточной Азии с чистым воздухом», совместной со "
                "столичным правительством Сеула, для ускорения местных действий против загрязнения "
                "воздуха.",
            ),
            body=T(
                para(
                    "Building on Clean Air Cities of East Asia, a joint programme of ICLEI and the "
                    "Seoul Metropolitan Government, to accelerate local action against air "
                    "pollution through regional multi-stakeholder cooperation, and extending it "
                    "further to other cities and regions."
                ),
                para(
                    "Развитие программы «Города Восточной Азии с чистым воздухом» — совместной "
                    "программы ICLEI и столичного правительства Сеула — для ускорения местных "
                    "действий по борьбе с загрязнением воздуха посредством регионального "
                    "многостороннего сотрудничества и её дальнейшего распространения на другие "
                    "города и регионы."
                ),
            ),
            links=["programme:clean-air-cities-east-asia", "partner:seoul-metropolitan-government"],
        ),
    ),
    (
        "priority-5",
        dict(
            number=5,
            icon="global",
            slug=T("engagement-at-global-events", "uchastie-v-globalnyh-meropriyatiyah"),
            title=T("Engagement at global events", "Участие в глобальных мероприятиях"),
            summary=T(
                "Engaging with subnational governments beyond the ICLEI network at global events "
                "and international conferences.",
                "Взаимодействие с субнациональными правительствами за пределами сети ICLEI на "
                "глобальных мероприятиях и международных конференциях.",
            ),
            body=T(
                para(
                    "Engaging beyond the ICLEI network with other subnational governments at global "
                    "events, such as the ICLEI World Congress 2021–22 and the Daring Cities forums, "
                    "and at other international conferences, such as the UN climate COPs, to raise "
                    "awareness and share good practices and strategies."
                ),
                para(
                    "Взаимодействие за пределами сети ICLEI с другими субнациональными "
                    "правительствами на глобальных мероприятиях, таких как Всемирный конгресс ICLEI "
                    "2021–2022 и форумы Daring Cities, а также на других международных "
                    "конференциях, например климатических конференциях ООН (COP), для повышения "
                    "осведомлённости и обмена передовым опытом и стратегиями."
                ),
            ),
            links=["event:world-congress-2021-22", "event:daring-cities", "event:cop"],
        ),
    ),
]

ORGANISATION_SETTINGS = dict(
    street_address=T("Kaiser-Friedrich-Str. 7", "Кайзер-Фридрих-штрассе, 7"),
    postal_code="53113",
    locality=T("Bonn", "Бонн"),
    country="DE",
    website="https://iclei.org",
)

# Copy fixed since earlier seeds (issue 15). A database seeded before keeps its pages (the
# seed command never touches what exists), so load_seed_content puts each fix into the page
# where the old words are still there, unedited: (seed key, field, language, old, new).
# "key_figures.label" is the label of the page's key figures.
CORRECTIONS = [
    ("page:office", "title", "en", "Office", "Contact"),
    ("page:office", "title", "ru", "Офис", "Контакты"),
    (
        "page:home",
        "key_figures.label",
        "en",
        "member of the Climate & Clean Air Coalition (CCAC) since",
        "Member of the Climate & Clean Air Coalition (CCAC) since",
    ),
    (
        "page:home",
        "key_figures.label",
        "ru",
        "член Коалиции за климат и чистый воздух (CCAC) с",
        "Член Коалиции за климат и чистый воздух (CCAC) с",
    ),
    # The commitment has its own box above the approach: said once.
    (
        "page:home",
        "approach",
        "en",
        " It is committed to enabling local and regional governments and their communities to "
        "take effective action on climate and air quality, so as to reduce air pollution to safe "
        "levels by 2030.",
        "",
    ),
    (
        "page:home",
        "approach",
        "ru",
        " ICLEI обязуется дать местным и региональным органам власти и их сообществам "
        "возможность принимать эффективные меры в области климата и качества воздуха, чтобы к "
        "2030 году снизить загрязнение воздуха до безопасного уровня.",
        "",
    ),
    (
        "page:programmes",
        "intro",
        "en",
        "<p>Other activities of ICLEI.</p>",
        PROGRAMME_INDEX["intro"].en,
    ),
    (
        "page:programmes",
        "intro",
        "ru",
        "<p>Другие направления работы ICLEI.</p>",
        PROGRAMME_INDEX["intro"].ru,
    ),
    # The years are shown beside the role already ("since 2011 · … since 2011").
    (
        "page:programme:ecomobility-alliance",
        "iclei_role",
        "en",
        "Founded and run by ICLEI since 2011",
        "Founded and run by ICLEI",
    ),
    (
        "page:programme:ecomobility-alliance",
        "iclei_role",
        "ru",
        "Основан ICLEI и управляется им с 2011 года",
        "Основан ICLEI и управляется им",
    ),
    (
        "page:priority:priority-2",
        "body",
        "ru",
        "ограничить повышение глобальной температуры 1,5 °C",
        "ограничить повышение глобальной температуры до 1,5 °C",
    ),
]
# The privacy notice: what the portal itself stores and why. Every statement is checked
# against the code (organisation.contact, core.permissions, the session, CSRF and axes
# settings, the content security policy); change it when the code changes.
PRIVACY_NOTICE = dict(
    show_in_menus=False,
    slug=T("privacy", "konfidencialnost"),
    title=T("Privacy notice", "Уведомление о конфиденциальности"),
    intro=T(
        "What this portal stores about you, why, and who can read it.",
        "Какие данные о вас хранит этот портал, зачем и кто может их прочитать.",
    ),
    body=T(
        [
            ("heading", "Reading the pages"),
            (
                "paragraph",
                para(
                    "Reading the portal sets no cookie and needs no account. The portal uses no "
                    "analytics or tracking. Its content security policy lets your browser load "
                    "scripts, styles, pictures and fonts only from the portal's own address, "
                    "so reading a page sends no request to another site.",
                    "A video or other media from another site is shown as a link: nothing is "
                    "loaded from that site until you follow the link to it.",
                ),
            ),
            ("heading", "Writing to the office"),
            (
                "paragraph",
                para(
                    "When you send a message with the contact form on the Office page, the "
                    "portal stores what you entered in the form (your name, your e-mail "
                    "address and your message) in its database and sends it by e-mail to the "
                    "office addresses set by the portal's editors. It is used to answer you.",
                    "Stored messages can be read in the portal's administration only by its "
                    "administrators and by the members of the Moderators and Administrators "
                    "groups. They stay stored until one of them deletes them.",
                    "To stop one sender from flooding the office, the portal also keeps, for "
                    "the duration of the sending limit (ten minutes by default), a keyed hash "
                    "of your internet address with the time of sending, not the address "
                    "itself; and, for one day, a random number identifying the form you sent, "
                    "so that the same form is not stored twice.",
                    "The page with the contact form sets one cookie, “csrftoken”, a "
                    "random value that protects the form against requests forged by other "
                    "sites. It identifies no one.",
                ),
            ),
            ("heading", "Staff signing in"),
            (
                "paragraph",
                para(
                    "Staff who sign in to the administration get a session cookie, "
                    "“sessionid”, for at most twelve hours, and the "
                    "“csrftoken” cookie. To stop password guessing, the portal "
                    "records each failed sign-in (the user name tried, the internet address, "
                    "the browser's name and the time); after five failures, that user name "
                    "cannot sign in from that address for fifteen minutes. The records of "
                    "failures are removed when the user signs in successfully. Successful "
                    "sign-ins are recorded the same way.",
                ),
            ),
        ],
        [
            ("heading", "Чтение страниц"),
            (
                "paragraph",
                para(
                    "Чтение портала не устанавливает cookie-файлов и не требует учётной "
                    "записи. Портал не использует аналитику и отслеживание. Его политика "
                    "безопасности содержимого позволяет браузеру загружать скрипты, стили, "
                    "изображения и шрифты только с собственного адреса портала, поэтому при "
                    "чтении страницы никакие запросы на другие сайты не отправляются.",
                    "Видео или другие материалы с других сайтов показаны в виде ссылки: с "
                    "такого сайта ничего не загружается, пока вы не перейдёте по ссылке.",
                ),
            ),
            ("heading", "Сообщения в офис"),
            (
                "paragraph",
                para(
                    "Когда вы отправляете сообщение через форму обратной связи на странице "
                    "«Офис», портал сохраняет введённые в форму данные (ваше имя, адрес "
                    "электронной почты и сообщение) в своей базе данных и отправляет их по "
                    "электронной почте на адреса офиса, указанные редакторами портала. Они "
                    "используются для ответа вам.",
                    "Сохранённые сообщения в администрировании портала могут читать только "
                    "его администраторы и участники групп «Модераторы» и «Администраторы». "
                    "Сообщения хранятся, пока кто-либо из них их не удалит.",
                    "Чтобы один отправитель не мог завалить офис сообщениями, портал также "
                    "хранит на время ограничения частоты отправки (по умолчанию десять минут) "
                    "ключевой хеш вашего интернет-адреса и время отправки, но не сам адрес; "
                    "а в течение одних суток — случайное число, обозначающее отправленную "
                    "форму, чтобы одна и та же форма не сохранялась дважды.",
                    "Страница с формой обратной связи устанавливает один cookie-файл, "
                    "“csrftoken”: случайное значение, которое защищает форму от "
                    "запросов, подделанных другими сайтами. Он никого не идентифицирует.",
                ),
            ),
            ("heading", "Вход сотрудников"),
            (
                "paragraph",
                para(
                    "Сотрудники, входящие в администрирование, получают cookie-файл сеанса "
                    "“sessionid” не более чем на двенадцать часов и cookie-файл "
                    "“csrftoken”. Для защиты от подбора паролей портал записывает "
                    "каждую неудачную попытку входа (введённое имя пользователя, "
                    "интернет-адрес, название браузера и время); после пяти неудач с этим "
                    "именем пользователя нельзя войти с этого адреса в течение пятнадцати "
                    "минут. Записи о неудачах удаляются после успешного входа. Успешные "
                    "входы записываются так же.",
                ),
            ),
        ],
    ),
)
