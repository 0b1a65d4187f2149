"""`python -m stub_services` is the same as `python -m stub_services.world`."""

from __future__ import annotations

import sys

from stub_services.world import main

if __name__ == "__main__":
    sys.exit(main())
