from django.shortcuts import render

from .glossary import sort_key
from .models import Abbreviation, Song, TownMap


def town_map(request):
    return render(request, "siteblocks/town_map.html", {"maps": TownMap.objects.all()})


def songs(request):
    return render(
        request, "siteblocks/songs.html", {"songs": Song.objects.filter(is_active=True)}
    )


def glossary_list(request):
    """The public glossary: every abbreviation, alphabetically."""
    abbreviations = sorted(
        Abbreviation.objects.all(), key=lambda entry: sort_key(entry.acronym)
    )
    return render(
        request, "siteblocks/abbreviation_list.html", {"abbreviations": abbreviations}
    )
