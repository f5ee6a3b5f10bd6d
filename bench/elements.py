"""What an element costs Streamlit's frontend (run by hand).

    .venv/bin/python -m bench.elements [--n 40] [--clics 12]

The bare reference page plus N paragraphs that change on each click, drawn as N
st.markdown elements, as one st.markdown or as one st.html: median button -> text, stamped
in the page like bench.comparaison. It calibrates the map page's click -> panel (a fragment
of ~60 elements) against the bare page.
"""
from __future__ import annotations

import argparse
import statistics

from playwright.sync_api import sync_playwright

from bench.comparaison import appui, armer, horodater, instant
from tests.e2e import pilote

MODES = ("markdown", "un-markdown", "un-html")


def mesurer(nav, url: str, clics: int) -> list[float]:
    page = nav.new_page(viewport={"width": 1400, "height": 1000})
    page.goto(url + "/")
    page.get_by_text("Page de référence").wait_for()
    durees = []
    for i in range(clics):
        page.wait_for_timeout(400)
        horodater(page, f"document.body.innerText.includes('version {i + 1} ')")
        armer(page)
        page.get_by_role("button", name="Relancer").click()
        durees.append(instant(page) - appui(page))
    page.close()
    return durees[2:]  # the first two warm the page up


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--clics", type=int, default=12)
    args = ap.parse_args()
    with sync_playwright() as p:
        nav = pilote.lancer_chromium(p)
        for mode in MODES:
            env = {"TI_BENCH_MODE": mode, "TI_BENCH_N": str(args.n)}
            with pilote.serveur("bench/reference_elements.py", env=env) as app:
                d = mesurer(nav, app.url, args.clics)
            print(f"{args.n} paragraphes en {mode:12s} : bouton -> texte {statistics.median(d) * 1000:4.0f} ms "
                  f"(médiane de {len(d)} clics ; min {min(d) * 1000:.0f}, max {max(d) * 1000:.0f})")
        nav.close()


if __name__ == "__main__":
    main()
