"""Who really sent a message, as far as the receiving provider could check it: the authenticated domains (DKIM d=,
SPF mail-from), the DMARC result and policy, the e-mail service provider (ESP) that carried it, and the domains its
links lead to. The signals use it to tell a sender's own tracking from a hidden destination; the comparison with a
genuine earlier mail (compare.py) lines these facts up side by side.

Only the topmost Authentication-Results is read: it is the one the reader's provider added, lower ones can be
written by the sender.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from gardien.mail import domains
from gardien.mail.message import ParsedMail

_CLAUSE_RESULT = re.compile(r"^\s*(spf|dkim|dmarc|compauth|arc)\s*=\s*([a-z]+)", re.I)
_PROPERTY = re.compile(r"\b(header\.d|header\.i|header\.from|smtp\.mailfrom|p|policy|action)\s*=\s*\"?([^\s;\")]+)", re.I)
# the provider checked the ARC seals of a forwarder and found that DMARC passed when the message first arrived
_FORWARDED = re.compile(r"\barc=pass\b[^;]*\bdmarc=pass\b", re.I)
_ENFORCED = {"reject", "quarantine", "oreject", "oquarantine"}


def registrable_of(address_or_host: str) -> str:
    host = domains.host_of(address_or_host) if address_or_host else ""
    return domains.registrable(host) if host else ""


@dataclass
class Authentication:
    """What the top Authentication-Results says. `present` is False when the provider wrote none (old mail, a
    pasted text, a server that does not check): nothing can then be said either way."""

    present: bool = False
    results: dict[str, str] = field(default_factory=dict)  # first result of each method: spf, dkim, dmarc, compauth
    dkim_passed: set[str] = field(default_factory=set)  # registrable domains whose DKIM signature verified
    spf_passed: str = ""  # registrable domain of the SPF mail-from, when SPF passed
    dmarc_policy: str = ""  # what the From domain asks receivers to do with what fails, as the provider wrote it ("" unsaid)
    workspace_signers: set[str] = field(default_factory=set)  # « exemple-fr » of exemple-fr.20230601.gappssmtp.com

    @property
    def dmarc_enforced(self) -> bool:
        """The From domain asks receivers to reject or quarantine what fails."""
        return self.dmarc_policy in _ENFORCED

    @property
    def checked(self) -> bool:
        """SPF or DKIM was evaluated: an absence of alignment then means something."""
        return "spf" in self.results or "dkim" in self.results

    @property
    def passed(self) -> set[str]:
        return self.dkim_passed | ({self.spf_passed} if self.spf_passed else set())


def _written_by_sender(mail: ParsedMail, header: str) -> bool:
    """The result names the sender's own server (« vps.exemple.org; dmarc=fail » on mail from exemple.org to someone
    else): the sending side checked itself, no provider of the reader did. Mail within one organisation is read by
    that organisation's own server, whose verdict stands; so is mail to a mailbox that organisation hosts (Google's
    notice to a gmail.com reader, checked by mx.google.com: walkthrough, round 24)."""
    server = registrable_of(header.split(";", 1)[0].strip().split()[0] if header.strip() else "")
    sender = registrable_of(mail.from_address)
    readers = {registrable_of(a) for a in mail.to if a != mail.from_address}  # a sender who copies himself reads nothing here
    return bool(server) and server == sender and not any(domains.same_organisation(sender, r) for r in readers)


def authentication(mail: ParsedMail) -> Authentication:
    if not mail.auth_results or _written_by_sender(mail, mail.auth_results[0]):
        return Authentication()
    auth = Authentication(present=True)
    for clause in mail.auth_results[0].split(";"):
        found = _CLAUSE_RESULT.search(clause)
        if not found:
            continue
        method, result = found.group(1).lower(), found.group(2).lower()
        auth.results.setdefault(method, result)
        props = {k.lower(): v.lower() for k, v in _PROPERTY.findall(clause)}
        if method == "dkim" and result == "pass":
            signer = props.get("header.d") or props.get("header.i", "").lstrip("@").rsplit("@", 1)[-1]
            if signer.endswith(".gappssmtp.com"):  # Google Workspace signs for a domain that has no key of its own
                auth.workspace_signers.add(signer.split(".", 1)[0])
            elif signer:
                auth.dkim_passed.add(domains.registrable(signer))
        elif method == "spf" and result == "pass" and props.get("smtp.mailfrom"):
            auth.spf_passed = registrable_of(props["smtp.mailfrom"])
        elif method == "dmarc" and result == "fail" and _FORWARDED.search(mail.auth_results[0]):
            auth.results["dmarc"] = "forwarded"  # it passed before a forwarder re-sent it, the provider says (ARC)
        elif method == "dmarc" and result == "fail":
            auth.dmarc_policy = props.get("p") or props.get("policy") or props.get("action") or ""
    return auth


def aligned(mail: ParsedMail, auth: Authentication) -> bool:
    """DMARC's idea, computed here: SPF or DKIM passed for the organisation shown in From."""
    shown = registrable_of(mail.from_address)
    if not shown:
        return False
    return any(domains.same_organisation(shown, d) for d in auth.passed) or shown.replace(".", "-") in auth.workspace_signers


def own_domains(mail: ParsedMail, auth: Authentication | None = None) -> set[str]:
    """Registrable domains of the sender: the From domain and those the provider authenticated. A link to one of
    them is the sender's own (its site, its click tracker). Whether the sender is who it claims is judged by the
    sender and authentication signals; even a forged From sends the reader to the real site of that domain."""
    auth = auth or authentication(mail)
    shown = registrable_of(mail.from_address)
    return set(auth.passed) | ({shown} if shown else set())


def esp_of(mail: ParsedMail, auth: Authentication | None = None) -> str:
    """The e-mail service provider that carried the message (« Mailchimp », « Amazon SES »…), when one of its
    domains signed it, sent it or tracks its links; "" otherwise."""
    auth = auth or authentication(mail)
    for domain in sorted(auth.passed):
        name = domains.esp_name(domain)
        if name:
            return name
    for link in mail.links[:50]:
        name = domains.esp_name(domains.host_of(link.href))
        if name:
            return name
    return ""


def link_domains(mail: ParsedMail) -> Counter[str]:
    """Registrable domains the links go to first, most frequent first."""
    counted: Counter[str] = Counter()
    for link in mail.links:
        href = link.href.strip()
        if href.lower().startswith(("http://", "https://", "www.")):
            domain = registrable_of(href)
            if domain and "." in domain:
                counted[domain] += 1
    return counted
