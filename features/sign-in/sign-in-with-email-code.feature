@C09
Feature: Signing in with a code from email
  Sara, an owner-customer with an S-login, signs in with her email address. Each time she
  signs in, the sign-in service emails her a new four-digit code; the code works once.

  Scenario: A customer signs in with the code from her email
    Given Sara has an S-login
    When Sara signs in with the code from her email
    Then Sara sees her own details on "Mina uppgifter"

  Scenario: Every sign-in sends a new code, and an earlier code is refused
    Given Sara has an S-login
    And Sara signed in earlier with a code from her email
    When Sara asks for a sign-in code
    And Sara enters the earlier code
    Then Sara is told the code is wrong
    And the new code from Sara's email still signs her in

  Scenario: Signing out ends the S-login session
    Given Sara is signed in on the S-Etukortti site
    When Sara signs out
    Then Sara must sign in again to see "Mina uppgifter"

  Scenario: A mistyped address is caught before any code is sent
    Given Sara has an S-login
    When Sara asks for a sign-in code with a mistyped address
    Then Sara is asked to check the address, with what she typed kept
    And no email is sent to Sara
