"""Access to a child's diary: applications, documents, access codes, the envelope, the children page."""

STRINGS = {
    # documents
    "access.doc_empty": ("The file is empty", "Файл пустой"),
    "access.doc_too_big": ("The file is larger than {limit} MB", "Файл больше {limit} МБ"),
    "access.doc_bad_type": ("Only PDF, JPEG or PNG files are accepted", "Принимаются только файлы PDF, JPEG или PNG"),
    "access.doc_missing": ("Attach this document", "Приложите этот документ"),
    "access.doc_kind.application": ("Application", "Заявление"),
    "access.doc_kind.birth_certificate": ("Child's birth certificate", "Свидетельство о рождении ребёнка"),
    "access.doc_kind.representative": (
        "Document proving legal representation", "Документ, подтверждающий законное представительство"),
    "access.doc_kind.identity": ("Your identity document", "Ваш документ, удостоверяющий личность"),
    "access.doc_hint": ("PDF, JPEG or PNG, up to 5 MB. Click or drop a file here.",
                        "PDF, JPEG или PNG, до 5 МБ. Нажмите или перетащите файл сюда."),
    "access.doc_attached": ("Attached:", "Приложен:"),
    "access.doc_open": ("Download", "Скачать"),
    # application form
    "access.app_intro": (
        "Apply for access to your child's diary. The school checks the documents within 3 working days "
        "and gives you an access code in person.",
        "Подайте заявку на доступ к дневнику ребёнка. Школа проверит документы в течение 3 рабочих дней "
        "и выдаст код доступа лично."),
    "access.app_school": ("School", "Школа"),
    "access.app_pick_school": ("Choose the school", "Выберите школу"),
    "access.app_surname": ("Child's surname", "Фамилия ребёнка"),
    "access.app_first_name": ("Child's first name", "Имя ребёнка"),
    "access.app_patronymic": ("Child's patronymic (if any)", "Отчество ребёнка (если есть)"),
    "access.app_birth_date": ("Child's date of birth", "Дата рождения ребёнка"),
    "access.app_class": ("Class", "Класс"),
    "access.app_class_hint": ("For example 5A", "Например, 5А"),
    "access.app_relation": ("You are the child's", "Вы для ребёнка"),
    "access.relation.parent": ("Parent", "Родитель"),
    "access.relation.representative": ("Legal representative", "Законный представитель"),
    "access.app_documents": ("Scans of the documents", "Сканы документов"),
    "access.app_submit": ("Submit the application", "Отправить заявку"),
    "access.app_submitted": (
        "Your application has been sent. The school will answer by", "Заявка отправлена. Школа ответит до"),
    "access.app_school_unknown": ("Choose a school from the list", "Выберите школу из списка"),
    "access.app_name_invalid": ("Letters, spaces and hyphens only", "Только буквы, пробелы и дефисы"),
    "access.app_birth_invalid": ("Enter a real date of birth", "Укажите настоящую дату рождения"),
    "access.app_class_invalid": ("A grade from 1 to 12 and a letter, e.g. 5A", "Номер от 1 до 12 и буква, например 5А"),
    "access.app_too_many": (
        "You already have {limit} applications waiting for a decision",
        "У вас уже {limit} заявок ожидают решения"),
    "access.app_duplicate": (
        "An application for this child is already waiting for a decision",
        "Заявка на этого ребёнка уже ожидает решения"),
    "access.app_already_decided": ("This application has already been decided", "По этой заявке уже принято решение"),
    "access.app_pick_student": ("Choose the student of your school", "Выберите ученика вашей школы"),
    "access.app_pick_reason": ("Choose a reason", "Выберите причину"),
    "access.app_text_long": ("At most {limit} characters", "Не более {limit} символов"),
    "access.app_not_approved": ("The application is not approved", "Заявка не одобрена"),
    "access.student_not_studying": ("The student no longer studies at the school", "Ученик больше не учится в школе"),
    # statuses and reasons
    "access.status.submitted": ("Under review", "На рассмотрении"),
    "access.status.approved": ("Approved", "Одобрена"),
    "access.status.rejected": ("Rejected", "Отклонена"),
    "access.reason.contradictory": (
        "Contradictory information in the documents", "Противоречивые сведения в документах"),
    "access.reason.other_school": ("The child studies at another school", "Ребёнок учится в другой школе"),
    "access.reason.documents": (
        "The documents do not meet the requirements", "Документы не соответствуют требованиям"),
    "access.reason.other": ("Other", "Другое"),
    # children page
    "access.children_intro": (
        "The children whose diary you can see, and your applications for access.",
        "Дети, чей дневник вам доступен, и ваши заявки на доступ."),
    "access.children_linked": ("Children", "Дети"),
    "access.children_none": (
        "No child is linked yet. Apply for access, or enter the code the school gave you.",
        "Ребёнок ещё не привязан. Подайте заявку или введите код, выданный школой."),
    "access.children_page_name": ("Page name", "Название страницы"),
    "access.applications": ("Applications", "Заявки"),
    "access.applications_none": ("No applications yet", "Заявок пока нет"),
    "access.col_child": ("Child", "Ребёнок"),
    "access.col_class": ("Class", "Класс"),
    "access.col_school": ("School", "Школа"),
    "access.col_submitted": ("Submitted", "Подана"),
    "access.col_due": ("Answer by", "Ответ до"),
    "access.col_status": ("Status", "Статус"),
    "access.col_reason": ("Reason", "Причина"),
    "access.col_relation": ("Relation to the child", "Кем приходится ребёнку"),
    "access.col_birth": ("Date of birth", "Дата рождения"),
    "access.apply_again": ("Apply again", "Подать заново"),
    "access.approved_hint": (
        "Collect the access code at the school and enter it here.",
        "Получите код доступа в школе и введите его здесь."),
    # redeem
    "access.redeem_intro": (
        "Enter the access code from the envelope the school gave you.",
        "Введите код доступа из конверта, выданного школой."),
    "access.redeem_code": ("Access code", "Код доступа"),
    "access.redeem_code_hint": ("16 letters and digits, e.g. ABCD-EFGH-JKMN-PQRS",
                                "16 букв и цифр, например ABCD-EFGH-JKMN-PQRS"),
    "access.redeem_check": ("Check the code", "Проверить код"),
    "access.redeem_name_intro": (
        "Give the child's page a name: you will see it in the child switcher.",
        "Назовите страницу ребёнка: это название будет в переключателе детей."),
    "access.redeem_page_name": ("Account name", "Название страницы"),
    "access.redeem_page_name_hint": ("For example Masha", "Например, Маша"),
    "access.redeem_summary": ("Check the details", "Проверьте данные"),
    "access.redeem_finish": ("Finish", "Завершить"),
    "access.redeem_done": (
        "Done. The child's page is now in your child switcher:", "Готово. Страница ребёнка теперь в переключателе детей:"),
    "access.redeem_to_diary": ("Open the diary", "Открыть дневник"),
    "access.code_locked": (
        "Too many wrong codes. Try again after {until}.", "Слишком много неверных кодов. Повторите после {until}."),
    "access.code_format": ("An access code has 16 letters and digits", "Код доступа состоит из 16 букв и цифр"),
    "access.code_wrong": (
        "There is no such code. Tries left before a pause: {left}.",
        "Такого кода нет. Осталось попыток до паузы: {left}."),
    "access.code_used": ("This code has already been used", "Этот код уже использован"),
    "access.code_revoked": (
        "This code has been cancelled (a new one was issued)", "Этот код отменён (выдан новый)"),
    "access.code_expired": (
        "This code has expired. Ask the school for a new one.", "Срок действия кода истёк. Попросите в школе новый."),
    "access.code_student_left": (
        "The student no longer studies at the school", "Ученик больше не учится в школе"),
    "access.code_other_parent": (
        "This code was issued to another applicant", "Этот код выдан другому заявителю"),
    "access.code_already_linked": ("This child is already linked to you", "Этот ребёнок уже привязан к вам"),
    "access.page_name_long": ("At most {limit} characters", "Не более {limit} символов"),
    "access.page_name_taken": ("You already use this name for another child", "Это название уже занято другим ребёнком"),
    # e-mails to the applicant
    "access.mail_approved.subject": ("Access to the diary approved", "Доступ к дневнику одобрен"),
    "access.mail_approved.body": (
        "Your application for access to the diary of {child} has been approved. Collect the access code "
        "at the school ({school}) in person, then enter it under “My children” → “Enter access code”.",
        "Ваша заявка на доступ к дневнику ({child}) одобрена. Получите код доступа лично в школе ({school}) "
        "и введите его в разделе «Мои дети» → «Ввести код доступа»."),
    "access.mail_rejected.subject": ("Application for access rejected", "Заявка на доступ отклонена"),
    "access.mail_rejected.body": (
        "Your application for access to the diary of {child} has been rejected. Reason: {reason}. {text}\n"
        "You may correct it and apply again under “My children”.",
        "Ваша заявка на доступ к дневнику ({child}) отклонена. Причина: {reason}. {text}\n"
        "Вы можете исправить её и подать заново в разделе «Мои дети»."),
    # staff: applications
    "access.queue_intro": (
        "Applications for access to a child's diary. Decide within 3 working days.",
        "Заявки на доступ к дневнику ребёнка. Решение — в течение 3 рабочих дней."),
    "access.queue_filter_open": ("Waiting", "Ожидают"),
    "access.queue_filter_all": ("All", "Все"),
    "access.queue_empty": ("No applications", "Заявок нет"),
    "access.overdue": ("Overdue", "Просрочена"),
    "access.due": ("Due", "Срок"),
    "access.applicant": ("Applicant", "Заявитель"),
    "access.review": ("Review", "Рассмотреть"),
    "access.matches": ("Matching students", "Подходящие ученики"),
    "access.matches_none": (
        "No student of your school matches. Pick one from the class list.",
        "Подходящих учеников не найдено. Выберите из списка класса."),
    "access.pick_class": ("Class", "Класс"),
    "access.pick_student": ("Student", "Ученик"),
    "access.approve": ("Approve and issue a code", "Одобрить и выдать код"),
    "access.reject": ("Reject", "Отклонить"),
    "access.reject_reason": ("Reason", "Причина"),
    "access.reject_text": ("Explanation", "Пояснение"),
    "access.rejected_done": ("The application was rejected", "Заявка отклонена"),
    "access.reissue": ("Issue a new code", "Выдать новый код"),
    "access.decided_by": ("Decided", "Решение принято"),
    # staff: codes and envelope
    "access.codes_intro": (
        "Issue an access code for a student directly (a new code cancels the student's unused one), "
        "and record students who graduated or left: their parents' access ends at once.",
        "Выдайте код доступа для ученика напрямую (новый код отменяет неиспользованный прежний) "
        "и отметьте выпустившихся или выбывших учеников: доступ их родителей сразу прекращается."),
    "access.issue": ("Issue a code", "Выдать код"),
    "access.codes_of": ("Codes", "Коды"),
    "access.code_status.active": ("Active until", "Действует до"),
    "access.code_status.used": ("Used", "Использован"),
    "access.code_status.revoked": ("Cancelled", "Отменён"),
    "access.code_status.expired": ("Expired", "Истёк"),
    "access.revoke": ("Cancel", "Отменить"),
    "access.student_status": ("Status", "Статус"),
    "access.student_status.studying": ("Studying", "Учится"),
    "access.student_status.graduated": ("Graduated", "Выпустился"),
    "access.student_status.left": ("Left", "Выбыл"),
    "access.set_graduated": ("Graduated", "Выпустился"),
    "access.set_left": ("Left the school", "Выбыл"),
    "access.set_studying": ("Studies again", "Снова учится"),
    "access.envelope_title": ("Access code for the electronic diary", "Код доступа к электронному дневнику"),
    "access.envelope_none": (
        "A code is shown here once, right after it is issued. Issue a new one to print it again.",
        "Код показывается здесь один раз, сразу после выдачи. Чтобы напечатать снова, выдайте новый."),
    "access.envelope_student": ("Student", "Ученик"),
    "access.envelope_school": ("School", "Школа"),
    "access.envelope_code": ("Access code", "Код доступа"),
    "access.envelope_expires": ("Valid until", "Действует до"),
    "access.envelope_steps": (
        "Log in to MRKO Diary, open “My children” → “Enter access code”, type the code and name the page. "
        "The code works once. Do not pass it on.",
        "Войдите в МРКО Дневник, откройте «Мои дети» → «Ввести код доступа», введите код и назовите страницу. "
        "Код действует один раз. Не передавайте его другим."),
    "access.envelope_print": ("Print", "Печать"),
    "access.envelope_done": ("Done, hide the code", "Готово, скрыть код"),
}
