@visual @stub_only
Feature: The key pages of sign-in look as approved, on each device and in each language
  Customers are lost where sign-in looks wrong: a button pushed off a phone's screen, a
  failure page that a layout change made unreadable. Each key page has an approved
  picture per device and language (features/__screenshots__); a release that changes how
  one looks fails here with the approved picture, the new one and their difference, until
  someone reviews the change and approves it (./qa approve). Her own data (addresses,
  dates, card and coupon numbers) is masked. The pages run on the Samsung phone, and on
  every device of the nightly matrix.

  @matrix
  Scenario Outline: The sign-in email form looks as approved in <language>
    Given Sara has an S-login
    And Sara uses the service in <language>
    When Sara opens the sign-in page
    Then Sara's screen looks as approved for "sign-in email form"

    Examples:
      | language |
      | Swedish  |
      | Finnish  |

  @matrix
  Scenario Outline: The code form looks as approved in <language>
    Given Sara has an S-login
    And Sara uses the service in <language>
    When Sara asks for a sign-in code
    Then Sara's screen looks as approved for "code form"

    Examples:
      | language |
      | Swedish  |
      | Finnish  |

  @matrix
  Scenario Outline: The AUTH-4376 page looks as approved in <language>
    Given Sara has an S-login
    And Sara uses the service in <language>
    And Sara's browser blocks cookies
    When Sara signs in with the code from her email
    Then Sara sees that sign-in failed with error code AUTH-4376
    And Sara's screen looks as approved for "AUTH-4376 page"

    Examples:
      | language |
      | Swedish  |
      | Finnish  |

  @matrix
  Scenario Outline: "Mina uppgifter" looks as approved in <language>
    Given Sara has an S-login
    And Sara uses the service in <language>
    When Sara signs in with the code from her email
    Then Sara sees her own details on "<heading>"
    And Sara's screen looks as approved for "Mina uppgifter"

    Examples:
      | language | heading        |
      | Swedish  | Mina uppgifter |
      | Finnish  | Omat tiedot    |

  @matrix
  Scenario Outline: The card linking form looks as approved in <language>
    Given Sara is an owner-customer with an S-Förmånskort
    And Sara uses the service in <language>
    And Sara is signed in on the S-Etukortti site
    When Sara starts adding her S-Förmånskort
    Then Sara's screen looks as approved for "card linking"

    Examples:
      | language |
      | Swedish  |
      | Finnish  |

  @device:samsung-s24-internet-29
  Scenario Outline: A coupon in the mobile view looks as approved in <language>
    Given Sara is an owner-customer with an S-Förmånskort
    And Sara uses the service in <language>
    And Sara has linked her S-Förmånskort to her S-login
    And Sara has been offered a coupon "Kaffe -30 %"
    When Sara uses the coupon "Kaffe -30 %" on her phone
    Then Sara sees the coupon's barcode to show at the checkout
    And Sara's screen looks as approved for "coupon in the mobile view"

    Examples:
      | language |
      | Swedish  |
      | Finnish  |
