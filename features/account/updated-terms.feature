@stub_only @C03
Feature: Acknowledging updated terms of use and privacy notice
  The S Group has updated the terms of use of its digital services and the privacy
  notice of its customer register. A customer who accepted the earlier versions is shown
  the change at her next sign-in and acknowledges it before she continues; the
  acceptance is recorded with its version, so she is not asked again.

  Background:
    Given Sara has an S-login
    And the terms of use and the privacy notice have been updated

  Scenario: The next sign-in shows the updated terms first
    When Sara signs in with the code from her email
    Then Sara is asked to accept the updated terms before continuing

  Scenario: Accepting the terms continues the sign-in
    When Sara signs in with the code from her email
    And Sara accepts the updated terms
    Then Sara sees her own details on "Mina uppgifter"

  Scenario: Once accepted, the terms are not asked again
    Given Sara has accepted the updated terms
    When Sara signs in with the code from her email
    Then Sara sees her own details on "Mina uppgifter"

  Scenario: The sign-in does not continue without accepting
    When Sara signs in with the code from her email
    And Sara tries to continue without accepting the terms
    Then Sara is told that the terms must be accepted to continue
