"""The end of life of a device that held patients' data — a computer, an external disk, a USB key, a phone — when it
leaves the practice (sale or gift, recycling, return to a leasing company, repair): a guided procedure whose steps
each cite their source, and a dated certificate kept for the practice's register (references.md POSTE-09).

Steps come from procedure.fr.toml. Where references.md has no rule, the source is a vendor's or a reference guide's
page listed in docs/documents.md, shown as « recommandation courante ».
"""
