"""The public verification page: no login; by QR token or serial; shows only the public facts.

These views never touch the session or the CSRF token, and render without context processors, so a
response sets no cookie and varies only by language; `?lang=en` (or the browser's Accept-Language)
chooses the language, since the signed-in language switch needs a session and a form. The frame of the
pages (the site's header, stylesheet, language links) is the same for every request in a language, so it
is rendered once per language and process; each request renders only its content. The verdict itself is
rendered once per shape (language, valid or not, with or without a level) with markers where the facts go,
and each request puts its facts, escaped, in their places."""

import re
from functools import cache, wraps
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template import loader
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe

from llct.credentials.forms import SearchForm
from llct.credentials.verification import verification_answer

_LANGUAGES = {code for code, _name in settings.LANGUAGES}


def _lang(request: HttpRequest) -> str:
    lang = request.GET.get("lang", "")
    return lang if lang in _LANGUAGES else ""


def _in_chosen_language(view):
    @wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        lang = _lang(request)
        if not lang:
            return view(request, *args, **kwargs)
        with translation.override(lang):
            response = view(request, *args, **kwargs)
        response["Content-Language"] = lang
        return response

    return wrapped


_CONTENT = "<!-- llct:content -->"


@cache
def _frame(language: str) -> tuple[str, str]:
    html = loader.get_template("credentials/public_base.html").render({"content": mark_safe(_CONTENT)})
    before, _marker, after = html.partition(_CONTENT)
    return before, after


def _page(request: HttpRequest, template: str, context: dict, status: int = 200) -> HttpResponse:
    before, after = _frame(translation.get_language())
    content = loader.get_template(template).render({**context, "lang": _lang(request)})
    return HttpResponse(before + content + after, status=status)


@_in_chosen_language
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    if form.is_valid():
        response = redirect("credentials_public:verify", key=form.cleaned_data["q"].strip())
        query = {"proof": form.cleaned_data["proof"].strip(), "lang": _lang(request)}
        if query := urlencode({k: v for k, v in query.items() if v}):
            response["Location"] += f"?{query}"
        return response
    return _page(request, "credentials/_search.html", {})


@_in_chosen_language
def verify(request: HttpRequest, key: str) -> HttpResponse:
    """QĐ 1147 registers are public evidence: anyone may check a document is genuine and still valid."""
    status, answer = verification_answer(request, key, request.GET.get("proof", ""))
    if status != 200:
        serial = key if "/" in key else ""
        context = {"message": answer, "show_search": status in (400, 404), "serial": serial}
        return _page(request, "credentials/verify_error.html", context, status=status)
    facts = answer
    parts = _verdict_parts(translation.get_language(), _lang(request), facts["status"], bool(facts["level"]))
    return HttpResponse("".join(escape(facts[part]) if i % 2 else part for i, part in enumerate(parts)))


_FACTS = ("serial", "holder", "programme", "level", "institution", "year", "status_label")
_MARK = re.compile("\ue000(\\w+)\ue001")


@cache
def _verdict_parts(language: str, lang: str, status: str, has_level: bool) -> tuple[str, ...]:
    """The verdict page of one shape, split around its facts: text, fact name, text, fact name, … text."""
    markers = {name: f"\ue000{name}\ue001" for name in _FACTS}
    facts = {**markers, "status": status, "level": markers["level"] if has_level else ""}
    before, after = _frame(language)
    content = loader.get_template("credentials/verify.html").render({"facts": facts, "lang": lang})
    return tuple(_MARK.split(before + content + after))
