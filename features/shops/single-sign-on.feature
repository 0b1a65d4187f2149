@C13
Feature: One S-login for every shop and app of the group
  Sara signs in once. While her session at the sign-in service lasts, every other shop
  of the group signs her in without a new code, and signing out on one site signs her
  out of all of them. The apps sign in inside an in-app browser (an Android WebView),
  which refuses third-party cookies, so they use ordinary page-to-page sign-in.

  Background:
    Given Sara has an S-login

  Scenario Outline: Signed in on Prisma, Sara is signed in on <site> without a new code
    Given Sara has signed in on Prisma
    When Sara signs in on <site>
    Then Sara is signed in on <site> as herself
    And Sara was not asked for a new code

    Examples:
      | site         |
      | Sokos        |
      | Sokos Hotels |
      | Yhteishyvä   |
      | S-kaupat     |

  Scenario Outline: Sara signs in in the <app> app
    Given Sara uses the <app> app on her Android phone
    When Sara opens the app
    And Sara signs in in the app with the code from her email
    Then Sara is signed in in the <app> app as herself

    Examples:
      | app        |
      | ABC        |
      | S-kaupat   |
      | Yhteishyvä |

  Scenario: With third-party cookies allowed, Sokos signs Sara in as soon as she opens it
    Given Sara has signed in on Prisma
    When Sara opens Sokos
    Then Sara is signed in on Sokos as herself
    And Sara was not asked for a new code

  Scenario: When the browser refuses the silent check, signing in still needs no new code
    Given Sara's browser blocks third-party cookies
    And Sara has signed in on Prisma
    When Sara opens Sokos
    Then Sokos tells Sara it could not sign her in automatically
    When Sara signs in on Sokos
    Then Sara is signed in on Sokos as herself
    And Sara was not asked for a new code

  Scenario: Signing out on one site signs Sara out of all of them
    Given Sara has signed in on Prisma
    And Sara has signed in on Sokos
    When Sara signs out on Sokos
    Then Sara is no longer signed in on Prisma
    And signing in on Prisma asks Sara for her email address again
