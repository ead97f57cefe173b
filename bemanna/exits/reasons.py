"""The reasons the issue lists, seeded by migration 0002; HR changes them in the admin."""

REASONS = [
    ("lon", "Lön", "Pay"),
    ("arbetsbelastning", "Arbetsbelastning", "Workload"),
    ("arbetstid", "Arbetstider och schema", "Working hours and schedule"),
    ("chef", "Chef och ledarskap", "Manager and leadership"),
    ("arbetsmiljo", "Arbetsmiljö", "Work environment"),
    ("utveckling", "Karriär och utveckling", "Career and development"),
    ("flytt", "Flytt", "Moving"),
    ("studier", "Studier", "Studies"),
    ("pension", "Pension", "Retirement"),
    ("familj", "Familj", "Family"),
    ("annat", "Annat", "Other"),
]
