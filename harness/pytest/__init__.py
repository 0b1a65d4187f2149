"""The harness's pytest plugin, in modules named for what they do (harness.plugin loads them)."""
