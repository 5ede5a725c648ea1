"""DUO 'Gediplomeerde mbo-studenten', resource 'Gediplomeerden'
(``2020-2024-gediplomeerden.csv``): diplomas per institution x place x sectorkamer x
leerweg x programme (crebo) x level x sex, count columns ``DIPMAN2021``,
``DIPVROUW2021``, ...

Column list: the DUO CKAN portal as recorded in the public catalogue
cedanl/rio-onderwijsdata ``src/riodata/data/duo_resources.json`` (INSTELLINGSCODE,
INSTELLINGSNAAM, PLAATSNAAM INSTELLING, LEERWEG, NIVEAU, ERKENDE OPLEIDING CODE, ERKENDE
OPLEIDING NAAM, SECTORKAMER NAAM, HOOFDGROEP NAAM, DIPMAN2021 ... DIPVROUW2025); public
code reading this file treats it as 'wide format as DUO publishes it'. Which year a
column ``DIPMAN2024`` means (calendar year of the diploma or the school year 2023-2024
ending in it) is not documented in what we could read: Kansrijk stores the year as
printed. Not tried against a real copy of the file.
"""

from __future__ import annotations

from kansrijk.sources.duo_mbo_format import DIPLOMA_COLUMN
from kansrijk.sources.duo_mbo_programmes import ProgrammeCountsReader
from kansrijk.sources.result import DatasetInfo

INFO = DatasetInfo(
    name="duo_mbo_diplomas",
    title=(
        "DUO gediplomeerde mbo-studenten per instelling, sectorkamer, leerweg, opleiding, "
        "niveau en geslacht"
    ),
    publisher="DUO (Dienst Uitvoering Onderwijs)",
    licence="CC0 1.0",
    tables=("mbo_diploma",),
    url="https://onderwijsdata.duo.nl/dataset/gediplomeerde-mbo-studenten",
)


class DuoMboDiplomasReader(ProgrammeCountsReader):
    """Reader for mbo graduates per institution x programme x sex (``duo_mbo_diplomas``)."""

    info = INFO
    table = "mbo_diploma"
    pattern = DIPLOMA_COLUMN
    example = "DIPMAN2021, DIPVROUW2021"
