"""The shop platform as a FastAPI app (placeholder until the storefronts land)."""

from __future__ import annotations

from fastapi import FastAPI

from stub_services.common.settings import Settings

SERVICE = "shops"


def create_app(settings: Settings | None = None) -> FastAPI:
    """Build the app; only the health route for now."""
    app = FastAPI(title="Shops stub", docs_url=None, redoc_url=None, openapi_url=None)

    @app.get("/healthz")
    def healthz() -> dict[str, str]:
        return {"status": "ok", "service": SERVICE}

    return app
