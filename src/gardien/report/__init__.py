"""Renderers: one module per output format, each taking only an AuditResult."""
