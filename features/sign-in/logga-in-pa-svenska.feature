# language: sv
Egenskap: Logga in med en kod från e-posten, på svenska
  Sara, en ägarkund med S-inloggning, loggar in med sin e-postadress. Varje gång hon
  loggar in skickar inloggningstjänsten en ny fyrsiffrig kod till henne. Så som
  supporttexten beskriver det för svenskspråkiga kunder, också när telefonens
  webbläsare inte sparar kakor.

  @C09
  Scenario: En kund loggar in med koden från sin e-post
    Givet Sara har en S-inloggning
    När Sara loggar in med koden från sin e-post
    Så ser Sara sina egna uppgifter på "Mina uppgifter"
    Och sidan är tillgänglig

  @C18 @C19
  Scenario: Saras Samsung-telefon blockerar kakor och inloggningen misslyckas med AUTH-4376
    Givet Sara har en S-inloggning
    Och Sara använder en Samsung-telefon vars webbläsare blockerar kakor
    När Sara loggar in med koden från sin e-post
    Så ser Sara att inloggningen misslyckades med felkod AUTH-4376
