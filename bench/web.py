"""Web interface, measured from the browser (Debian's chromium through Playwright).

Usage (after the README's test install and `apt-get install chromium`):
    .venv/bin/python bench/web.py [--runs 20] [--messages 20]

1. First render of the dashboard: the browser's own Navigation and Paint Timing (responseEnd, first
   contentful paint, load) over N reloads, beside the same page saved as a static file and served by
   `python -m http.server` in the same run: the ratio is what Gardien's rendering costs over a static page.
2. Analysis of an uploaded e-mail: from the click to the verdict on screen (htmx events, timed in the page),
   on corpus messages, beside `gardien mail analyser FICHIER` run as a command on the same files.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "mail"
sys.path.insert(0, str(ROOT / "src"))

TIMING = """() => new Promise((resolve) => {
  const nav = performance.getEntriesByType('navigation')[0];
  new PerformanceObserver((list, observer) => {
    observer.disconnect();
    resolve({response: nav.responseEnd, fcp: list.getEntries()[0].startTime, load: nav.loadEventEnd});
  }).observe({type: 'paint', buffered: true});
})"""
WATCH_UPLOAD = """() => {
  window.__bench = {};
  document.body.addEventListener('htmx:beforeRequest', () => { window.__bench.start = performance.now(); });
  document.body.addEventListener('htmx:afterSettle', () => { window.__bench.end = performance.now(); });
}"""


def start_gardien(home: Path):
    import uvicorn

    from gardien.web import server
    from gardien.web.app import create_app
    from gardien.web.security import Guard

    os.environ["GARDIEN_HOME"] = str(home)
    sock = server.bind(0)
    guard = Guard(port=sock.getsockname()[1])
    instance = uvicorn.Server(uvicorn.Config(create_app(guard), log_level="warning", access_log=False))
    threading.Thread(target=instance.run, kwargs={"sockets": [sock]}, daemon=True).start()
    while not instance.started:
        time.sleep(0.05)
    return guard, instance


def load_times(page, url: str, runs: int) -> dict[str, float]:
    samples = []
    for _ in range(runs):
        page.goto(url, wait_until="load")
        samples.append(page.evaluate(TIMING))
    return {key: statistics.median(s[key] for s in samples) for key in ("response", "fcp", "load")}


def static_copy(page, base: str, folder: Path) -> None:
    """The dashboard as the browser received it, with its static files, for the static-server peer."""
    page.goto(base + "/")
    folder.mkdir(parents=True)
    (folder / "index.html").write_text(page.content(), encoding="utf-8")
    shutil.copytree(ROOT / "src" / "gardien" / "web" / "static", folder / "static")


def upload_times(page, base: str, messages: list[Path]) -> list[float]:
    times = []
    for message in messages:
        page.goto(base + "/mail")
        page.evaluate(WATCH_UPLOAD)
        page.set_input_files("#fichier", str(message))
        page.click("button[type=submit]")
        page.locator("#resultat-mail .verdict").wait_for()
        bench = page.evaluate("() => window.__bench")
        while "end" not in bench:  # polled from here: the page's CSP forbids wait_for_function's eval
            time.sleep(0.01)
            bench = page.evaluate("() => window.__bench")
        times.append(bench["end"] - bench["start"])
    return times


def command_times(messages: list[Path], home: Path) -> list[float]:
    env = dict(os.environ, GARDIEN_HOME=str(home))
    times = []
    for message in messages:
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "gardien", "mail", "analyser", str(message)], env=env,
                       capture_output=True, check=False)
        times.append((time.perf_counter() - started) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--messages", type=int, default=20)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if chromium is None:
        sys.exit("Chromium absent : apt-get install chromium")
    messages = []
    for kind in ("phishing", "ham"):
        folder = CORPUS / kind
        if folder.is_dir():
            messages += sorted(p for p in folder.rglob("*") if p.is_file())[: args.messages // 2]
    with tempfile.TemporaryDirectory() as temporary, sync_playwright() as playwright:
        temporary = Path(temporary)
        guard, instance = start_gardien(temporary / "home")
        base = guard.base_url  # every page is under the secret root
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        page.goto(guard.login_url)
        page.wait_for_url(base + "/")
        page.goto(base + "/audit")
        page.click("text=Faire le bilan maintenant")  # a dashboard with a score and a first step, as users see it
        page.locator("text=Score :").wait_for()
        gardien = load_times(page, base + "/", args.runs)
        static_copy(page, base, temporary / "static-site")
        peer = subprocess.Popen([sys.executable, "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory",
                                 str(temporary / "static-site")], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        try:
            port = int(peer.stdout.readline().split("port ")[1].split()[0])
            static = load_times(page, f"http://127.0.0.1:{port}/", args.runs)
        finally:
            peer.terminate()
            peer.wait()
        uploads = upload_times(page, base, messages) if messages else []
        commands = command_times(messages, temporary / "home") if messages else []
        browser.close()
        instance.should_exit = True

    print(f"Machine : {os.cpu_count()} cœurs ; Chromium {subprocess.run([chromium, '--version'], capture_output=True, text=True).stdout.strip()}\n")
    print(f"### Tableau de bord, médiane de {args.runs} chargements (ms, mesurés par le navigateur)\n")
    print("| | réponse reçue | premier affichage (FCP) | page chargée |")
    print("|---|---|---|---|")
    print(f"| Gardien (`/`, rendu à chaque fois) | {gardien['response']:.1f} | {gardien['fcp']:.1f} | {gardien['load']:.1f} |")
    print(f"| même page statique (`python -m http.server`) | {static['response']:.1f} | {static['fcp']:.1f} | {static['load']:.1f} |")
    print(f"| ratio | {gardien['response'] / static['response']:.2f} | {gardien['fcp'] / static['fcp']:.2f} | {gardien['load'] / static['load']:.2f} |\n")
    if uploads:
        print(f"### E-mail déposé, du clic au verdict affiché ({len(messages)} messages du corpus, ms)\n")
        print("| | médiane | max |")
        print("|---|---|---|")
        print(f"| interface (envoi + analyse + affichage) | {statistics.median(uploads):.0f} | {max(uploads):.0f} |")
        print(f"| commande `gardien mail analyser FICHIER` | {statistics.median(commands):.0f} | {max(commands):.0f} |")
        print(f"| ratio | {statistics.median(uploads) / statistics.median(commands):.2f} | |")
    else:
        print("Corpus absent : la mesure de l'e-mail déposé est sautée.")


if __name__ == "__main__":
    main()
