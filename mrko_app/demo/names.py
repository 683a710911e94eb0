"""Russian names with correct gender endings, patronymics, diminutives and transliteration for logins."""

import random
from dataclasses import dataclass

# A man's first name -> (patronymic of his son, patronymic of his daughter)
FATHERS = {
    "Александр": ("Александрович", "Александровна"), "Алексей": ("Алексеевич", "Алексеевна"),
    "Андрей": ("Андреевич", "Андреевна"), "Артём": ("Артёмович", "Артёмовна"),
    "Борис": ("Борисович", "Борисовна"), "Вадим": ("Вадимович", "Вадимовна"),
    "Василий": ("Васильевич", "Васильевна"), "Виктор": ("Викторович", "Викторовна"),
    "Владимир": ("Владимирович", "Владимировна"), "Денис": ("Денисович", "Денисовна"),
    "Дмитрий": ("Дмитриевич", "Дмитриевна"), "Евгений": ("Евгеньевич", "Евгеньевна"),
    "Егор": ("Егорович", "Егоровна"), "Иван": ("Иванович", "Ивановна"),
    "Игорь": ("Игоревич", "Игоревна"), "Илья": ("Ильич", "Ильинична"),
    "Кирилл": ("Кириллович", "Кирилловна"), "Константин": ("Константинович", "Константиновна"),
    "Максим": ("Максимович", "Максимовна"), "Михаил": ("Михайлович", "Михайловна"),
    "Никита": ("Никитич", "Никитична"), "Николай": ("Николаевич", "Николаевна"),
    "Олег": ("Олегович", "Олеговна"), "Павел": ("Павлович", "Павловна"),
    "Пётр": ("Петрович", "Петровна"), "Роман": ("Романович", "Романовна"),
    "Сергей": ("Сергеевич", "Сергеевна"), "Станислав": ("Станиславович", "Станиславовна"),
    "Юрий": ("Юрьевич", "Юрьевна"), "Григорий": ("Григорьевич", "Григорьевна"),
    "Антон": ("Антонович", "Антоновна"), "Руслан": ("Русланович", "Руслановна"),
}
BOYS = [
    "Александр", "Артём", "Максим", "Михаил", "Иван", "Даниил", "Дмитрий", "Кирилл", "Андрей", "Егор",
    "Никита", "Матвей", "Илья", "Алексей", "Роман", "Тимофей", "Марк", "Лев", "Ярослав", "Фёдор",
    "Глеб", "Степан", "Владимир", "Сергей", "Павел", "Константин", "Арсений", "Семён", "Богдан", "Тимур",
    "Пётр",
]
GIRLS = [
    "Анна", "Мария", "Софья", "Анастасия", "Дарья", "Полина", "Елизавета", "Виктория", "Александра", "Ксения",
    "Варвара", "Алиса", "Вероника", "Екатерина", "Ева", "Арина", "Василиса", "Милана", "Ульяна", "Таисия",
    "Кира", "Алёна", "Маргарита", "Валерия", "Злата", "Ника", "Есения", "Мирослава",
]
WOMEN = [
    "Елена", "Ольга", "Наталья", "Татьяна", "Ирина", "Светлана", "Юлия", "Анна", "Марина", "Екатерина",
    "Мария", "Людмила", "Галина", "Надежда", "Оксана", "Вера", "Анастасия", "Евгения", "Дарья", "Алла",
]
SURNAMES = """Иванов Смирнов Кузнецов Попов Васильев Петров Соколов Михайлов Новиков Фёдоров Морозов Волков
Алексеев Лебедев Семёнов Егоров Павлов Козлов Степанов Николаев Орлов Андреев Макаров Никитин Захаров
Зайцев Соловьёв Борисов Яковлев Григорьев Романов Воробьёв Сергеев Кузьмин Фролов Александров Дмитриев
Королёв Гусев Киселёв Ильин Максимов Поляков Сорокин Виноградов Ковалёв Белов Медведев Антонов Тарасов
Жуков Баранов Филиппов Комаров Давыдов Беляев Герасимов Богданов Осипов Сидоров Матвеев Титов Марков
Миронов Крылов Куликов Карпов Власов Мельников Денисов Гаврилов Тихонов Казаков Афанасьев Данилов
Савельев Тимофеев Фомин Чернов Абрамов Мартынов Ефимов Федотов Щербаков Назаров Калинин Исаев Быков
Маслов Родионов Коновалов Лазарев Воронин Климов Филатов Пономарёв Голубев Кудрявцев Прохоров Наумов
Потапов Журавлёв Трофимов Леонов Соболев Ермаков Колесников Гончаров Емельянов Никифоров Котов Гришин
Ефремов Архипов Громов Кириллов Малышев Панов Румянцев Акимов Галкин Скворцов Цветков Левин Воронов
Логинов Горшков Савин Краснов Демидов Жданов Островский Вишневский Раевский Чайковский Белецкий
Толстой Лановой Черных Седых Шевченко Бондаренко Ткаченко""".split()

DIMINUTIVES = {
    "Александр": "Саша", "Александра": "Саша", "Алексей": "Лёша", "Дмитрий": "Дима", "Михаил": "Миша",
    "Иван": "Ваня", "Пётр": "Петя", "Мария": "Маша", "Анастасия": "Настя", "Екатерина": "Катя",
    "Елизавета": "Лиза", "Дарья": "Даша", "Софья": "Соня", "Анна": "Аня", "Полина": "Поля",
    "Ксения": "Ксюша", "Виктория": "Вика", "Артём": "Тёма", "Максим": "Макс", "Владимир": "Володя",
    "Сергей": "Серёжа", "Павел": "Паша", "Константин": "Костя", "Ярослав": "Слава", "Варвара": "Варя",
    "Валерия": "Лера", "Маргарита": "Рита", "Семён": "Сёма", "Степан": "Стёпа", "Фёдор": "Федя",
    "Арсений": "Сеня", "Тимофей": "Тима", "Даниил": "Даня", "Ульяна": "Уля", "Василиса": "Вася",
}

_TRANSLIT = dict(zip(
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
    "a b v g d e e zh z i y k l m n o p r s t u f kh ts ch sh shch _ y _ e yu ya".split(),
))


def translit(text: str) -> str:
    out = []
    for ch in text.lower():
        t = _TRANSLIT.get(ch, ch if ch.isascii() and ch.isalnum() else "")
        out.append("" if t == "_" else t)
    return "".join(out)


def female_surname(surname: str) -> str:
    for male, female in (("ский", "ская"), ("цкий", "цкая"), ("ой", "ая")):
        if surname.endswith(male):
            return surname[: -len(male)] + female
    if surname.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return surname + "а"
    return surname  # -ых, -их, -ко do not change


def surname_for(surname: str, gender: str) -> str:
    return female_surname(surname) if gender == "f" else surname


def diminutive(first_name: str) -> str:
    return DIMINUTIVES.get(first_name, first_name)


@dataclass(frozen=True)
class Person:
    surname: str
    first_name: str
    patronymic: str
    gender: str  # "m" | "f"

    @property
    def father_first_name(self) -> str | None:
        """Whose son or daughter this person is (from the patronymic)."""
        index = 0 if self.gender == "m" else 1
        for name, forms in FATHERS.items():
            if forms[index] == self.patronymic:
                return name
        return None


def patronymic(father: str, gender: str) -> str:
    return FATHERS[father][0 if gender == "m" else 1]


class Namer:
    """Draws names from one random generator, so a seed gives the same people every time."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self._fathers = list(FATHERS)

    def adult(self, gender: str, surname: str | None = None) -> Person:
        rng = self.rng
        base = surname or rng.choice(SURNAMES)
        first = rng.choice(self._fathers if gender == "m" else WOMEN)
        return Person(surname_for(base, gender), first, patronymic(rng.choice(self._fathers), gender), gender)

    def child(self, gender: str | None = None) -> tuple[Person, str]:
        """A child and the base (masculine) surname of the family, the father's name is in the patronymic."""
        rng = self.rng
        gender = gender or rng.choice("mf")
        base = rng.choice(SURNAMES)
        first = rng.choice(BOYS if gender == "m" else GIRLS)
        return Person(surname_for(base, gender), first, patronymic(rng.choice(self._fathers), gender), gender), base

    def parent_of(self, child: Person, base_surname: str) -> Person:
        """The child's mother (usually) or father, with a surname and a name that agree with the child's."""
        rng = self.rng
        if rng.random() < 0.75:
            return Person(female_surname(base_surname), rng.choice(WOMEN),
                          patronymic(rng.choice(self._fathers), "f"), "f")
        father = child.father_first_name or rng.choice(self._fathers)
        return Person(base_surname, father, patronymic(rng.choice(self._fathers), "m"), "m")
