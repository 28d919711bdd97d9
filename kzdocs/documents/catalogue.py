"""Catalogues as data: state services (with provider, term and the refusal grounds they admit),
refusal grounds, queue priorities and the documents a receipt can list."""

from __future__ import annotations

from typing import Final, NamedTuple


class Service(NamedTuple):
    """A state service from the seed regulations.

    ``term`` is the service term as the seeds give it (where they give only the steps, the
    steps summed and rounded up to the larger unit), as ``(count, unit)`` for
    :func:`kzdocs.lang.format_duration`.
    """

    name_kk: str
    name_ru: str
    provider_kk: str
    provider_ru: str
    term: tuple[int, str]
    #: The refusal grounds (codes of :data:`REFUSAL_GROUNDS`) a refusal of this service may cite.
    grounds: tuple[str, ...] = ()


_EDU_KK, _EDU_RU = "жергілікті атқарушы органның білім бөлімі", "отдел образования местного исполнительного органа"
_SCHOOL_KK, _SCHOOL_RU = "білім беру ұйымы", "организация образования"
_SOC_KK, _SOC_RU = "жұмыспен қамту және әлеуметтік бағдарламалар бөлімі", "отдел занятости и социальных программ"
_REHAB_KK, _REHAB_RU = "оңалту орталығы, психологиялық-педагогикалық түзету кабинеті", (
    "реабилитационный центр, кабинет психолого-педагогической коррекции"
)
_JOBS_KK, _JOBS_RU = "халықты жұмыспен қамту орталығы", "центр занятости населения"

#: Grounds any service admits; the age limit only where the service is for children of an age.
_GROUNDS: Final = ("incomplete_documents", "false_data", "not_eligible", "eds_not_verified", "other")
_CHILD_GROUNDS: Final = (*_GROUNDS, "age_limit")

SERVICES: Final[dict[str, Service]] = {
    "preschool_queue": Service(
        "Мектепке дейінгі балалар ұйымдарына жіберу үшін мектепке дейінгі жастағы (7 жасқа толмаған) "
        "балаларды кезекке қою",
        "Постановка на очередь детей дошкольного возраста (до 7 лет) для направления в детские дошкольные организации",
        _EDU_KK, _EDU_RU, (3, "working_day"), _CHILD_GROUNDS,
    ),
    "education_duplicates": Service(
        "Негізгі орта, жалпы орта білім туралы құжаттардың телнұсқаларын беру",
        "Выдача дубликатов документов об основном среднем, общем среднем образовании",
        _SCHOOL_KK, _SCHOOL_RU, (30, "calendar_day"), _GROUNDS,
    ),
    "externat": Service(
        "Негізгі орта, жалпы орта білім беру ұйымдарында экстернат нысанында оқуға рұқсат беру",
        "Выдача разрешения на обучение в форме экстерната в организациях основного среднего, общего среднего "
        "образования",
        _SCHOOL_KK, _SCHOOL_RU, (15, "working_day"), _GROUNDS,
    ),
    "pmpc_examination": Service(
        "Мүмкіндіктері шектеулі балаларды тексеру және оларға психологиялық-медициналық-педагогикалық "
        "консультациялық көмек көрсету",
        "Обследование и оказание психолого-медико-педагогической консультативной помощи детям с ограниченными "
        "возможностями",
        "психологиялық-медициналық-педагогикалық консультация", "психолого-медико-педагогическая консультация",
        (15, "calendar_day"), _CHILD_GROUNDS,
    ),
    "rehabilitation": Service(
        "Дамуында проблемалары бар балалар мен жасөспірімдерді оңалту және әлеуметтік бейімдеу",
        "Реабилитация и социальная адаптация детей и подростков с проблемами в развитии",
        _REHAB_KK, _REHAB_RU, (180, "calendar_day"), _CHILD_GROUNDS,
    ),
    "family_counselling": Service(
        "Мүмкіндіктері шектеулі балаларды тәрбиелеп отырған отбасыларға консультациялық көмек көрсету",
        "Оказание консультативной помощи семьям, воспитывающим детей с ограниченными возможностями",
        _REHAB_KK, _REHAB_RU, (1, "hour"), _CHILD_GROUNDS,
    ),
    "targeted_social_assistance": Service(
        "Мемлекеттік атаулы әлеуметтік көмек тағайындау",
        "Назначение государственной адресной социальной помощи",
        _SOC_KK, _SOC_RU, (7, "working_day"), _GROUNDS,
    ),
    "child_benefit": Service(
        "Он сегіз жасқа дейінгі балаларға мемлекеттік жәрдемақы тағайындау",
        "Назначение государственных пособий на детей до восемнадцати лет",
        _SOC_KK, _SOC_RU, (7, "working_day"), _CHILD_GROUNDS,
    ),
    "tsa_certificate": Service(
        "Өтініш берушінің (отбасының) атаулы әлеуметтік көмек алушыларға тиесілігін растайтын анықтама беру",
        "Выдача справки, подтверждающей принадлежность заявителя (семьи) к получателям адресной социальной помощи",
        _SOC_KK, _SOC_RU, (15, "minute"), _GROUNDS,
    ),
    "employment_referral": Service(
        "Адамдарға жұмыспен қамтуға жәрдемдесудің белсенді шараларына қатысуға жолдамалар беру",
        "Выдача направлений лицам на участие в активных мерах содействия занятости",
        _JOBS_KK, _JOBS_RU, (30, "minute"), _GROUNDS,
    ),
    "special_social_services_institution": Service(
        "Медициналық-әлеуметтік мекемелерде (ұйымдарда) арнаулы әлеуметтік қызмет көрсетуге құжаттар ресімдеу",
        "Оформление документов на оказание специальных социальных услуг в медико-социальных учреждениях "
        "(организациях)",
        _SOC_KK, _SOC_RU, (17, "working_day"), _GROUNDS,
    ),
    "special_social_services_home": Service(
        "Үйде күтім көрсету жағдайында арнаулы әлеуметтік қызмет көрсетуге құжаттар ресімдеу",
        "Оформление документов на оказание специальных социальных услуг в условиях ухода на дому",
        _SOC_KK, _SOC_RU, (14, "working_day"), _GROUNDS,
    ),
    "rural_specialist_fuel_aid": Service(
        "Ауылдық елді мекендерде тұратын және жұмыс істейтін әлеуметтік сала мамандарына отын сатып алу бойынша "
        "әлеуметтік көмек тағайындау",
        "Назначение социальной помощи на приобретение топлива специалистам социальной сферы, проживающим и "
        "работающим в сельских населенных пунктах",
        _SOC_KK, _SOC_RU, (10, "working_day"), _GROUNDS,
    ),
    "job_seeker_registration": Service(
        "Жұмыс іздеп жүрген адамдарды тіркеу",
        "Регистрация лиц, ищущих работу",
        _JOBS_KK, _JOBS_RU, (10, "minute"), _GROUNDS,
    ),
    "unemployed_registration": Service(
        "Жұмыссыз ретінде жұмыс іздеп жүрген адамдарды тіркеу",
        "Регистрация лиц, ищущих работу, в качестве безработных",
        _JOBS_KK, _JOBS_RU, (10, "minute"), _GROUNDS,
    ),
    "guardianship": Service(
        "Жетім балаға (жетім балаларға) және ата-анасының қамқорлығынсыз қалған балаға (балаларға) қорғаншылық "
        "немесе қамқоршылық белгілеу",
        "Установление опеки или попечительства над ребенком-сиротой (детьми-сиротами) и ребенком (детьми), "
        "оставшимся без попечения родителей",
        "қорғаншылық және қамқоршылық органы", "орган опеки и попечительства", (30, "calendar_day"), _CHILD_GROUNDS,
    ),
    "visitation_permit": Service(
        "Балаға кері әсер етпейтін ата-ана құқықтарынан айырылған ата-аналарға баламен кездесуге рұқсат беру",
        "Выдача разрешения на свидания с ребенком родителям, лишенным родительских прав, не оказывающим на "
        "ребенка негативного влияния",
        "қорғаншылық және қамқоршылық органы", "орган опеки и попечительства", (5, "working_day"), _CHILD_GROUNDS,
    ),
}


class Ground(NamedTuple):
    """A refusal ground: fixed text in both languages; ``details`` required or not."""

    text_kk: str
    text_ru: str
    details_required: bool = False


REFUSAL_GROUNDS: Final[dict[str, Ground]] = {
    "incomplete_documents": Ground(
        "мемлекеттік көрсетілетін қызмет стандартында көзделген құжаттардың толық топтамасы ұсынылмаған",
        "не представлен полный пакет документов, предусмотренных стандартом государственной услуги",
        details_required=True,
    ),
    "false_data": Ground(
        "мемлекеттік қызметті алу үшін ұсынылған құжаттардың және (немесе) олардағы деректердің (мәліметтердің) "
        "анық еместігі анықталды",
        "установлена недостоверность документов, представленных для получения государственной услуги, и (или) "
        "данных (сведений), содержащихся в них",
    ),
    "not_eligible": Ground(
        "көрсетілетін қызметті алушы мемлекеттік қызметті алу үшін қойылатын талаптарға сәйкес келмейді",
        "услугополучатель не соответствует требованиям, установленным для получения государственной услуги",
        details_required=True,
    ),
    "eds_not_verified": Ground(
        "көрсетілетін қызметті алушының электрондық цифрлық қолтаңбасының (ЭЦҚ) түпнұсқалығы расталмады",
        "не подтверждена подлинность электронной цифровой подписи (ЭЦП) услугополучателя",
    ),
    "age_limit": Ground(
        "баланың жасы мемлекеттік көрсетілетін қызметте белгіленген жас шегіне сәйкес келмейді",
        "возраст ребенка не соответствует возрастному пределу, установленному для государственной услуги",
    ),
    "other": Ground("", "", details_required=True),
}


class Priority(NamedTuple):
    """A ground for the first-priority queue (standard 003, item 6)."""

    name_kk: str
    name_ru: str


QUEUE_PRIORITIES: Final[dict[str, Priority]] = {
    "disabled_children": Priority("мүгедектігі бар адамдардың балалары", "дети лиц с инвалидностью"),
    "without_parental_care": Priority(
        "ата-анасының қамқорлығынсыз қалған балалар", "дети, оставшиеся без попечения родителей"
    ),
    "orphans": Priority("жетім балалар", "дети-сироты"),
    "large_families": Priority("көп балалы отбасынан шыққан балалар", "дети из многодетных семей"),
    "war_veterans_equivalent": Priority(
        "соғысқа қатысқан және соғыс мүгедектеріне жеңілдік пен кепілдік берілген тұлғалардың балалары",
        "дети лиц, которым предоставлены льготы и гарантии участников и инвалидов войны",
    ),
}

#: The article of the Law on state services that lists the grounds for refusal, cited by a refusal.
REFUSAL_LAW_KK: Final = (
    "«Мемлекеттік көрсетілетін қызметтер туралы» Қазақстан Республикасының 2013 жылғы 15 сәуірдегі Заңының "
    "19-1-бабына сәйкес"
)
REFUSAL_LAW_RU: Final = (
    "в соответствии со статьей 19-1 Закона Республики Казахстан от 15 апреля 2013 года «О государственных услугах»"
)


class DocumentName(NamedTuple):
    """A document an applicant hands in, named in both languages."""

    name_kk: str
    name_ru: str


#: Documents a receipt lists by code (standard 003, item 11, and the documents of the other services).
ACCEPTED_DOCUMENTS: Final[dict[str, DocumentName]] = {
    "application": DocumentName("Өтініш", "Заявление"),
    "identity_document": DocumentName("Жеке басын куәландыратын құжат", "Документ, удостоверяющий личность"),
    "birth_certificate": DocumentName("Баланың туу туралы куәлігі", "Свидетельство о рождении ребенка"),
    "priority_document": DocumentName("Жеңілдікті растайтын құжат", "Документ, подтверждающий право на льготу"),
    "large_family_status": DocumentName(
        "Көп балалы отбасы мәртебесін растайтын құжат", "Документ, подтверждающий статус многодетной семьи"
    ),
    "disability_certificate": DocumentName("Мүгедектігі туралы анықтама", "Справка об инвалидности"),
    "address_certificate": DocumentName(
        "Мекенжайы туралы анықтама немесе тұратын жерін растайтын құжат",
        "Адресная справка или документ, подтверждающий место жительства",
    ),
    "guardianship_document": DocumentName(
        "Қорғаншылықты (қамқоршылықты) растайтын құжат", "Документ, подтверждающий опеку (попечительство)"
    ),
    "power_of_attorney": DocumentName("Сенімхат", "Доверенность"),
}
