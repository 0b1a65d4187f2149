@stub_only @C12
Feature: Following Bonus and inviting others into the household
  Bonus is paid on the whole household's purchases of a month: the more the household
  buys, the higher the percentage. On the S-Etukortti site Sara follows her household's
  Bonus and other price benefits month by month, and invites other adults into her
  owner-customer household by email.

  Scenario: Sara follows her household's Bonus month by month
    Given Sara is an owner-customer with an S-Förmånskort
    And Sara has linked her S-Förmånskort to her S-login
    And Sara's household bought for 250,00 € in October 2026, saving 12,40 €
    And Sara's household bought for 95,00 € in November 2026
    When Sara opens "Bonus" on the S-Etukortti site
    Then the Bonus page shows
      | Månad         | Inköp    | Bonus % | Bonus  | Övriga prisförmåner |
      | November 2026 | 95,00 €  | 1 %     | 0,95 € | 0,00 €              |
      | Oktober 2026  | 250,00 € | 1,5 %   | 3,75 € | 12,40 €             |

  Scenario: Sara invites Mikko, and his purchases count towards the household's Bonus
    Given Sara is an owner-customer with an S-Förmånskort
    And Sara has linked her S-Förmånskort to her S-login
    And Mikko has an S-login
    When Sara invites Mikko into her household
    And Mikko joins the household through the link in his email
    Then Mikko is a member of Sara's household with a card of his own
    When Mikko buys "Kaffe 500 g" in the Prisma web shop
    Then the purchase counts towards the Bonus of Sara's household

  Scenario: An invitation works only once
    Given Sara is an owner-customer with an S-Förmånskort
    And Sara has linked her S-Förmånskort to her S-login
    And Mikko has an S-login
    And Liisa has an S-login
    And Sara has invited Mikko into her household
    And Mikko has joined the household through the link in his email
    When Liisa opens Mikko's invitation link
    Then Liisa is told the invitation is no longer valid

  Scenario: An invitation expires after a week
    Given Sara is an owner-customer with an S-Förmånskort
    And Sara has linked her S-Förmånskort to her S-login
    And Mikko has an S-login
    And Sara has invited Mikko into her household
    And 8 days have passed at the customer register
    When Mikko opens the invitation link in his email
    Then Mikko is told the invitation is no longer valid

  Scenario Outline: <who> cannot invite anyone into a household
    Given <situation>
    When Sara opens "Hushåll" on the S-Etukortti site
    Then Sara is told "<reason>"
    And Sara is not offered a way to invite anyone

    Examples:
      | who                        | situation                                                | reason                                  |
      | A customer without a card  | Sara has an S-login                                      | Koppla ditt S-Förmånskort först         |
      | A minor owner-customer     | Sara is a 16-year-old owner-customer who linked her card | Endast myndiga ägarkunder kan bjuda in  |
      | A member of the household  | Sara has joined Pekka's household                        | Endast hushållets ägarkund kan bjuda in |

  Scenario: A malformed address gets a clear message and no email is sent
    Given Sara is an owner-customer with an S-Förmånskort
    And Sara has linked her S-Förmånskort to her S-login
    When Sara invites "mikko@example" into her household
    Then Sara is told "Kontrollera e-postadressen"
    And no invitation email is sent
