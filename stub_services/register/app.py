"""The customer register as a FastAPI app: server API, seeding, health and control."""

from __future__ import annotations

from fastapi import FastAPI

from stub_services.common.control import StubState, stub_app
from stub_services.common.settings import Settings
from stub_services.register import api, benefits_api, benefits_control, control
from stub_services.register.bonus import BonusTable
from stub_services.register.coupons import Coupons
from stub_services.register.deps import RegisterParts
from stub_services.register.households import Households
from stub_services.register.purchases import Purchases
from stub_services.register.store import SCHEMA, Store

SERVICE = "register"


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings.from_env()
    # A bad BONUS_TABLE or HOUSEHOLD_MAX_MEMBERS stops start-up with a clear message, before
    # any state is touched.
    bonus_table = BonusTable.parse(settings.bonus_table)
    state = StubState.open(settings, SERVICE, SCHEMA)
    db, clock = state.db, state.clock
    households = Households(db, clock, settings.household_max_members)
    app = stub_app("Customer register stub", SERVICE, state)
    app.state.register = RegisterParts(
        store=Store(db, clock),
        coupons=Coupons(db, clock),
        purchases=Purchases(db, clock, bonus_table),
        households=households,
    )
    app.state.bearer_token = settings.register_api_token
    app.include_router(control.router)
    app.include_router(benefits_control.router)
    app.include_router(api.router)
    app.include_router(benefits_api.router)
    return app
