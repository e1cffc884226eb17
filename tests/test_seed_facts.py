"""A visitor finds every fact of the seed on its page, in English and in Russian."""

import pytest

from tests.helpers import html_lang, visible_text

pytestmark = pytest.mark.django_db

EN, RU = "en", "ru"

FACTS = [
    # (language, url, facts the visitor reads there)
    (
        EN,
        "/en/",
        [
            "ICLEI – Local Governments for Sustainability",
            "global network of more than 1,750 local and regional governments",
            "1,750+ local and regional governments",
            "100+ countries",
            "Member of the Climate & Clean Air Coalition (CCAC) since 2014",
            "2030",
            "reduce air pollution to safe levels by 2030",
            "short-lived climate pollutants (SLCPs)",
            "https://iclei.org",
            "Urban-LEDS",
            "EcoMobility Alliance",
            "Clean Air Cities of East Asia",
            "Global Covenant of Mayors for Climate & Energy",
        ],
    ),
    (
        RU,
        "/ru/",
        [
            "ICLEI — Местные органы власти за устойчивое развитие",
            "объединяющая более 1750 местных и региональных органов власти",
            "1 750+ местных и региональных органов власти",
            "100+ стран",
            "Член Коалиции за климат и чистый воздух (CCAC) с 2014",
            "к 2030 году снизить загрязнение воздуха до безопасного уровня",
            "короткоживущих климатических загрязнителей (SLCP)",
            "https://iclei.org",
            "Города Восточной Азии с чистым воздухом",
            "Глобальный пакт мэров по климату и энергетике",
        ],
    ),
    (
        EN,
        "/en/priorities/",
        [
            "Multilevel governance through the LGMA constituency",
            "Awareness of short-lived climate pollutants",
            "Local capacity, tools and access to finance",
            "Clean air cooperation in East Asia",
            "Engagement at global events",
        ],
    ),
    (
        RU,
        "/ru/prioritety/",
        [
            "Многоуровневое управление через группу LGMA",
            "Осведомлённость о короткоживущих климатических загрязнителях",
            "Местный потенциал, инструменты и доступ к финансированию",
            "Сотрудничество за чистый воздух в Восточной Азии",
            "Участие в глобальных мероприятиях",
        ],
    ),
    (
        EN,
        "/en/priorities/multilevel-governance/",
        [
            "Priority 1",
            "focal point of the Local Governments and Municipal Authorities (LGMA) constituency "
            "to the UNFCCC",
            "multilevel governance",
            "United Nations Framework Convention on Climate Change",
        ],
    ),
    (
        RU,
        "/ru/prioritety/mnogourovnevoe-upravlenie/",
        [
            "Приоритет 1",
            "при РКИК ООН",
            "многоуровневого управления",
            "Рамочная конвенция ООН об изменении климата",
        ],
    ),
    (
        EN,
        "/en/priorities/short-lived-climate-pollutants/",
        [
            "Priority 2",
            "Methane (CH₄)",
            "Hydrofluorocarbons (HFCs)",
            "Black carbon",
            "Tropospheric ozone (O₃)",
            "Fine particulate matter (PM2.5)",
            "below 10 µg/m³ (WHO)",
            "1.5 °C limit on the global temperature rise (Paris Agreement goal)",
        ],
    ),
    (
        RU,
        "/ru/prioritety/korotkozhivushchie-klimaticheskie-zagryazniteli/",
        [
            "Приоритет 2",
            "Метан (CH₄)",
            "Гидрофторуглероды (ГФУ)",
            "Чёрный углерод",
            "Тропосферный озон (O₃)",
            "Мелкие твёрдые частицы (PM2.5)",
            "ниже 10 мкг/м³ (ВОЗ)",
            "1,5 °C предел повышения глобальной температуры",
        ],
    ),
    (
        EN,
        "/en/priorities/local-capacity-and-tools/",
        [
            "Priority 3",
            "ClearPath",
            "CDP-ICLEI Unified Reporting System",
            "Solutions Gateway",
            "Transformative Actions Program",
            "access to finance for local action",
            "CDP",
        ],
    ),
    (
        RU,
        "/ru/prioritety/mestnyj-potencial-i-instrumenty/",
        [
            "Приоритет 3",
            "ClearPath",
            "Единая система отчётности CDP-ICLEI",
            "Solutions Gateway",
            "Программа преобразующих действий",
            "доступа к финансированию местных действий",
        ],
    ),
    (
        EN,
        "/en/priorities/clean-air-in-east-asia/",
        [
            "Priority 4",
            "Clean Air Cities of East Asia",
            "Seoul Metropolitan Government",
            "regional multi-stakeholder cooperation",
        ],
    ),
    (
        RU,
        "/ru/prioritety/chistyj-vozduh-v-vostochnoj-azii/",
        [
            "Приоритет 4",
            "Города Восточной Азии с чистым воздухом",
            "Столичное правительство Сеула",
        ],
    ),
    (
        EN,
        "/en/priorities/engagement-at-global-events/",
        [
            "Priority 5",
            "ICLEI World Congress 2021–22",
            "Daring Cities forums",
            "UN climate conferences (COP)",
        ],
    ),
    (
        RU,
        "/ru/prioritety/uchastie-v-globalnyh-meropriyatiyah/",
        [
            "Приоритет 5",
            "Всемирный конгресс ICLEI 2021–2022",
            "Форумы Daring Cities",
            "Климатические конференции ООН (COP)",
        ],
    ),
    (
        EN,
        "/en/programmes/urban-leds/",
        [
            "Urban-LEDS",
            "Completed",
            "ICLEI flagship",
            "2013–2021",
            "Phase I 2013–2015",
            "Phase II 2017–2021",
            "Brazil",
            "India",
            "Indonesia",
            "South Africa",
            "Bangladesh",
            "Colombia",
            "Laos",
            "Rwanda",
            "60+ cities",
            "8 countries",
            "16 European source cities",
            "Lao People's Democratic Republic",
        ],
    ),
    (
        RU,
        "/ru/programmy/urban-leds/",
        [
            "Urban-LEDS",
            "Завершён",
            "Флагманский проект ICLEI",
            "2013–2021",
            "Этап I 2013–2015",
            "Этап II 2017–2021",
            "Бразилия",
            "Индия",
            "Индонезия",
            "Южно-Африканская Республика",  # CLDR's name (the seed: «Южная Африка»)
            "Бангладеш",
            "Колумбия",
            "Руанда",
            "60+ городов",
            "8 стран",
            "16 европейских городов-источников",
        ],
    ),
    (
        EN,
        "/en/programmes/ecomobility-alliance/",
        [
            "EcoMobility Alliance",
            "Ongoing",
            "since 2011",
            "Founded and run by ICLEI",
            "private cars running on fossil fuels",
        ],
    ),
    (
        RU,
        "/ru/programmy/ecomobility-alliance/",
        [
            "EcoMobility Alliance",
            "Реализуется",
            "с 2011",
            "Основан ICLEI и управляется им",
            "личных автомобилей, работающих на ископаемом топливе",
        ],
    ),
    (
        EN,
        "/en/programmes/clean-air-cities-of-east-asia/",
        [
            "Clean Air Cities of East Asia",
            "East Asia",
            "Seoul Metropolitan Government",
            "Seoul South Korea Lead partner",
        ],
    ),
    (
        RU,
        "/ru/programmy/goroda-vostochnoj-azii-s-chistym-vozduhom/",
        [
            "Города Восточной Азии с чистым воздухом",
            "Восточная Азия",
            "Столичное правительство Сеула",
            "Сеул",
        ],
    ),
    (
        EN,
        "/en/programmes/global-covenant-of-mayors/",
        [
            "Global Covenant of Mayors for Climate & Energy",
            "Founding partner",
            "air pollution",
        ],
    ),
    (
        RU,
        "/ru/programmy/globalnyj-pakt-merov/",
        [
            "Глобальный пакт мэров по климату и энергетике",
            "Партнёр-основатель",
            "загрязнению воздуха",
        ],
    ),
    (
        EN,
        "/en/partners/ccac/",
        ["Climate & Clean Air Coalition", "CCAC", "ICLEI is a member", "2014"],
    ),
    (RU, "/ru/partnery/ccac/", ["Коалиция за климат и чистый воздух", "Активный член с 2014 года"]),
    (EN, "/en/partners/unfccc/", ["UNFCCC", "ICLEI is a focal point", "LGMA"]),
    (RU, "/ru/partnery/rkik-oon/", ["РКИК ООН", "ICLEI — координатор", "LGMA"]),
    (EN, "/en/partners/global-covenant-of-mayors/", ["ICLEI is a founding partner"]),
    (
        EN,
        "/en/partners/seoul-metropolitan-government/",
        [
            "Seoul Metropolitan Government",
            "Clean Air Cities of East Asia",
        ],
    ),
    (EN, "/en/partners/cdp/", ["CDP", "CDP-ICLEI Unified Reporting System"]),
    (EN, "/en/tools/clearpath/", ["ClearPath", "Greenhouse gas inventory"]),
    (RU, "/ru/instrumenty/clearpath/", ["ClearPath", "Инвентаризация парниковых газов"]),
    (
        EN,
        "/en/tools/cdp-iclei-unified-reporting-system/",
        [
            "CDP-ICLEI Unified Reporting System",
            "Run with CDP",
        ],
    ),
    (EN, "/en/tools/solutions-gateway/", ["Solutions Gateway", "Online resource platform"]),
    (
        EN,
        "/en/tools/transformative-actions-program/",
        [
            "Transformative Actions Program (TAP)",
            "Access to finance for local action",
        ],
    ),
    (
        RU,
        "/ru/instrumenty/programma-preobrazuyushchih-dejstvij/",
        [
            "Программа преобразующих действий (TAP)",
            "Доступ к финансированию местных действий",
        ],
    ),
    (EN, "/en/events/iclei-world-congress-2021-22/", ["ICLEI World Congress 2021–22", "2021–2022"]),
    (EN, "/en/events/daring-cities/", ["Daring Cities forums", "A recurring series"]),
    (EN, "/en/events/un-climate-conferences-cop/", ["UN climate conferences (COP)"]),
    (
        RU,
        "/ru/meropriyatiya/klimaticheskie-konferencii-oon-cop/",
        [
            "Климатические конференции ООН (COP)",
            "Регулярная серия",
        ],
    ),
    (EN, "/en/office/", ["Contact", "Kaiser-Friedrich-Str. 7", "53113 Bonn", "Germany"]),
    (RU, "/ru/ofis/", ["Контакты", "Кайзер-Фридрих-штрассе, 7", "53113 Бонн", "Германия"]),
]


@pytest.mark.parametrize(("language", "url", "facts"), FACTS, ids=[case[1] for case in FACTS])
def test_visitor_reads_the_seed_facts(client, seeded_site, language, url, facts):
    response = client.get(url)

    assert response.status_code == 200
    assert html_lang(response) == language
    text = visible_text(response).replace("\xa0", " ")
    missing = [fact for fact in facts if fact not in text]
    assert not missing, f"{url} lacks {missing}"


@pytest.mark.parametrize(
    ("url", "address"),
    [
        ("/en/programmes/urban-leds/", "Kaiser-Friedrich-Str. 7 53113 Bonn Germany"),
        ("/ru/partnery/cdp/", "Кайзер-Фридрих-штрассе, 7 53113 Бонн Германия"),
        ("/en/priorities/", "Kaiser-Friedrich-Str. 7 53113 Bonn Germany"),
    ],
)
def test_every_page_footer_shows_the_office_address(client, seeded_site, url, address):
    text = visible_text(client.get(url)).replace("\xa0", " ")

    assert address in text
