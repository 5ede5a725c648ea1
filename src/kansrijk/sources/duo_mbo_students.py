"""DUO 'Mbo-studenten per instelling', resource 03 'Studenten per instelling plaats van de
instelling sectorkamer leerweg opleiding niveau geslacht'
(``2021-2025-03-studenten-per-instelling-plaats-van-de-instelling-sectorkamer-leerweg-
opleiding-niv.csv``): students on 1 October per institution x place x programme (crebo)
x level x leerweg, with count columns ``MAN2021``, ``VROUW2021``, ... ``VROUW2025``.

Column list: the DUO CKAN portal as recorded in the public catalogue
cedanl/rio-onderwijsdata ``src/riodata/data/duo_resources.json`` (INSTELLINGSCODE,
INSTELLINGSNAAM, SOORT INSTELLING, PLAATSNAAM INSTELLING, LEERWEG, NIVEAU, ERKENDE
OPLEIDING CODE, ERKENDE OPLEIDING NAAM, SECTORKAMER NAAM, HOOFDGROEP NAAM, MAN2021 ...
VROUW2025). Not tried against a real copy of the file (none was available). Parsing:
see duo_mbo_programmes.py.
"""

from __future__ import annotations

from kansrijk.sources.duo_mbo_format import SEX_YEAR_COLUMN
from kansrijk.sources.duo_mbo_programmes import ProgrammeCountsReader
from kansrijk.sources.result import DatasetInfo

INFO = DatasetInfo(
    name="duo_mbo_students",
    title=(
        "DUO mbo-studenten per instelling, plaats, sectorkamer, leerweg, opleiding, niveau "
        "en geslacht"
    ),
    publisher="DUO (Dienst Uitvoering Onderwijs)",
    licence="CC0 1.0",
    tables=("mbo_student",),
    url="https://onderwijsdata.duo.nl/dataset/mbo-studenten-per-instelling",
)


class DuoMboStudentsReader(ProgrammeCountsReader):
    """Reader for mbo students per institution x programme x sex (``duo_mbo_students``)."""

    info = INFO
    table = "mbo_student"
    pattern = SEX_YEAR_COLUMN
    example = "MAN2021, VROUW2021"
