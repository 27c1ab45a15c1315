/* crm-demo-data.c
 *
 * Copyright 2026 The Rapport developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "crm-demo-data.h"

#define TABLE(a) { a, G_N_ELEMENTS (a) }

/* Russian */

static const CrmDemoCity ru_cities[] = {
  { "Москва", "Москва", "495", "499", 77, CRM_DEMO_COUNTRY_RU, 240 },
  { "Санкт-Петербург", "Санкт-Петербург", "812", NULL, 78, CRM_DEMO_COUNTRY_RU, 110 },
  { "Новосибирск", "Новосибирская область", "383", NULL, 54, CRM_DEMO_COUNTRY_RU, 32 },
  { "Екатеринбург", "Свердловская область", "343", NULL, 66, CRM_DEMO_COUNTRY_RU, 30 },
  { "Казань", "Республика Татарстан", "843", NULL, 16, CRM_DEMO_COUNTRY_RU, 26 },
  { "Нижний Новгород", "Нижегородская область", "831", NULL, 52, CRM_DEMO_COUNTRY_RU, 24 },
  { "Челябинск", "Челябинская область", "351", NULL, 74, CRM_DEMO_COUNTRY_RU, 22 },
  { "Самара", "Самарская область", "846", NULL, 63, CRM_DEMO_COUNTRY_RU, 22 },
  { "Омск", "Омская область", "3812", NULL, 55, CRM_DEMO_COUNTRY_RU, 20 },
  { "Ростов-на-Дону", "Ростовская область", "863", NULL, 61, CRM_DEMO_COUNTRY_RU, 22 },
  { "Уфа", "Республика Башкортостан", "347", NULL, 2, CRM_DEMO_COUNTRY_RU, 21 },
  { "Красноярск", "Красноярский край", "391", NULL, 24, CRM_DEMO_COUNTRY_RU, 21 },
  { "Пермь", "Пермский край", "342", NULL, 59, CRM_DEMO_COUNTRY_RU, 20 },
  { "Воронеж", "Воронежская область", "473", NULL, 36, CRM_DEMO_COUNTRY_RU, 20 },
  { "Волгоград", "Волгоградская область", "8442", NULL, 34, CRM_DEMO_COUNTRY_RU, 18 },
  { "Краснодар", "Краснодарский край", "861", NULL, 23, CRM_DEMO_COUNTRY_RU, 20 },
  { "Саратов", "Саратовская область", "8452", NULL, 64, CRM_DEMO_COUNTRY_RU, 16 },
  { "Тюмень", "Тюменская область", "3452", NULL, 72, CRM_DEMO_COUNTRY_RU, 16 },
  { "Тольятти", "Самарская область", "8482", NULL, 63, CRM_DEMO_COUNTRY_RU, 12 },
  { "Ижевск", "Удмуртская Республика", "3412", NULL, 18, CRM_DEMO_COUNTRY_RU, 12 },
  { "Барнаул", "Алтайский край", "3852", NULL, 22, CRM_DEMO_COUNTRY_RU, 12 },
  { "Ульяновск", "Ульяновская область", "8422", NULL, 73, CRM_DEMO_COUNTRY_RU, 11 },
  { "Иркутск", "Иркутская область", "3952", NULL, 38, CRM_DEMO_COUNTRY_RU, 11 },
  { "Хабаровск", "Хабаровский край", "4212", NULL, 27, CRM_DEMO_COUNTRY_RU, 11 },
  { "Ярославль", "Ярославская область", "4852", NULL, 76, CRM_DEMO_COUNTRY_RU, 11 },
  { "Владивосток", "Приморский край", "423", NULL, 25, CRM_DEMO_COUNTRY_RU, 11 },
  { "Махачкала", "Республика Дагестан", "8722", NULL, 5, CRM_DEMO_COUNTRY_RU, 10 },
  { "Томск", "Томская область", "3822", NULL, 70, CRM_DEMO_COUNTRY_RU, 10 },
  { "Оренбург", "Оренбургская область", "3532", NULL, 56, CRM_DEMO_COUNTRY_RU, 10 },
  { "Кемерово", "Кемеровская область — Кузбасс", "3842", NULL, 42, CRM_DEMO_COUNTRY_RU, 10 },
  { "Новокузнецк", "Кемеровская область — Кузбасс", "3843", NULL, 42, CRM_DEMO_COUNTRY_RU, 9 },
  { "Рязань", "Рязанская область", "4912", NULL, 62, CRM_DEMO_COUNTRY_RU, 9 },
  { "Астрахань", "Астраханская область", "8512", NULL, 30, CRM_DEMO_COUNTRY_RU, 9 },
  { "Пенза", "Пензенская область", "8412", NULL, 58, CRM_DEMO_COUNTRY_RU, 9 },
  { "Липецк", "Липецкая область", "4742", NULL, 48, CRM_DEMO_COUNTRY_RU, 9 },
  { "Тула", "Тульская область", "4872", NULL, 71, CRM_DEMO_COUNTRY_RU, 9 },
  { "Калининград", "Калининградская область", "4012", NULL, 39, CRM_DEMO_COUNTRY_RU, 9 },
  { "Сочи", "Краснодарский край", "862", NULL, 23, CRM_DEMO_COUNTRY_RU, 8 },
  { "Ставрополь", "Ставропольский край", "8652", NULL, 26, CRM_DEMO_COUNTRY_RU, 8 },
  { "Белгород", "Белгородская область", "4722", NULL, 31, CRM_DEMO_COUNTRY_RU, 7 },
  { "Мурманск", "Мурманская область", "8152", NULL, 51, CRM_DEMO_COUNTRY_RU, 5 },
  { "Архангельск", "Архангельская область", "8182", NULL, 29, CRM_DEMO_COUNTRY_RU, 6 },
  { "Тверь", "Тверская область", "4822", NULL, 69, CRM_DEMO_COUNTRY_RU, 7 },
  { "Калуга", "Калужская область", "4842", NULL, 40, CRM_DEMO_COUNTRY_RU, 6 },
  { "Владимир", "Владимирская область", "4922", NULL, 33, CRM_DEMO_COUNTRY_RU, 6 },
  { "Смоленск", "Смоленская область", "4812", NULL, 67, CRM_DEMO_COUNTRY_RU, 5 },
  { "Курск", "Курская область", "4712", NULL, 46, CRM_DEMO_COUNTRY_RU, 6 },
  { "Сургут", "Ханты-Мансийский автономный округ — Югра", "3462", NULL, 86,
    CRM_DEMO_COUNTRY_RU, 6 },
  { "Чебоксары", "Чувашская Республика", "8352", NULL, 21, CRM_DEMO_COUNTRY_RU, 7 },
  { "Якутск", "Республика Саха (Якутия)", "4112", NULL, 14, CRM_DEMO_COUNTRY_RU, 5 },
};

static const char * const ru_streets[] = {
  "Ленина", "Мира", "Гагарина", "Пушкина", "Кирова", "Чкалова", "Победы", "Маяковского",
  "Куйбышева", "Свердлова", "Карла Маркса", "Дзержинского", "Горького", "Некрасова", "Чехова",
  "Лермонтова", "Толстого", "Жукова", "Суворова", "Кутузова", "Строителей", "Космонавтов",
  "Энтузиастов", "Металлургов", "Фрунзе", "Калинина", "Ломоносова", "Менделеева", "Королёва",
  "Тимирязева", "Островского", "Гоголя", "Белинского", "Герцена", "Челюскинцев", "Володарского",
  "Мичурина", "Вавилова", "Циолковского", "Есенина",
};

static const char * const ru_streets_adjective[] = {
  "Садовая", "Лесная", "Советская", "Центральная", "Молодёжная", "Школьная", "Заводская",
  "Октябрьская", "Московская", "Первомайская", "Комсомольская", "Промышленная", "Транспортная",
  "Набережная", "Полевая", "Солнечная", "Новая", "Северная", "Южная", "Луговая", "Трудовая",
  "Рабочая", "Красная", "Береговая", "Парковая", "Железнодорожная", "Озёрная", "Вокзальная",
  "Пролетарская", "Нагорная",
};

static const char * const ru_street_types[] = {
  "ул.", "ул.", "ул.", "ул.", "пр-т", "пр-т", "пер.", "б-р", "наб.", "ш.",
};

static const CrmDemoMaleName ru_male_names[] = {
  { "Александр", "Александрович", "Александровна" },
  { "Алексей", "Алексеевич", "Алексеевна" },
  { "Анатолий", "Анатольевич", "Анатольевна" },
  { "Андрей", "Андреевич", "Андреевна" },
  { "Антон", "Антонович", "Антоновна" },
  { "Аркадий", "Аркадьевич", "Аркадьевна" },
  { "Артём", "Артёмович", "Артёмовна" },
  { "Борис", "Борисович", "Борисовна" },
  { "Вадим", "Вадимович", "Вадимовна" },
  { "Валерий", "Валерьевич", "Валерьевна" },
  { "Василий", "Васильевич", "Васильевна" },
  { "Виктор", "Викторович", "Викторовна" },
  { "Виталий", "Витальевич", "Витальевна" },
  { "Владимир", "Владимирович", "Владимировна" },
  { "Владислав", "Владиславович", "Владиславовна" },
  { "Вячеслав", "Вячеславович", "Вячеславовна" },
  { "Геннадий", "Геннадьевич", "Геннадьевна" },
  { "Георгий", "Георгиевич", "Георгиевна" },
  { "Глеб", "Глебович", "Глебовна" },
  { "Григорий", "Григорьевич", "Григорьевна" },
  { "Денис", "Денисович", "Денисовна" },
  { "Дмитрий", "Дмитриевич", "Дмитриевна" },
  { "Евгений", "Евгеньевич", "Евгеньевна" },
  { "Егор", "Егорович", "Егоровна" },
  { "Иван", "Иванович", "Ивановна" },
  { "Игорь", "Игоревич", "Игоревна" },
  { "Илья", "Ильич", "Ильинична" },
  { "Кирилл", "Кириллович", "Кирилловна" },
  { "Константин", "Константинович", "Константиновна" },
  { "Леонид", "Леонидович", "Леонидовна" },
  { "Максим", "Максимович", "Максимовна" },
  { "Матвей", "Матвеевич", "Матвеевна" },
  { "Михаил", "Михайлович", "Михайловна" },
  { "Никита", "Никитич", "Никитична" },
  { "Николай", "Николаевич", "Николаевна" },
  { "Олег", "Олегович", "Олеговна" },
  { "Павел", "Павлович", "Павловна" },
  { "Пётр", "Петрович", "Петровна" },
  { "Роман", "Романович", "Романовна" },
  { "Руслан", "Русланович", "Руслановна" },
  { "Семён", "Семёнович", "Семёновна" },
  { "Сергей", "Сергеевич", "Сергеевна" },
  { "Станислав", "Станиславович", "Станиславовна" },
  { "Степан", "Степанович", "Степановна" },
  { "Тимофей", "Тимофеевич", "Тимофеевна" },
  { "Тимур", "Тимурович", "Тимуровна" },
  { "Фёдор", "Фёдорович", "Фёдоровна" },
  { "Эдуард", "Эдуардович", "Эдуардовна" },
  { "Юрий", "Юрьевич", "Юрьевна" },
  { "Ярослав", "Ярославович", "Ярославовна" },
};

static const char * const ru_female_names[] = {
  "Анна", "Мария", "Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана", "Екатерина",
  "Юлия", "Анастасия", "Дарья", "Марина", "Людмила", "Галина", "Валентина", "Надежда",
  "Виктория", "Ксения", "Алина", "Полина", "Вера", "Любовь", "Евгения", "Александра",
  "Кристина", "Оксана", "Лариса", "Елизавета", "Софья", "Алёна", "Яна", "Жанна", "Лилия",
  "Нина", "Тамара", "Диана", "Вероника", "Маргарита", "Инна",
};

/* Masculine forms; crm-demo.c derives the feminine ones */
static const char * const ru_last_names[] = {
  "Иванов", "Смирнов", "Кузнецов", "Попов", "Васильев", "Петров", "Соколов", "Михайлов",
  "Новиков", "Фёдоров", "Морозов", "Волков", "Алексеев", "Лебедев", "Семёнов", "Егоров",
  "Павлов", "Козлов", "Степанов", "Николаев", "Орлов", "Андреев", "Макаров", "Никитин",
  "Захаров", "Зайцев", "Соловьёв", "Борисов", "Яковлев", "Григорьев", "Романов", "Воробьёв",
  "Сергеев", "Кузьмин", "Фролов", "Александров", "Дмитриев", "Королёв", "Гусев", "Киселёв",
  "Ильин", "Максимов", "Поляков", "Сорокин", "Виноградов", "Ковалёв", "Белов", "Медведев",
  "Антонов", "Тарасов", "Жуков", "Баранов", "Филиппов", "Комаров", "Давыдов", "Беляев",
  "Герасимов", "Богданов", "Осипов", "Сидоров", "Матвеев", "Титов", "Марков", "Миронов",
  "Крылов", "Куликов", "Карпов", "Власов", "Мельников", "Денисов", "Гаврилов", "Тихонов",
  "Казаков", "Афанасьев", "Данилов", "Савельев", "Тимофеев", "Фомин", "Чернов", "Абрамов",
  "Мартынов", "Ефимов", "Федотов", "Щербаков", "Назаров", "Калинин", "Исаев", "Чернышёв",
  "Быков", "Маслов", "Родионов", "Коновалов", "Лазарев", "Воронин", "Климов", "Филатов",
  "Пономарёв", "Голубев", "Кудрявцев", "Прохоров", "Наумов", "Потапов", "Журавлёв",
  "Овчинников", "Трофимов", "Леонов", "Соболев", "Ермаков", "Колесников", "Гончаров",
  "Емельянов", "Никифоров", "Грачёв", "Котов", "Гришин", "Ефремов", "Архипов", "Громов",
  "Кириллов", "Малышев", "Панов", "Моисеев", "Румянцев", "Акимов", "Кондратьев", "Бирюков",
  "Горбунов", "Анисимов", "Галкин", "Лукьянов", "Михеев", "Скворцов", "Юдин", "Белоусов",
  "Нестеров", "Симонов", "Прокофьев", "Харитонов", "Князев", "Цветков", "Левин", "Воронцов",
  "Фадеев", "Рябов", "Зимин", "Лапин", "Вишневский", "Островский", "Савицкий", "Покровский",
  "Полянский", "Успенский", "Троицкий", "Дубровский", "Жуковский", "Соколовский", "Введенский",
  "Толстой", "Шевченко", "Бондаренко", "Ткаченко", "Кравченко", "Коваленко", "Лысенко",
  "Карпенко", "Седых", "Черных", "Долгих", "Белых",
};

static const char * const ru_positions[] = {
  "Коммерческий директор", "Финансовый директор", "Технический директор",
  "Заместитель генерального директора", "Главный бухгалтер", "Главный бухгалтер", "Бухгалтер",
  "Бухгалтер", "Менеджер по закупкам", "Менеджер по закупкам", "Менеджер по закупкам",
  "Специалист по закупкам", "Начальник отдела снабжения", "Начальник отдела снабжения",
  "Руководитель отдела продаж", "Менеджер по продажам", "Офис-менеджер", "Секретарь",
  "Главный инженер", "Инженер", "Юрист", "Логист", "Начальник производства", "IT-директор",
  "Системный администратор", "Маркетолог", "Кладовщик", "Заведующий складом",
  "Руководитель проектов", "Специалист по тендерам",
};

static const char * const ru_head_positions[] = {
  "Генеральный директор", "Генеральный директор", "Генеральный директор", "Директор",
  "Исполнительный директор", "Управляющий",
};

static const char * const ru_contact_notes[] = {
  "Предпочитает общение по электронной почте.",
  "Звонить после 14:00.",
  "Принимает решения о закупках.",
  "Решения согласовывает с генеральным директором.",
  "Не звонить по понедельникам.",
  "Лучше писать в мессенджер.",
  "Часто в командировках, звонить на мобильный.",
  "Отвечает за оплату счетов.",
};

static const char * const ru_mobile_codes[] = {
  "900", "901", "902", "903", "904", "905", "906", "908", "909", "910", "911", "912", "913",
  "914", "915", "916", "917", "918", "919", "920", "921", "922", "923", "924", "925", "926",
  "927", "928", "929", "930", "950", "951", "952", "953", "958", "960", "961", "962", "963",
  "964", "965", "967", "968", "977", "978", "980", "981", "982", "983", "985", "987", "988",
  "989", "991", "995", "996", "999",
};

static const char * const ru_free_mail_domains[] = {
  "mail.ru", "mail.ru", "yandex.ru", "yandex.ru", "gmail.com", "bk.ru", "list.ru",
  "inbox.ru", "rambler.ru", "ya.ru",
};

static const char * const ru_name_roots[] = {
  "Техно", "Агро", "Энерго", "Строй", "Пром", "Транс", "Мед", "Фарм", "Инвест", "Нефте",
  "Газ", "Металл", "Электро", "Авто", "Сиб", "Урал", "Волга", "Север", "Юг", "Дон", "Балт",
  "Евро", "Рус", "Интер", "Гео", "Эко", "Био", "Инфо", "Теле", "Спец", "Проф", "Мега",
  "Гидро", "Термо", "Норд", "Вест", "Даль", "Кам", "Стандарт", "Лес",
};

static const char * const ru_name_endings[] = {
  "Строй", "Сервис", "Торг", "Комплект", "Снаб", "Пром", "Маш", "Трейд", "Логистик",
  "Систем", "Проект", "Монтаж", "Ресурс", "Групп", "Сбыт", "Инвест", "Альянс", "Лайн",
  "Плюс", "Софт", "Лаб", "Терминал", "Импорт", "Консалт", "Холдинг", "Тех", "Мет", "Опт",
  "Маркет", "Инжиниринг",
};

static const char * const ru_name_words[] = {
  "Ромашка", "Вектор", "Альфа", "Гранит", "Меридиан", "Орион", "Монолит", "Пегас", "Атлант",
  "Эталон", "Горизонт", "Сфера", "Квант", "Протон", "Импульс", "Стимул", "Прогресс",
  "Рассвет", "Восход", "Заря", "Радуга", "Берёзка", "Колос", "Нива", "Магистраль", "Фаворит",
  "Лидер", "Триумф", "Успех", "Капитал", "Партнёр", "Союз", "Содружество", "Перспектива",
  "Динамика", "Вертикаль", "Спектр", "Кристалл", "Янтарь", "Малахит", "Сапфир", "Аметист",
  "Бриз", "Парус", "Маяк", "Якорь", "Фрегат", "Титан", "Астра", "Вега", "Сириус", "Полюс",
  "Арктика", "Тайга", "Байкал", "Алтай", "Енисей", "Ладога", "Кедр", "Дубрава", "Сокол",
  "Беркут", "Феникс", "Гелиос", "Аврора", "Олимп", "Эверест", "Гарант", "Оптима", "Максимум",
  "Формула", "Интеграл", "Синтез", "Старт", "Пилот", "Штурман", "Навигатор", "Северянка",
  "Ресурс", "Элемент", "Виктория", "Онега", "Волна", "Мечта", "Уют", "Теремок", "Ландыш",
  "Крона", "Исток", "Родник",
};

static const char * const ru_name_activities[] = {
  "Трейд", "Сервис", "Групп", "Строй", "Логистик", "Инвест", "Консалтинг", "Инжиниринг",
  "Маркет", "Снаб", "Торг", "Плюс", "Про", "Авто", "Транс", "Агро", "Мед", "Энерго",
  "Девелопмент", "Урал", "Сибирь", "Юг", "Север", "Центр", "Дон", "Волга", "Кубань", "Кама",
  "Регион", "Восток", "Запад", "Балт", "Поволжье", "Приморье", "Черноземье", "Нева", "М",
  "СПб", "НН", "Оптима",
};

static const char * const ru_name_kinds[] = {
  "Торговый дом", "Торговый дом", "Группа компаний", "Производственная компания", "Завод",
  "Фабрика", "Агентство", "Компания", "Студия", "Центр", "Торговая компания",
  "Транспортная компания", "Строительная компания", "Научно-производственное объединение",
};

static const CrmDemoAdjective ru_adjectives[] = {
  { { "Северный", "Северная", "Северное", "Северные" } },
  { { "Южный", "Южная", "Южное", "Южные" } },
  { { "Западный", "Западная", "Западное", "Западные" } },
  { { "Восточный", "Восточная", "Восточное", "Восточные" } },
  { { "Центральный", "Центральная", "Центральное", "Центральные" } },
  { { "Первый", "Первая", "Первое", "Первые" } },
  { { "Новый", "Новая", "Новое", "Новые" } },
  { { "Сибирский", "Сибирская", "Сибирское", "Сибирские" } },
  { { "Уральский", "Уральская", "Уральское", "Уральские" } },
  { { "Волжский", "Волжская", "Волжское", "Волжские" } },
  { { "Балтийский", "Балтийская", "Балтийское", "Балтийские" } },
  { { "Невский", "Невская", "Невское", "Невские" } },
  { { "Московский", "Московская", "Московское", "Московские" } },
  { { "Донской", "Донская", "Донское", "Донские" } },
  { { "Дальневосточный", "Дальневосточная", "Дальневосточное", "Дальневосточные" } },
  { { "Русский", "Русская", "Русское", "Русские" } },
  { { "Народный", "Народная", "Народное", "Народные" } },
  { { "Городской", "Городская", "Городское", "Городские" } },
  { { "Региональный", "Региональная", "Региональное", "Региональные" } },
  { { "Объединённый", "Объединённая", "Объединённое", "Объединённые" } },
  { { "Современный", "Современная", "Современное", "Современные" } },
  { { "Надёжный", "Надёжная", "Надёжное", "Надёжные" } },
  { { "Золотой", "Золотая", "Золотое", "Золотые" } },
  { { "Зелёный", "Зелёная", "Зелёное", "Зелёные" } },
  { { "Кубанский", "Кубанская", "Кубанское", "Кубанские" } },
  { { "Камский", "Камская", "Камское", "Камские" } },
  { { "Окский", "Окская", "Окское", "Окские" } },
  { { "Столичный", "Столичная", "Столичное", "Столичные" } },
  { { "Межрегиональный", "Межрегиональная", "Межрегиональное", "Межрегиональные" } },
  { { "Национальный", "Национальная", "Национальное", "Национальные" } },
};

static const CrmDemoAdjective ru_activity_adjectives[] = {
  { { "строительный", "строительная", "строительное", "строительные" } },
  { { "торговый", "торговая", "торговое", "торговые" } },
  { { "промышленный", "промышленная", "промышленное", "промышленные" } },
  { { "транспортный", "транспортная", "транспортное", "транспортные" } },
  { { "инженерный", "инженерная", "инженерное", "инженерные" } },
  { { "металлургический", "металлургическая", "металлургическое", "металлургические" } },
  { { "химический", "химическая", "химическое", "химические" } },
  { { "энергетический", "энергетическая", "энергетическое", "энергетические" } },
  { { "машиностроительный", "машиностроительная", "машиностроительное", "машиностроительные" } },
  { { "деревообрабатывающий", "деревообрабатывающая", "деревообрабатывающее",
      "деревообрабатывающие" } },
  { { "пищевой", "пищевая", "пищевое", "пищевые" } },
  { { "молочный", "молочная", "молочное", "молочные" } },
  { { "мебельный", "мебельная", "мебельное", "мебельные" } },
  { { "стекольный", "стекольная", "стекольное", "стекольные" } },
  { { "кабельный", "кабельная", "кабельное", "кабельные" } },
  { { "трубный", "трубная", "трубное", "трубные" } },
  { { "агропромышленный", "агропромышленная", "агропромышленное", "агропромышленные" } },
  { { "логистический", "логистическая", "логистическое", "логистические" } },
  { { "медицинский", "медицинская", "медицинское", "медицинские" } },
  { { "фармацевтический", "фармацевтическая", "фармацевтическое", "фармацевтические" } },
  { { "оптовый", "оптовая", "оптовое", "оптовые" } },
  { { "технический", "техническая", "техническое", "технические" } },
  { { "проектный", "проектная", "проектное", "проектные" } },
  { { "монтажный", "монтажная", "монтажное", "монтажные" } },
  { { "полиграфический", "полиграфическая", "полиграфическое", "полиграфические" } },
  { { "текстильный", "текстильная", "текстильное", "текстильные" } },
  { { "сервисный", "сервисная", "сервисное", "сервисные" } },
  { { "информационный", "информационная", "информационное", "информационные" } },
  { { "топливный", "топливная", "топливное", "топливные" } },
  { { "кровельный", "кровельная", "кровельное", "кровельные" } },
};

static const CrmDemoNoun ru_nouns[] = {
  { "завод", 0 }, { "комбинат", 0 }, { "дом", 0 }, { "центр", 0 }, { "холдинг", 0 },
  { "альянс", 0 }, { "союз", 0 }, { "трест", 0 }, { "комплекс", 0 }, { "двор", 0 },
  { "компания", 1 }, { "группа", 1 }, { "фабрика", 1 }, { "мануфактура", 1 },
  { "мастерская", 1 }, { "линия", 1 }, { "сеть", 1 }, { "корпорация", 1 }, { "служба", 1 },
  { "артель", 1 }, { "агентство", 2 }, { "бюро", 2 }, { "объединение", 2 },
  { "предприятие", 2 }, { "партнёрство", 2 }, { "управление", 2 }, { "технологии", 3 },
  { "системы", 3 }, { "решения", 3 }, { "мастерские", 3 }, { "машины", 3 }, { "ресурсы", 3 },
  { "материалы", 3 }, { "сети", 3 },
};

static const char * const ru_company_notes[] = {
  "Работают только по предоплате.",
  "Крупный клиент, особые условия по скидкам.",
  "Сезонный спрос: весна и лето.",
  "Закупки через электронные торговые площадки.",
  "Требуют оригиналы документов почтой.",
  "Интересуются дилерской программой.",
  "Отсрочка платежа 30 дней по договору.",
  "Доставка только до терминала транспортной компании.",
  "Перед отгрузкой согласовывать счёт с бухгалтерией.",
  "Раньше работали с конкурентом.",
};

static const char * const ru_company_mailboxes[] = {
  "info", "info", "info", "office", "mail", "sales", "zakaz", "secretary", "buh",
};

static const char * const ru_call_subjects[] = {
  "Первичный звонок", "Уточнение потребности", "Обсуждение коммерческого предложения",
  "Согласование условий поставки", "Напоминание об оплате", "Звонок по рекламации",
  "Уточнение сроков отгрузки", "Обсуждение скидки", "Повторный звонок",
  "Приглашение на выставку", "Контроль получения счёта", "Продление договора",
  "Уточнение реквизитов", "Запрос обратной связи",
};

static const char * const ru_meeting_subjects[] = {
  "Встреча в офисе клиента", "Презентация продукции", "Переговоры по договору",
  "Демонстрация оборудования", "Встреча на выставке", "Подписание договора",
  "Обучение персонала клиента", "Визит на производство",
};

static const char * const ru_letter_subjects[] = {
  "Отправлен договор", "Получен подписанный договор", "Отправлены закрывающие документы",
  "Гарантийное письмо", "Претензия", "Акт сверки", "Коммерческое предложение почтой",
};

static const char * const ru_email_subjects[] = {
  "Коммерческое предложение", "Счёт на оплату", "Прайс-лист", "Ответ на запрос",
  "Уточнение реквизитов", "Спецификация к договору", "Поздравление с праздником",
  "Приглашение на вебинар", "Каталог продукции", "Запрос цены",
};

static const char * const ru_note_subjects[] = {
  "Договорённости", "Предпочтения клиента", "Конкуренты", "Важно", "Заметка",
};

static const char * const ru_bodies[] = {
  "Клиент интересуется поставкой в следующем квартале.",
  "Попросили выслать КП на почту.",
  "Обещали принять решение до конца месяца.",
  "Бухгалтерия подтвердила оплату.",
  "Договорились о встрече на следующей неделе.",
  "Нужна отсрочка платежа на 30 дней.",
  "Запросили образцы продукции.",
  "Сравнивают наши цены с конкурентами.",
  "Согласовали объём первой партии.",
  "Просят скидку за объём.",
  "Бюджет на закупку пока не утверждён.",
  "Отправили счёт, ждём оплату.",
  "Претензий к последней поставке нет.",
  "Уточнили адрес доставки.",
  "Заинтересовались новой линейкой.",
  "Переносят закупку на осень.",
};

static const char * const ru_note_bodies[] = {
  "Решения принимает генеральный директор.",
  "Работают с конкурентом, но недовольны сроками.",
  "Планируют расширение производства.",
  "Оплата строго по факту поставки.",
  "Сменился ответственный за закупки.",
  "Напомнить о продлении договора.",
};

static const char * const ru_outcomes_reached[] = {
  "Дозвонились", "Дозвонились", "Дозвонились", "Перезвонить", "Перезвонить", "Отказ",
  "Заказ", "Договорились о встрече", "Отправить КП",
};

static const char * const ru_outcomes_missed[] = {
  "Нет ответа", "Нет ответа", "Занято", "Секретарь не соединил",
};

static const char * const ru_meeting_outcomes[] = {
  "Состоялась", "Состоялась", "Состоялась", "Перенесена", "Заключён договор",
};

const CrmDemoLocaleData crm_demo_data_ru = {
  .cities = ru_cities,
  .n_cities = G_N_ELEMENTS (ru_cities),
  .streets = TABLE (ru_streets),
  .streets_adjective = TABLE (ru_streets_adjective),
  .street_types = TABLE (ru_street_types),
  .male_names = ru_male_names,
  .n_male_names = G_N_ELEMENTS (ru_male_names),
  .female_names = TABLE (ru_female_names),
  .last_names = TABLE (ru_last_names),
  .positions = TABLE (ru_positions),
  .head_positions = TABLE (ru_head_positions),
  .contact_notes = TABLE (ru_contact_notes),
  .mobile_codes = TABLE (ru_mobile_codes),
  .free_mail_domains = TABLE (ru_free_mail_domains),
  .name_roots = TABLE (ru_name_roots),
  .name_endings = TABLE (ru_name_endings),
  .name_words = TABLE (ru_name_words),
  .name_activities = TABLE (ru_name_activities),
  .name_kinds = TABLE (ru_name_kinds),
  .adjectives = ru_adjectives,
  .n_adjectives = G_N_ELEMENTS (ru_adjectives),
  .activity_adjectives = ru_activity_adjectives,
  .n_activity_adjectives = G_N_ELEMENTS (ru_activity_adjectives),
  .nouns = ru_nouns,
  .n_nouns = G_N_ELEMENTS (ru_nouns),
  .company_notes = TABLE (ru_company_notes),
  .company_mailboxes = TABLE (ru_company_mailboxes),
  .label_work = "рабочий",
  .label_mobile = "мобильный",
  .label_fax = "факс",
  .label_accounts = "бухгалтерия",
  .label_personal = "личный",
  .call_subjects = TABLE (ru_call_subjects),
  .meeting_subjects = TABLE (ru_meeting_subjects),
  .letter_subjects = TABLE (ru_letter_subjects),
  .email_subjects = TABLE (ru_email_subjects),
  .note_subjects = TABLE (ru_note_subjects),
  .bodies = TABLE (ru_bodies),
  .note_bodies = TABLE (ru_note_bodies),
  .call_outcomes_reached = TABLE (ru_outcomes_reached),
  .call_outcomes_missed = TABLE (ru_outcomes_missed),
  .meeting_outcomes = TABLE (ru_meeting_outcomes),
};

/* English: the United States and the United Kingdom. Phone numbers are in the
 * ranges reserved for fiction (555-01xx in North America, Ofcom's drama
 * numbers in the UK), so no demo number rings a real line. */

static const CrmDemoCity en_cities[] = {
  { "New York", "New York", "212", "646", 0, CRM_DEMO_COUNTRY_US, 90 },
  { "Los Angeles", "California", "213", "310", 0, CRM_DEMO_COUNTRY_US, 45 },
  { "Chicago", "Illinois", "312", "773", 0, CRM_DEMO_COUNTRY_US, 30 },
  { "Houston", "Texas", "713", "832", 0, CRM_DEMO_COUNTRY_US, 25 },
  { "Phoenix", "Arizona", "602", NULL, 0, CRM_DEMO_COUNTRY_US, 16 },
  { "Philadelphia", "Pennsylvania", "215", NULL, 0, CRM_DEMO_COUNTRY_US, 16 },
  { "San Antonio", "Texas", "210", NULL, 0, CRM_DEMO_COUNTRY_US, 14 },
  { "San Diego", "California", "619", "858", 0, CRM_DEMO_COUNTRY_US, 14 },
  { "Dallas", "Texas", "214", "972", 0, CRM_DEMO_COUNTRY_US, 16 },
  { "Austin", "Texas", "512", NULL, 0, CRM_DEMO_COUNTRY_US, 12 },
  { "San Francisco", "California", "415", NULL, 0, CRM_DEMO_COUNTRY_US, 16 },
  { "Seattle", "Washington", "206", NULL, 0, CRM_DEMO_COUNTRY_US, 14 },
  { "Boston", "Massachusetts", "617", NULL, 0, CRM_DEMO_COUNTRY_US, 14 },
  { "Denver", "Colorado", "303", "720", 0, CRM_DEMO_COUNTRY_US, 11 },
  { "Atlanta", "Georgia", "404", "678", 0, CRM_DEMO_COUNTRY_US, 13 },
  { "Miami", "Florida", "305", "786", 0, CRM_DEMO_COUNTRY_US, 13 },
  { "Orlando", "Florida", "407", NULL, 0, CRM_DEMO_COUNTRY_US, 8 },
  { "Portland", "Oregon", "503", NULL, 0, CRM_DEMO_COUNTRY_US, 9 },
  { "Minneapolis", "Minnesota", "612", NULL, 0, CRM_DEMO_COUNTRY_US, 9 },
  { "Detroit", "Michigan", "313", NULL, 0, CRM_DEMO_COUNTRY_US, 9 },
  { "Nashville", "Tennessee", "615", NULL, 0, CRM_DEMO_COUNTRY_US, 8 },
  { "Charlotte", "North Carolina", "704", NULL, 0, CRM_DEMO_COUNTRY_US, 8 },
  { "Raleigh", "North Carolina", "919", NULL, 0, CRM_DEMO_COUNTRY_US, 6 },
  { "Columbus", "Ohio", "614", NULL, 0, CRM_DEMO_COUNTRY_US, 8 },
  { "Cleveland", "Ohio", "216", NULL, 0, CRM_DEMO_COUNTRY_US, 6 },
  { "Indianapolis", "Indiana", "317", NULL, 0, CRM_DEMO_COUNTRY_US, 7 },
  { "Baltimore", "Maryland", "410", NULL, 0, CRM_DEMO_COUNTRY_US, 7 },
  { "Salt Lake City", "Utah", "801", NULL, 0, CRM_DEMO_COUNTRY_US, 5 },
  { "Kansas City", "Missouri", "816", NULL, 0, CRM_DEMO_COUNTRY_US, 6 },
  { "Pittsburgh", "Pennsylvania", "412", NULL, 0, CRM_DEMO_COUNTRY_US, 6 },
  { "Las Vegas", "Nevada", "702", NULL, 0, CRM_DEMO_COUNTRY_US, 6 },
  { "London", "Greater London", "20 7946", NULL, 0, CRM_DEMO_COUNTRY_UK, 40 },
  { "Manchester", "Greater Manchester", "161 496", NULL, 0, CRM_DEMO_COUNTRY_UK, 9 },
  { "Birmingham", "West Midlands", "121 496", NULL, 0, CRM_DEMO_COUNTRY_UK, 9 },
  { "Leeds", "West Yorkshire", "113 496", NULL, 0, CRM_DEMO_COUNTRY_UK, 6 },
  { "Liverpool", "Merseyside", "151 496", NULL, 0, CRM_DEMO_COUNTRY_UK, 5 },
  { "Bristol", "Bristol", "117 496", NULL, 0, CRM_DEMO_COUNTRY_UK, 5 },
  { "Glasgow", "Scotland", "141 496", NULL, 0, CRM_DEMO_COUNTRY_UK, 6 },
  { "Edinburgh", "Scotland", "131 496", NULL, 0, CRM_DEMO_COUNTRY_UK, 5 },
  { "Cardiff", "Wales", "29 2018", NULL, 0, CRM_DEMO_COUNTRY_UK, 3 },
  { "Belfast", "Northern Ireland", "28 9649", NULL, 0, CRM_DEMO_COUNTRY_UK, 3 },
};

/* US: "<number> <name> <type>" */
static const char * const en_streets[] = {
  "Main", "Oak", "Maple", "Cedar", "Pine", "Elm", "Washington", "Lake", "Hill", "Park",
  "Market", "Church", "Broad", "Lincoln", "Jefferson", "Madison", "Franklin", "Highland",
  "Sunset", "River", "Spring", "Walnut", "Chestnut", "Center", "Union", "Mill", "Ridge",
  "Forest", "Meadow", "Commerce", "Industrial", "Harbor", "Liberty", "Grand", "Prospect",
};

/* UK: whole names */
static const char * const en_streets_uk[] = {
  "High Street", "Station Road", "Church Street", "Victoria Road", "Green Lane", "Manor Road",
  "Park Road", "Queens Road", "King Street", "Mill Lane", "London Road", "The Avenue",
  "Albert Road", "Grange Road", "New Road", "Bridge Street", "Castle Street", "Market Street",
  "Princes Street", "Trinity Road", "Kingsway", "Wellington Road",
};

static const char * const en_street_types[] = {
  "St", "St", "Ave", "Ave", "Blvd", "Rd", "Dr", "Ln", "Way", "Pkwy",
};

static const CrmDemoMaleName en_male_names[] = {
  { "James" }, { "John" }, { "Robert" }, { "Michael" }, { "William" }, { "David" },
  { "Richard" }, { "Joseph" }, { "Thomas" }, { "Charles" }, { "Christopher" }, { "Daniel" },
  { "Matthew" }, { "Anthony" }, { "Mark" }, { "Donald" }, { "Steven" }, { "Paul" },
  { "Andrew" }, { "Joshua" }, { "Kenneth" }, { "Kevin" }, { "Brian" }, { "George" },
  { "Timothy" }, { "Ronald" }, { "Edward" }, { "Jason" }, { "Jeffrey" }, { "Ryan" },
  { "Jacob" }, { "Gary" }, { "Nicholas" }, { "Eric" }, { "Jonathan" }, { "Stephen" },
  { "Oliver" }, { "Harry" }, { "Jack" }, { "Samuel" },
};

static const char * const en_female_names[] = {
  "Mary", "Patricia", "Jennifer", "Linda", "Elizabeth", "Barbara", "Susan", "Jessica",
  "Sarah", "Karen", "Lisa", "Nancy", "Betty", "Margaret", "Sandra", "Ashley", "Kimberly",
  "Emily", "Donna", "Michelle", "Carol", "Amanda", "Melissa", "Deborah", "Stephanie",
  "Rebecca", "Laura", "Sharon", "Cynthia", "Kathleen", "Amy", "Angela", "Emma", "Olivia",
  "Sophie", "Charlotte", "Hannah", "Grace", "Rachel", "Megan",
};

static const char * const en_last_names[] = {
  "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez",
  "Martinez", "Hernandez", "Lopez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore",
  "Jackson", "Martin", "Lee", "Thompson", "White", "Harris", "Clark", "Lewis", "Robinson",
  "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores",
  "Green", "Adams", "Nelson", "Baker", "Hall", "Rivera", "Campbell", "Mitchell", "Carter",
  "Roberts", "Evans", "Turner", "Phillips", "Parker", "Collins", "Edwards", "Stewart",
  "Morris", "Murphy", "Cook", "Rogers", "Morgan", "Cooper", "Peterson", "Reed", "Bailey",
  "Bell", "Kelly", "Howard", "Ward", "Cox", "Richardson", "Wood", "Watson", "Brooks",
  "Bennett", "Gray", "Hughes", "Price", "Sanders", "Patel", "Myers", "Long", "Ross",
  "Foster", "Powell", "Jenkins", "Perry", "Russell", "Sullivan", "Fisher", "Hayes", "Graham",
  "Ellis", "Palmer", "Webb", "Cole", "Hunt", "Shaw", "Holmes", "Lawson", "Fletcher", "Knight",
};

static const char * const en_positions[] = {
  "Chief Financial Officer", "Chief Operating Officer", "Sales Director", "Head of Procurement",
  "Purchasing Manager", "Purchasing Manager", "Procurement Specialist", "Buyer", "Buyer",
  "Office Manager", "Accountant", "Accounts Payable Clerk", "Operations Manager",
  "IT Manager", "Logistics Coordinator", "Warehouse Manager", "Plant Manager",
  "Marketing Manager", "Project Manager", "Executive Assistant", "Legal Counsel",
  "Facilities Manager", "Engineering Manager", "Controller",
};

static const char * const en_head_positions[] = {
  "Chief Executive Officer", "Chief Executive Officer", "President", "Managing Director",
  "Owner", "General Manager",
};

static const char * const en_contact_notes[] = {
  "Prefers e-mail to phone calls.",
  "Call after 2 pm.",
  "Signs off on all purchases.",
  "Needs approval from the CEO.",
  "Travels a lot, use the mobile number.",
  "Handles invoices and payments.",
};

/* UK mobiles; US mobiles use the area codes of the city */
static const char * const en_mobile_codes[] = { "7700 900" };

static const char * const en_free_mail_domains[] = {
  "gmail.com", "gmail.com", "outlook.com", "yahoo.com", "icloud.com", "hotmail.com",
};

static const char * const en_name_roots[] = {
  "Tech", "Bright", "Data", "Net", "Cloud", "Blue", "Green", "Smart", "Swift", "True",
  "Prime", "Core", "Omni", "Inno", "Info", "Med", "Agri", "Fin", "Sun", "Star", "Aero",
  "Terra", "Aqua", "Volt",
};

static const char * const en_name_endings[] = {
  "stream", "wave", "core", "works", "point", "line", "bridge", "field", "forge", "gate",
  "hub", "leaf", "light", "path", "peak", "scape", "spark", "sphere", "stone", "ware",
  "wise", "tek", "vista", "logic",
};

static const char * const en_name_words[] = {
  "Summit", "Pacific", "Atlantic", "Blue Ridge", "Evergreen", "Ironwood", "Silver Lake",
  "Redwood", "Northwind", "Granite", "Cedar", "Oakridge", "Pinnacle", "Horizon", "Keystone",
  "Liberty", "Pioneer", "Frontier", "Heritage", "Meridian", "Sterling", "Crescent", "Harbor",
  "Riverside", "Lakeside", "Highland", "Prairie", "Canyon", "Coastal", "Metro", "United",
  "National", "Premier", "Apex", "Vertex", "Nova", "Orion", "Atlas", "Titan", "Falcon",
  "Eagle", "Phoenix", "Golden Gate", "Rocky Mountain", "Great Lakes", "Midwest", "Southern",
  "Northern", "Western", "Eastern", "Capital", "Central", "First", "Allied", "Standard",
  "Precision", "Quantum", "Bluebird", "Copperfield", "Windmill",
};

static const char * const en_name_activities[] = {
  "Logistics", "Freight", "Manufacturing", "Foods", "Construction", "Systems", "Solutions",
  "Technologies", "Supply", "Industries", "Holdings", "Partners", "Consulting", "Energy",
  "Analytics", "Labs", "Software", "Media", "Health", "Medical", "Builders", "Engineering",
  "Electric", "Plastics", "Metals", "Packaging", "Distribution", "Trading", "Imports",
  "Motors", "Materials", "Networks", "Services", "Design", "Properties", "Realty", "Financial",
  "Insurance", "Marketing", "Printing", "Tools", "Equipment", "Chemicals", "Textiles",
  "Furniture", "Farms", "Dairy", "Brewing", "Coffee", "Pharmaceuticals", "Robotics",
  "Security", "Telecom", "Outfitters",
};

static const char * const en_company_notes[] = {
  "Pays only by wire transfer in advance.",
  "Key account, special discount terms.",
  "Seasonal demand in spring and summer.",
  "Buys through a procurement portal.",
  "Asks for paper invoices by mail.",
  "Interested in the reseller program.",
  "Net 30 payment terms.",
  "Used to work with a competitor.",
};

static const char * const en_company_mailboxes[] = {
  "info", "info", "info", "contact", "hello", "office", "sales", "orders",
};

static const char * const en_call_subjects[] = {
  "Introductory call", "Needs assessment", "Quote follow-up", "Delivery terms",
  "Payment reminder", "Complaint", "Shipping date", "Discount request", "Follow-up call",
  "Trade show invitation", "Invoice received?", "Contract renewal", "Feedback request",
};

static const char * const en_meeting_subjects[] = {
  "Meeting at the client's office", "Product presentation", "Contract negotiation",
  "Equipment demo", "Meeting at the trade show", "Contract signing", "Staff training",
  "Site visit",
};

static const char * const en_letter_subjects[] = {
  "Contract sent", "Signed contract received", "Closing documents sent",
  "Letter of guarantee", "Formal complaint", "Statement of account",
};

static const char * const en_email_subjects[] = {
  "Quote", "Invoice", "Price list", "Re: your inquiry", "Billing details",
  "Contract specification", "Season's greetings", "Webinar invitation", "Product catalog",
  "Price request",
};

static const char * const en_note_subjects[] = {
  "Agreements", "Client preferences", "Competitors", "Important", "Note",
};

static const char * const en_bodies[] = {
  "Interested in a delivery next quarter.",
  "Asked us to e-mail a quote.",
  "Will decide by the end of the month.",
  "Accounts confirmed the payment.",
  "Agreed to meet next week.",
  "Needs 30 days to pay.",
  "Asked for product samples.",
  "Comparing our prices with competitors.",
  "Agreed on the size of the first order.",
  "Wants a volume discount.",
  "Budget not approved yet.",
  "Invoice sent, waiting for payment.",
  "No complaints about the last delivery.",
  "Confirmed the delivery address.",
  "Interested in the new product line.",
  "Purchase moved to the fall.",
};

static const char * const en_note_bodies[] = {
  "The CEO makes all decisions.",
  "Works with a competitor but unhappy with lead times.",
  "Plans to expand production.",
  "Pays strictly on delivery.",
  "New person in charge of purchasing.",
  "Remind them to renew the contract.",
};

static const char * const en_outcomes_reached[] = {
  "Reached", "Reached", "Reached", "Call back", "Call back", "Not interested", "Order",
  "Meeting scheduled", "Send a quote",
};

static const char * const en_outcomes_missed[] = {
  "No answer", "No answer", "Busy", "Left a voicemail",
};

static const char * const en_meeting_outcomes[] = {
  "Held", "Held", "Held", "Rescheduled", "Contract signed",
};

const CrmDemoLocaleData crm_demo_data_en = {
  .cities = en_cities,
  .n_cities = G_N_ELEMENTS (en_cities),
  .streets = TABLE (en_streets),
  .streets_adjective = TABLE (en_streets_uk),
  .street_types = TABLE (en_street_types),
  .male_names = en_male_names,
  .n_male_names = G_N_ELEMENTS (en_male_names),
  .female_names = TABLE (en_female_names),
  .last_names = TABLE (en_last_names),
  .positions = TABLE (en_positions),
  .head_positions = TABLE (en_head_positions),
  .contact_notes = TABLE (en_contact_notes),
  .mobile_codes = TABLE (en_mobile_codes),
  .free_mail_domains = TABLE (en_free_mail_domains),
  .name_roots = TABLE (en_name_roots),
  .name_endings = TABLE (en_name_endings),
  .name_words = TABLE (en_name_words),
  .name_activities = TABLE (en_name_activities),
  .name_kinds = { NULL, 0 },
  .adjectives = NULL,
  .n_adjectives = 0,
  .activity_adjectives = NULL,
  .n_activity_adjectives = 0,
  .nouns = NULL,
  .n_nouns = 0,
  .company_notes = TABLE (en_company_notes),
  .company_mailboxes = TABLE (en_company_mailboxes),
  .label_work = "work",
  .label_mobile = "mobile",
  .label_fax = "fax",
  .label_accounts = "accounts",
  .label_personal = "personal",
  .call_subjects = TABLE (en_call_subjects),
  .meeting_subjects = TABLE (en_meeting_subjects),
  .letter_subjects = TABLE (en_letter_subjects),
  .email_subjects = TABLE (en_email_subjects),
  .note_subjects = TABLE (en_note_subjects),
  .bodies = TABLE (en_bodies),
  .note_bodies = TABLE (en_note_bodies),
  .call_outcomes_reached = TABLE (en_outcomes_reached),
  .call_outcomes_missed = TABLE (en_outcomes_missed),
  .meeting_outcomes = TABLE (en_meeting_outcomes),
};
