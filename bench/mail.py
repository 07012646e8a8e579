"""Suspicious-email analyser on ../shared/corpus/mail, beside SpamAssassin on the same messages.

Usage (after the README's install and `apt-get install spamassassin spamc`):
    nice -n 10 .venv/bin/python bench/mail.py [--controle] [--limit N] [--sans-spamassassin]

Each corpus is split once into a tuning half and a control half by a hash of the file name (bench/mail_corpus.py);
the signals' weights are fitted on the tuning halves (scripts/fit_mail_weights.py). Gardien's hand-written French set
(tests/data/mail_fr) is measured beside them: its development part with the tuning halves, its held-out third with
the control halves. Without --controle only the tuning halves are read: the control halves are read once, at the end
of a piece of work (docs/benchmarks.md says when), and then only aggregate figures are printed — never a message.

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

from gardien.mail import intentions  # noqa: E402
from gardien.mail.analyze import MIN_PASTED_WORDS, analyse  # noqa: E402
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


def table(groups: dict[str, list[mail_corpus.Item]], results, sa, parts) -> None:
    print("| ensemble | moitié | messages | Gardien : suspect ou dangereux | dont dangereux | analyse incomplète | "
          "SpamAssassin : score ≥ 5 |")
    print("|---|---|---|---|---|---|---|")
    for label, items in groups.items():
        for part in parts:
            chosen = [i for i in items if i.half == part]
            verdicts = [results[i.path].verdict for i in chosen]
            theirs = share([sa[0][i.path] for i in chosen], lambda s: s >= 5.0) if sa else "non mesuré"
            print(f"| {label} | {part} | {len(chosen)} | {share(verdicts, lambda v: v in FLAGGED)} | "
                  f"{share(verdicts, lambda v: v == 'dangerous')} | {share(verdicts, lambda v: v == 'incomplete')} | {theirs} |")


def misses(items: list[mail_corpus.Item], results, parts) -> None:
    """What is not flagged, in aggregate: how many carried no sign at all, how many came from a domain that
    authenticates, and the signs the others carried (never one message of the control half)."""
    for part in parts:
        missed = [i for i in items if i.half == part and results[i.path].verdict not in FLAGGED]
        silent = sum(not results[i.path].signals for i in missed)
        authenticated = sum(results[i.path].authenticated for i in missed)
        carried = collections.Counter(s for i in missed for s in results[i.path].signals)
        top = ", ".join(f"`{s}` {n}" for s, n in carried.most_common(6))
        print(f"- {part} : {len(missed)} non signalés, dont {silent} sans aucun signe et {authenticated} envoyés par un "
              f"domaine qui s'authentifie (DMARC pass) ; signes les plus fréquents chez les autres : {top or 'aucun'}.")


def french_kinds(items: list[mail_corpus.Item], results, parts) -> None:
    """The French texts not flagged, by kind: too short to be judged (a subject line alone), a warning that describes
    a campaign instead of being one, no sign at all, or signs too weak. Counts only."""
    for part in parts:
        missed = [i for i in items if i.half == part and results[i.path].verdict not in FLAGGED]
        kinds = collections.Counter(_kind(i.text(), results[i.path]) for i in missed)
        print(f"- {part} : {len(missed)} non signalés — " + (", ".join(f"{k} {n}" for k, n in kinds.most_common()) or "aucun"))


def _kind(text: str, result: Result) -> str:
    if len(re.findall(r"[^\W\d_]{2,}", text)) < MIN_PASTED_WORDS:
        return "trop court pour être jugé (un objet seul)"
    if intentions.warns_about_a_scam(text):
        return "mise en garde décrivant une campagne"
    return "sans aucun signe" if not result.signals else "signes trop faibles"


# Coarse families of the organisations phishing-fr-text's index.tsv names (its labels mix French and Chinese)
FR_TEXT_FAMILIES = (
    ("banque", r"banque|bank|银行|crédit|credit|société générale|lcl|cic|ubs|coinbase|transcash|cb\b|prélèvement"),
    ("santé (Ameli)", r"ameli|医保|assurance maladie"),
    ("impôts, amendes, administration", r"dgfip|税|igf|caf|france identité|antai|crit|罚单|administration"),
    ("police, justice, chantage", r"police|宪兵|interieur|justice|cybermalveillance|杀手|黑客|勒索"),
    ("services et abonnements", r"orange|sfr|bouygues|netflix|apple|microsoft|booking|vinted|norton|avast|domain|"
                                r"registr|域名|enedis|ulys|chronopost|dsi"),
    ("loterie, héritage", r"彩票|fdj|millions|notaire|公证"),
    ("loyer, immobilier, virement", r"bailleur|propriétaire|immobilier|loueur|airbnb|comptabilité"),
)


def fr_text_family(item: mail_corpus.Item, labels: dict[str, str]) -> str:
    label = labels.get(item.path.name, "").lower()
    return next((name for name, pattern in FR_TEXT_FAMILIES if re.search(pattern, label)), "autre ou aucun")


def by_family(title: str, items: list[mail_corpus.Item], family, results, parts) -> None:
    families = sorted({family(i) for i in items})
    print(f"\n{title}\n")
    print("| famille | " + " | ".join(parts) + " |")
    print("|---" * (len(parts) + 1) + "|")
    for name in families:
        cells = []
        for part in parts:
            chosen = [results[i.path].verdict for i in items if family(i) == name and i.half == part]
            hits = sum(v in FLAGGED for v in chosen)
            cells.append(f"{hits}/{len(chosen)}" if chosen else "—")
        print(f"| {name} | " + " | ".join(cells) + " |")


def hand_written_scores(sets, results, parts) -> None:
    for part in parts:
        lures = [results[i.path].verdict in FLAGGED for i in sets["fr-leurre"] if i.half == part]
        honest = [results[i.path].verdict in FLAGGED for i in sets["fr-honnete"] if i.half == part]
        caught, false = sum(lures), sum(honest)
        precision = f"{100 * caught / (caught + false):.1f} %" if caught + false else "—"
        label = "développement" if part == TUNING else "gardé à part"
        print(f"- {label} : rappel {share(lures, bool)} des {len(lures)} leurres ; fausses alertes {share(honest, bool)} des "
              f"{len(honest)} textes honnêtes ; précision {precision}.")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--controle", action="store_true",
                        help="read the control halves too (once, at the end of a piece of work): aggregates only")
    parser.add_argument("--limit", type=int, default=0, help="only the first N messages of each set")
    parser.add_argument("--sans-spamassassin", action="store_true", help="do not run the peer")
    args = parser.parse_args()
    parts = (TUNING, CONTROL) if args.controle else (TUNING,)
    sets = mail_corpus.load() | mail_corpus.hand_written()
    if args.limit:
        sets = {k: v[: args.limit] for k, v in sets.items()}
    sets = {k: [i for i in v if i.half in parts] for k, v in sets.items()}
    corpus_items = [i for name in sets for i in sets[name] if name not in mail_corpus.HAND_WRITTEN]
    items = [i for name in sets for i in sets[name]]
    results, gardien_time = gardien_run(corpus_items)
    results |= gardien_run([i for name in mail_corpus.HAND_WRITTEN for i in sets[name]])[0]
    sa = None if args.sans_spamassassin else spamassassin_run(items)
    modern = collections.defaultdict(list)
    for item in sets["ham-modern"]:
        modern[item.category].append(item)

    print(f"Corpus : {len(sets['phishing'])} messages d'hameçonnage et d'arnaque, {len(sets['phishing-fr-text'])} textes "
          f"d'hameçonnage en français (les mots seuls), {len(sets['ham'])} messages légitimes de 2002, "
          f"{len(sets['ham-modern'])} messages légitimes de 2015 à 2026 ; écrits pour les tests : "
          f"{len(sets['fr-leurre'])} leurres et {len(sets['fr-honnete'])} textes honnêtes en français"
          + ("" if args.controle else " (moitiés de mise au point seulement)") + ".\n")
    groups = {"hameçonnage": sets["phishing"], "hameçonnage en français, les mots seuls": sets["phishing-fr-text"],
              "légitime 2002": sets["ham"], "légitime moderne, tout": sets["ham-modern"]}
    groups |= {f"légitime moderne : {category}": modern[category] for category in sorted(modern)}
    groups |= {"français écrit pour les tests : leurres": sets["fr-leurre"],
               "français écrit pour les tests : honnêtes": sets["fr-honnete"],
               "français écrit sans connaître les règles : leurres": sets["fr-aveugle-leurre"],
               "français écrit sans connaître les règles : honnêtes": sets["fr-aveugle-honnete"]}
    table(groups, results, sa, parts)

    print("\nTextes français écrits pour les tests (le tiers gardé à part n'a servi ni à écrire ni à régler une règle) :\n")
    hand_written_scores(sets, results, parts)

    french = sets["phishing-fr-text"] + sets["fr-leurre"]
    pasted = pasted_run(french)
    print("\nLes mêmes textes français collés tels qu'à l'écran (`gardien mail analyser --texte`, sans en-têtes) : "
          + "; ".join(f"{name} {part} {share([pasted[i.path] for i in sets[name] if i.half == part], lambda v: v in FLAGGED)}"
                      for name in ("phishing-fr-text", "fr-leurre") for part in parts) + " suspects ou dangereux.")

    rate = len(corpus_items) / gardien_time
    sa_text = f"{len(items) / sa[1]:.1f} (rapport {rate / (len(items) / sa[1]):.0f})" if sa else "non mesuré"
    print(f"\nMessages par seconde de temps processeur, un cœur : Gardien {rate:.0f}, SpamAssassin {sa_text}.")

    labels = dict(line.split("\t", 1) for line in (mail_corpus.CORPUS / "phishing-fr-text" / "index.tsv")
                  .read_text(encoding="utf-8").splitlines()[1:] if "\t" in line)
    by_family("Textes français réels par famille (organisme imité, d'après index.tsv) :", sets["phishing-fr-text"],
              lambda i: fr_text_family(i, labels), results, parts)
    by_family("Leurres écrits pour les tests, par famille :", sets["fr-leurre"], lambda i: i.family, results, parts)

    print("\nCe qui n'est pas signalé (hameçonnage) :\n")
    misses(sets["phishing"], results, parts)
    print("\nCe qui n'est pas signalé (textes français réels), par sorte :\n")
    french_kinds(sets["phishing-fr-text"], results, parts)
    print("\nCe qui est signalé à tort (légitime moderne, par signe) :\n")
    for part in parts:
        wrong = [i for i in sets["ham-modern"] if i.half == part and results[i.path].verdict in FLAGGED]
        carried = collections.Counter(s for i in wrong for s in results[i.path].signals)
        print(f"- {part} : {len(wrong)} ; " + (", ".join(f"`{s}` {n}" for s, n in carried.most_common(8)) or "aucun signe"))

    print("\nPart des messages de la moitié de mise au point où chaque signal apparaît :\n")
    columns = {"hameçonnage": sets["phishing"], "français": sets["phishing-fr-text"], "2002": sets["ham"],
               **{category: modern[category] for category in sorted(modern)},
               "leurres écrits": sets["fr-leurre"], "honnêtes écrits": sets["fr-honnete"]}
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
