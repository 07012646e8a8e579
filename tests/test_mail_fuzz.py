"""Fuzzing the mail parser and analyser with Hypothesis: no exception, bounded time, whatever the input.

A longer run (bench/fuzz_mail.py) records how many inputs were tried in docs/benchmarks.md.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gardien.mail.analyze import VERDICT_LABEL, analyse
from gardien.mail.message import parse_bytes

HEADER_NAMES = ["From", "To", "Reply-To", "Subject", "Content-Type", "Content-Transfer-Encoding", "Content-Disposition",
                "Authentication-Results", "List-Id", "List-Unsubscribe", "In-Reply-To", "Thread-Index", "MIME-Version"]
VALUES = st.one_of(
    st.text(max_size=80),
    st.sampled_from([
        'multipart/mixed; boundary="b"', 'multipart/alternative; boundary=b', "text/html; charset=x-bad",
        "base64", "quoted-printable", 'attachment; filename="a.pdf.exe"', "=?utf-8?b?w6k=?=", "=?bad?q?x?=",
        "mx; spf=fail; dmarc=fail", "<x@y>", "application/zip", "message/rfc822",
    ]),
)
BODIES = st.one_of(
    st.binary(max_size=2000),
    st.text(max_size=2000).map(lambda t: t.encode("utf-8", "surrogatepass")),
    st.sampled_from([b"--b\nContent-Type: text/html\n\n<a href='http://1.2.3.4'>x</a>\n--b--", b"PK\x03\x04" + b"\x00" * 40,
                     b"%PDF /JavaScript /URI (http://x)", b"<form><a href=", b"--b\n\n--b\n\n--b--"]),
)


@st.composite
def messages(draw) -> bytes:
    headers = draw(st.lists(st.tuples(st.sampled_from(HEADER_NAMES), VALUES), max_size=12))
    head = "".join(f"{name}: {value}\n" for name, value in headers).encode("utf-8", "surrogatepass")
    return head + b"\n" + draw(BODIES)


def assert_sound(analysis) -> None:
    """A verdict Gardien knows, and never "sans danger apparent" when part of the message was not examined."""
    assert analysis.verdict in VERDICT_LABEL and (analysis.verdict != "safe" or not analysis.errors)


@settings(max_examples=300, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(messages())
def test_structured_messages_never_break_the_analyser(raw):
    assert_sound(analyse(parse_bytes(raw)))


@settings(max_examples=200, deadline=2000)
@given(st.binary(max_size=5000))
def test_random_bytes_never_break_the_analyser(raw):
    assert_sound(analyse(parse_bytes(raw)))
