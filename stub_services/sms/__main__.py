"""Run the text-message gateway standalone: python -m stub_services.sms --port … --ssl-…"""

from __future__ import annotations

from stub_services.common.server import main
from stub_services.sms.app import create_app

if __name__ == "__main__":
    main(create_app, "sms")
