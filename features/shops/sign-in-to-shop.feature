@C01
Feature: An S-login is needed to shop online and to use the apps
  The group's web shops sell only to signed-in customers: browsing is free, but buying
  needs an S-login. The apps work the same way: they open the sign-in page inside the app.

  @stub_only
  Scenario: Sara must sign in before she can buy in the Prisma web shop
    Given Sara has an S-login
    When Sara tries to buy "Kaffe 500 g" in the Prisma web shop without signing in
    Then Sara is asked to sign in with her S-login to shop
    And the Prisma web shop has taken no order from Sara
    When Sara signs in on Prisma with the code from her email
    And Sara buys "Kaffe 500 g" in the Prisma web shop
    Then Sara's order is confirmed

  Scenario: The S-kaupat app asks for the S-login
    Given Sara has an S-login
    And Sara uses the S-kaupat app on her Android phone
    When Sara opens the app
    Then the app asks Sara to sign in with her S-login
