"""One ordered action plan from the audit findings and the questionnaire answers."""
