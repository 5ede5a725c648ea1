"""Every indicator Kansrijk computes (the monitor's target variables)."""

from __future__ import annotations

import difflib

from kansrijk.errors import Message, UnknownIndicatorError
from kansrijk.indicators import mbo_queries as mq
from kansrijk.indicators import queries as q
from kansrijk.indicators.breaks import EXAM_MASKING, OLD_AFDELINGEN, TL_EXAM_SECTOR
from kansrijk.indicators.definition import Breakdown as Bd
from kansrijk.indicators.definition import DistanceKind, Indicator, SetVocab, Unit
from kansrijk.indicators.partners import PARTNER_INDICATORS
from kansrijk.vocab import ProfileSet

_BKG = "vmbo pupils in the basis-, kader- and gemengde leerweg (BB, KB, GL), leerjaar 3 and 4"
_ENROL = ("duo_vo_enrollment", "duo_vo_locations")
_MBO_SUPPRESSION = (
    "A cell whose numerator or denominator is 1-4 students is suppressed; DUO's own '<5' "
    "cells (1-4 students each) are left out of the sums and counted as masked cells."
)
_SEOR = "SEOR (2026), Jongerenkeuzes voor techniek en IT in de metropoolregio Rotterdam Den Haag"

INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        id="vmbo.offer_share",
        query=q.offer_share,
        table="vo_enrollment",
        crosswalk=True,
        breaks=(OLD_AFDELINGEN,),
        label_nl="Aandeel leerlingen op een locatie die het profiel aanbiedt",
        label_en="Share of pupils at a location offering the profile",
        unit=Unit.PERCENT,
        definition=(
            "Of all " + _BKG + " in the region, the share attending a location that offers the "
            "profile. A location offers a profile in a year when at least one BB/KB/GL pupil in "
            "leerjaar 3-4 is enrolled in it. By leerweg: pupils of that leerweg at locations "
            "offering the profile (in any leerweg) over all pupils of that leerweg."
        ),
        numerator="pupils at locations offering the profile",
        denominator="all pupils (BB/KB/GL, leerjaar 3-4, incl. Vakmanschaps-/Beroepsroute)",
        population=_BKG,
        source_datasets=_ENROL,
        breakdowns=(Bd.PROFILE, Bd.TRACK),
        required=(Bd.PROFILE,),
        references=(_SEOR + ", tabel 3.1 (2021).",),
    ),
    Indicator(
        id="vmbo.choice_share",
        query=q.choice_share,
        table="vo_enrollment",
        crosswalk=True,
        breaks=(OLD_AFDELINGEN,),
        label_nl="Aandeel leerlingen per gekozen profiel",
        label_en="Share of pupils choosing each profile",
        unit=Unit.PERCENT,
        definition=(
            "Of all " + _BKG + ", the share enrolled in the profile. Pupils in a "
            "Vakmanschapsroute/Beroepsroute appear as their own category (route:<sector>), so "
            "the shares over all categories add up to 100%."
        ),
        numerator="pupils in the profile",
        denominator="all pupils (BB/KB/GL, leerjaar 3-4, incl. routes)",
        population=_BKG,
        source_datasets=_ENROL,
        breakdowns=(Bd.PROFILE, Bd.TRACK, Bd.SEX),
        required=(Bd.PROFILE,),
        references=(_SEOR + ", tabel 3.5 (2021).",),
    ),
    Indicator(
        id="vmbo.tech_choice_share",
        query=q.tech_choice_share,
        table="vo_enrollment",
        crosswalk=True,
        extra={"phrase_nl": "in een technisch profiel", "phrase_en": "in a technical profile"},
        breaks=(OLD_AFDELINGEN,),
        label_nl="Aandeel leerlingen in een technisch profiel",
        label_en="Share of pupils in a technical profile",
        unit=Unit.PERCENT,
        definition=(
            "Of all " + _BKG + ", the share enrolled in one of the profiles of the set "
            "(techniek = BWI, PIE, MT, MAT; techniek_ict adds MVI). Routes are not counted as "
            "technical profiles."
        ),
        numerator="pupils in the set's profiles",
        denominator="all pupils (BB/KB/GL, leerjaar 3-4, incl. routes)",
        population=_BKG,
        source_datasets=_ENROL,
        breakdowns=(Bd.TRACK, Bd.SEX),
        profile_set=ProfileSet.TECHNIEK,
        references=(_SEOR + ", par. 3.3: 15.2% for the metropoolregio in 2021 (excl. MVI).",),
    ),
    Indicator(
        id="vmbo.no_tech_offer_share",
        query=q.no_tech_offer_share,
        table="vo_enrollment",
        crosswalk=True,
        extra={
            "phrase_nl": "op een locatie zonder technisch profiel",
            "phrase_en": "at a location without a technical profile",
        },
        breaks=(OLD_AFDELINGEN,),
        label_nl="Aandeel leerlingen op een locatie zonder technisch profiel",
        label_en="Share of pupils at a location without a technical profile",
        unit=Unit.PERCENT,
        definition=(
            "Of all " + _BKG + ", the share attending a location that offers none of the "
            "profiles of the set."
        ),
        numerator="pupils at locations offering none of the set's profiles",
        denominator="all pupils (BB/KB/GL, leerjaar 3-4, incl. routes)",
        population=_BKG,
        source_datasets=_ENROL,
        breakdowns=(Bd.TRACK,),
        profile_set=ProfileSet.TECHNIEK_ICT,
        higher_is_better=False,
        references=(
            (
                "Oberon (2024), Meer Techniek op Zuid, par. 1: 41% of vmbo pupils in Rotterdam "
                "Zuid at a school without a technical profile (BRIDGE, 2019)."
            ),
        ),
    ),
    Indicator(
        id="vmbo.tech_offer_location_share",
        query=q.tech_offer_location_share,
        table="vo_enrollment",
        crosswalk=True,
        extra={
            "phrase_nl": "van de locaties met een technisch profiel",
            "phrase_en": "of locations with a technical profile",
        },
        breaks=(OLD_AFDELINGEN,),
        label_nl="Aandeel vmbo-locaties met een technisch profiel",
        label_en="Share of vmbo locations offering a technical profile",
        unit=Unit.PERCENT,
        definition=(
            "Of all locations with at least one BB/KB/GL pupil in leerjaar 3-4, the share "
            "offering at least one profile of the set."
        ),
        numerator="locations offering at least one of the set's profiles",
        denominator="locations with BB/KB/GL pupils in leerjaar 3-4",
        population="vmbo school locations (BB/KB/GL, leerjaar 3-4)",
        source_datasets=_ENROL,
        profile_set=ProfileSet.TECHNIEK_ICT,
        suppression="Not suppressed: counts of locations are public.",
        suppress_small=False,
        references=("Oberon (2024), Meer Techniek op Zuid: target 100% in Rotterdam Zuid.",),
    ),
    Indicator(
        id="vmbo.girls_in_tech_share",
        query=q.girls_in_tech_share,
        table="vo_enrollment",
        crosswalk=True,
        extra={
            "phrase_nl": "meisjes in technische profielen",
            "phrase_en": "girls in technical profiles",
        },
        breaks=(OLD_AFDELINGEN,),
        label_nl="Aandeel meisjes in technische profielen",
        label_en="Share of girls in technical profiles",
        unit=Unit.PERCENT,
        definition="Girls among the " + _BKG + " enrolled in the set's profiles.",
        numerator="girls in the set's profiles",
        denominator="pupils in the set's profiles",
        population=_BKG,
        source_datasets=_ENROL,
        breakdowns=(Bd.TRACK,),
        profile_set=ProfileSet.TECHNIEK,
    ),
    Indicator(
        id="vmbo.locations_offering",
        query=q.locations_offering,
        table="vo_enrollment",
        crosswalk=True,
        breaks=(OLD_AFDELINGEN,),
        label_nl="Aantal locaties dat het profiel aanbiedt",
        label_en="Number of locations offering the profile",
        unit=Unit.COUNT,
        definition=(
            "Number of school locations with at least one BB/KB/GL pupil in leerjaar 3-4 in the "
            "profile; the denominator is the number of locations with any such pupil."
        ),
        numerator="locations offering the profile",
        denominator="locations with BB/KB/GL pupils in leerjaar 3-4",
        population="vmbo school locations (BB/KB/GL, leerjaar 3-4)",
        source_datasets=_ENROL,
        breakdowns=(Bd.PROFILE,),
        required=(Bd.PROFILE,),
        suppression="Not suppressed: counts of locations are public.",
        suppress_small=False,
    ),
    Indicator(
        id="vmbo.tl_sector_share",
        query=q.tl_sector_share,
        table="vo_enrollment",
        label_nl="Aandeel TL-leerlingen per sector",
        label_en="Share of TL pupils per sector",
        unit=Unit.PERCENT,
        definition=(
            "Of all vmbo TL (theoretische leerweg, 'mavo') pupils in leerjaar 3-4 (or the "
            "leerjaar chosen with --by grade), the share per sector in DUO's VMBO SECTOR column: "
            "techniek, zorg_welzijn, economie, landbouw, or none (no sector chosen yet)."
        ),
        numerator="TL pupils in the sector",
        denominator="all TL pupils in leerjaar 3-4",
        population="vmbo TL pupils, leerjaar 3-4",
        source_datasets=_ENROL,
        breakdowns=(Bd.SECTOR, Bd.GRADE),
        required=(Bd.SECTOR,),
        references=(_SEOR + ", tabel 3.7 (TL leerjaar 3, 2024/25, national).",),
    ),
    Indicator(
        id="havo_vwo.n_profile_share",
        query=q.n_profile_share,
        table="vo_enrollment",
        label_nl="Aandeel N-profielen in havo 4 en vwo 4",
        label_en="Share of N profiles in havo 4 and vwo 4",
        unit=Unit.PERCENT,
        definition=(
            "Of all havo and vwo pupils in leerjaar 4 with a profile, the share in Natuur en "
            "Techniek, Natuur en Gezondheid or a combination containing either (NT, NG, NT/NG, "
            "NT/EM, ...)."
        ),
        numerator="leerjaar-4 pupils in a profile containing NT or NG",
        denominator="leerjaar-4 havo/vwo pupils with a profile",
        population="havo and vwo pupils in leerjaar 4",
        source_datasets=_ENROL,
        breakdowns=(Bd.TRACK,),
        references=(_SEOR + ", tabel 3.8 (2024/25).",),
    ),
    Indicator(
        id="exams.n_profile_share",
        query=q.exam_n_profile_share,
        table="vo_exam",
        extra={
            "phrase_nl": "van de havo/vwo-kandidaten met een N-profiel",
            "phrase_en": "of havo/vwo candidates with an N profile",
        },
        breaks=(EXAM_MASKING,),
        label_nl="Aandeel examenkandidaten havo/vwo met een N-profiel",
        label_en="Share of havo/vwo exam candidates with an N profile",
        unit=Unit.PERCENT,
        definition=(
            "Of all havo and vwo exam candidates in a school year, the share with a profile "
            "containing Natuur en Techniek or Natuur en Gezondheid. Uses DUO's totals per "
            "location and programme; cells masked as '<5' are left out of numerator and "
            "denominator and counted in masked_cells."
        ),
        numerator="candidates with NT, NG or a combination",
        denominator="all havo/vwo candidates",
        population="havo and vwo exam candidates",
        source_datasets=("duo_vo_exam_candidates", "duo_vo_locations"),
        breakdowns=(Bd.TRACK,),
        suppression="Cells of 1-4 candidates are suppressed as for pupils.",
    ),
    Indicator(
        id="exams.vmbo_tech_share",
        query=q.exam_vmbo_tech_share,
        table="vo_exam",
        extra={
            "phrase_nl": "van de vmbo-kandidaten in techniek",
            "phrase_en": "of vmbo candidates in technology",
        },
        breaks=(TL_EXAM_SECTOR, EXAM_MASKING),
        label_nl="Aandeel vmbo-examenkandidaten in techniek",
        label_en="Share of vmbo exam candidates in technology",
        unit=Unit.PERCENT,
        definition=(
            "Of all vmbo exam candidates in a school year (by leerweg), the share in the "
            "technical sector: the old sector 'techniek', or since the 2020 profiles one of the "
            "set's profiles, over the candidates whose programme names a sector or profile "
            "(TL candidates were not split by sector before 2018-19 and are left out then). "
            "Uses DUO's totals; masked '<5' cells are left out and counted in masked_cells."
        ),
        numerator="vmbo candidates in the technical sector/profiles",
        denominator="all vmbo candidates",
        population="vmbo exam candidates",
        source_datasets=("duo_vo_exam_candidates", "duo_vo_locations"),
        breakdowns=(Bd.TRACK,),
        profile_set=ProfileSet.TECHNIEK_ICT,
        suppression="Cells of 1-4 candidates are suppressed as for pupils.",
    ),
    Indicator(
        id="access.distance_to_tech_offer",
        distance=DistanceKind.VMBO,
        table="vo_enrollment",
        breaks=(OLD_AFDELINGEN,),
        label_nl="Afstand tot het dichtstbijzijnde technische vmbo-aanbod",
        label_en="Distance to the nearest technical vmbo offer",
        unit=Unit.KM,
        definition=(
            "Straight-line distance from the centroid of each PC4 area of the region to the "
            "nearest school location (anywhere) offering a profile of the set, weighted by the "
            "young residents of the PC4 (age band 10-14, the closest available to 10-15): "
            "statistic mean_km, median_km (weighted) and share_over_5km (percent of young "
            "residents living more than 5 km away). Locations are placed at the centroid of "
            "their PC4."
        ),
        numerator="young residents x distance (mean); residents > 5 km (share)",
        denominator="young residents of the region's PC4 areas",
        population="residents aged 10-14 by PC4",
        source_datasets=(
            *_ENROL,
            "cbs_pc4_centroids",
            "cbs_population_pc4_age",
            "cbs_pc4_gemeente",
        ),
        breakdowns=(Bd.STATISTIC,),
        required=(Bd.STATISTIC,),
        profile_set=ProfileSet.TECHNIEK_ICT,
        suppression="Not suppressed: residents by PC4 are published by CBS.",
        suppress_small=False,
        higher_is_better=False,
    ),
    Indicator(
        id="access.distance_to_tech_mbo",
        distance=DistanceKind.MBO,
        table="population",
        set_vocab=SetVocab.SECTORKAMERS,
        label_nl="Afstand tot het dichtstbijzijnde technische mbo",
        label_en="Distance to the nearest technical mbo location",
        unit=Unit.KM,
        definition=(
            "Straight-line distance from the centroid of each PC4 area of the region to the "
            "nearest mbo location (anywhere) offering a sectorkamer of the set (techniek_ict = "
            "TGO, MLT, ICT; techniek = TGO, MLT), weighted by the young residents of the PC4 "
            "(age band 10-14): statistic mean_km, median_km and share_over_5km. mbo locations "
            "are DUO's 'Adressen mbo' (or the demo's), placed at the centroid of their PC4; "
            "what a location offers is what its institution has students in at that place "
            "(DUO 'Mbo-studenten per instelling'). The newest list is used for every year. "
            "With no mbo locations loaded there is no value and the result says so."
        ),
        numerator="young residents x distance (mean); residents > 5 km (share)",
        denominator="young residents of the region's PC4 areas",
        population="residents aged 10-14 by PC4",
        source_datasets=(
            "duo_mbo_addresses",
            "duo_mbo_students",
            "cbs_pc4_centroids",
            "cbs_population_pc4_age",
            "cbs_pc4_gemeente",
        ),
        breakdowns=(Bd.STATISTIC,),
        required=(Bd.STATISTIC,),
        profile_set=ProfileSet.TECHNIEK_ICT,
        suppression="Not suppressed: residents by PC4 are published by CBS.",
        suppress_small=False,
        higher_is_better=False,
        references=(_SEOR + ", tabel 3.3 and 3.4 (measured travel distance to mbo, 2024).",),
    ),
    Indicator(
        id="mbo.tech_ict_inflow_share",
        query=mq.tech_inflow_share,
        table="mbo_entrant",
        set_vocab=SetVocab.SECTORKAMERS,
        label_nl="Aandeel mbo-instroom in techniek en ICT",
        label_en="Share of mbo intake in technology and ICT",
        unit=Unit.PERCENT,
        definition=(
            "Of all students new to mbo in a year (INSTROOM MBO = J), the share in a technical "
            "programme: sectorkamers TGO and MLT, with ICT (techniek_ict, the default) or "
            "without (--set techniek). By home gemeente/PC4 where the data give it; DUO's "
            "entrant file gives the institution only, and then the entrant counts at the "
            "gemeente of the institution's address. DUO's entrant file has no sectorkamer: "
            "a programme's sectorkamer is taken from the students' and graduates' files by "
            "crebo; entrants of an unmapped crebo count in the denominator only."
        ),
        numerator="mbo entrants in the set's sectorkamers",
        denominator="all mbo entrants (new to mbo)",
        population="students new to mbo",
        source_datasets=("duo_mbo_entrants", "duo_mbo_students", "duo_mbo_addresses"),
        breakdowns=(Bd.TRACK, Bd.SEX),
        profile_set=ProfileSet.TECHNIEK_ICT,
        suppression=_MBO_SUPPRESSION,
        references=(
            "Platform Talent voor Technologie, Toelichting: 28% now, 40% needed.",
            _SEOR + ", tabel 3.9 (students, 2024/25; CBS fields, not sectorkamers).",
        ),
    ),
    Indicator(
        id="mbo.tech_student_share",
        query=mq.tech_student_share,
        table="mbo_student_home",
        set_vocab=SetVocab.SECTORKAMERS,
        label_nl="Aandeel mbo-studenten in techniek (naar woongemeente)",
        label_en="Share of mbo students in technology (by home municipality)",
        unit=Unit.PERCENT,
        definition=(
            "Of all mbo students (1 October) living in the region, the share in the "
            "sectorkamers of the set (techniek = TGO, MLT; techniek_ict adds ICT). By leerweg "
            "(bol, bbl, extraneus). SEOR's table 3.9 counts CBS fields of study "
            "('Techniek, industrie en bouwkunde', 'Informatica'), not sectorkamers: shown "
            "beside, not the same measure."
        ),
        numerator="students in the set's sectorkamers",
        denominator="all mbo students",
        population="mbo students by home gemeente",
        source_datasets=("duo_mbo_students_home",),
        breakdowns=(Bd.TRACK,),
        profile_set=ProfileSet.TECHNIEK_ICT,
        suppression=_MBO_SUPPRESSION,
        references=(_SEOR + ", tabel 3.9 (2024/25).",),
    ),
    Indicator(
        id="mbo.bbl_share_in_tech",
        query=mq.bbl_share_in_tech,
        table="mbo_student_home",
        set_vocab=SetVocab.SECTORKAMERS,
        label_nl="Aandeel bbl binnen technisch mbo",
        label_en="Share of BBL within technical mbo",
        unit=Unit.PERCENT,
        definition=(
            "Of the mbo students (bol + bbl) living in the region in the sectorkamers of the "
            "set, the share in the beroepsbegeleidende leerweg (bbl)."
        ),
        numerator="bbl students in the set's sectorkamers",
        denominator="bol + bbl students in the set's sectorkamers",
        population="mbo students in technology by home gemeente",
        source_datasets=("duo_mbo_students_home",),
        profile_set=ProfileSet.TECHNIEK,
        suppression=_MBO_SUPPRESSION,
        references=(_SEOR + ", par. 5.1 (BBL share of technical mbo, 2024/25).",),
    ),
    Indicator(
        id="mbo.nprz_tech_port_graduate_share",
        query=mq.tech_graduate_share,
        table="mbo_diploma",
        set_vocab=SetVocab.SECTORKAMERS,
        label_nl="Aandeel mbo-gediplomeerden in techniek, haven en logistiek",
        label_en="Share of mbo graduates in technology, port and logistics",
        unit=Unit.PERCENT,
        definition=(
            "Of all mbo diplomas in a year, the share in NPRZ's set 'techniek, haven en "
            "logistiek' (sectorkamers TGO and MLT; kansrijk/vocab/data/mbo_sectorkamers.yaml). "
            "By home gemeente/PC4 where the data give it; DUO's graduates file gives the "
            "institution only, and then the diploma counts at the institution's gemeente. "
            "NPRZ's 38% is for graduates living in Rotterdam Zuid."
        ),
        numerator="diplomas in TGO and MLT",
        denominator="all mbo diplomas",
        population="mbo graduates",
        source_datasets=("duo_mbo_diplomas", "duo_mbo_addresses"),
        breakdowns=(Bd.TRACK, Bd.SEX),
        suppression=_MBO_SUPPRESSION,
        references=("Oberon (2024), Meer Techniek op Zuid, par. 1 (NPRZ, 38%).",),
        fixed_set="nprz_techniek_haven_logistiek",
    ),
    Indicator(
        id="mbo.girls_in_tech_share",
        query=mq.girls_in_tech_share,
        table="mbo_student",
        set_vocab=SetVocab.SECTORKAMERS,
        label_nl="Aandeel meisjes in technisch mbo",
        label_en="Share of girls in technical mbo",
        unit=Unit.PERCENT,
        definition=(
            "Of the mbo students in the sectorkamers of the set, the share of women. By home "
            "gemeente where the data give it, else at the institution's gemeente (DUO's "
            "per-institution students file)."
        ),
        numerator="female students in the set's sectorkamers",
        denominator="all students in the set's sectorkamers",
        population="mbo students in technology",
        source_datasets=("duo_mbo_students", "duo_mbo_addresses"),
        breakdowns=(Bd.TRACK,),
        profile_set=ProfileSet.TECHNIEK_ICT,
        suppression=_MBO_SUPPRESSION,
    ),
    Indicator(
        id="mbo.field_share",
        query=mq.field_share,
        table="mbo_student_home",
        set_vocab=SetVocab.SECTORKAMERS,
        label_nl="Aandeel mbo-studenten per sectorkamer en leerweg",
        label_en="Share of mbo students by sectorkamer and leerweg",
        unit=Unit.PERCENT,
        definition=(
            "Share of the mbo students living in the region in each sectorkamer (profile = "
            "sectorkamer code; ENTREE, BOVENSECTORAAL, ONBEKEND as their own categories), by "
            "leerweg. SEOR's table 3.9 gives CBS fields of study instead; its figures are "
            "shown beside, under their own codes."
        ),
        numerator="mbo students in the sectorkamer",
        denominator="all mbo students",
        population="mbo students by home gemeente",
        source_datasets=("duo_mbo_students_home",),
        breakdowns=(Bd.PROFILE, Bd.TRACK),
        required=(Bd.PROFILE,),
        suppression=_MBO_SUPPRESSION,
        references=(_SEOR + ", tabel 3.9 (2024/25).",),
    ),
    Indicator(
        id="flow.tech_mbo_rate",
        label_nl="Doorstroom per vmbo-profiel naar technisch mbo (incl. ICT)",
        label_en="Flow from each vmbo profile to technical mbo (incl. ICT)",
        unit=Unit.PERCENT,
        definition=(
            "Share of a vmbo profile's pupils that go on to a technical mbo programme including "
            "ICT. Not computed (needs linked pupil data); SEOR's published rates are shown and "
            "used by the scenario model."
        ),
        numerator="pupils of the profile entering technical mbo incl. ICT",
        denominator="pupils of the profile entering mbo",
        population="vmbo BB/KB/GL leavers",
        source_datasets=(),
        breakdowns=(Bd.PROFILE,),
        required=(Bd.PROFILE,),
        computable=False,
        references=(_SEOR + ", tabel 3.6 (2023/24).",),
    ),
    *PARTNER_INDICATORS,  # partner registry: computed by kansrijk.registry
)

_BY_ID = {i.id: i for i in INDICATORS}


def get_indicator(indicator_id: str) -> Indicator:
    """The indicator with this id.

    Raises:
        UnknownIndicatorError: listing close matches and every known id.
    """
    if indicator_id in _BY_ID:
        return _BY_ID[indicator_id]
    close = difflib.get_close_matches(indicator_id, list(_BY_ID), n=3, cutoff=0.5)
    hint = Message("; did you mean {ids}?", ids=", ".join(close)) if close else ""
    raise UnknownIndicatorError(
        Message(
            "unknown indicator {indicator!r}{hint} Known: {known}",
            indicator=indicator_id,
            hint=hint,
            known=", ".join(_BY_ID),
        )
    )
