"""Selenium Grid 4: its HTTP client, the pinned Grid's installation, and a local hub with
nodes (`./qa grid`). The browsers the pool runs on a Grid are in harness.browsers.grid."""
