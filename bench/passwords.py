"""Password checker: speed, and the share of French-pattern passwords rated "faible", beside plain zxcvbn.

Usage (from the repository root, after the README's install command; measures the installed package):
    .venv/bin/pip install wordfreq==3.1.1 gender-guesser==0.4.0
    .venv/bin/python bench/passwords.py

Measures, in one run:
1. time per evaluation after start-up (median and 95th percentile, in-process);
2. start-up + one evaluation: `gardien motdepasse verifier --stdin` beside `python -m zxcvbn` (its own CLI);
3. the share rated faible (< 50 bits, or in the offline breach list) of a sample of passwords built from
   PyPI data on the patterns French users are known to follow (first name + year, French word + digits,
   word of the profession + digits, French dates, AZERTY rows). These passwords are synthetic: no list of
   real French passwords is reachable from PyPI. Plain zxcvbn runs in a separate interpreter, with the
   same thresholds applied to its guess count;
4. random passwords drawn as the CNIL's examples describe them (MDP-02: 12 characters of 4 kinds, 14 characters
   of 3 kinds, 7 words): the share rated « fort », and the share with any explanation (a pattern really there,
   found by chance), beside plain zxcvbn's share at 80 bits or more.
"""

from __future__ import annotations

import json
import math
import os
import random
import secrets
import statistics
import string
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
SAMPLE = 2000
SEED = 2026
CNIL_SAMPLE = 3000  # per policy
SPECIALS = string.punctuation + "€£§°²µéèàçù"  # what a French keyboard types; the CNIL counts at least 37

PLAIN_ZXCVBN = """
import json, math, sys, time
from zxcvbn import zxcvbn
bits, times = [], []
for p in json.load(sys.stdin):
    start = time.perf_counter()
    guesses = zxcvbn(p[:72])["guesses"]
    times.append(time.perf_counter() - start)
    bits.append(math.log2(max(float(guesses), 1.0)))
print(json.dumps({"bits": bits, "times": times}))
"""


def plain_zxcvbn(passwords: list[str]) -> dict[str, list[float]]:
    """zxcvbn alone, in its own interpreter, on the same passwords: estimated bits and time per evaluation."""
    run = subprocess.run([PYTHON, "-c", PLAIN_ZXCVBN], input=json.dumps(passwords), capture_output=True, text=True,
                         check=True)
    return json.loads(run.stdout)


def french_sample() -> list[str]:
    from importlib import resources

    import gender_guesser.detector as detector
    import wordfreq

    rng = random.Random(SEED)
    france = detector.Detector.COUNTRIES.index("france")
    text = resources.files("gender_guesser").joinpath("data/nam_dict.txt").read_text(encoding="iso-8859-1")
    names = [line[3:29].strip() for line in text.splitlines()
             if line[:1] in "MF1?" and len(line) > 31 and line[30 + france].strip() and line[3:29].strip().isalpha()]
    words = [w for w in wordfreq.top_n_list("fr", 5000) if w.isalpha() and len(w) >= 5]
    metier = (ROOT / "src/gardien/passwords/data/metier.txt").read_text(encoding="utf-8").split()
    rows = ["azertyuiop", "qsdfghjklm", "wxcvbn", "azerty", "qsdfgh", "&é\"'(-è_çà"]

    def year() -> str:
        return str(rng.randint(1950, 2026))

    makers = [
        lambda: rng.choice(names).capitalize() + year(),
        lambda: rng.choice(names).lower() + str(rng.randint(0, 99)),
        lambda: rng.choice(words).capitalize() + str(rng.randint(0, 999)),
        lambda: rng.choice(words) + rng.choice(["!", "?", "*", "."]) + year()[-2:],
        lambda: rng.choice(metier).capitalize() + str(rng.randint(0, 99)),
        lambda: f"{rng.randint(1, 28):02d}/{rng.randint(1, 12):02d}/{year()}",
        lambda: f"{rng.randint(1, 28):02d}{rng.randint(1, 12):02d}{year()[-2:]}",
        lambda: rng.choice(rows) + str(rng.randint(0, 999)),
        lambda: rng.choice(names).capitalize() + rng.choice(names).lower() + year()[-2:],
    ]
    return [rng.choice(makers)() for _ in range(SAMPLE)]


def cnil_samples(generate) -> dict[str, list[str]]:
    """Random passwords following each CNIL example (MDP-02), drawn uniformly."""
    rng = random.Random(SEED)
    groups = (string.ascii_lowercase, string.ascii_uppercase, string.digits)

    def draw(length: int, kinds: tuple[str, ...]) -> str:
        while True:
            candidate = "".join(rng.choice("".join(kinds)) for _ in range(length))
            if all(any(c in k for c in candidate) for k in kinds):
                return candidate

    words = generate.passphrase_words()
    return {
        "12 caractères, 4 types": [draw(rng.randint(12, 16), (*groups, SPECIALS)) for _ in range(CNIL_SAMPLE)],
        "14 caractères, 3 types": [draw(rng.randint(14, 18), groups) for _ in range(CNIL_SAMPLE)],
        "7 mots différents": [rng.choice(["-", " ", ".", ""]).join(generate._plain(w) for w in rng.sample(words, 7))
                              for _ in range(CNIL_SAMPLE)],
    }


def median_ms(samples: list[float]) -> float:
    return statistics.median(samples) * 1000


def main() -> None:
    from gardien.passwords import generate, strength

    sample = french_sample()
    strength.warm_up()
    timings, verdicts = [], []
    evaluated = sample + [generate.passphrase().password for _ in range(200)]
    for password in evaluated:
        start = time.perf_counter()
        evaluation = strength.evaluate(password)
        timings.append(time.perf_counter() - start)
        verdicts.append(evaluation)
    french = verdicts[:SAMPLE]
    french_weak = sum(v.verdict == "faible" for v in french) / SAMPLE
    french_weak_no_list = sum(v.entropy_bits < strength.MEDIUM_BITS for v in french) / SAMPLE
    plain = plain_zxcvbn(evaluated)
    plain_bits, plain_times = plain["bits"][:SAMPLE], sorted(plain["times"])
    plain_weak = sum(b < strength.MEDIUM_BITS for b in plain_bits) / SAMPLE

    env = dict(os.environ, GARDIEN_HOME="/tmp/gardien-bench-home")
    starts = {"gardien motdepasse verifier --stdin": [], "python -m zxcvbn": []}
    commands = {
        "gardien motdepasse verifier --stdin": [PYTHON, "-m", "gardien", "motdepasse", "verifier", "--stdin"],
        "python -m zxcvbn": [PYTHON, "-m", "zxcvbn"],
    }
    for _ in range(7):
        for name, argv in commands.items():
            start = time.perf_counter()
            subprocess.run(argv, input="Loulou2024\n", capture_output=True, text=True, env=env, check=True)
            starts[name].append(time.perf_counter() - start)

    ordered = sorted(timings)
    print(f"Échantillon : {SAMPLE} mots de passe synthétiques (graine {SEED}) + 200 phrases de passe générées\n")
    print("| mesure | Gardien (zxcvbn + données françaises) | zxcvbn seul | rapport |")
    print("|---|---|---|---|")
    print(f"| part jugée faible (< 50 bits ou liste de fuites) | {french_weak:.1%} | {plain_weak:.1%} | "
          f"{french_weak / max(plain_weak, 1e-9):.2f} |")
    print(f"| part sous 50 bits, sans la liste de fuites | {french_weak_no_list:.1%} | {plain_weak:.1%} | "
          f"{french_weak_no_list / max(plain_weak, 1e-9):.2f} |")
    print(f"| bits médians estimés | {statistics.median(v.entropy_bits for v in french):.1f} | "
          f"{statistics.median(plain_bits):.1f} | |")
    gardien_start = median_ms(starts["gardien motdepasse verifier --stdin"])
    zxcvbn_start = median_ms(starts["python -m zxcvbn"])
    print(f"| démarrage + 1 vérification, médiane sur 7 (ms) | {gardien_start:.0f} | {zxcvbn_start:.0f} | "
          f"{gardien_start / zxcvbn_start:.2f} |")
    for label, pick in (("médiane", statistics.median), ("95e centile", lambda t: t[math.floor(0.95 * len(t))]),
                        ("maximum", max)):
        ours, theirs = pick(ordered) * 1000, pick(plain_times) * 1000
        print(f"| temps par évaluation après démarrage, {label} (ms) | {ours:.2f} | {theirs:.2f} | {ours / theirs:.2f} |")
    print(f"\n({len(timings)} évaluations chacun : l'échantillon et 200 phrases de passe générées.)")
    missed = [p for p, v in zip(sample, french, strict=True) if v.verdict != "faible"]
    print(f"Mots de passe de l'échantillon non jugés faibles : {len(missed)} sur {SAMPLE}.")
    print("\nMots de passe aléatoires qui suivent un exemple de la CNIL (MDP-02), "
          f"{CNIL_SAMPLE} par exemple (graine {SEED}) :\n")
    print("| exemple de la CNIL | Gardien : « fort » | Gardien : une explication (motif réellement présent) "
          "| zxcvbn seul : 80 bits ou plus |")
    print("|---|---|---|---|")
    for name, passwords in cnil_samples(generate).items():
        evaluations = [strength.evaluate(p) for p in passwords]
        strong = sum(e.verdict == "fort" for e in evaluations) / len(passwords)
        explained = sum(bool(e.patterns) and e.verdict != "fort" for e in evaluations) / len(passwords)
        plain_strong = sum(b >= strength.STRONG_BITS for b in plain_zxcvbn(passwords)["bits"]) / len(passwords)
        print(f"| {name} | {strong:.1%} | {explained:.1%} | {plain_strong:.1%} |")
    alphabet = "".join(generate.CLASSES)
    bits = math.log2(generate._valid_count(14))
    draws = ["".join(secrets.choice(alphabet) for _ in range(14)) for _ in range(2000)]
    draws = [d for d in draws if all(any(c in g for c in d) for g in generate.CLASSES)]
    accepted = sum(generate._no_chance_pattern(d, bits) for d in draws) / len(draws)
    print(f"Générateur, 14 caractères : {accepted:.1%} des tirages gardés ; entropie perdue par le tri "
          f"{-math.log2(accepted):.2f} bit (marge retirée du chiffre affiché : {generate.REJECTION_MARGIN_BITS} bit).")


if __name__ == "__main__":
    main()
