"""Every label of the identity flows exists in Swedish, Finnish and English."""

from __future__ import annotations

from stub_services.common.i18n import _IDENTITY_FLOW_STRINGS, LANGS, STRINGS


def test_identity_flow_labels_are_complete_and_merged() -> None:
    for key, texts in _IDENTITY_FLOW_STRINGS.items():
        assert set(texts) == set(LANGS), key
        assert all(text.strip() for text in texts.values()), key
        assert STRINGS[key] is texts
