"""The GDPR paperwork of a practice: register of processing (art. 30), breach register (art. 33.5) and the patient
information notice, filled from a short interview with the CNIL référentiel for medical and paramedical practices as
the default content (references.md RGPD-01 to RGPD-08).

Every statement in the register carries where it comes from: a text Gardien read, a rule only reported by secondary
sources (« recommandation courante »), a fact the practitioner declared, or « à compléter » where the source was not
read. Nothing is invented to fill a gap.
"""
