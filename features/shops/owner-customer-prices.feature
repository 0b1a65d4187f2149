@stub_only @C02
Feature: A linked S-Förmånskort gives Bonus and owner-customer prices online
  With her personal S-Förmånskort linked to her S-login, Sara gets the owner-customer
  price in the group's web shops, and each purchase counts towards her household's Bonus.
  Without a linked card she pays the normal price and earns no Bonus.

  Scenario Outline: Sara shops in <shop> with her card linked
    Given Sara is an owner-customer with an S-Förmånskort
    And Sara has linked her S-Förmånskort to her S-login
    When Sara buys "<product>" in the <shop> web shop
    Then Sara pays the owner-customer price
    And the purchase counts towards the Bonus of Sara's household

    Examples:
      | shop         | product     |
      | Prisma       | Kaffe 500 g |
      | Sokos        | Badlakan    |
      | S-kaupat     | Rågbröd 500 g |
      | Sokos Hotels | Hotellnatt  |

  Scenario: Without a linked card Sara pays the normal price and earns no Bonus
    Given Sara has an S-login
    When Sara buys "Kaffe 500 g" in the Prisma web shop
    Then Sara pays the normal price
    And Sara is told that no Bonus is earned without a linked S-Förmånskort

  @C10
  Scenario: A card added while creating the S-login counts from the first purchase
    Given Elias is an owner-customer with an S-Förmånskort
    When Elias creates an S-login and adds his card as a personal customer
    And Elias buys "Rågbröd 500 g" in the S-kaupat web shop
    Then Elias pays the owner-customer price
    And the purchase counts towards the Bonus of Elias's household
