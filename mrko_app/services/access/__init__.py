"""services/access/: the package's public API. Every name below is looked up in its submodule on
first use (PEP 562 __getattr__), so that importing the package never imports all of it (no cycles);
submodules: rules (was services/access.py), codes (was services/access_codes.py), applications (was services/applications.py), roster (was services/roster.py), documents (was services/documents.py)."""

import importlib

_API = {
    "ALPHABET": "codes",
    "APPLICATION_FIELDS": "applications",
    "CODE_LENGTH": "codes",
    "Candidate": "applications",
    "DOCUMENT_FOLDER": "documents",
    "DUE_WORKING_DAYS": "applications",
    "EXTENSIONS": "documents",
    "GROUP": "codes",
    "LOCK": "codes",
    "MAX_FAILURES": "codes",
    "MAX_OPEN_PER_PARENT": "applications",
    "MAX_SIZE": "documents",
    "PAGE_NAME_MAX": "codes",
    "REJECT_TEXT_MAX": "applications",
    "RELATIONS": "applications",
    "StoredFile": "documents",
    "VALID_DAYS": "codes",
    "add_working_days": "applications",
    "approve": "applications",
    "check": "documents",
    "check_code": "codes",
    "class_students": "roster",
    "clean_filename": "documents",
    "clean_form": "applications",
    "clean_page_name": "codes",
    "code_status": "codes",
    "delete": "documents",
    "describe_student": "codes",
    "details_to_apply_again": "applications",
    "document_for_staff": "applications",
    "documents_of": "applications",
    "exists": "documents",
    "folder": "documents",
    "format_code": "codes",
    "generate_code": "codes",
    "hash_code": "codes",
    "is_overdue": "applications",
    "issue_code": "codes",
    "linked_children": "rules",
    "locked_until": "codes",
    "normalize_class_name": "applications",
    "normalize_code": "codes",
    "parent_application": "applications",
    "parent_applications": "applications",
    "queue": "applications",
    "read": "documents",
    "redeem_code": "codes",
    "reissue": "applications",
    "reject": "applications",
    "require_child": "rules",
    "require_journal_access": "rules",
    "require_role": "rules",
    "require_staff": "rules",
    "require_user": "rules",
    "revoke_code": "codes",
    "revoke_student_codes": "codes",
    "schools": "applications",
    "set_student_status": "roster",
    "sniff": "documents",
    "staff_application": "applications",
    "staff_class": "roster",
    "staff_classes": "roster",
    "staff_school_ids": "rules",
    "store": "documents",
    "student_codes": "codes",
    "submit": "applications",
    "suggest_students": "applications",
    "teacher_assignments": "rules",
    "user_roles": "rules",
}
_SUBMODULES = ('rules', 'codes', 'applications', 'roster', 'documents')


def __getattr__(name):
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    if name in _API:
        return getattr(importlib.import_module(f"{__name__}.{_API[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(_API) | set(_SUBMODULES))
