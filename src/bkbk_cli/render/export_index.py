"""``index.html`` of an export folder: a static page linking every file of the period.

No script, no style sheet to fetch: the folder can be served as it is by any web
server or opened from a share. File names are the export's own; region names come
from the packaged reference, escaped all the same.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from urllib.parse import quote

from bkbk_cli.messages import Lang
from bkbk_cli.regions import Regency
from bkbk_cli.words import period_name, word

_CSS = (
    "body{font-family:'DejaVu Sans',Arial,sans-serif;margin:1.2em auto;max-width:46em;"
    "padding:0 .8em;color:#111}table{border-collapse:collapse;width:100%}"
    "th,td{text-align:left;padding:.35em .5em;border-bottom:1px solid #999}"
    "a{color:#0645ad}td a{margin-right:.8em}"
)


def _link(name: str, label: str) -> str:
    return f'<a href="{escape(quote(name))}">{escape(label)}</a>'


def index_html(
    period: str, rows: Sequence[tuple[Regency | None, Mapping[str, str]]], lang: Lang = "id"
) -> str:
    """One row per scope (``None``: the province) with links to its files by format."""
    title = word("brief.index_title", lang, period=period_name(period, lang))
    body = []
    for regency, files in rows:
        name = word("brief.title_province", lang) if regency is None else regency.name
        brief = _link(files["pdf"], word("brief.index_brief", lang)) if "pdf" in files else ""
        data = " ".join(_link(n, fmt) for fmt, n in files.items() if fmt != "pdf")
        body.append(f"<tr><td>{escape(name)}</td><td>{brief}</td><td>{data}</td></tr>")
    head = (
        f"<tr><th>{escape(word('brief.index_scope', lang))}</th>"
        f"<th>{escape(word('brief.index_brief', lang))}</th>"
        f"<th>{escape(word('brief.index_files', lang))}</th></tr>"
    )
    return (
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>"
        f"<h1>{escape(title)}</h1><table>{head}{''.join(body)}</table></body></html>\n"
    )


__all__ = ["index_html"]
