"""Pseudonymiser for AI use: remove what identifies a patient before a text leaves the practice, and put
the names back into the AI's answer on the practitioner's machine. A library with no CLI inside; nothing of
the original text is logged."""
