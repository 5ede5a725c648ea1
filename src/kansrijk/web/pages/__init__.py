"""The pages: one module per page, each a :class:`kansrijk.web.page.Page` definition (the
page ``/x``, its JSON twin and, where tabular, CSV and XLSX) with its view and template
context. ``create_app`` includes their routers through ``kansrijk.web.routes.ROUTERS``."""
