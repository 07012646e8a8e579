"""Put the original values back into an AI's answer, even when it alters the placeholders a little:
[PATIENT_1], [Patient_1], [PATIENT 1], PATIENT_1, [PATIENT-1], « PATIENT_1 »."""

from __future__ import annotations

import re


def reidentify(text: str, mapping: dict[str, str]) -> tuple[str, int]:
    """(restored text, number of replacements)."""
    total = 0
    for placeholder, original in sorted(mapping.items(), key=lambda item: -len(item[0])):
        inner = placeholder.strip("[]")
        match = re.fullmatch(r"([A-Z_]+?)_(\d+)", inner)
        if match:
            label, number = re.escape(match.group(1)).replace("_", "[ _-]"), match.group(2)
            pattern = rf"\[\s*{label}[ _-]?{number}\s*\]|(?<![\w\[]){label}[_-]{number}(?![\d\w])"
        else:
            pattern = re.escape(placeholder)
        text, count = re.subn(pattern, lambda _m, o=original: o, text, flags=re.I)
        total += count
    return text, total
