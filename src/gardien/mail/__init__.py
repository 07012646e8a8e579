"""Suspicious-email analyser: says in plain French whether a message is a trap, and why.

A library with no CLI inside. It never renders HTML, never opens or runs attachments, never fetches
a URL and never decompresses an archive beyond listing its entries.
"""
