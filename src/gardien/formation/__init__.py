"""Staff awareness: short quizzes per theme, the « Repérez le piège » e-mail exercise, learners and their progress,
certificates, refresh reminders and the practice's IT charter.

A library with no CLI or HTTP inside (cli_formation.py and web/formation.py are the shells). Every answer is explained
with its authoritative source (references.md ids, through data/sources.toml); the texts are Gardien's own words
(ATTRIBUTIONS.md says what is reused, and under which licence).
"""
