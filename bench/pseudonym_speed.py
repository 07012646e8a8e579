"""Speed of the installed pseudonymiser beside another version of Gardien's source (for instance main's), text by
text in one process, in CPU time (what one core spent on each), on the control halves of both corpora.

Usage: nice -n 10 .venv/bin/python bench/pseudonym_speed.py /chemin/vers/autre/src

On a shared machine the absolute speed moves with the other processes; alternating the two versions text by text
makes their ratio fair.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pseudonym_eval import echr_documents, eds_documents  # noqa: E402


def main() -> None:
    other_source = sys.argv[1]
    texts = [t for t, _ in eds_documents("controle")] + [t for t, _ in echr_documents("controle")]
    from gardien.pseudonym.engine import pseudonymise as installed
    from gardien.pseudonym.names import warm_up

    warm_up()  # load every list before the other version takes the name
    installed("Mme Marie Dupont, 12 mg, ETANERCEPT, à Paris.")
    for name in [n for n in sys.modules if n == "gardien" or n.startswith("gardien.")]:
        del sys.modules[name]
    sys.path.insert(0, other_source)
    from gardien.pseudonym import engine as other_engine

    assert other_engine.__file__.startswith(other_source), other_engine.__file__
    other = other_engine.pseudonymise
    other("Mme Marie Dupont, 12 mg.")
    spent = {"installé": 0.0, "autre": 0.0}
    for text in texts:
        for name, run in (("installé", installed), ("autre", other)):
            start = time.process_time()
            run(text)
            spent[name] += time.process_time() - start
    chars = sum(map(len, texts))
    print(f"{chars} caractères : installé {chars / spent['installé']:.0f} car./s, autre {chars / spent['autre']:.0f} car./s, "
          f"rapport {spent['autre'] / spent['installé']:.3f}")


if __name__ == "__main__":
    main()
