STRINGS = {
    "home.title": ("Welcome", "Добро пожаловать"),
    "home.lead": (
        "Marks, homework, attendance and the timetable of your children, as in a paper school diary — and more.",
        "Оценки, домашние задания, посещаемость и расписание ваших детей — как в бумажном дневнике, и даже больше.",
    ),
    "home.go_area": ("Open my area", "Перейти в мой раздел"),
    "home.signed_in_as": ("You are signed in as", "Вы вошли как"),
}
