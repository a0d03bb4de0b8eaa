"""The public compliance cost pages (thin: pages.py and calculator_page.py build what they show).

| URL | shows |
|---|---|
| /chi-phi-tuan-thu/ | every agency against the 20% targets (chart and table), the costliest regulations, plans |
| /chi-phi-tuan-thu/co-quan/<slug>/ | one agency: its totals, regulations by cost, procedures, plans |
| /chi-phi-tuan-thu/quy-dinh/<id>/ | a business regulation's cost: breakdown, evidence, score, plans |
| /chi-phi-tuan-thu/thu-tuc/<id>/ | an administrative procedure: dossier, time limit, fees, cost |
| /chi-phi-tuan-thu/phuong-an/<id>/ | a reduction plan: items, totals, flagged figures, opinions |
| /chi-phi-tuan-thu/tinh-chi-phi/ | the calculator (GET form, HTMX partial; nothing stored) |
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

from compliance_cost import pages
from compliance_cost.calculator_page import calculator_context


def overview(request: HttpRequest) -> HttpResponse:
    return render(request, "compliance_cost/overview.html", pages.overview_context())


def agency(request: HttpRequest, slug: str) -> HttpResponse:
    return render(request, "compliance_cost/agency.html", pages.agency_context(slug))


def regulation(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "compliance_cost/regulation.html", pages.regulation_context(pk))


def procedure(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "compliance_cost/procedure.html", pages.procedure_context(pk))


def plan(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "compliance_cost/plan.html", pages.plan_context(pk, request.user))


def calculator(request: HttpRequest) -> HttpResponse:
    context = calculator_context(request.GET)
    partial = (
        request.headers.get("HX-Request") == "true" and request.headers.get("HX-History-Restore-Request") != "true"
    )
    template = "compliance_cost/includes/calculator_body.html" if partial else "compliance_cost/calculator.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response
