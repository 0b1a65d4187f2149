@stub_only @C12 @C16
Feature: Customers' data survives a crash of the services
  Accounts, linked cards and households are stored on disk. When the customer register
  and the sign-in service crash and are restarted, Sara is still signed in, her card is
  still linked and her household is unchanged.

  Scenario: The register and the sign-in service crash while Sara is signed in
    Given Sara is an owner-customer with an S-Förmånskort
    And Sara has linked her S-Förmånskort to her S-login
    And Mikko has an S-login
    And Sara has invited Mikko into her household
    And Mikko has joined the household through the link in his email
    When the customer register and the sign-in service crash and are restarted
    Then "Mina uppgifter" shows Sara's card under "Förmånskort och medlemskap"
    And Mikko is a member of Sara's household with a card of his own
