"""The indicators of the partner registry. Their values come from the registry database
joined with the warehouse's vmbo locations, not from the warehouse engine:
``kansrijk.registry.indicator_value`` and ``/api/v1/registry/indicators`` compute them (the
engine reports them as not computed here)."""

from __future__ import annotations

from kansrijk.indicators.definition import Indicator, Unit

_REG = ("partner registry (accepted matches)", "duo_vo_enrollment", "duo_vo_locations")
_WHERE = (
    " Computed by the partner registry (kansrijk.registry.indicator_value; "
    "/api/v1/registry/indicators; page /partners/reach), not by the warehouse engine."
)

PARTNER_INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        id="partners.reached_location_share",
        label_nl="Aandeel vmbo-locaties bereikt met een techniekactiviteit",
        label_en="Share of vmbo locations reached by a technology activity",
        unit=Unit.PERCENT,
        definition=(
            "Of the region's school locations with vmbo pupils (BB, KB, GL or TL, any year), "
            "the share that had at least one technology activity in the school year (1 August - "
            "31 July): an activity of the partner registry accepted by the location's request, "
            "counted in the school year of its start date (else of its acceptance)." + _WHERE
        ),
        numerator="vmbo locations with at least one accepted activity",
        denominator="vmbo locations of the region",
        population="school locations with vmbo pupils",
        source_datasets=_REG,
        computable=False,
        suppress_small=False,
        suppression="Not suppressed: counts of locations, not of pupils.",
    ),
    Indicator(
        id="partners.activities_per_100_pupils",
        label_nl="Techniekactiviteiten per 100 vmbo-leerlingen",
        label_en="Technology activities per 100 vmbo pupils",
        unit=Unit.COUNT,
        definition=(
            "Accepted technology activities of the partner registry at the region's vmbo "
            "locations in the school year, per 100 vmbo pupils (BB, KB, GL and TL, all years) "
            "of those locations." + _WHERE
        ),
        numerator="100 x accepted activities at the region's vmbo locations",
        denominator="vmbo pupils (BB/KB/GL/TL) of those locations",
        population="school locations with vmbo pupils",
        source_datasets=_REG,
        computable=False,
        suppress_small=False,
        suppression="Not suppressed: no pupil counts are shown.",
    ),
    Indicator(
        id="partners.internship_shortage",
        label_nl="Leerlingen zonder stage- of BBL-plaats",
        label_en="Pupils without an internship or BBL place",
        unit=Unit.COUNT,
        definition=(
            "Pupils that the region's vmbo and mbo school locations report as having no "
            "internship or BBL place in the school year (1 August - 31 July), summed over "
            "vmbo profiles and mbo sectorkamers and kinds of place; per location, field, crebo "
            "and kind of place the report of the newest period (month) in the school year "
            "counts. Reported in the partner registry's shortage reports (page "
            "/partners/shortages; kansrijk.registry.shortages.indicator_value; "
            "/api/v1/registry/indicators), not computed by the warehouse engine."
        ),
        numerator="pupils reported without an internship or BBL place",
        denominator="none (a count); the number of reporting locations is given beside it",
        population="pupils of vmbo and mbo school locations that report",
        source_datasets=(
            "partner registry (shortage reports)",
            "duo_vo_locations",
            "duo_mbo_addresses",
        ),
        computable=False,
        suppress_small=True,
        suppression=(
            "A region's total or a field's cell of 1-4 pupils is suppressed: the count is "
            "hidden and the flag set (as for pupil counts in the other indicators)."
        ),
    ),
)
