"""Send a document encrypted: a password-protected PDF (AES-256) the recipient opens on any computer or phone
without installing anything, a passphrase easy to dictate over the phone, and the instructions to send both
apart (references.md CHIF-05, MSG-01 to MSG-04).

The original files are only read, never modified. Converting a word-processor document needs files on disk:
they live in a private folder inside Gardien's data folder (the user's own folder) and are removed at once.
"""
