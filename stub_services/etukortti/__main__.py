"""Run the account site standalone: python -m stub_services.etukortti --port … --ssl-…"""

from __future__ import annotations

from stub_services.common.server import main
from stub_services.etukortti.app import create_app

if __name__ == "__main__":
    main(create_app, "etukortti")
