"""Suspicious-email analyser on ../shared/corpus/mail, beside SpamAssassin on the same messages.

Usage (after the README's install and `apt-get install spamassassin spamc`):
    nice -n 10 .venv/bin/python bench/mail.py [--limit N] [--sans-spamassassin]

Each corpus is split once into a tuning half and a control half by a hash of the file name (bench/mail_corpus.py);
the signals' weights are fitted on the tuning halves (scripts/fit_mail_weights.py). Both halves are reported; of
the control halves, only aggregate figures are printed — never a message.

Gardien runs in this process (one core). SpamAssassin runs as `spamd --local --max-children 1` (one core, no
network tests: no DNS blocklists, no Razor/Pyzor), fed by `spamc -c`; a message is "spam" for it at its default
threshold, 5.0. Also measured: a 50 MB message and a zip bomb, time and peak memory, in a fresh process each.
"""

from __future__ import annotations

import argparse
import collections
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "src"))

import mail_corpus  # noqa: E402
from mail_corpus import CONTROL, TUNING  # noqa: E402

from gardien.mail.analyze import analyse  # noqa: E402
from gardien.mail.message import parse_bytes  # noqa: E402
from gardien.mail.pasted import parse_text  # noqa: E402

FLAGGED = ("suspicious", "dangerous")
AUTHENTICATED = re.compile(r"\bdmarc=(pass|bestguesspass)\b", re.I)
HOSTILE = r"""
import io, resource, sys, time, zipfile
from email.message import EmailMessage
sys.path.insert(0, {src!r})
from gardien.mail.analyze import analyse
from gardien.mail.message import parse_bytes
kind = sys.argv[1]
message = EmailMessage(); message["From"] = "a@exemple.fr"; message["Subject"] = "test"; message.set_content("texte")
if kind == "50mo":
    message.add_attachment(b"\x00" * 37_000_000, maintype="application", subtype="octet-stream", filename="gros.bin")
else:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for i in range(10):
            z.writestr(f"couche{{i}}.bin", b"\x00" * 200_000_000)
    message.add_attachment(buffer.getvalue(), maintype="application", subtype="zip", filename="bombe.zip")
raw = message.as_bytes()
start = time.perf_counter()
analysis = analyse(parse_bytes(raw))
print(len(raw), round(time.perf_counter() - start, 2), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, analysis.verdict)
"""


class Result:
    def __init__(self, verdict: str, signals: set[str], authenticated: bool) -> None:
        self.verdict, self.signals, self.authenticated = verdict, signals, authenticated


def gardien_run(items: list[mail_corpus.Item]) -> tuple[dict[Path, Result], float]:
    results = {}
    start = time.process_time()  # CPU time of this process: the machine is shared, wall time would measure the others
    for item in items:
        mail = parse_bytes(item.raw())
        analysis = analyse(mail)
        top = (mail.auth_results or [""])[0]
        results[item.path] = Result(analysis.verdict, {s.id for s in analysis.signals}, bool(AUTHENTICATED.search(top)))
    return results, time.process_time() - start


def pasted_run(items: list[mail_corpus.Item]) -> dict[Path, str]:
    return {item.path: analyse(parse_text(item.text())).verdict for item in items}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def spamassassin_run(items: list[mail_corpus.Item]) -> tuple[dict[Path, float], float] | None:
    if not shutil.which("spamd") or not shutil.which("spamc"):
        return None
    port = free_port()
    home = tempfile.mkdtemp()
    daemon = subprocess.Popen(
        ["spamd", "--local", "--max-children=1", f"--port={port}", "--listen=127.0.0.1", "--syslog=stderr",
         "--username=nobody", f"--helper-home-dir={home}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(120):
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.5)
        scores = {}
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        for item in items:
            result = subprocess.run(["spamc", "-c", "-p", str(port), "-s", "60000000"], input=item.raw(),
                                    capture_output=True, timeout=120, check=False)
            text = result.stdout.decode().strip()
            scores[item.path] = float(text.split("/")[0]) if "/" in text else float("nan")
    finally:
        daemon.terminate()
        daemon.wait(timeout=30)
    # CPU time of spamd (its forked child included, once reaped) and of the spamc clients, like Gardien's own
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return scores, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)


def share(values, predicate) -> str:
    values = list(values)
    if not values:
        return "—"
    hits = sum(map(predicate, values))
    return f"{100 * hits / len(values):.1f} % ({hits})"


def table(groups: dict[str, list[mail_corpus.Item]], results, sa) -> None:
    print("| ensemble | moitié | messages | Gardien : suspect ou dangereux | dont dangereux | analyse incomplète | "
          "SpamAssassin : score ≥ 5 |")
    print("|---|---|---|---|---|---|---|")
    for label, items in groups.items():
        for part in (TUNING, CONTROL):
            chosen = [i for i in items if i.half == part]
            verdicts = [results[i.path].verdict for i in chosen]
            theirs = share([sa[0][i.path] for i in chosen], lambda s: s >= 5.0) if sa else "non mesuré"
            print(f"| {label} | {part} | {len(chosen)} | {share(verdicts, lambda v: v in FLAGGED)} | "
                  f"{share(verdicts, lambda v: v == 'dangerous')} | {share(verdicts, lambda v: v == 'incomplete')} | {theirs} |")


def misses(items: list[mail_corpus.Item], results) -> None:
    """What is not flagged, in aggregate: how many carried no sign at all, how many came from a domain that
    authenticates, and the signs the others carried (never one message of the control half)."""
    for part in (TUNING, CONTROL):
        missed = [i for i in items if i.half == part and results[i.path].verdict not in FLAGGED]
        silent = sum(not results[i.path].signals for i in missed)
        authenticated = sum(results[i.path].authenticated for i in missed)
        carried = collections.Counter(s for i in missed for s in results[i.path].signals)
        top = ", ".join(f"`{s}` {n}" for s, n in carried.most_common(6))
        print(f"- {part} : {len(missed)} non signalés, dont {silent} sans aucun signe et {authenticated} envoyés par un "
              f"domaine qui s'authentifie (DMARC pass) ; signes les plus fréquents chez les autres : {top or 'aucun'}.")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=0, help="only the first N messages of each set")
    parser.add_argument("--sans-spamassassin", action="store_true", help="do not run the peer")
    args = parser.parse_args()
    sets = mail_corpus.load()
    if args.limit:
        sets = {k: v[: args.limit] for k, v in sets.items()}
    items = [i for name in sets for i in sets[name]]
    results, gardien_time = gardien_run(items)
    sa = None if args.sans_spamassassin else spamassassin_run(items)
    modern = collections.defaultdict(list)
    for item in sets["ham-modern"]:
        modern[item.category].append(item)

    print(f"Corpus : {len(sets['phishing'])} messages d'hameçonnage et d'arnaque, {len(sets['phishing-fr-text'])} textes "
          f"d'hameçonnage en français (les mots seuls), {len(sets['ham'])} messages légitimes de 2002, "
          f"{len(sets['ham-modern'])} messages légitimes de 2015 à 2026.\n")
    groups = {"hameçonnage": sets["phishing"], "hameçonnage en français, les mots seuls": sets["phishing-fr-text"],
              "légitime 2002": sets["ham"], "légitime moderne, tout": sets["ham-modern"]}
    groups |= {f"légitime moderne : {category}": modern[category] for category in sorted(modern)}
    table(groups, results, sa)

    pasted = pasted_run(sets["phishing-fr-text"])
    print("\nLes mêmes textes français collés tels qu'à l'écran (`gardien mail analyser --texte`, sans en-têtes) : "
          + ", ".join(f"{part} {share([pasted[i.path] for i in sets['phishing-fr-text'] if i.half == part], lambda v: v in FLAGGED)}"
                      for part in (TUNING, CONTROL)) + " suspects ou dangereux.")

    rate = len(items) / gardien_time
    sa_text = f"{len(items) / sa[1]:.1f} (rapport {rate / (len(items) / sa[1]):.0f})" if sa else "non mesuré"
    print(f"\nMessages par seconde de temps processeur, un cœur : Gardien {rate:.0f}, SpamAssassin {sa_text}.")

    print("\nCe qui n'est pas signalé (hameçonnage) :\n")
    misses(sets["phishing"], results)
    print("\nCe qui n'est pas signalé (textes français) :\n")
    misses(sets["phishing-fr-text"], results)
    print("\nCe qui est signalé à tort (légitime moderne, par signe) :\n")
    for part in (TUNING, CONTROL):
        wrong = [i for i in sets["ham-modern"] if i.half == part and results[i.path].verdict in FLAGGED]
        carried = collections.Counter(s for i in wrong for s in results[i.path].signals)
        print(f"- {part} : {len(wrong)} ; " + (", ".join(f"`{s}` {n}" for s, n in carried.most_common(8)) or "aucun signe"))

    print("\nPart des messages de la moitié de mise au point où chaque signal apparaît :\n")
    columns = {"hameçonnage": sets["phishing"], "français": sets["phishing-fr-text"], "2002": sets["ham"],
               **{category: modern[category] for category in sorted(modern)}}
    counts = {name: collections.Counter(s for i in chosen if i.half == TUNING for s in results[i.path].signals)
              for name, chosen in columns.items()}
    sizes = {name: sum(i.half == TUNING for i in chosen) for name, chosen in columns.items()}
    print("| signal | " + " | ".join(columns) + " |")
    print("|---" * (len(columns) + 1) + "|")
    for signal_id in sorted(set().union(*counts.values()), key=lambda s: -counts["hameçonnage"][s]):
        print(f"| `{signal_id}` | " + " | ".join(f"{100 * counts[n][signal_id] / max(sizes[n], 1):.1f}" for n in columns) + " |")

    print("\nEntrées hostiles (processus séparé chacune) :\n")
    for kind, label in (("50mo", "message de 50 Mo"), ("bombe", "bombe zip (2 Go une fois décompressée)")):
        out = subprocess.run([sys.executable, "-c", HOSTILE.format(src=str(ROOT / "src")), kind], capture_output=True,
                             text=True, timeout=600, check=True).stdout.split()
        print(f"- {label} : {int(out[0]) / 1e6:.0f} Mo lus, analysé en {out[1]} s, mémoire maximale {out[2]} Mio, verdict {out[3]}.")


if __name__ == "__main__":
    main()
