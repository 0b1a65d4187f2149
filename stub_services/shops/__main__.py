"""Run the shops standalone: python -m stub_services.shops --port … --ssl-…"""

from __future__ import annotations

from stub_services.common.server import main
from stub_services.shops.app import create_app

if __name__ == "__main__":
    main(create_app, "shops")
