Feature: Sign-in works with a screen reader, a keyboard and a phone in the sun
  Sign-in is where customers are lost: a code field a screen reader does not announce, a
  failure page whose contrast a phone in sunlight cannot show. Since 28 June 2025 the
  European Accessibility Act applies to e-commerce services in the EU, and sign-in is
  part of the service. Every page a scenario reaches is checked against the WCAG 2.2 A
  and AA rules after every step anyway (README, "Accessibility"); these scenarios stop
  on the pages a customer must get through, and fail on what would keep her out.

  Scenario: The code form on Sara's phone is accessible
    Given Sara has an S-login
    And Sara uses a Samsung phone whose browser allows cookies
    When Sara asks for a sign-in code
    Then the page is accessible

  Scenario Outline: The failure page is accessible in the customer's language
    Given Sara has an S-login
    And Sara uses a Samsung phone whose browser blocks cookies
    And Sara uses the service in <language>
    When Sara signs in with the code from her email
    Then the page is accessible

    Examples:
      | language |
      | Swedish  |
      | Finnish  |
      | English  |
