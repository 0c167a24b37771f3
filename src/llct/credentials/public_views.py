"""The public verification page: no login; by QR token or serial; shows only the public facts."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from llct.credentials.forms import SearchForm
from llct.credentials.selectors import credential_by_key
from llct.credentials.verification import not_found_message, over_limit, public_view, too_many_message


def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    if form.is_valid():
        return redirect("credentials_public:verify", key=form.cleaned_data["q"].strip())
    return render(request, "credentials/verify_search.html", {"form": form})


def verify(request: HttpRequest, key: str) -> HttpResponse:
    """QĐ 1147 registers are public evidence: anyone may check a document is genuine and still valid."""
    if over_limit(request):
        return render(request, "credentials/verify_error.html", {"message": too_many_message()}, status=429)
    credential = credential_by_key(key)
    if credential is None:
        return render(
            request,
            "credentials/verify_error.html",
            {"message": not_found_message(key), "show_search": True},
            status=404,
        )
    return render(request, "credentials/verify.html", {"facts": public_view(credential)})
