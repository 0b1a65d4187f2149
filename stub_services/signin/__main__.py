"""Run the sign-in service standalone: python -m stub_services.signin --port … --ssl-…"""

from __future__ import annotations

from stub_services.common.server import main
from stub_services.signin.app import create_app

if __name__ == "__main__":
    main(create_app, "signin")
