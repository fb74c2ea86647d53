<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
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
    <name>BoardView</name>
    <message>
        <source>now</source>
        <translation>jetzt</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 Min.</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 Std.</translation>
    </message>
    <message>
        <source>The floor</source>
        <translation>Die Halle</translation>
    </message>
    <message>
        <source>CLOSE</source>
        <translation>SCHLIESSEN</translation>
    </message>
    <message>
        <source>FULL SCREEN</source>
        <translation>VOLLBILD</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>Station</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Wer</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Seit</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Zuletzt gesehen</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Geräte</translation>
    </message>
    <message>
        <source>not updated: %1</source>
        <translation>nicht aktualisiert: %1</translation>
    </message>
    <message>
        <source>as of %1</source>
        <translation>Stand %1</translation>
    </message>
    <message>
        <source>not reported</source>
        <translation>nicht gemeldet</translation>
    </message>
    <message>
        <source>(gone)</source>
        <translation>(weg)</translation>
    </message>
    <message>
        <source>(lease expired)</source>
        <translation>(Reservierung abgelaufen)</translation>
    </message>
    <message>
        <source>due %1</source>
        <translation>fällig %1</translation>
    </message>
    <message>
        <source>(late)</source>
        <translation>(verspätet)</translation>
    </message>
    <message>
        <source>At risk of missing the SLA:</source>
        <translation>Gefährdete Versandtermine:</translation>
    </message>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>(%1 in the last 24 h)</source>
        <translation>(%1 in den letzten 24 Std.)</translation>
    </message>
    <message>
        <source>Open exceptions:</source>
        <translation>Offene Ausnahmen:</translation>
    </message>
</context>
<context>
    <name>BoardWindow</name>
    <message>
        <source>Packdesk - the floor</source>
        <translation>Packdesk – die Halle</translation>
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
        <source>Millimetres and grams; cost in the shop&apos;s currency.</source>
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
    <name>ConfirmScreen</name>
    <message>
        <source>Label printed</source>
        <translation>Etikett gedruckt</translation>
    </message>
    <message>
        <source>REPRINT</source>
        <translation>NEUDRUCK</translation>
    </message>
    <message>
        <source>Stick the label on the parcel and scan its barcode</source>
        <translation>Etikett auf das Paket kleben und seinen Barcode scannen</translation>
    </message>
    <message>
        <source>Stick the label on parcel %1 and scan its barcode</source>
        <translation>Etikett auf Paket %1 kleben und seinen Barcode scannen</translation>
    </message>
    <message>
        <source>Label printed for parcel %1</source>
        <translation>Etikett für Paket %1 gedruckt</translation>
    </message>
    <message numerus="yes">
        <source>Waiting for the label(s) of parcel(s) %1 of order %2</source>
        <translation>
            <numerusform>Warten auf das Etikett von Paket %1 des Auftrags %2</numerusform>
            <numerusform>Warten auf die Etiketten der Pakete %1 des Auftrags %2</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 printed for parcel %2</source>
        <translation>%1 für Paket %2 gedruckt</translation>
    </message>
</context>
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
        <translation>Verbindung wird hergestellt...</translation>
    </message>
    <message>
        <source>Creating the tables...</source>
        <translation>Tabellen werden angelegt...</translation>
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
    <name>DemoPanel</name>
    <message>
        <source>DEMO: type a barcode + Enter, or click one</source>
        <translation>DEMO: Barcode eintippen + Enter, oder einen anklicken</translation>
    </message>
    <message>
        <source>barcode + Enter</source>
        <translation>Barcode + Enter</translation>
    </message>
    <message>
        <source>badge %1</source>
        <translation>Ausweis %1</translation>
    </message>
    <message>
        <source>reason: %1</source>
        <translation>Grund: %1</translation>
    </message>
    <message>
        <source>CANCEL</source>
        <translation>CANCEL</translation>
    </message>
    <message>
        <source>pick list %1</source>
        <translation>Pickliste %1</translation>
    </message>
    <message>
        <source>NEXT</source>
        <translation>NEXT</translation>
    </message>
    <message>
        <source>LOG OUT</source>
        <translation>LOG OUT</translation>
    </message>
    <message>
        <source>box %1 (suggested)</source>
        <translation>Karton %1 (vorgeschlagen)</translation>
    </message>
    <message>
        <source>label of parcel %1</source>
        <translation>Etikett von Paket %1</translation>
    </message>
    <message>
        <source>supervisor %1</source>
        <translation>Schichtleiter %1</translation>
    </message>
    <message>
        <source>(done)</source>
        <translation>(erledigt)</translation>
    </message>
    <message>
        <source>location %1</source>
        <translation>Lagerplatz %1</translation>
    </message>
</context>
<context>
    <name>DeviceSettingsScreen</name>
    <message>
        <source>no symbology identifier</source>
        <translation>keine Symbologie-Kennung</translation>
    </message>
    <message>
        <source>Stable weight: %1 at %2</source>
        <translation>Stabiles Gewicht: %1 an %2</translation>
    </message>
    <message>
        <source>No weight (%1): %2</source>
        <translation>Kein Gewicht (%1): %2</translation>
    </message>
    <message>
        <source>Test label (%1) printed at %2</source>
        <translation>Testetikett (%1) an %2 gedruckt</translation>
    </message>
    <message>
        <source>Test label NOT printed at %1: %2</source>
        <translation>Testetikett an %1 NICHT gedruckt: %2</translation>
    </message>
    <message>
        <source>Printer status before: %1</source>
        <translation>Druckerstatus vorher: %1</translation>
    </message>
    <message>
        <source>Serial port %1</source>
        <translation>Serielle Schnittstelle %1</translation>
    </message>
    <message>
        <source>CUPS queue %1</source>
        <translation>CUPS-Warteschlange %1</translation>
    </message>
    <message>
        <source>No serial ports and no CUPS queues found on this computer.</source>
        <translation>Keine seriellen Schnittstellen und keine CUPS-Warteschlangen auf diesem Computer gefunden.</translation>
    </message>
    <message>
        <source>Devices - supervisor %1</source>
        <translation>Geräte – Schichtleiter %1</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Geräte</translation>
    </message>
    <message>
        <source>A supervisor scans their badge or types the PIN</source>
        <translation>Ein Schichtleiter scannt seinen Ausweis oder tippt die PIN</translation>
    </message>
    <message>
        <source>supervisor PIN, then Enter</source>
        <translation>PIN des Schichtleiters, dann Enter</translation>
    </message>
    <message>
        <source>not configured</source>
        <translation>nicht eingerichtet</translation>
    </message>
    <message>
        <source>STOP SCAN TEST</source>
        <translation>SCANTEST BEENDEN</translation>
    </message>
    <message>
        <source>SCAN TEST</source>
        <translation>SCANTEST</translation>
    </message>
    <message>
        <source>WEIGH</source>
        <translation>WIEGEN</translation>
    </message>
    <message>
        <source>PRINT TEST</source>
        <translation>TESTDRUCK</translation>
    </message>
    <message>
        <source>LIST SERIAL PORTS AND PRINTER QUEUES</source>
        <translation>SCHNITTSTELLEN UND DRUCKER-WARTESCHLANGEN AUFLISTEN</translation>
    </message>
    <message>
        <source>BACK</source>
        <translation>ZURÜCK</translation>
    </message>
    <message>
        <source>Checking...</source>
        <translation>Wird geprüft...</translation>
    </message>
    <message>
        <source>Choose a test. Results appear below.</source>
        <translation>Wählen Sie einen Test. Die Ergebnisse erscheinen unten.</translation>
    </message>
    <message>
        <source>Scans are ignored here: press SCAN TEST to see what the scanner reads.</source>
        <translation>Scans werden hier nicht verarbeitet: Drücken Sie SCANTEST, um zu sehen, was der Scanner liest.</translation>
    </message>
    <message numerus="yes">
        <source>Scan test: scan barcodes now (%n second(s)).</source>
        <translation>
            <numerusform>Scantest: Barcodes jetzt scannen (%n Sekunde).</numerusform>
            <numerusform>Scantest: Barcodes jetzt scannen (%n Sekunden).</numerusform>
        </translation>
    </message>
    <message>
        <source>Scan test ended.</source>
        <translation>Scantest beendet.</translation>
    </message>
    <message>
        <source>Weighing at %1: keep the scale still...</source>
        <translation>Wiegen an %1: Waage ruhig halten...</translation>
    </message>
    <message>
        <source>Printing a test label at %1...</source>
        <translation>Testetikett wird an %1 gedruckt...</translation>
    </message>
    <message>
        <source>Looking for serial ports and printer queues...</source>
        <translation>Suche serielle Schnittstellen und Drucker-Warteschlangen...</translation>
    </message>
    <message>
        <source>scan test</source>
        <translation>Scantest</translation>
    </message>
    <message>
        <source>weigh test</source>
        <translation>Wiegetest</translation>
    </message>
    <message>
        <source>print test</source>
        <translation>Testdruck</translation>
    </message>
    <message>
        <source>ports and queues</source>
        <translation>Schnittstellen und Warteschlangen</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>fehlgeschlagen: %1</translation>
    </message>
</context>
<context>
    <name>DeviceStrip</name>
    <message>
        <source>at %1</source>
        <translation>an %1</translation>
    </message>
</context>
<context>
    <name>DeviceWords</name>
    <message>
        <source>scanner</source>
        <translation>Scanner</translation>
    </message>
    <message>
        <source>scale</source>
        <translation>Waage</translation>
    </message>
    <message>
        <source>label printer</source>
        <translation>Etikettendrucker</translation>
    </message>
    <message>
        <source>document printer</source>
        <translation>Dokumentdrucker</translation>
    </message>
    <message>
        <source>database</source>
        <translation>Datenbank</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>verbunden</translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation>getrennt</translation>
    </message>
    <message>
        <source>error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>not configured</source>
        <translation>nicht eingerichtet</translation>
    </message>
    <message>
        <source>checking</source>
        <translation>wird geprüft</translation>
    </message>
    <message>
        <source>MISSING</source>
        <translation>FEHLT</translation>
    </message>
    <message>
        <source>ok</source>
        <translation>ok</translation>
    </message>
    <message>
        <source>ERROR</source>
        <translation>FEHLER</translation>
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
        <translation>Scanner an %1 wird geöffnet...</translation>
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
        <translation>Wiegen an %1: Waage ruhig halten...</translation>
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
    <name>DispatchScreen</name>
    <message>
        <source>Dock: hand parcels to the carrier</source>
        <translation>Warenausgang: Pakete an den Versanddienstleister übergeben</translation>
    </message>
    <message>
        <source>Scan the SSCC or tracking number on the parcel&apos;s label</source>
        <translation>SSCC oder Sendungsnummer auf dem Paketetikett scannen</translation>
    </message>
    <message>
        <source>every carrier</source>
        <translation>alle Versanddienstleister</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Tracking number</source>
        <translation>Sendungsnummer</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <source>Parcel</source>
        <translation>Paket</translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation>Versanddienstleister</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Destination</source>
        <translation>Ziel</translation>
    </message>
    <message>
        <source>Labelled</source>
        <translation>Etikettiert</translation>
    </message>
    <message>
        <source>Handed over today</source>
        <translation>Heute übergeben</translation>
    </message>
    <message>
        <source>Not handed over</source>
        <translation>Nicht übergeben</translation>
    </message>
    <message>
        <source>The payment of order %1 was not captured (%2). The order is shipped; its payment stays queued and is tried again later. Carry on scanning: the supervisors see it.</source>
        <translation>Die Zahlung zu Auftrag %1 wurde nicht eingezogen (%2). Der Auftrag ist versandt; die Zahlung bleibt vorgemerkt und wird später erneut versucht. Weiter scannen: die Vorgesetzten sehen es.</translation>
    </message>
    <message numerus="yes">
        <source>Handed over %1: %n parcel(s), %2</source>
        <translation>
            <numerusform>Übergeben am %1: %n Paket, %2</numerusform>
            <numerusform>Übergeben am %1: %n Pakete, %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>NOT HANDED OVER: %n labelled parcel(s)</source>
        <translation>
            <numerusform>NICHT ÜBERGEBEN: %n etikettiertes Paket</numerusform>
            <numerusform>NICHT ÜBERGEBEN: %n etikettierte Pakete</numerusform>
        </translation>
    </message>
    <message>
        <source>Every labelled parcel is handed over.</source>
        <translation>Jedes etikettierte Paket ist übergeben.</translation>
    </message>
    <message>
        <source>The database did not answer (%1); scan the parcel again.</source>
        <translation>Die Datenbank hat nicht geantwortet (%1); scannen Sie das Paket erneut.</translation>
    </message>
</context>
<context>
    <name>Dock</name>
    <message>
        <source>Packdesk dock</source>
        <translation>Packdesk Warenausgang</translation>
    </message>
    <message>
        <source>Packdesk returns</source>
        <translation>Packdesk Retouren</translation>
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
        <translation>Wird geprüft...</translation>
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
</context>
<context>
    <name>FiguresView</name>
    <message>
        <source>Orders per hour</source>
        <translation>Aufträge pro Stunde</translation>
    </message>
    <message>
        <source>Units per hour</source>
        <translation>Stück pro Stunde</translation>
    </message>
    <message>
        <source>Mis-scans per 100 scans</source>
        <translation>Fehlscans pro 100 Scans</translation>
    </message>
    <message>
        <source>Exceptions per 100 orders</source>
        <translation>Ausnahmen pro 100 Aufträge</translation>
    </message>
    <message>
        <source>Pace (complexity-adjusted; 1.00 = the floor)</source>
        <translation>Tempo (nach Aufwand bereinigt; 1,00 = die Halle)</translation>
    </message>
    <message>
        <source>Orders per hour of the day (UTC)</source>
        <translation>Aufträge je Tagesstunde (UTC)</translation>
    </message>
    <message>
        <source>per packer</source>
        <translation>je Packer</translation>
    </message>
    <message>
        <source>per station</source>
        <translation>je Station</translation>
    </message>
    <message>
        <source>SHOW</source>
        <translation>ANZEIGEN</translation>
    </message>
    <message>
        <source>Day (UTC)</source>
        <translation>Tag (UTC)</translation>
    </message>
    <message>
        <source>loading ...</source>
        <translation>wird geladen ...</translation>
    </message>
    <message>
        <source>The figures could not be loaded: %1</source>
        <translation>Die Kennzahlen ließen sich nicht laden: %1</translation>
    </message>
    <message>
        <source>%1: %2, %3, %4 orders/h, mis-scans %5 per 100 scans, %6 exceptions per 100 orders (%8 raised that day), SLA met %7</source>
        <translation>%1: %2, %3, %4 Aufträge/Std., Fehlscans %5 pro 100 Scans, %6 Ausnahmen pro 100 Aufträge (%8 an diesem Tag gemeldet), Versandtermin eingehalten %7</translation>
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
    <name>FloorWords</name>
    <message>
        <source>on hold</source>
        <translation>zurückgehalten</translation>
    </message>
    <message>
        <source>RELEASE</source>
        <translation>FREIGEBEN</translation>
    </message>
    <message>
        <source>RE-QUEUE</source>
        <translation>NEU EINREIHEN</translation>
    </message>
    <message>
        <source>CANCEL ORDER</source>
        <translation>AUFTRAG STORNIEREN</translation>
    </message>
    <message>
        <source>RELEASE LEASE</source>
        <translation>RESERVIERUNG LÖSEN</translation>
    </message>
    <message>
        <source>ACCEPT WEIGHT</source>
        <translation>GEWICHT AKZEPTIEREN</translation>
    </message>
    <message>
        <source>VOID LABEL</source>
        <translation>ETIKETT UNGÜLTIG</translation>
    </message>
    <message>
        <source>RESOLVED</source>
        <translation>ERLEDIGT</translation>
    </message>
    <message>
        <source>captured</source>
        <translation>erfasst</translation>
    </message>
    <message>
        <source>new</source>
        <translation>neu</translation>
    </message>
    <message>
        <source>validated</source>
        <translation>geprüft</translation>
    </message>
    <message>
        <source>allocated</source>
        <translation>reserviert</translation>
    </message>
    <message>
        <source>backordered</source>
        <translation>im Rückstand</translation>
    </message>
    <message>
        <source>picking</source>
        <translation>in Kommissionierung</translation>
    </message>
    <message>
        <source>picked</source>
        <translation>kommissioniert</translation>
    </message>
    <message>
        <source>packing</source>
        <translation>wird gepackt</translation>
    </message>
    <message>
        <source>packed</source>
        <translation>gepackt</translation>
    </message>
    <message>
        <source>shipped</source>
        <translation>versandt</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>zugestellt</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>abgeschlossen</translation>
    </message>
    <message>
        <source>returned</source>
        <translation>retourniert</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>storniert</translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <source>Scan an order, a tote or a pick list - or scan NEXT</source>
        <translation>Auftrag, Behälter, Pickliste oder NEXT scannen</translation>
    </message>
    <message>
        <source>NEXT ORDER</source>
        <translation>NÄCHSTER AUFTRAG</translation>
    </message>
    <message>
        <source>LOG OUT</source>
        <translation>ABMELDEN</translation>
    </message>
    <message>
        <source>DEVICES</source>
        <translation>GERÄTE</translation>
    </message>
    <message>
        <source>DOCTOR</source>
        <translation>DIAGNOSE</translation>
    </message>
    <message>
        <source>CLOSE STATION</source>
        <translation>STATION BEENDEN</translation>
    </message>
    <message>
        <source>%1 at station %2</source>
        <translation>%1 an Station %2</translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) waiting</source>
        <translation>
            <numerusform>%n Auftrag wartet</numerusform>
            <numerusform>%n Aufträge warten</numerusform>
        </translation>
    </message>
    <message>
        <source>Today: %1 packed, %2, %3, %4</source>
        <translation>Heute: %1 gepackt, %2, %3, %4</translation>
    </message>
    <message>
        <source>, accuracy %1 %</source>
        <translation>, Genauigkeit %1 %</translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <source>CLEAR</source>
        <translation>LÖSCHEN</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>OK</translation>
    </message>
</context>
<context>
    <name>LockOverlay</name>
    <message>
        <source>STOP</source>
        <translation>STOPP</translation>
    </message>
    <message>
        <source>Scan ACK, press Space, or touch ACKNOWLEDGE</source>
        <translation>ACK scannen, Leertaste drücken oder BESTÄTIGEN tippen</translation>
    </message>
    <message>
        <source>ACKNOWLEDGE</source>
        <translation>BESTÄTIGEN</translation>
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
    <name>PackScreen</name>
    <message>
        <source>Item</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Artikelnr.</translation>
    </message>
    <message>
        <source>To pack</source>
        <translation>Soll</translation>
    </message>
    <message>
        <source>Scanned</source>
        <translation>Ist</translation>
    </message>
    <message>
        <source>UNDO</source>
        <translation>RÜCKGÄNGIG</translation>
    </message>
    <message>
        <source>CLOSE BOX</source>
        <translation>KARTON ZU</translation>
    </message>
    <message>
        <source>PROBLEM</source>
        <translation>PROBLEM</translation>
    </message>
    <message>
        <source>REPRINT</source>
        <translation>NEUDRUCK</translation>
    </message>
    <message>
        <source>PARTIAL</source>
        <translation>TEILVERSAND</translation>
    </message>
    <message>
        <source>LOG OUT</source>
        <translation>ABMELDEN</translation>
    </message>
    <message>
        <source>GIFT WRAP this order</source>
        <translation>Diesen Auftrag ALS GESCHENK VERPACKEN</translation>
    </message>
    <message>
        <source>SPECIAL PACKAGING: %1</source>
        <translation>SONDERVERPACKUNG: %1</translation>
    </message>
    <message>
        <source>PERSONAL MESSAGE to include: “%1”</source>
        <translation>PERSÖNLICHE NACHRICHT beilegen: „%1“</translation>
    </message>
    <message>
        <source>NOTE: %1</source>
        <translation>HINWEIS: %1</translation>
    </message>
    <message>
        <source>BOX CHOSEN</source>
        <translation>GEWÄHLT</translation>
    </message>
    <message>
        <source>SUGGESTED BOX</source>
        <translation>VORSCHLAG</translation>
    </message>
    <message>
        <source>PARCEL</source>
        <translation>PAKET</translation>
    </message>
    <message>
        <source>how many?</source>
        <translation>wie viele?</translation>
    </message>
    <message>
        <source>CANCEL</source>
        <translation>ABBRECHEN</translation>
    </message>
    <message>
        <source>No box suggestion yet</source>
        <translation>Noch kein Kartonvorschlag</translation>
    </message>
    <message>
        <source>Units %1 of %2</source>
        <translation>Stück %1 von %2</translation>
    </message>
    <message>
        <source>Scan the SERIAL NUMBER of %1 - or CANCEL to leave this unit out</source>
        <translation>SERIENNUMMER von %1 scannen – oder ABBRECHEN, um dieses Stück wegzulassen</translation>
    </message>
    <message>
        <source>HOW MANY %1? Type 1 to %2 and press Enter - or CANCEL</source>
        <translation>WIE VIELE %1? 1 bis %2 eintippen und Enter drücken – oder ABBRECHEN</translation>
    </message>
    <message>
        <source>Order %1</source>
        <translation>Auftrag %1</translation>
    </message>
    <message>
        <source>%1 x %2 x %3 mm, up to %4</source>
        <translation>%1 x %2 x %3 mm, bis %4</translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation>%1 in %2</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>%1 on backorder: they ship later</source>
        <translation>%1 im Rückstand: werden später versandt</translation>
    </message>
</context>
<context>
    <name>PickingScreen</name>
    <message>
        <source>#</source>
        <translation>Nr.</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Lagerplatz</translation>
    </message>
    <message>
        <source>SKU</source>
        <translation>Artikelnr.</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Artikel</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>Menge</translation>
    </message>
    <message>
        <source>Picked</source>
        <translation>Entnommen</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <source>Tote</source>
        <translation>Behälter</translation>
    </message>
    <message>
        <source>SHORT (fewer here)</source>
        <translation>FEHLMENGE (weniger hier)</translation>
    </message>
    <message>
        <source>LOG OUT</source>
        <translation>ABMELDEN</translation>
    </message>
    <message>
        <source>Pick list %1</source>
        <translation>Pickliste %1</translation>
    </message>
    <message>
        <source>Pick list %1 done</source>
        <translation>Pickliste %1 erledigt</translation>
    </message>
    <message>
        <source>Picking</source>
        <translation>Kommissionierung</translation>
    </message>
    <message>
        <source>%1/%2 stops, %3/%4 units</source>
        <translation>%1/%2 Stopps, %3/%4 Stück</translation>
    </message>
    <message>
        <source>→ tote %1</source>
        <translation>→ Behälter %1</translation>
    </message>
    <message>
        <source>(order %1)</source>
        <translation>(Auftrag %1)</translation>
    </message>
</context>
<context>
    <name>PlacementView</name>
    <message>
        <source>%1: own container</source>
        <translation>%1: eigene Verpackung</translation>
    </message>
    <message>
        <source>No box suggestion yet</source>
        <translation>Noch kein Kartonvorschlag</translation>
    </message>
    <message>
        <source>(+%1 more)</source>
        <translation>(+%1 weitere)</translation>
    </message>
    <message>
        <source>Parcel %1 of %2: %3</source>
        <translation>Paket %1 von %2: %3</translation>
    </message>
</context>
<context>
    <name>Plurals</name>
    <message numerus="yes">
        <source>%n order(s)</source>
        <translation>
            <numerusform>%n Auftrag</numerusform>
            <numerusform>%n Aufträge</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unit(s)</source>
        <translation>
            <numerusform>%n Stück</numerusform>
            <numerusform>%n Stück</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n scan(s)</source>
        <translation>
            <numerusform>%n Scan</numerusform>
            <numerusform>%n Scans</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mis-scan(s)</source>
        <translation>
            <numerusform>%n Fehlscan</numerusform>
            <numerusform>%n Fehlscans</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n box(es)</source>
        <translation>
            <numerusform>%n Karton</numerusform>
            <numerusform>%n Kartons</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n parcel(s)</source>
        <translation>
            <numerusform>%n Paket</numerusform>
            <numerusform>%n Pakete</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n label(s)</source>
        <translation>
            <numerusform>%n Etikett</numerusform>
            <numerusform>%n Etiketten</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n person(s)</source>
        <translation>
            <numerusform>%n Person</numerusform>
            <numerusform>%n Personen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PrintScreen</name>
    <message>
        <source>In this parcel:</source>
        <translation>In diesem Paket:</translation>
    </message>
    <message>
        <source>%1 (parcel %2)</source>
        <translation>%1 (Paket %2)</translation>
    </message>
    <message>
        <source>Parcel %1 of %2: label and packing slip</source>
        <translation>Paket %1 von %2: Etikett und Lieferschein</translation>
    </message>
    <message>
        <source>Parcel %1: label and packing slip</source>
        <translation>Paket %1: Etikett und Lieferschein</translation>
    </message>
    <message>
        <source>Printing</source>
        <translation>Drucken</translation>
    </message>
    <message>
        <source>RETRY</source>
        <translation>ERNEUT VERSUCHEN</translation>
    </message>
    <message>
        <source>PRINT ON THE DOCUMENT PRINTER</source>
        <translation>AUF DEM DOKUMENTDRUCKER DRUCKEN</translation>
    </message>
    <message>
        <source>PROBLEM</source>
        <translation>PROBLEM</translation>
    </message>
    <message>
        <source>RETRYING...</source>
        <translation>NEUER VERSUCH...</translation>
    </message>
    <message>
        <source>Sending the label to the printer again...</source>
        <translation>Etikett wird erneut an den Drucker gesendet...</translation>
    </message>
    <message>
        <source>Sending the label to the document printer...</source>
        <translation>Etikett wird an den Dokumentdrucker gesendet...</translation>
    </message>
    <message>
        <source>For the administrator: %1</source>
        <translation>Für den Administrator: %1</translation>
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
        <translation>Testetikett wird an %1 gedruckt...</translation>
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
    <name>ReasonPrompt</name>
    <message>
        <source>Touch a reason, press its number, or scan it on the command sheet</source>
        <translation>Grund antippen, seine Nummer drücken oder ihn auf dem Befehlsblatt scannen</translation>
    </message>
    <message>
        <source>CANCEL  (Esc)</source>
        <translation>ABBRECHEN  (Esc)</translation>
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
    <name>ReturnsScreen</name>
    <message>
        <source>Returns: scan the RMA on the parcel, then each item in it</source>
        <translation>Retouren: die RMA auf dem Paket scannen, dann jeden Artikel darin</translation>
    </message>
    <message>
        <source>Scan or type the RMA (RMA-000001), then each item&apos;s barcode or SKU</source>
        <translation>RMA scannen oder eingeben (RMA-000001), dann den Barcode oder die SKU jedes Artikels</translation>
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
        <source>Item</source>
        <translation>Artikel</translation>
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
        <source>exchange</source>
        <translation>umtauschen</translation>
    </message>
    <message>
        <source> - exchange order %1</source>
        <translation> - Umtauschauftrag %1</translation>
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
    <message>
        <source>restock</source>
        <translation>wieder einlagern</translation>
    </message>
    <message>
        <source>write off</source>
        <translation>abschreiben</translation>
    </message>
    <message>
        <source>damaged</source>
        <translation>beschädigt</translation>
    </message>
    <message>
        <source>%1 - order %2 - %3 - &quot;%4&quot;</source>
        <translation>%1 – Auftrag %2 – %3 – „%4“</translation>
    </message>
    <message>
        <source>open</source>
        <translation>offen</translation>
    </message>
    <message>
        <source>received</source>
        <translation>eingegangen</translation>
    </message>
    <message>
        <source>inspected</source>
        <translation>geprüft</translation>
    </message>
    <message>
        <source>refunded</source>
        <translation>erstattet</translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <source>EXCEPTIONS</source>
        <translation>AUSNAHMEN</translation>
    </message>
    <message>
        <source>BOARD</source>
        <translation>ÜBERSICHT</translation>
    </message>
    <message>
        <source>FIGURES</source>
        <translation>KENNZAHLEN</translation>
    </message>
    <message>
        <source>ADMIN</source>
        <translation>VERWALTUNG</translation>
    </message>
    <message>
        <source>Exceptions to review. Scan an order to pack it here.</source>
        <translation>Zu prüfende Ausnahmen. Auftrag scannen, um ihn hier zu packen.</translation>
    </message>
    <message>
        <source>every kind</source>
        <translation>alle Arten</translation>
    </message>
    <message>
        <source>station</source>
        <translation>Station</translation>
    </message>
    <message>
        <source>packer</source>
        <translation>Packer</translation>
    </message>
    <message>
        <source>any age</source>
        <translation>jedes Alter</translation>
    </message>
    <message>
        <source>last hour</source>
        <translation>letzte Stunde</translation>
    </message>
    <message>
        <source>today</source>
        <translation>heute</translation>
    </message>
    <message>
        <source>older than 15 min</source>
        <translation>älter als 15 Min.</translation>
    </message>
    <message>
        <source>older than 1 h</source>
        <translation>älter als 1 Std.</translation>
    </message>
    <message>
        <source>open only</source>
        <translation>nur offene</translation>
    </message>
    <message>
        <source>REFRESH</source>
        <translation>AKTUALISIEREN</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Art</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wann</translation>
    </message>
    <message>
        <source>Station</source>
        <translation>Station</translation>
    </message>
    <message>
        <source>Packer</source>
        <translation>Packer</translation>
    </message>
    <message>
        <source>Order</source>
        <translation>Auftrag</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Was</translation>
    </message>
    <message>
        <source>note (optional)</source>
        <translation>Notiz (optional)</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <source>choose a reason</source>
        <translation>Grund wählen</translation>
    </message>
    <message>
        <source>CONFIRM CANCEL</source>
        <translation>STORNO BESTÄTIGEN</translation>
    </message>
    <message>
        <source>BACK</source>
        <translation>ZURÜCK</translation>
    </message>
    <message>
        <source>DEVICES</source>
        <translation>GERÄTE</translation>
    </message>
    <message>
        <source>DOCTOR</source>
        <translation>DIAGNOSE</translation>
    </message>
    <message>
        <source>CLOSE STATION</source>
        <translation>STATION BEENDEN</translation>
    </message>
    <message>
        <source>LOG OUT</source>
        <translation>ABMELDEN</translation>
    </message>
    <message>
        <source>[%1 by %2: %3]</source>
        <translation>[%1 von %2: %3]</translation>
    </message>
    <message>
        <source>[closed: order %1]</source>
        <translation>[geschlossen: Auftrag %1]</translation>
    </message>
    <message>
        <source>%1 open</source>
        <translation>%1 offen</translation>
    </message>
    <message>
        <source>%1 open, %2 shown</source>
        <translation>%1 offen, %2 angezeigt</translation>
    </message>
    <message>
        <source>The queue could not be loaded: %1</source>
        <translation>Die Warteschlange ließ sich nicht laden: %1</translation>
    </message>
    <message>
        <source>Choose a reason first: every decision is recorded with its reason.</source>
        <translation>Zuerst einen Grund wählen: Jede Entscheidung wird mit ihrem Grund festgehalten.</translation>
    </message>
    <message>
        <source>Cancel order %1? It cannot be undone.</source>
        <translation>Auftrag %1 stornieren? Das lässt sich nicht rückgängig machen.</translation>
    </message>
    <message>
        <source>%1 - review at %2</source>
        <translation>%1 – Prüfung an %2</translation>
    </message>
</context>
<context>
    <name>RolesPage</name>
    <message>
        <source>The roles are fixed; change a user&apos;s role on USERS.</source>
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
    <name>SetupWizard</name>
    <message>
        <source>Packdesk set-up</source>
        <translation>Packdesk-Einrichtung</translation>
    </message>
</context>
<context>
    <name>Sounds</name>
    <message>
        <source>sounds are switched off in the station configuration</source>
        <translation>Töne sind in der Stationskonfiguration ausgeschaltet</translation>
    </message>
    <message>
        <source>QtMultimedia cannot load (%1)</source>
        <translation>QtMultimedia lässt sich nicht laden (%1)</translation>
    </message>
    <message>
        <source>no audio output device</source>
        <translation>kein Audio-Ausgabegerät</translation>
    </message>
    <message>
        <source>the audio device cannot play %1</source>
        <translation>das Audiogerät kann %1 nicht abspielen</translation>
    </message>
    <message>
        <source>No sound: %1. The station carries on with colour cues.</source>
        <translation>Kein Ton: %1. Die Station arbeitet mit Farbsignalen weiter.</translation>
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
        <source>Between users the station shows its language; a user&apos;s own language comes with their badge.</source>
        <translation>Zwischen den Benutzern zeigt die Station ihre Sprache; die eigene Sprache eines Benutzers kommt mit seinem Ausweis.</translation>
    </message>
</context>
<context>
    <name>StationWindow</name>
    <message>
        <source>Ships now: %1</source>
        <translation>Geht jetzt raus: %1</translation>
    </message>
    <message>
        <source>nothing scanned yet</source>
        <translation>noch nichts gescannt</translation>
    </message>
    <message>
        <source>Backordered, ships later: %1</source>
        <translation>Im Rückstand, wird später versandt: %1</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>nichts</translation>
    </message>
    <message>
        <source>Touch the button, press 1 or scan LOG OUT again - or CANCEL</source>
        <translation>Schaltfläche antippen, 1 drücken oder LOG OUT erneut scannen – oder ABBRECHEN</translation>
    </message>
    <message>
        <source>Packdesk station %1</source>
        <translation>Packdesk Station %1</translation>
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
        <source>Orders held</source>
        <translation>Gehaltene Aufträge</translation>
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
        <source>DEVICES OF THIS STATION</source>
        <translation>GERÄTE DIESER STATION</translation>
    </message>
    <message>
        <source>keyboard wedge (the scanner types like a keyboard)</source>
        <translation>Tastatur-Wedge (der Scanner tippt wie eine Tastatur)</translation>
    </message>
    <message>
        <source>%1 since %2</source>
        <translation>%1 seit %2</translation>
    </message>
</context>
<context>
    <name>SupervisorPrompt</name>
    <message>
        <source>Scan a supervisor&apos;s badge</source>
        <translation>Ausweis eines Schichtleiters scannen</translation>
    </message>
    <message>
        <source>Scan a supervisor&apos;s badge, or type the PIN and press OK</source>
        <translation>Ausweis eines Schichtleiters scannen oder die PIN tippen und OK drücken</translation>
    </message>
    <message>
        <source>supervisor PIN</source>
        <translation>PIN des Schichtleiters</translation>
    </message>
    <message>
        <source>CANCEL  (Esc)</source>
        <translation>ABBRECHEN  (Esc)</translation>
    </message>
    <message>
        <source>Type the PIN first, then press OK.</source>
        <translation>Erst die PIN tippen, dann OK drücken.</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
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
        <source>station&apos;s language</source>
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
        <source>user name or badge (type or scan)</source>
        <translation>Benutzer oder Ausweis (tippen/scannen)</translation>
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
<context>
    <name>WaitingLabel</name>
    <message>
        <source>Waiting for the database... %1 s</source>
        <translation>Warten auf die Datenbank... %1 s</translation>
    </message>
</context>
<context>
    <name>WeighScreen</name>
    <message>
        <source>Weigh the parcel</source>
        <translation>Paket wiegen</translation>
    </message>
    <message>
        <source>WEIGH AGAIN</source>
        <translation>ERNEUT WIEGEN</translation>
    </message>
    <message>
        <source>BACK TO PACKING</source>
        <translation>ZURÜCK ZUM PACKEN</translation>
    </message>
    <message>
        <source>PROBLEM</source>
        <translation>PROBLEM</translation>
    </message>
</context>
<context>
    <name>words</name>
    <message>
        <source>no weight</source>
        <translation>kein Gewicht</translation>
    </message>
</context>
</TS>
