# language: fi
Ominaisuus: Kirjautuminen sähköpostiin tulleella koodilla, suomeksi
  Sara on omistaja-asiakas, joka käyttää palvelua suomeksi. Hän kirjautuu sisään
  sähköpostiosoitteellaan: jokaisella kirjautumiskerralla palvelu lähettää hänelle uuden
  koodin. Jos puhelimen selain ei tallenna evästeitä, kirjautuminen päättyy
  virhekoodiin AUTH-4376. S-Etukortin voi liittää jo S-kirjautumista luotaessa.

  Tausta:
    Oletetaan Sara käyttää palvelua suomeksi

  @C09
  Tapaus: Asiakas kirjautuu sisään sähköpostiin tulleella koodilla
    Oletetaan Sara on luonut S-kirjautumisen
    Kun Sara kirjautuu sisään sähköpostiin tulleella koodilla
    Niin Sara näkee omat tietonsa sivulla "Omat tiedot"
    Ja sivu on saavutettava

  @C18 @C19
  Tapaus: Saran Samsung-puhelin estää evästeet ja kirjautuminen päättyy virheeseen AUTH-4376
    Oletetaan Sara on luonut S-kirjautumisen
    Ja Sara käyttää Samsung-puhelinta, jonka selain estää evästeet
    Kun Sara kirjautuu sisään sähköpostiin tulleella koodilla
    Niin Sara näkee, että kirjautuminen epäonnistui virhekoodilla AUTH-4376
    Ja Saran selain hylkäsi kirjautumisevästeen

  @stub_only @C10 @C15
  Tapaus: Omistaja-asiakas liittää korttinsa luodessaan S-kirjautumisen
    Oletetaan Sara on omistaja-asiakas, jolla on S-Etukortti
    Kun Sara luo S-kirjautumisen ja lisää korttinsa henkilöasiakkaana
    Niin Sara tunnistetaan heti omistaja-asiakkaaksi
    Ja "Omat tiedot" näyttää Saran kortin kohdassa "Etukortti ja jäsenyys"
