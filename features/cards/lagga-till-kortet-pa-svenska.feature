# language: sv
@stub_only @C10 @C15
Egenskap: Lägga till S-Förmånskortet när S-inloggningen skapas, på svenska
  Sara är ägarkund och handlar på nätet för första gången. När hon skapar sin
  S-inloggning lägger hon genast till sitt S-Förmånskort: hon säger att hon är
  privatkund, identifierar sig hos sin bank, och från och med då känner butikerna igen
  henne som ägarkund. Går bankidentifieringen inte igenom hänvisas hon till
  ägarkundservice, och inget kort blir halvvägs kopplat.

  Scenario: En ägarkund lägger till sitt kort när hon skapar S-inloggningen
    Givet Sara är ägarkund med ett S-Förmånskort
    När Sara skapar en S-inloggning och lägger till sitt kort som privatkund
    Så identifieras Sara genast som ägarkund
    Och "Mina uppgifter" visar Saras kort under "Förmånskort och medlemskap"

  @C17
  Scenario: Bankidentifieringen avbryts och Sara hänvisas till ägarkundservice
    Givet Sara är ägarkund med ett S-Förmånskort
    Och Sara är inloggad på S-Etukortti
    Och Saras bankidentifiering avbryts
    När Sara försöker lägga till sitt S-Förmånskort under "Förmånskort och medlemskap"
    Så hänvisas Sara till ägarkundservice
    Och inget kort är kopplat till Saras S-inloggning
