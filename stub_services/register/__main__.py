"""Run the customer register standalone: python -m stub_services.register --port … --ssl-…"""

from __future__ import annotations

from stub_services.common.server import main
from stub_services.register.app import create_app

if __name__ == "__main__":
    main(create_app, "register")
