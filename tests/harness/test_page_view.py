"""What a failure shows of the page: the content a reader looks for, not the site menu."""

from __future__ import annotations

from harness.pytest.diagnosis import SNAPSHOT_LINES, page_messages, without_menus

# The household page after a refused invitation, as Chromium's aria snapshot gives <main>.
HOUSEHOLD = """\
- navigation "Meny":
  - list:
    - listitem:
      - link "Mina uppgifter":
        - /url: /sv/profile
    - listitem:
      - link "Förmåner och tips":
        - /url: /sv/benefits
    - listitem:
      - link "Bonus":
        - /url: /sv/bonus
    - listitem:
      - link "Hushåll":
        - /url: /sv/household
- heading "Hushåll" [level=1]
- alert: Kontrollera e-postadressen
- textbox "E-postadress": mikko@@example.com
- button "Bjud in"
""".splitlines()


def test_the_shown_lines_of_a_failed_page_reach_its_message_past_the_menu() -> None:
    shown = without_menus(HOUSEHOLD)[:SNAPSHOT_LINES]
    assert "- alert: Kontrollera e-postadressen" in shown
    assert shown[0] == '- navigation "Meny" …'
    assert '- heading "Hushåll" [level=1]' in shown


def test_a_snapshot_without_a_menu_is_left_as_it_is() -> None:
    page = ['- heading "Inloggning misslyckades" [level=1]', "- paragraph: AUTH-4376"]
    assert without_menus(page) == page


def test_the_pages_alerts_are_named_wherever_they_stand() -> None:
    members = ['- table "Medlemmar":', *['  - row "Sara"' for _ in range(20)]]
    page = [*HOUSEHOLD[:14], *members, *HOUSEHOLD[14:], "- status: Inbjudan skickad till x"]
    assert page_messages(page) == ["Kontrollera e-postadressen", "Inbjudan skickad till x"]
