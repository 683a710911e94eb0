"""Strings for the gradebook arithmetic: grading-settings errors and trend labels."""

STRINGS = {
    "grading.weight_positive": (
        "The weight must be a whole number greater than 0",
        "Вес должен быть целым числом больше 0",
    ),
    "grading.scale_range": (
        "Marks must be whole numbers from 0 to 100",
        "Оценки должны быть целыми числами от 0 до 100",
    ),
    "grading.scale_order": ("The highest mark must be above the lowest", "Высшая оценка должна быть больше низшей"),
    "grading.thresholds_marks": (
        "Give one threshold for every mark above the lowest",
        "Укажите порог для каждой оценки выше низшей",
    ),
    "grading.threshold_number": ("The threshold must be a number", "Порог должен быть числом"),
    "grading.threshold_range": (
        "The threshold must lie above the lowest mark and not above the highest",
        "Порог должен быть больше низшей оценки и не больше высшей",
    ),
    "grading.thresholds_order": (
        "Each threshold must be higher than the one for the mark below",
        "Каждый порог должен быть выше порога для оценки ниже",
    ),
    "grading.trend.rising": ("Rising", "Растёт"),
    "grading.trend.falling": ("Falling", "Снижается"),
    "grading.trend.steady": ("Steady", "Стабильно"),
}
