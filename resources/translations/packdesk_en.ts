<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>DatabasePage</name>
    <message>
        <source>Database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Where this station keeps orders, scans and labels.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Built-in database on this computer (one station alone)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PostgreSQL database shared by the stations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>TEST CONNECTION</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CREATE OR UPGRADE THE TABLES</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the PostgreSQL URL first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Creating the tables...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1. Press CREATE OR UPGRADE THE TABLES.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DevicesPage</name>
    <message>
        <source>Scanner and scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a serial port, or type a device address (docs/devices.md). Leave the scanner empty for a keyboard scanner.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LOOK FOR DEVICES</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SCAN TEST</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scanner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WEIGH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scale protocol</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n serial port(s) found on this computer.</source>
        <translation>
            <numerusform>%n serial port found on this computer.</numerusform>
            <numerusform>%n serial ports found on this computer.</numerusform>
        </translation>
    </message>
    <message>
        <source>No scanner chosen: a keyboard scanner types into the station.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The scanner at %1 cannot be opened: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STOP SCAN TEST</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opening the scanner at %1...</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Scan a barcode now (%n second(s)).</source>
        <translation>
            <numerusform>Scan a barcode now (%n second).</numerusform>
            <numerusform>Scan a barcode now (%n seconds).</numerusform>
        </translation>
    </message>
    <message>
        <source>The scanner at %1 is %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No scale chosen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weighing at %1: keep the scale still...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stable weight: %1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No weight (%1): %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DoctorDialog</name>
    <message>
        <source>keyboard scanner (no serial scanner configured)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not configured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: connected (live state of the running station)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check the cable and power; the DEVICES screen shows its live state and tests it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Doctor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CHECK AGAIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SET-UP WIZARD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CLOSE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fix: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All is well.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n problem(s) found.</source>
        <translation>
            <numerusform>%n problem found.</numerusform>
            <numerusform>%n problems found.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 saved. Restart the station to use it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DOCTOR</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>FinishPage</name>
    <message>
        <source>Save the configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finish writes %1:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LoginScreen</name>
    <message>
        <source>Scan your badge to start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Station %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>OfflineBanner</name>
    <message numerus="yes">
        <source>offline: %n event(s) waiting</source>
        <translation>
            <numerusform>offline: %n event waiting</numerusform>
            <numerusform>offline: %n events waiting</numerusform>
        </translation>
    </message>
    <message>
        <source>offline: packing on without the central database</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>back online: %n event(s) waiting, sending them to the database</source>
        <translation>
            <numerusform>back online: %n event waiting, sending it to the database</numerusform>
            <numerusform>back online: %n events waiting, sending them to the database</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PrintersPage</name>
    <message>
        <source>Printers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A CUPS queue (cups://QUEUE) or a network printer (tcp://HOST:9100). An empty document printer prints slips on the label printer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Document printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PRINT TEST</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n printer queue(s) found in CUPS.</source>
        <translation>
            <numerusform>%n printer queue found in CUPS.</numerusform>
            <numerusform>%n printer queues found in CUPS.</numerusform>
        </translation>
    </message>
    <message>
        <source>No printer chosen.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printing a test label at %1...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test label printed at %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test label NOT printed at %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReturnsScreen</name>
    <message>
        <source>Returns: scan the RMA on the parcel, then each item in it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan or type the RMA (RMA-000001), then each item&apos;s barcode or SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Bin</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photo of the goods (a path, optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>INSPECT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>REFUND</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> - exchange order %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 - order %2 - %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 items received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bin (restock, exchange)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Packdesk set-up</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StationPage</name>
    <message>
        <source>This station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scans, labels and events name the station by its code.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. Bench 3, hall B</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Station code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Between users the station shows its language; a user&apos;s own language comes with their badge.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
