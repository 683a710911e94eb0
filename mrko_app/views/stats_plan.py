"""The "what do I need" plan (services/stats/plan.py) in words, for the reader's language: "2 × Control
work with a 5 and 1 × Answer in class with a 4: the average would be 4.62, a 5." """

from __future__ import annotations

from mrko_app.i18n import formats, localized, tr


def _join(parts: list[str], lang: str) -> str:
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + tr("stats.plan.and", lang) + parts[-1]


def plan_words(result: dict, lang: str) -> str:
    """The plan as a sentence: "2 × Control work with a 5 and 1 × Answer in class with a 4: the average
    would be 4.62, a 5." (or that the target is already there, or out of reach)."""
    subject = localized(result["subject"], "name", lang)
    if result["already"]:
        return tr("stats.plan.already", lang, subject=subject, target=result["target"],
                  average=_num(result["current_average"], lang), mark=result["current_mark"])
    if not result["reachable"]:
        kind = localized(result["kind_names"][result["heaviest_kind"]], "name", lang)
        return tr("stats.plan.unreachable", lang, subject=subject, target=result["target"], count=result["max_marks"],
                  top=result["mark_max"], kind=kind, average=_num(result["best_average"], lang),
                  mark=result["best_mark"])
    groups: list[list] = []  # [kind, value, count] in plan order
    for item in result["plan"]:
        if groups and groups[-1][0] == item["kind"] and groups[-1][1] == item["value"]:
            groups[-1][2] += 1
        else:
            groups.append([item["kind"], item["value"], 1])
    parts = [tr("stats.plan.item", lang, count=count, kind=localized(result["kind_names"][kind], "name", lang), value=value)
             for kind, value, count in groups]
    return tr("stats.plan.needed", lang, subject=subject, target=result["target"], plan=_join(parts, lang),
              average=_num(result["resulting_average"], lang), mark=result["resulting_mark"])


def _num(value, lang: str) -> str:
    return formats.number(value, lang)
