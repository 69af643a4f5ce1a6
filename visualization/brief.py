"""`villageaid brief`: a comparison, a factorial or an advise study written up for people who read
rather than click.

The words come from visualization/brief_text.py as plain blocks; this module renders
them twice, as one self-contained HTML file (figures embedded as base64 PNG, so it can be
mailed or printed as it is) and as a PDF typeset by Typst (the `typst` package bundles
the compiler, so no system library is needed). Typst is given the Noto Sans CJK font
that the `mplfonts` dependency ships, so Chinese is real, searchable text in the PDF.
"""

from __future__ import annotations

import base64
import html
import shutil
import tempfile
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from ..experiments.brief_advise import gather_advise, is_advise  # noqa: E402
from ..experiments.brief_factorial import gather_factorial, is_factorial  # noqa: E402
from ..experiments.brief_content import DECIDING, BriefFacts, gather  # noqa: E402
from .brief_factorial import compose_factorial  # noqa: E402
from .brief_text import compose, compose_advise, title  # noqa: E402
from .fonts import _packaged_cjk_fonts, font_family  # noqa: E402

COVERAGE_PNG = "brief_coverage.png"
_CSS = ("body{font-family:'Noto Sans CJK SC','Noto Sans',sans-serif;max-width:46em;"
        "margin:2em auto;line-height:1.5;color:#222;padding:0 1em}"
        "h1{font-size:1.6em;margin-bottom:.2em}.sub{color:#555;margin-top:0}"
        "h2{font-size:1.2em;border-bottom:1px solid #ccc;margin-top:1.6em}"
        "table{border-collapse:collapse;margin:.6em 0}td,th{border:1px solid #ccc;"
        "padding:.25em .5em;text-align:left}th{background:#f3f3f3}"
        "img{max-width:100%}figcaption{color:#555;font-size:.9em}"
        "pre{background:#f5f5f5;padding:.6em;white-space:pre-wrap}")


def write_brief(folder: Path, lang: str = "en") -> dict[str, Path]:
    """brief.html and brief.pdf (and the coverage figure they show) in `folder`."""
    folder = Path(folder)
    if is_advise(folder):
        return _write_advise_brief(folder, lang)
    if is_factorial(folder):
        return _write_factorial_brief(folder, lang)
    facts = gather(folder)
    coverage = plot_coverage(facts, folder / COVERAGE_PNG, lang)
    blocks = compose(facts, lang, coverage)
    html_path = folder / "brief.html"
    html_path.write_text(render_html(blocks, lang), encoding="utf-8")
    pdf_path = folder / "brief.pdf"
    render_pdf(blocks, lang, pdf_path)
    return {"html": html_path, "pdf": pdf_path, "figure": coverage}


def _write_factorial_brief(folder: Path, lang: str) -> dict[str, Path]:
    """A factorial folder's brief: single levels against all, interactions, factorial.png."""
    facts = gather_factorial(folder)
    blocks = compose_factorial(facts, lang)
    html_path = folder / "brief.html"
    html_path.write_text(render_html(blocks, lang), encoding="utf-8")
    paths = {"html": html_path, "pdf": render_pdf(blocks, lang, folder / "brief.pdf")}
    if facts.figure is not None:
        paths["figure"] = facts.figure
    return paths


def _write_advise_brief(folder: Path, lang: str) -> dict[str, Path]:
    """An advise folder's brief: the recommended portfolio, pareto.png embedded."""
    blocks = compose_advise(gather_advise(folder), lang)
    html_path = folder / "brief.html"
    html_path.write_text(render_html(blocks, lang), encoding="utf-8")
    pdf_path = render_pdf(blocks, lang, folder / "brief.pdf")
    paths = {"html": html_path, "pdf": pdf_path}
    if (folder / "pareto.png").is_file():
        paths["figure"] = folder / "pareto.png"
    return paths


def plot_coverage(facts: BriefFacts, path: Path, lang: str) -> Path:
    """Needs met per option with its 95% interval: the recommendation at a glance."""
    names = facts.scenarios
    values = [facts.mean(sc, DECIDING) for sc in names]
    means = [100 * v[0] for v in values]
    errors = [[100 * (v[0] - v[1]) for v in values], [100 * (v[2] - v[0]) for v in values]]
    with matplotlib.rc_context({"font.family": font_family(), "font.size": 9}):
        fig, ax = plt.subplots(figsize=(6.4, 0.5 + 0.45 * len(names)))
        colours = ["#2b7bba" if sc == facts.best else "#9bbcd6" for sc in names]
        ax.barh(range(len(names)), means, xerr=errors, color=colours, capsize=4)
        ax.set_yticks(range(len(names)), [title(facts, sc, lang) for sc in names])
        ax.invert_yaxis()
        ax.set_xlim(0, 100)
        ax.set_xlabel("%")
        fig.tight_layout()
        fig.savefig(path, dpi=130)
        plt.close(fig)
    return path


# --------------------------------------------------------------------------- HTML
def render_html(blocks: list[tuple], lang: str) -> str:
    """One HTML file with nothing outside it: CSS inline, figures as data: URIs."""
    body = "\n".join(html_block(b) for b in blocks)
    head = (f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}">'
            f'<head><meta charset="utf-8"><title>{html.escape(blocks[0][1])}</title>'
            f"<style>{_CSS}</style></head>\n<body>\n")
    return head + body + "\n</body></html>\n"


def html_block(block: tuple) -> str:
    """One block as HTML (the brief's file, and the dashboard's Advise page)."""
    kind, e = block[0], html.escape
    if kind in ("h1", "h2"):
        return f"<{kind}>{e(block[1])}</{kind}>"
    if kind == "sub":
        return f'<p class="sub">{e(block[1])}</p>'
    if kind == "p":
        return f"<p>{e(block[1])}</p>"
    if kind == "code":
        return f"<pre><code>{e(block[1])}</code></pre>"
    if kind == "ul":
        return "<ul>" + "".join(f"<li>{e(t)}</li>" for t in block[1]) + "</ul>"
    if kind == "table":
        head = "".join(f"<th>{e(h)}</th>" for h in block[1])
        rows = "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>"
                       for row in block[2])
        return f"<table><tr>{head}</tr>{rows}</table>"
    if kind == "img":
        data = base64.b64encode(Path(block[1]).read_bytes()).decode("ascii")
        return (f'<figure><img src="data:image/png;base64,{data}" alt="{e(block[2])}">'
                f"<figcaption>{e(block[2])}</figcaption></figure>")
    raise ValueError(f"unknown block {kind!r}")


# ---------------------------------------------------------------------------- PDF
def render_pdf(blocks: list[tuple], lang: str, path: Path) -> Path:
    """Typeset the blocks with Typst, in a scratch folder that holds the figures."""
    import typst

    with tempfile.TemporaryDirectory() as scratch:
        scratch = Path(scratch)
        lines = [_typst_preamble(lang)]
        for k, block in enumerate(blocks):
            if block[0] == "img":
                name = f"figure{k}.png"
                shutil.copyfile(block[1], scratch / name)
                block = ("img", name, block[2])
            lines.append(_typst_block(block))
        source = scratch / "brief.typ"
        source.write_text("\n\n".join(lines) + "\n", encoding="utf-8")
        fonts = [f for f in _packaged_cjk_fonts() if Path(f).is_file()]
        typst.compile(str(source), output=str(path), root=str(scratch), font_paths=fonts)
    return path


def _typst_preamble(lang: str) -> str:
    zh = lang == "zh"
    return ("#set page(paper: \"a4\", margin: 2cm)\n"
            "#set text(font: (\"Noto Sans CJK SC\", \"Libertinus Serif\"), size: 10pt, "
            f"lang: \"{'zh' if zh else 'en'}\")\n"
            "#set par(justify: true)\n#set heading(numbering: none)\n"
            "#show heading.where(level: 1): set text(size: 17pt)\n"
            "#show heading.where(level: 2): set text(size: 12.5pt)")


def _s(text: str) -> str:
    """A Typst string literal: the text as it is, no markup read into it."""
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ") + '"'


def _typst_block(block: tuple) -> str:
    kind = block[0]
    if kind == "h1":
        return f"#heading(level: 1, {_s(block[1])})"
    if kind == "h2":
        return f"#heading(level: 2, {_s(block[1])})"
    if kind == "sub":
        return f"#text(fill: gray.darken(40%), {_s(block[1])})"
    if kind == "p":
        return f"#par({_s(block[1])})"
    if kind == "code":
        return f"#block(fill: luma(240), inset: 6pt, width: 100%, raw({_s(block[1])}))"
    if kind == "ul":
        return "#list(" + ", ".join(_s(t) for t in block[1]) + ")"
    if kind == "table":
        cells = [f"strong({_s(h)})" for h in block[1]]
        cells += [_s(c) for row in block[2] for c in row]
        columns = block[3] if len(block) > 3 else ", ".join(
            ["auto"] + ["1fr"] * (len(block[1]) - 1))
        return (f"#table(columns: ({columns},), inset: 4pt, stroke: 0.5pt + gray, "
                + ", ".join(cells) + ")")
    if kind == "img":
        return (f"#figure(image({_s(block[1])}, width: 100%), "
                f"caption: {_s(block[2])})")
    raise ValueError(f"unknown block {kind!r}")
