"""Subjects, the weekly curriculum of grades 5-9, how each subject is assessed, and who teaches what together."""

from dataclasses import dataclass


@dataclass(frozen=True)
class SubjectSpec:
    code: str
    name_en: str
    name_ru: str
    control_every: int = 0  # every n-th lesson is a control work (0: never)
    test_every: int = 0  # every n-th lesson the whole class writes `test_kind`
    test_kind: str = "test"  # test | independent
    test_label: str = "Тест"
    homework_share: float = 0.85  # how often a lesson sets homework
    exam: bool = False  # trial / year-end exam at the end of the half-year
    control_label: str = "Контрольная работа"


SUBJECTS = [
    SubjectSpec("math", "Mathematics", "Математика", 9, 6, "independent", "Самостоятельная работа", 0.95, True),
    SubjectSpec("rus", "Russian language", "Русский язык", 9, 7, "test", "Диктант", 0.9, True),
    SubjectSpec("lit", "Literature", "Литература", 12, 8, "test", "Тест по произведению", 0.8, False, "Сочинение"),
    SubjectSpec("eng", "English", "Английский язык", 12, 6, "test", "Словарный диктант", 0.9),
    SubjectSpec("hist", "History", "История", 0, 8, "test", "Тест", 0.85),
    SubjectSpec("soc", "Social studies", "Обществознание", 0, 8, "test", "Тест", 0.7),
    SubjectSpec("geo", "Geography", "География", 0, 8, "independent", "Практическая работа", 0.7),
    SubjectSpec("bio", "Biology", "Биология", 0, 8, "independent", "Лабораторная работа", 0.75),
    SubjectSpec("phys", "Physics", "Физика", 10, 7, "independent", "Лабораторная работа", 0.9),
    SubjectSpec("chem", "Chemistry", "Химия", 10, 7, "independent", "Практическая работа", 0.9),
    SubjectSpec("cs", "Computer science", "Информатика", 0, 6, "independent", "Практическая работа", 0.5),
    SubjectSpec("pe", "Physical education", "Физическая культура", 0, 8, "test", "Сдача нормативов", 0.05),
    SubjectSpec("music", "Music", "Музыка", 0, 0, "test", "", 0.2),
    SubjectSpec("art", "Art", "Изобразительное искусство", 0, 0, "test", "", 0.3),
    SubjectSpec("tech", "Technology", "Труд (технология)", 0, 0, "test", "", 0.2),
    SubjectSpec("obzh", "Basics of safety", "Основы безопасности и защиты Родины", 0, 8, "test", "Тест", 0.5),
]
BY_CODE = {s.code: s for s in SUBJECTS}

# grade -> [(subject code, lessons a week)]; 26..31 lessons, 5..7 a day over a five-day week
CURRICULUM = {
    5: [("math", 5), ("rus", 5), ("lit", 3), ("eng", 3), ("hist", 2), ("geo", 1), ("bio", 1),
        ("music", 1), ("art", 1), ("tech", 2), ("pe", 2)],
    6: [("math", 5), ("rus", 6), ("lit", 3), ("eng", 3), ("hist", 2), ("soc", 1), ("geo", 1), ("bio", 1),
        ("music", 1), ("art", 1), ("tech", 2), ("pe", 2)],
    7: [("math", 6), ("rus", 4), ("lit", 2), ("eng", 3), ("hist", 2), ("soc", 1), ("geo", 2), ("bio", 1),
        ("phys", 2), ("cs", 1), ("music", 1), ("art", 1), ("tech", 2), ("pe", 2)],
    8: [("math", 6), ("rus", 3), ("lit", 2), ("eng", 3), ("hist", 2), ("soc", 1), ("geo", 2), ("bio", 2),
        ("phys", 2), ("chem", 2), ("cs", 1), ("music", 1), ("tech", 1), ("pe", 2), ("obzh", 1)],
    9: [("math", 6), ("rus", 3), ("lit", 3), ("eng", 3), ("hist", 2), ("soc", 1), ("geo", 2), ("bio", 2),
        ("phys", 3), ("chem", 2), ("cs", 1), ("pe", 2), ("obzh", 1)],
}

# Subjects one teacher usually teaches together, and a sensible weekly load for such a teacher
TEACHER_GROUPS = {
    "math": (("math",), 24),
    "rus": (("rus", "lit"), 24),
    "eng": (("eng",), 24),
    "hist": (("hist", "soc"), 24),
    "geo": (("geo",), 22),
    "bio": (("bio", "chem"), 22),
    "phys": (("phys",), 22),
    "cs": (("cs",), 20),
    "arts": (("music", "art"), 22),
    "tech": (("tech",), 22),
    "pe": (("pe", "obzh"), 24),
}
GROUP_OF = {code: group for group, (codes, _) in TEACHER_GROUPS.items() for code in codes}

# Where each kind of teacher works
ROOM_PREFIX = {
    "math": "Каб. 2", "rus": "Каб. 3", "eng": "Каб. 1", "hist": "Каб. 4", "geo": "Каб. 4",
    "bio": "Каб. 1", "phys": "Каб. 2", "cs": "Каб. 3", "arts": "Каб. 1", "tech": "Мастерская ",
    "pe": "Спортзал ",
}

# (weekday count) bells: lesson number -> (start, end) as "HH:MM"
BELLS = [("08:30", "09:15"), ("09:25", "10:10"), ("10:25", "11:10"), ("11:25", "12:10"),
         ("12:20", "13:05"), ("13:15", "14:00"), ("14:10", "14:55")]

WORK_KINDS = [
    # code, English, Russian, weight
    ("answer", "Answer in class", "Ответ на уроке", 1),
    ("homework", "Homework", "Домашняя работа", 1),
    ("independent", "Independent work", "Самостоятельная работа", 2),
    ("test", "Test / dictation", "Тест / диктант", 2),
    ("control", "Control work", "Контрольная работа", 3),
    ("exam", "Exam", "Экзамен", 4),
]
