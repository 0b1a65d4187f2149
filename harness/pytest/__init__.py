"""The harness's pytest plugin modules, registered through the root conftest."""
