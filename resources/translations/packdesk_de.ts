<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>DatabasePage</name>
    <message>
        <source>Database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <source>Where this station keeps orders, scans and labels.</source>
        <translation>Wo diese Station Aufträge, Scans und Etiketten speichert.</translation>
    </message>
    <message>
        <source>Built-in database on this computer (one station alone)</source>
        <translation>Eingebaute Datenbank auf diesem Computer (eine einzelne Station)</translation>
    </message>
    <message>
        <source>PostgreSQL database shared by the stations</source>
        <translation>PostgreSQL-Datenbank, die sich die Stationen teilen</translation>
    </message>
    <message>
        <source>TEST CONNECTION</source>
        <translation>VERBINDUNG TESTEN</translation>
    </message>
    <message>
        <source>CREATE OR UPGRADE THE TABLES</source>
        <translation>TABELLEN ANLEGEN ODER AKTUALISIEREN</translation>
    </message>
    <message>
        <source>Write the PostgreSQL URL first.</source>
        <translation>Geben Sie zuerst die PostgreSQL-URL ein.</translation>
    </message>
    <message>
        <source>Connecting...</source>
        <translation>Verbinde...</translation>
    </message>
    <message>
        <source>Creating the tables...</source>
        <translation>Lege die Tabellen an...</translation>
    </message>
    <message>
        <source>Connected: %1</source>
        <translation>Verbunden: %1</translation>
    </message>
    <message>
        <source>%1. Press CREATE OR UPGRADE THE TABLES.</source>
        <translation>%1. Drücken Sie TABELLEN ANLEGEN ODER AKTUALISIEREN.</translation>
    </message>
    <message>
        <source>The test failed: %1</source>
        <translation>Der Test ist fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>DevicesPage</name>
    <message>
        <source>Scanner and scale</source>
        <translation>Scanner und Waage</translation>
    </message>
    <message>
        <source>Choose a serial port, or type a device address (docs/devices.md). Leave the scanner empty for a keyboard scanner.</source>
        <translation>Wählen Sie eine serielle Schnittstelle oder geben Sie eine Geräteadresse ein (docs/devices.md). Lassen Sie den Scanner leer für einen Tastatur-Scanner.</translation>
    </message>
    <message>
        <source>LOOK FOR DEVICES</source>
        <translation>GERÄTE SUCHEN</translation>
    </message>
    <message>
        <source>SCAN TEST</source>
        <translation>SCANTEST</translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <source>WEIGH</source>
        <translation>WIEGEN</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>Waage</translation>
    </message>
    <message>
        <source>Scale protocol</source>
        <translation>Waagenprotokoll</translation>
    </message>
    <message numerus="yes">
        <source>%n serial port(s) found on this computer.</source>
        <translation>
            <numerusform>%n serielle Schnittstelle auf diesem Computer gefunden.</numerusform>
            <numerusform>%n serielle Schnittstellen auf diesem Computer gefunden.</numerusform>
        </translation>
    </message>
    <message>
        <source>No scanner chosen: a keyboard scanner types into the station.</source>
        <translation>Kein Scanner gewählt: Ein Tastatur-Scanner tippt in die Station.</translation>
    </message>
    <message>
        <source>The scanner at %1 cannot be opened: %2</source>
        <translation>Der Scanner an %1 lässt sich nicht öffnen: %2</translation>
    </message>
    <message>
        <source>STOP SCAN TEST</source>
        <translation>SCANTEST BEENDEN</translation>
    </message>
    <message>
        <source>Opening the scanner at %1...</source>
        <translation>Öffne den Scanner an %1...</translation>
    </message>
    <message numerus="yes">
        <source>Scan a barcode now (%n second(s)).</source>
        <translation>
            <numerusform>Scannen Sie jetzt einen Barcode (%n Sekunde).</numerusform>
            <numerusform>Scannen Sie jetzt einen Barcode (%n Sekunden).</numerusform>
        </translation>
    </message>
    <message>
        <source>The scanner at %1 is %2: %3</source>
        <translation>Der Scanner an %1 ist %2: %3</translation>
    </message>
    <message>
        <source>Read: %1</source>
        <translation>Gelesen: %1</translation>
    </message>
    <message>
        <source>No scale chosen.</source>
        <translation>Keine Waage gewählt.</translation>
    </message>
    <message>
        <source>Weighing at %1: keep the scale still...</source>
        <translation>Wiege an %1: Waage ruhig halten...</translation>
    </message>
    <message>
        <source>Stable weight: %1 at %2</source>
        <translation>Stabiles Gewicht: %1 an %2</translation>
    </message>
    <message>
        <source>No weight (%1): %2</source>
        <translation>Kein Gewicht (%1): %2</translation>
    </message>
</context>
<context>
    <name>DoctorDialog</name>
    <message>
        <source>keyboard scanner (no serial scanner configured)</source>
        <translation>Tastatur-Scanner (kein serieller Scanner eingerichtet)</translation>
    </message>
    <message>
        <source>not configured</source>
        <translation>nicht eingerichtet</translation>
    </message>
    <message>
        <source>%1: connected (live state of the running station)</source>
        <translation>%1: verbunden (aktueller Zustand der laufenden Station)</translation>
    </message>
    <message>
        <source>Check the cable and power; the DEVICES screen shows its live state and tests it.</source>
        <translation>Prüfen Sie Kabel und Stromversorgung; die Seite GERÄTE zeigt den aktuellen Zustand und testet das Gerät.</translation>
    </message>
    <message>
        <source>Doctor</source>
        <translation>Diagnose</translation>
    </message>
    <message>
        <source>CHECK AGAIN</source>
        <translation>ERNEUT PRÜFEN</translation>
    </message>
    <message>
        <source>SET-UP WIZARD</source>
        <translation>EINRICHTUNGS-ASSISTENT</translation>
    </message>
    <message>
        <source>CLOSE</source>
        <translation>SCHLIESSEN</translation>
    </message>
    <message>
        <source>Checking...</source>
        <translation>Prüfe...</translation>
    </message>
    <message>
        <source>Fix: %1</source>
        <translation>Abhilfe: %1</translation>
    </message>
    <message>
        <source>All is well.</source>
        <translation>Alles in Ordnung.</translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) found.</source>
        <translation>
            <numerusform>%n Problem gefunden.</numerusform>
            <numerusform>%n Probleme gefunden.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 saved. Restart the station to use it.</source>
        <translation>%1 gespeichert. Starten Sie die Station neu, um die Einstellungen zu verwenden.</translation>
    </message>
    <message>
        <source>DOCTOR</source>
        <translation>DIAGNOSE</translation>
    </message>
</context>
<context>
    <name>FinishPage</name>
    <message>
        <source>Save the configuration</source>
        <translation>Konfiguration speichern</translation>
    </message>
    <message>
        <source>Finish writes %1:</source>
        <translation>Fertigstellen schreibt %1:</translation>
    </message>
</context>
<context>
    <name>LoginScreen</name>
    <message>
        <source>Scan your badge to start</source>
        <translation>Scannen Sie Ihren Ausweis, um zu beginnen</translation>
    </message>
    <message>
        <source>Station %1</source>
        <translation>Station %1</translation>
    </message>
</context>
<context>
    <name>OfflineBanner</name>
    <message numerus="yes">
        <source>offline: %n event(s) waiting</source>
        <translation>
            <numerusform>offline: %n Vorgang wartet</numerusform>
            <numerusform>offline: %n Vorgänge warten</numerusform>
        </translation>
    </message>
    <message>
        <source>offline: packing on without the central database</source>
        <translation>offline: es wird ohne die zentrale Datenbank weitergepackt</translation>
    </message>
    <message numerus="yes">
        <source>back online: %n event(s) waiting, sending them to the database</source>
        <translation>
            <numerusform>wieder online: %n Vorgang wartet und wird an die Datenbank gesendet</numerusform>
            <numerusform>wieder online: %n Vorgänge warten und werden an die Datenbank gesendet</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PrintersPage</name>
    <message>
        <source>Printers</source>
        <translation>Drucker</translation>
    </message>
    <message>
        <source>A CUPS queue (cups://QUEUE) or a network printer (tcp://HOST:9100). An empty document printer prints slips on the label printer.</source>
        <translation>Eine CUPS-Warteschlange (cups://QUEUE) oder ein Netzwerkdrucker (tcp://HOST:9100). Ohne Dokumentdrucker druckt der Etikettendrucker die Lieferscheine.</translation>
    </message>
    <message>
        <source>Label printer</source>
        <translation>Etikettendrucker</translation>
    </message>
    <message>
        <source>Document printer</source>
        <translation>Dokumentdrucker</translation>
    </message>
    <message>
        <source>PRINT TEST</source>
        <translation>TESTDRUCK</translation>
    </message>
    <message numerus="yes">
        <source>%n printer queue(s) found in CUPS.</source>
        <translation>
            <numerusform>%n Drucker-Warteschlange in CUPS gefunden.</numerusform>
            <numerusform>%n Drucker-Warteschlangen in CUPS gefunden.</numerusform>
        </translation>
    </message>
    <message>
        <source>No printer chosen.</source>
        <translation>Kein Drucker gewählt.</translation>
    </message>
    <message>
        <source>Printing a test label at %1...</source>
        <translation>Drucke ein Testetikett an %1...</translation>
    </message>
    <message>
        <source>Test label printed at %1.</source>
        <translation>Testetikett an %1 gedruckt.</translation>
    </message>
    <message>
        <source>Test label NOT printed at %1: %2</source>
        <translation>Testetikett an %1 NICHT gedruckt: %2</translation>
    </message>
</context>
<context>
    <name>ReturnsScreen</name>
    <message>
        <source>Returns: scan the RMA on the parcel, then each item in it</source>
        <translation>Retouren: die RMA auf dem Paket scannen, dann jeden Artikel darin</translation>
    </message>
    <message>
        <source>Scan or type the RMA (RMA-000001), then each item's barcode or SKU</source>
        <translation>RMA scannen oder eingeben (RMA-000001), dann den Barcode oder die SKU jedes Artikels</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>SKU</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Erhalten</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Ergebnis</translation>
    </message>
    <message>
        <source>Bin</source>
        <translation>Lagerplatz</translation>
    </message>
    <message>
        <source>Photo of the goods (a path, optional)</source>
        <translation>Foto der Ware (ein Pfad, optional)</translation>
    </message>
    <message>
        <source>INSPECT</source>
        <translation>PRÜFEN</translation>
    </message>
    <message>
        <source>REFUND</source>
        <translation>ERSTATTEN</translation>
    </message>
    <message>
        <source> - exchange order %1</source>
        <translation> - Umtauschauftrag %1</translation>
    </message>
    <message>
        <source>%1 - order %2 - %3</source>
        <translation>%1 - Auftrag %2 - %3</translation>
    </message>
    <message>
        <source>%1 of %2 items received</source>
        <translation>%1 von %2 Artikeln erhalten</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>bin (restock, exchange)</source>
        <translation>Lagerplatz (Einlagern, Umtausch)</translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Packdesk set-up</source>
        <translation>Packdesk-Einrichtung</translation>
    </message>
</context>
<context>
    <name>StationPage</name>
    <message>
        <source>This station</source>
        <translation>Diese Station</translation>
    </message>
    <message>
        <source>Scans, labels and events name the station by its code.</source>
        <translation>Scans, Etiketten und Ereignisse nennen die Station mit ihrem Kürzel.</translation>
    </message>
    <message>
        <source>e.g. Bench 3, hall B</source>
        <translation>z. B. Packtisch 3, Halle B</translation>
    </message>
    <message>
        <source>Station code</source>
        <translation>Stationskürzel</translation>
    </message>
    <message>
        <source>Name (optional)</source>
        <translation>Name (optional)</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Between users the station shows its language; a user's own language comes with their badge.</source>
        <translation>Zwischen den Benutzern zeigt die Station ihre Sprache; die eigene Sprache eines Benutzers kommt mit seinem Ausweis.</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <source>Nobody is logged in: log in with an admin badge.</source>
        <translation>Niemand ist angemeldet: Melden Sie sich mit einem Admin-Ausweis an.</translation>
    </message>
</context>
<context>
    <name>AdminView</name>
    <message>
        <source>USERS</source>
        <translation>BENUTZER</translation>
    </message>
    <message>
        <source>ROLES</source>
        <translation>ROLLEN</translation>
    </message>
    <message>
        <source>STATIONS</source>
        <translation>STATIONEN</translation>
    </message>
    <message>
        <source>BOXES</source>
        <translation>KARTONS</translation>
    </message>
    <message>
        <source>CARRIERS</source>
        <translation>VERSANDDIENSTE</translation>
    </message>
    <message>
        <source>REASONS</source>
        <translation>GRÜNDE</translation>
    </message>
</context>
<context>
    <name>BoxesPage</name>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Inside (mm)</source>
        <translation>Innen (mm)</translation>
    </message>
    <message>
        <source>Outside (mm)</source>
        <translation>Außen (mm)</translation>
    </message>
    <message>
        <source>Tare (g)</source>
        <translation>Tara (g)</translation>
    </message>
    <message>
        <source>Max load (g)</source>
        <translation>Max. Last (g)</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>barcode (empty: BOX-code)</source>
        <translation>Barcode (leer: BOX-Code)</translation>
    </message>
    <message>
        <source>inner length</source>
        <translation>Innenlänge</translation>
    </message>
    <message>
        <source>inner width</source>
        <translation>Innenbreite</translation>
    </message>
    <message>
        <source>inner height</source>
        <translation>Innenhöhe</translation>
    </message>
    <message>
        <source>outer length</source>
        <translation>Außenlänge</translation>
    </message>
    <message>
        <source>outer width</source>
        <translation>Außenbreite</translation>
    </message>
    <message>
        <source>outer height</source>
        <translation>Außenhöhe</translation>
    </message>
    <message>
        <source>tare g</source>
        <translation>Tara g</translation>
    </message>
    <message>
        <source>max load g</source>
        <translation>max. Last g</translation>
    </message>
    <message>
        <source>cost</source>
        <translation>Kosten</translation>
    </message>
    <message>
        <source>Millimetres and grams; cost in the shop's currency.</source>
        <translation>Millimeter und Gramm; Kosten in der Währung des Shops.</translation>
    </message>
    <message>
        <source>ADD BOX</source>
        <translation>ANLEGEN</translation>
    </message>
    <message>
        <source>SAVE CHANGES</source>
        <translation>SPEICHERN</translation>
    </message>
    <message>
        <source>RETIRE</source>
        <translation>AUSSONDERN</translation>
    </message>
    <message>
        <source>NEW</source>
        <translation>NEU</translation>
    </message>
    <message>
        <source>in use</source>
        <translation>in Gebrauch</translation>
    </message>
    <message>
        <source>retired</source>
        <translation>ausgesondert</translation>
    </message>
    <message>
        <source>Box %1 added.</source>
        <translation>Karton %1 angelegt.</translation>
    </message>
    <message>
        <source>Box %1 saved.</source>
        <translation>Karton %1 gespeichert.</translation>
    </message>
    <message>
        <source>Box %1 retired: no longer offered at the pack.</source>
        <translation>Karton %1 ausgesondert: wird beim Packen nicht mehr angeboten.</translation>
    </message>
</context>
<context>
    <name>CarriersPage</name>
    <message>
        <source>carriers</source>
        <translation>Versanddienste</translation>
    </message>
    <message>
        <source>services</source>
        <translation>Services</translation>
    </message>
    <message>
        <source>zones</source>
        <translation>Zonen</translation>
    </message>
    <message>
        <source>rates</source>
        <translation>Tarife</translation>
    </message>
    <message>
        <source>carriers and services file</source>
        <translation>Datei mit Versanddiensten und Services</translation>
    </message>
    <message>
        <source>zones file</source>
        <translation>Zonendatei</translation>
    </message>
    <message>
        <source>rates file</source>
        <translation>Tarifdatei</translation>
    </message>
    <message>
        <source>path of the file (CSV, XLSX or JSON)</source>
        <translation>Pfad der Datei (CSV, XLSX oder JSON)</translation>
    </message>
    <message>
        <source>IMPORT</source>
        <translation>IMPORTIEREN</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>Versanddienst</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Dim. divisor</source>
        <translation>Volumendivisor</translation>
    </message>
    <message>
        <source>Booking</source>
        <translation>Buchung</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Level</source>
        <translation>Stufe</translation>
    </message>
    <message>
        <source>Days</source>
        <translation>Tage</translation>
    </message>
    <message>
        <source>Cut-off</source>
        <translation>Annahmeschluss</translation>
    </message>
    <message>
        <source>Zone</source>
        <translation>Zone</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Land</translation>
    </message>
    <message>
        <source>Postcodes</source>
        <translation>Postleitzahlen</translation>
    </message>
    <message>
        <source>Up to (g)</source>
        <translation>Bis (g)</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Preis</translation>
    </message>
    <message>
        <source>Type the path of the file to import.</source>
        <translation>Geben Sie den Pfad der zu importierenden Datei ein.</translation>
    </message>
    <message>
        <source>%1: %2 rows, %3 new, %4 changed.</source>
        <translation>%1: %2 Zeilen, %3 neu, %4 geändert.</translation>
    </message>
</context>
<context>
    <name>ReasonsPage</name>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Herkunft</translation>
    </message>
    <message>
        <source>Changed by</source>
        <translation>Geändert von</translation>
    </message>
    <message>
        <source>new code, e.g. wrong_address</source>
        <translation>neuer Code, z. B. wrong_address</translation>
    </message>
    <message>
        <source>ADD CODE</source>
        <translation>ANLEGEN</translation>
    </message>
    <message>
        <source>RETIRE</source>
        <translation>AUSSONDERN</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>retired</source>
        <translation>ausgesondert</translation>
    </message>
    <message>
        <source>configuration</source>
        <translation>Konfiguration</translation>
    </message>
    <message>
        <source>added</source>
        <translation>hinzugefügt</translation>
    </message>
    <message>
        <source>Reason code %1 added.</source>
        <translation>Grundcode %1 angelegt.</translation>
    </message>
    <message>
        <source>Reason code %1 retired.</source>
        <translation>Grundcode %1 ausgesondert.</translation>
    </message>
</context>
<context>
    <name>RolesPage</name>
    <message>
        <source>The roles are fixed; change a user's role on USERS.</source>
        <translation>Die Rollen sind fest; die Rolle eines Benutzers ändern Sie unter BENUTZER.</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <source>May do</source>
        <translation>Darf</translation>
    </message>
</context>
<context>
    <name>StationsPage</name>
    <message>
        <source>Station</source>
        <translation>Station</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Zuletzt gesehen</translation>
    </message>
    <message>
        <source>Devices (as last reported)</source>
        <translation>Geräte (zuletzt gemeldet)</translation>
    </message>
    <message>
        <source>This station (%1): its configured devices</source>
        <translation>Diese Station (%1): ihre eingerichteten Geräte</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Gerät</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Adresse</translation>
    </message>
    <message>
        <source>DEVICES OF THIS STATION</source>
        <translation>GERÄTE DIESER STATION</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <source>user name or badge: type it or scan the badge</source>
        <translation>Benutzername oder Ausweis: eintippen oder Ausweis scannen</translation>
    </message>
    <message>
        <source>FIND</source>
        <translation>SUCHEN</translation>
    </message>
    <message>
        <source>deactivated too</source>
        <translation>auch deaktivierte</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Badge</source>
        <translation>Ausweis</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>PIN</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>user name</source>
        <translation>Benutzername</translation>
    </message>
    <message>
        <source>name on the badge</source>
        <translation>Name auf dem Ausweis</translation>
    </message>
    <message>
        <source>badge code</source>
        <translation>Ausweiscode</translation>
    </message>
    <message>
        <source>new PIN (4-8 digits)</source>
        <translation>neue PIN (4-8 Ziffern)</translation>
    </message>
    <message>
        <source>station's language</source>
        <translation>Sprache der Station</translation>
    </message>
    <message>
        <source>ADD USER</source>
        <translation>ANLEGEN</translation>
    </message>
    <message>
        <source>SAVE CHANGES</source>
        <translation>SPEICHERN</translation>
    </message>
    <message>
        <source>DEACTIVATE</source>
        <translation>SPERREN</translation>
    </message>
    <message>
        <source>PRINT BADGE</source>
        <translation>AUSWEIS DRUCKEN</translation>
    </message>
    <message>
        <source>NEW</source>
        <translation>NEU</translation>
    </message>
    <message>
        <source>active</source>
        <translation>aktiv</translation>
    </message>
    <message>
        <source>deactivated</source>
        <translation>deaktiviert</translation>
    </message>
    <message>
        <source>Found %1.</source>
        <translation>Gefunden: %1.</translation>
    </message>
    <message>
        <source>ACTIVATE</source>
        <translation>ENTSPERREN</translation>
    </message>
    <message>
        <source>User %1 added.</source>
        <translation>Benutzer %1 angelegt.</translation>
    </message>
    <message>
        <source>User %1 saved.</source>
        <translation>Benutzer %1 gespeichert.</translation>
    </message>
    <message>
        <source>%1 may log in again.</source>
        <translation>%1 darf sich wieder anmelden.</translation>
    </message>
    <message>
        <source>%1 is deactivated; the history keeps the name.</source>
        <translation>%1 ist deaktiviert; der Verlauf behält den Namen.</translation>
    </message>
    <message>
        <source>This station has no printer for badges.</source>
        <translation>Diese Station hat keinen Drucker für Ausweise.</translation>
    </message>
    <message>
        <source>Badge printed: %1</source>
        <translation>Ausweis gedruckt: %1</translation>
    </message>
</context>
</TS>
