"""The emergency mode: one instruction at a time for the first hour of a ransomware attack, the contacts prepared
before, the incident journal, the drafts for the CNIL and the patients, and the way back through the backups.

- content.py: the instructions and who to call, with their references.md sources (etapes.fr.toml);
- state.py: whether the mode is open; journal.py: the hash-chained incident journal;
- network.py: cutting the network; contacts.py: the contacts sheet prepared in advance;
- documents.py: the printable « fiche réflexe », the journal's export, the CNIL and patient drafts (HTML and PDF);
- breaches.py: the journal's incidents as entries of the GDPR breach register.
"""
