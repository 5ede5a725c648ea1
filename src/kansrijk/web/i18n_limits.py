"""Messages of the web limits (``kansrijk.web.limits``), Dutch and English (merged into
``i18n``'s catalogue; same keys in both languages)."""

from __future__ import annotations

NL: dict[str, str] = {
    "limit_url": (
        "Het adres is te lang: {found} tekens, hooguit {max}. Maak het scenario kleiner of "
        "kies minder regio's."
    ),
    "limit_query_items": "Te veel parameters in het adres: {found}, hooguit {max}.",
    "limit_value": "Parameter '{name}' is te lang: {found} tekens, hooguit {max}.",
    "limit_list": "Parameter '{name}' noemt te veel waarden: {found}, hooguit {max}.",
    "limit_changes": (
        "Te veel wijzigingen in één scenario: {found} profielen toevoegen of weghalen, hooguit "
        "{max}. Splits het scenario of kies een kleinere regio."
    ),
    "limit_draws": "Trekkingen: hooguit {max}, gevonden {found}.",
    "limit_work": (
        "Dit scenario is te zwaar om hier door te rekenen: {locations} locaties met {draws} "
        "trekkingen. Kies hooguit {fit} trekkingen of een kleinere regio (of reken het door "
        "met `kansrijk scenario run`)."
    ),
    "limit_busy": (
        "De server rekent al zoveel scenario's door dat er na {seconds} s nog geen plaats "
        "was. Probeer het zo opnieuw."
    ),
    "limit_timeout": (
        "Het doorrekenen duurde langer dan {seconds} s. Het gaat op de achtergrond door; "
        "probeer het zo opnieuw."
    ),
    "error_414": "Adres te lang",
    "error_405": "Methode niet toegestaan",
    "error_503": "Even geen plaats",
    "limit_host": "Onbekende host '{host}': deze server antwoordt alleen op {allowed}.",
}

EN: dict[str, str] = {
    "limit_url": (
        "The address is too long: {found} characters, at most {max}. Make the scenario "
        "smaller or choose fewer regions."
    ),
    "limit_query_items": "Too many parameters in the address: {found}, at most {max}.",
    "limit_value": "Parameter '{name}' is too long: {found} characters, at most {max}.",
    "limit_list": "Parameter '{name}' names too many values: {found}, at most {max}.",
    "limit_changes": (
        "Too many changes in one scenario: {found} profiles to add or remove, at most {max}. "
        "Split the scenario or choose a smaller region."
    ),
    "limit_draws": "Draws: at most {max}, found {found}.",
    "limit_work": (
        "This scenario is too heavy to run here: {locations} locations with {draws} draws. "
        "Choose at most {fit} draws or a smaller region (or run it with "
        "`kansrijk scenario run`)."
    ),
    "limit_busy": (
        "The server is running so many scenarios that no worker was free after {seconds} s. "
        "Please try again shortly."
    ),
    "limit_timeout": (
        "The run took longer than {seconds} s. It goes on in the background; please try "
        "again shortly."
    ),
    "error_414": "Address too long",
    "error_405": "Method not allowed",
    "error_503": "No room right now",
    "limit_host": "Unknown host '{host}': this server answers only to {allowed}.",
}
