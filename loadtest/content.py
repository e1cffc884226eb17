"""Generated load-test content: plausible programmes, partners and events in nine languages.

Every title and summary is assembled from the phrases below, so it reads like the real
thing in each language while saying, in each language, that it is load-test content.
Nothing here is real: the real content comes from the seed (organisation.seed_content).
"""

import io
import json
import random

from django.core.files.images import ImageFile

from PIL import Image, ImageDraw

SLUG_PREFIX = "load-test-"  # marks every generated page; `generate_load_content --clear`
COLLECTION_NAME = "Load-test images"

LANGUAGES = ("en", "ru", "de", "fr", "es", "pt", "zh-hans", "ko", "ar")

TOPICS = [
    (
        "Clean air partnership",
        "Партнёрство за чистый воздух",
        "Partnerschaft für saubere Luft",
        "Partenariat pour un air pur",
        "Alianza por el aire limpio",
        "Parceria pelo ar limpo",
        "清洁空气伙伴关系",
        "깨끗한 공기 파트너십",
        "شراكة الهواء النظيف",
    ),
    (
        "Low-emission transport",
        "Низкоуглеродный транспорт",
        "Emissionsarmer Verkehr",
        "Transport à faibles émissions",
        "Transporte de bajas emisiones",
        "Transporte de baixas emissões",
        "低排放交通",
        "저배출 교통",
        "النقل منخفض الانبعاثات",
    ),
    (
        "Urban resilience",
        "Устойчивость городов",
        "Urbane Resilienz",
        "Résilience urbaine",
        "Resiliencia urbana",
        "Resiliência urbana",
        "城市韧性",
        "도시 회복력",
        "المرونة الحضرية",
    ),
    (
        "Energy-efficient buildings",
        "Энергоэффективные здания",
        "Energieeffiziente Gebäude",
        "Bâtiments économes en énergie",
        "Edificios eficientes",
        "Edifícios eficientes",
        "节能建筑",
        "에너지 효율 건물",
        "المباني الموفرة للطاقة",
    ),
    (
        "Methane from waste",
        "Метан из отходов",
        "Methan aus Abfall",
        "Méthane des déchets",
        "Metano de residuos",
        "Metano dos resíduos",
        "废弃物甲烷",
        "폐기물 메탄",
        "الميثان من النفايات",
    ),
    (
        "Nature-based solutions",
        "Природные решения",
        "Naturbasierte Lösungen",
        "Solutions fondées sur la nature",
        "Soluciones basadas en la naturaleza",
        "Soluções baseadas na natureza",
        "基于自然的解决方案",
        "자연 기반 해법",
        "حلول قائمة على الطبيعة",
    ),
    (
        "Sustainable procurement",
        "Устойчивые закупки",
        "Nachhaltige Beschaffung",
        "Achats durables",
        "Compras sostenibles",
        "Compras sustentáveis",
        "可持续采购",
        "지속가능한 조달",
        "المشتريات المستدامة",
    ),
    (
        "Climate action planning",
        "Планирование климатических действий",
        "Klimaschutzplanung",
        "Planification climatique",
        "Planificación climática",
        "Planejamento climático",
        "气候行动规划",
        "기후 행동 계획",
        "تخطيط العمل المناخي",
    ),
]

PARTNER_KINDS = [
    (
        "Energy Agency",
        "Энергетическое агентство",
        "Energieagentur",
        "Agence de l'énergie",
        "Agencia de Energía",
        "Agência de Energia",
        "能源署",
        "에너지청",
        "وكالة الطاقة",
    ),
    (
        "Climate Alliance",
        "Климатический альянс",
        "Klimabündnis",
        "Alliance pour le climat",
        "Alianza por el Clima",
        "Aliança pelo Clima",
        "气候联盟",
        "기후 동맹",
        "تحالف المناخ",
    ),
    (
        "Clean Air Network",
        "Сеть за чистый воздух",
        "Netzwerk Saubere Luft",
        "Réseau pour un air pur",
        "Red de Aire Limpio",
        "Rede Ar Limpo",
        "清洁空气网络",
        "깨끗한 공기 네트워크",
        "شبكة الهواء النظيف",
    ),
]

EVENT_KINDS = [
    (
        "Climate Forum",
        "Климатический форум",
        "Klimaforum",
        "Forum climat",
        "Foro del Clima",
        "Fórum do Clima",
        "气候论坛",
        "기후 포럼",
        "منتدى المناخ",
    ),
    (
        "Mobility Summit",
        "Саммит по мобильности",
        "Mobilitätsgipfel",
        "Sommet de la mobilité",
        "Cumbre de Movilidad",
        "Cúpula da Mobilidade",
        "交通峰会",
        "모빌리티 정상회의",
        "قمة التنقل",
    ),
]

# {what} in {city} — word order per language.
TITLE = {
    "en": "{what}: {city}",
    "ru": "{what}: {city}",
    "de": "{what}: {city}",
    "fr": "{what} : {city}",
    "es": "{what}: {city}",
    "pt": "{what}: {city}",
    "zh-hans": "{city}{what}",
    "ko": "{city} {what}",
    "ar": "{what}: {city}",
}
SUMMARY = {
    "en": "Load-test content: {what} with local governments in {city}, {years}.",
    "ru": "Тестовые данные для нагрузки: {what} вместе с местными властями, {city}, {years}.",
    "de": "Lasttest-Inhalt: {what} mit den Kommunen in {city}, {years}.",
    "fr": "Contenu de test de charge : {what} avec les collectivités de {city}, {years}.",
    "es": "Contenido de prueba de carga: {what} con los gobiernos locales de {city}, {years}.",
    "pt": "Conteúdo de teste de carga: {what} com os governos locais de {city}, {years}.",
    "zh-hans": "负载测试内容：{city}与地方政府合作的{what}，{years}。",
    "ko": "부하 테스트 콘텐츠: {city} 지방정부와 함께하는 {what}, {years}.",
    "ar": "محتوى اختبار التحميل: {what} مع الحكومات المحلية في {city}، {years}.",
}

# (city, country): the country filter of the programme listing works on these.
PLACES = [
    ("Seoul", "KR"),
    ("Busan", "KR"),
    ("Incheon", "KR"),
    ("Bonn", "DE"),
    ("Freiburg", "DE"),
    ("Lyon", "FR"),
    ("Bogotá", "CO"),
    ("Quito", "EC"),
    ("Recife", "BR"),
    ("Cape Town", "ZA"),
    ("Nairobi", "KE"),
    ("Pune", "IN"),
    ("Jakarta", "ID"),
    ("Yokohama", "JP"),
    ("Ulaanbaatar", "MN"),
    ("Amman", "JO"),
    ("Almaty", "KZ"),
    ("Kazan", "RU"),
    ("Toronto", "CA"),
    ("Mexico City", "MX"),
]

PALETTE = [(26, 93, 72), (19, 78, 120), (160, 82, 45), (92, 60, 140), (200, 150, 30)]


def texts(kind, rng):
    """Titles and summaries in every language for one generated item, and its facts."""
    what = rng.choice(
        TOPICS if kind == "programme" else PARTNER_KINDS if kind == "partner" else EVENT_KINDS
    )
    city, country = rng.choice(PLACES)
    start = rng.randint(2008, 2024)
    end = start + rng.randint(1, 8)
    years = f"{start}–{end}"
    titles, summaries = {}, {}
    for index, code in enumerate(LANGUAGES):
        titles[code] = TITLE[code].format(what=what[index], city=city)
        topic = (
            what[index]
            if code in ("de", "zh-hans", "ko")
            else what[index][0].lower() + what[index][1:]
        )
        summaries[code] = SUMMARY[code].format(what=topic, city=city, years=years)
    return {
        "titles": titles,
        "summaries": summaries,
        "country": country,
        "start": start,
        "end": end,
    }


def body(summaries):
    """A short StreamField body per language: two paragraphs."""
    return {
        code: json.dumps(
            [
                {"type": "paragraph", "value": f"<p>{text}</p>"},
                {"type": "paragraph", "value": f"<p>{text} {text}</p>"},
            ]
        )
        for code, text in summaries.items()
    }


def picture(number):
    """A small generated picture (a JPEG of bands of colour)."""
    rng = random.Random(number)  # noqa: S311 (reproducible pictures, not secrets)
    image = Image.new("RGB", (1200, 800), PALETTE[number % len(PALETTE)])
    draw = ImageDraw.Draw(image)
    for band in range(6):
        colour = tuple(
            min(255, c + rng.randint(0, 80)) for c in PALETTE[(number + band) % len(PALETTE)]
        )
        draw.rectangle([0, band * 140, 1200, band * 140 + 70], fill=colour)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return ImageFile(buffer, name=f"load-test-{number:02d}.jpg")
