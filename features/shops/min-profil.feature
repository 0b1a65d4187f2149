@stub_only @C16
Feature: Adding the S-Förmånskort on s-kaupat under "Min profil"
  The card can also be added from the S-kaupat food shop: its "Min profil" page leads to
  the same card linking with bank identification, and comes back to the shop.

  Scenario: Sara adds her card under "Min profil" on S-kaupat
    Given Sara is an owner-customer with an S-Förmånskort
    And Sara has an S-login
    And Sara has signed in on S-kaupat
    When Sara adds her S-Förmånskort under "Min profil" on S-kaupat
    Then "Min profil" on S-kaupat shows Sara's card
