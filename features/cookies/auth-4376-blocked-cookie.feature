@C18
Feature: Sign-in fails with AUTH-4376 when the browser refuses the sign-in cookie
  When a customer submits her email address, the sign-in service asks the browser to keep
  a short-lived sign-in cookie until the code is entered. A browser whose privacy settings
  refuse that cookie cannot finish signing in: after the code, the customer lands on
  "Inloggning misslyckades" with error code AUTH-4376. Customers meet this mostly on
  phones, above all in Samsung Internet. Another browser or device signs her in, and if
  the trouble goes on, owner-customer service helps.

  Background:
    Given Sara has an S-login

  @C19
  Scenario: Sara's Samsung phone blocks cookies and sign-in fails with AUTH-4376
    Given Sara uses a Samsung phone whose browser blocks cookies
    When Sara signs in with the code from her email
    Then Sara sees that sign-in failed with error code AUTH-4376
    And Sara's browser refused the sign-in cookie

  @C19
  Scenario: Blocking only the sign-in site's cookies is enough to fail
    Given Sara uses a Samsung phone whose browser blocks cookies from the sign-in site
    When Sara signs in with the code from her email
    Then Sara sees that sign-in failed with error code AUTH-4376
    And Sara's browser refused the sign-in cookie

  Scenario: The same phone signs in when its browser allows cookies
    Given Sara uses a Samsung phone whose browser allows cookies
    When Sara signs in with the code from her email
    Then Sara sees her own details on "Mina uppgifter"

  @C20
  Scenario: After the failure on her phone, Sara signs in on her computer
    Given Sara uses a Samsung phone whose browser blocks cookies
    And sign-in has failed on Sara's phone with AUTH-4376
    When Sara signs in on her computer with the code from her email
    Then Sara sees her own details on "Mina uppgifter"

  @C21
  Scenario: The failure page directs the customer to owner-customer service
    Given Sara uses a Samsung phone whose browser blocks cookies
    When Sara signs in with the code from her email
    Then the failure page directs Sara to owner-customer service on "010 76 5859", "mån–fre 9–16"

  Scenario Outline: The failure page speaks the customer's language
    Given Sara uses a Samsung phone whose browser blocks cookies
    And Sara uses the service in <language>
    When Sara signs in with the code from her email
    Then Sara sees "<heading>" and "<error code>"

    Examples:
      | language | heading                   | error code            |
      | Swedish  | Inloggning misslyckades   | felkod: AUTH-4376     |
      | Finnish  | Kirjautuminen epäonnistui | virhekoodi: AUTH-4376 |
      | English  | Sign-in failed            | error code: AUTH-4376 |
