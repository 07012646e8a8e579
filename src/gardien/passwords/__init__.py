"""Passwords: strength against the CNIL thresholds, breached-password checks, generation.

A library with no CLI inside. Nothing here writes, logs or keeps a password.
"""
