"""Web pages as published: the main text without the site's furniture, and the page's own metadata.

A government page holds one article inside navigation, a breadcrumb, an info line (date, source,
visit counter), share buttons, related-article lists and a footer (ICP and police record numbers,
site code, visit counter). `main_content` keeps the article, by rules read from
`indicators/vocab/web_pages.yaml` (lxml, no network, no model):

1. drop elements that are never text (`<nav>`, `<footer>`, `<aside>` …) and elements whose
   class or id names furniture ("footer", "share", "xglj" …) unless it also names content;
2. drop short blocks that read as furniture (闽ICP备…号, 公网安备, 访问量：123456, 分享到,
   发布时间：…, 上一篇 …): the smallest element holding the match, never one holding a table;
   and the catalogue record of 政府信息公开 pages (索引号：… 发布机构：… 文号：…, often a table);
3. drop lists of links (related articles, menus): blocks whose text is mostly link text;
4. the main text is a known content container (TRS_Editor, zoom, UCAP-CONTENT …) when it holds
   half of what remains, else the smallest element holding 80 % of it.

The result is HTML (the main element's subtree, tables untouched) for
`indicators.formats.html.html_to_text`; `page_text` does both and puts the page's title first
when the main text does not begin with it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache

import lxml.etree
import lxml.html

from indicators.formats.html import html_to_text
from indicators.vocabulary import load_yaml

# --------------------------------------------------------------------------------------------
# Records


@dataclass(frozen=True)
class PageMeta:
    """What a web page says about itself (meta tags first, else its title and info line)."""

    title: str = ""
    published: str = ""  # "YYYY-MM-DD", "YYYY-MM" or "YYYY"
    publisher: str = ""  # ContentSource, else the site's name
    site: str = ""  # SiteName / og:site_name
    column: str = ""  # ColumnName

    def __bool__(self) -> bool:
        return bool(self.title or self.published or self.publisher)


@dataclass(frozen=True)
class MainContent:
    """The main-content HTML of a page, its metadata, and how the main text was found."""

    html: str
    meta: PageMeta
    how: str  # "container <div class=TRS_Editor>", "densest <td>", "whole page"


@dataclass(frozen=True)
class _Rules:
    drop_tags: frozenset[str]
    boilerplate_classes: frozenset[str]
    content_classes: frozenset[str]
    content_containers: frozenset[str]
    boilerplate: re.Pattern
    max_boilerplate_chars: int
    metadata_label: re.Pattern
    max_info_box_chars: int
    info_box_labels: int
    link_list_min_links: int
    link_list_share: float
    main_share: float
    container_share: float
    meta: dict[str, tuple[str, ...]]
    title_separators: re.Pattern
    published_in_text: re.Pattern
    publisher_in_text: re.Pattern


@cache
def rules() -> _Rules:
    """The page rules of `indicators/vocab/web_pages.yaml`, loaded once."""
    raw = load_yaml("web_pages.yaml")
    lower = lambda words: frozenset(w.lower() for w in words)  # noqa: E731
    return _Rules(
        drop_tags=lower(raw["drop_tags"]),
        boilerplate_classes=lower(raw["boilerplate_classes"]),
        content_classes=lower(raw["content_classes"]),
        content_containers=lower(raw["content_containers"]),
        boilerplate=re.compile("|".join(f"(?:{p})" for p in raw["boilerplate_patterns"]), re.I),
        max_boilerplate_chars=int(raw["max_boilerplate_chars"]),
        metadata_label=re.compile(
            "(" + "|".join(map(re.escape, raw["metadata_labels"])) + r")\s*[:：]"
        ),
        max_info_box_chars=int(raw["max_info_box_chars"]),
        info_box_labels=int(raw["info_box_labels"]),
        link_list_min_links=int(raw["link_list_min_links"]),
        link_list_share=float(raw["link_list_share"]),
        main_share=float(raw["main_share"]),
        container_share=float(raw["container_share"]),
        meta={k: tuple(n.lower() for n in v) for k, v in raw["meta"].items()},
        title_separators=re.compile(raw["title_separators"]),
        published_in_text=re.compile(raw["published_in_text"]),
        publisher_in_text=re.compile(raw["publisher_in_text"]),
    )


# --------------------------------------------------------------------------------------------
# The page as a whole


def page_text(html: str) -> tuple[str, MainContent]:
    """The main text of a page (its title first) and what was found.

    A page with a nav bar, "<div class=TRS_Editor><p>受理诉求38447件</p></div>" and a footer
    "闽ICP备12345678号 访问量：123456" -> ("<title>\\n受理诉求38447件", …): no ICP number, no counter.
    """
    main = main_content(html)
    text = html_to_text(main.html)
    title = main.meta.title
    if title and not _begins_with(text, title):
        text = f"{title}\n{text}" if text.strip() else title
    return text, main


def main_content(html: str) -> MainContent:
    """The main-content HTML of a page and its metadata (see the module docstring for the rules)."""
    root = _parse(html)
    if root is None:
        return MainContent(html, PageMeta(), "whole page (not parsable)")
    meta = page_metadata(root)
    body = root.find("body") if root.find("body") is not None else root
    _drop_furniture(body)
    main, how = _main_element(body)
    return MainContent(lxml.html.tostring(main, encoding="unicode", with_tail=False), meta, how)


def _parse(html: str) -> lxml.html.HtmlElement | None:
    html = re.sub(r"^\s*<\?xml[^>]*>", "", html)  # lxml refuses str with an encoding declaration
    try:
        root = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return None
    for node in root.xpath("//comment() | //processing-instruction()"):
        _remove(node)
    return root


def _begins_with(text: str, title: str) -> bool:
    squash = lambda s: re.sub(r"\s+", "", s)  # noqa: E731
    head = squash("".join(text.split("\n")[:4]))
    return squash(title) in head


# --------------------------------------------------------------------------------------------
# Metadata


def page_metadata(root: lxml.html.HtmlElement) -> PageMeta:
    """Title, publication date and publisher the page gives itself.

    <meta name="ArticleTitle" content="…通报"> <meta name="PubDate" content="2023-06-19 16:28">
    <meta name="ContentSource" content="…管理中心"> -> PageMeta("…通报", "2023-06-19", "…管理中心").
    Without meta tags: the <title> less its site suffix, and "发布时间：2023年04月12日 来源：…"
    from the page's own info line.
    """
    r = rules()
    metas = _meta_tags(root)
    first = lambda key: next((metas[n] for n in r.meta[key] if metas.get(n)), "")  # noqa: E731
    site = first("site")
    page = " ".join(root.xpath("string(//body)").split())
    title = first("title") or _clean_title(root.findtext(".//title") or "", site)
    published = normalise_date(first("published"))
    if not published and (m := r.published_in_text.search(page)):
        published = normalise_date(m.group(1))
    publisher = first("publisher")
    if not publisher and (m := r.publisher_in_text.search(page)):
        publisher = m.group(1)
    return PageMeta(title, published, publisher or site, site, first("column"))


def _meta_tags(root: lxml.html.HtmlElement) -> dict[str, str]:
    metas: dict[str, str] = {}
    for el in root.iter("meta"):
        key = (el.get("name") or el.get("property") or el.get("itemprop") or "").strip().lower()
        value = " ".join((el.get("content") or "").split())
        if key and value and key not in metas:
            metas[key] = value
    return metas


def _clean_title(title: str, site: str) -> str:
    """ "标题_栏目_厦门市人民政府" -> "标题"; "标题 - 西安市公安局" -> "标题"."""
    title = " ".join(title.split())
    parts = [p for p in rules().title_separators.split(title) if p.strip()]
    if len(parts) > 1 and len(parts[0]) >= 4:
        return parts[0].strip()
    return title.removesuffix(site).strip() if site and title != site else title


def normalise_date(raw: str) -> str:
    """ "2023-06-19 16:28" -> "2023-06-19"; "2023年4月12日" -> "2023-04-12"; "2023/07" -> "2023-07".

    "" when there is no plausible date (year 1949–2100, a real day).
    """
    m = re.search(r"((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2}))?", raw or "")
    if not m:
        y = re.match(r"\s*((?:19|20)\d\d)\b", raw or "")
        return y.group(1) if y and 1949 <= int(y.group(1)) <= 2100 else ""
    year, month = int(m.group(1)), int(m.group(2))
    try:
        if m.group(3):
            return dt.date(year, month, int(m.group(3))).isoformat()
        dt.date(year, month, 1)
    except ValueError:
        return ""
    return f"{year:04d}-{month:02d}"


# --------------------------------------------------------------------------------------------
# Furniture


def _drop_furniture(body: lxml.html.HtmlElement) -> None:
    """Steps 1–3 of the module docstring, in place."""
    drop_tags = rules().drop_tags
    for el in _elements(body):
        if el.tag.lower() in drop_tags or _names_furniture(el):
            _remove(el)
    for el in _elements(body, reverse=True):  # children before parents: the smallest holder
        if _is_furniture_block(el) or _is_info_box(el):
            _remove(el)
    for el in _elements(body):
        if _is_link_list(el):
            _remove(el)


def _elements(body, reverse: bool = False):
    """The elements under `body` still in the tree (removing one skips what it held)."""
    elements = [el for el in body.iter() if el is not body and isinstance(el.tag, str)]
    for el in reversed(elements) if reverse else elements:
        if not _detached(el, body):
            yield el


def class_words(el: lxml.html.HtmlElement) -> set[str]:
    """ "article-info TRS_Editor" id="shareBox" -> {"article", "info", "trs", "editor", "share", "box"}."""
    raw = f"{el.get('class') or ''} {el.get('id') or ''}"
    raw = re.sub(r"([a-z])([A-Z])", r"\1 \2", raw)
    return {w for w in re.split(r"[\s_\-]+", raw.lower()) if w}


def _names_furniture(el: lxml.html.HtmlElement) -> bool:
    r = rules()
    words = class_words(el)
    return bool(words & r.boilerplate_classes) and not (
        words & r.content_classes or _container_name(el)
    )


def _is_furniture_block(el: lxml.html.HtmlElement) -> bool:
    r = rules()
    text = " ".join(el.text_content().split())
    if not text or len(text) > r.max_boilerplate_chars or not r.boilerplate.search(text):
        return False
    return not _holds_table(el)


def _is_info_box(el: lxml.html.HtmlElement) -> bool:
    """The page's catalogue record: "索引号：… 发布机构：… 生成日期：… 文号：…" (a table too)."""
    r = rules()
    text = " ".join(el.text_content().split())
    if not text or len(text) > r.max_info_box_chars:
        return False
    return len(set(r.metadata_label.findall(text))) >= r.info_box_labels


def _is_link_list(el: lxml.html.HtmlElement) -> bool:
    """Mostly link text: "<li><a>4月份受理诉求36521件</a><span>2023-05-18</span></li>" × 3.

    A table of links is one too; a data table has few links, so it never passes.
    """
    r = rules()
    links = el.findall(".//a")
    if len(links) < r.link_list_min_links:
        return False
    total = _visible_len(el.text_content())
    linked = sum(_visible_len(a.text_content()) for a in links)
    return total > 0 and linked >= r.link_list_share * total


def _holds_table(el: lxml.html.HtmlElement) -> bool:
    return el.tag == "table" or el.find(".//table") is not None


def _visible_len(text: str) -> int:
    return len(re.sub(r"[\s|｜/>›»·•\-]+", "", text))


def _remove(el) -> None:
    """Take `el` out of the tree, keeping the text that follows it (its tail)."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail or ""
    prev = el.getprevious()
    if prev is not None:
        prev.tail = (prev.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(el)


def _detached(el, body) -> bool:
    return all(anc is not body for anc in el.iterancestors())


# --------------------------------------------------------------------------------------------
# The main element


_CONTAINER_TAGS = frozenset({"div", "td", "article", "section", "main", "body", "table", "tbody"})


def _container_name(el: lxml.html.HtmlElement) -> str:
    """The content-container name an element carries ("TRS_Editor", "zoom" …), or ""."""
    names = rules().content_containers
    for raw in (el.get("id") or "", *(el.get("class") or "").split()):
        if raw.lower() in names:
            return raw
    return ""


def _main_element(body: lxml.html.HtmlElement) -> tuple[lxml.html.HtmlElement, str]:
    """Step 4: a known content container holding enough text, else the densest element."""
    r = rules()
    weights = _text_weights(body)
    total = weights.get(body, 0)
    if total == 0:
        return body, "whole page"
    named = [el for el in weights if _container_name(el)]
    if named:
        best = max(named, key=lambda el: weights[el])
        if weights[best] >= r.container_share * total:
            return best, f"container <{best.tag} {_container_name(best)}>"
    depth = {}
    for el in weights:
        depth[el] = sum(1 for _ in el.iterancestors())
    holders = [
        el for el, w in weights.items() if el.tag in _CONTAINER_TAGS and w >= r.main_share * total
    ]
    best = min(holders, key=lambda el: (weights[el], -depth[el]))
    return best, "whole page" if best is body else f"densest <{best.tag}>"


def _text_weights(body: lxml.html.HtmlElement) -> dict:
    """Visible characters outside links held by each element's subtree."""
    weights: dict = {}

    def walk(el, in_link: bool) -> int:
        in_link = in_link or el.tag == "a"
        own = 0 if in_link else _visible_len(el.text or "")
        for child in el:
            if not isinstance(child.tag, str):
                continue
            own += walk(child, in_link)
            if not in_link:
                own += _visible_len(child.tail or "")
        weights[el] = own
        return own

    walk(body, False)
    return weights
