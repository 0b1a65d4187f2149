@C09
Feature: The emailed code is short-lived and cannot be guessed
  A four-digit code is easy to type and, on its own, easy to guess. The sign-in service
  makes up for that: a code ends after five wrong tries and after ten minutes, and the
  service never tells anyone whether an address has an S-login.

  Scenario: Five wrong codes end the code
    Given Sara has an S-login
    And Sara has asked for a sign-in code
    When Sara enters a wrong code five times
    Then Sara is told to ask for a new code
    And the code from Sara's email no longer signs her in

  @stub_only
  Scenario: A code older than ten minutes is refused
    Given Sara has an S-login
    And Sara has asked for a sign-in code
    And 11 minutes have passed
    When Sara enters the code from her email
    Then Sara is told the code has expired

  Scenario: An address without an S-login gets the same answer as one with
    Given Sara has an S-login
    And Olli is a customer without an S-login
    When Sara asks for a sign-in code
    And Olli asks for a sign-in code
    Then Olli sees the same page as Sara
    And Olli's email says there is no S-login for his address
