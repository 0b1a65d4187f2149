"""Run the bank broker standalone: python -m stub_services.bank --port … --ssl-…"""

from __future__ import annotations

from stub_services.bank.app import create_app
from stub_services.common.server import main

if __name__ == "__main__":
    main(create_app, "bank")
