<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>DatabasePage</name>
    <message>
        <source>Database</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Where this station keeps orders, scans and labels.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Built-in database on this computer (one station alone)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>PostgreSQL database shared by the stations</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>TEST CONNECTION</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>CREATE OR UPGRADE THE TABLES</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Write the PostgreSQL URL first.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Connecting...</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Creating the tables...</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Connected: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1. Press CREATE OR UPGRADE THE TABLES.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>The test failed: %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>DevicesPage</name>
    <message>
        <source>Scanner and scale</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Choose a serial port, or type a device address (docs/devices.md). Leave the scanner empty for a keyboard scanner.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>LOOK FOR DEVICES</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>SCAN TEST</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Scanner</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>WEIGH</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Scale</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Scale protocol</source>
        <translation type="unfinished" />
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
        <translation type="unfinished" />
    </message>
    <message>
        <source>The scanner at %1 cannot be opened: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>STOP SCAN TEST</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Opening the scanner at %1...</source>
        <translation type="unfinished" />
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
        <translation type="unfinished" />
    </message>
    <message>
        <source>Read: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No scale chosen.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Weighing at %1: keep the scale still...</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Stable weight: %1 at %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>No weight (%1): %2</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>DoctorDialog</name>
    <message>
        <source>keyboard scanner (no serial scanner configured)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>not configured</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1: connected (live state of the running station)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Check the cable and power; the DEVICES screen shows its live state and tests it.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Doctor</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>CHECK AGAIN</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>SET-UP WIZARD</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>CLOSE</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Checking...</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Fix: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>All is well.</source>
        <translation type="unfinished" />
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
        <translation type="unfinished" />
    </message>
    <message>
        <source>DOCTOR</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>FinishPage</name>
    <message>
        <source>Save the configuration</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Finish writes %1:</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>LoginScreen</name>
    <message>
        <source>Scan your badge to start</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Station %1</source>
        <translation type="unfinished" />
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
        <translation type="unfinished" />
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
        <translation type="unfinished" />
    </message>
    <message>
        <source>A CUPS queue (cups://QUEUE) or a network printer (tcp://HOST:9100). An empty document printer prints slips on the label printer.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Label printer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Document printer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>PRINT TEST</source>
        <translation type="unfinished" />
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
        <translation type="unfinished" />
    </message>
    <message>
        <source>Printing a test label at %1...</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Test label printed at %1.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Test label NOT printed at %1: %2</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ReturnsScreen</name>
    <message>
        <source>Returns: scan the RMA on the parcel, then each item in it</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Scan or type the RMA (RMA-000001), then each item's barcode or SKU</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>SKU</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Received</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Outcome</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Bin</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Photo of the goods (a path, optional)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>INSPECT</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>REFUND</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source> - exchange order %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 - order %2 - %3</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 of %2 items received</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>bin (restock, exchange)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>SetupWizard</name>
    <message>
        <source>Packdesk set-up</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>StationPage</name>
    <message>
        <source>This station</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Scans, labels and events name the station by its code.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>e.g. Bench 3, hall B</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Station code</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Name (optional)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Between users the station shows its language; a user's own language comes with their badge.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <source>Nobody is logged in: log in with an admin badge.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>AdminView</name>
    <message>
        <source>USERS</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>ROLES</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>STATIONS</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>BOXES</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>CARRIERS</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>REASONS</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>BoxesPage</name>
    <message>
        <source>Code</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Inside (mm)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Outside (mm)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Tare (g)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Max load (g)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cost</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>code</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>barcode (empty: BOX-code)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>inner length</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>inner width</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>inner height</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>outer length</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>outer width</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>outer height</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>tare g</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>max load g</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>cost</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Millimetres and grams; cost in the shop's currency.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>ADD BOX</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>SAVE CHANGES</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>RETIRE</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>NEW</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>in use</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>retired</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Box %1 added.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Box %1 saved.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Box %1 retired: no longer offered at the pack.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>CarriersPage</name>
    <message>
        <source>carriers</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>services</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>zones</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>rates</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>carriers and services file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>zones file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>rates file</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>path of the file (CSV, XLSX or JSON)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>IMPORT</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Carrier</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Dim. divisor</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Booking</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Level</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Days</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Cut-off</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Zone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Country</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Postcodes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Up to (g)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Price</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Type the path of the file to import.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1: %2 rows, %3 new, %4 changed.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ReasonsPage</name>
    <message>
        <source>Code</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Changed by</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>new code, e.g. wrong_address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>ADD CODE</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>RETIRE</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>active</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>retired</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>configuration</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>added</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reason code %1 added.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Reason code %1 retired.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>RolesPage</name>
    <message>
        <source>The roles are fixed; change a user's role on USERS.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>May do</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>StationsPage</name>
    <message>
        <source>Station</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Last seen</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Devices (as last reported)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This station (%1): its configured devices</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Device</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>DEVICES OF THIS STATION</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <source>user name or badge: type it or scan the badge</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>FIND</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>deactivated too</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Badge</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>PIN</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>user name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>name on the badge</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>badge code</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>new PIN (4-8 digits)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>station's language</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>ADD USER</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>SAVE CHANGES</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>DEACTIVATE</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>PRINT BADGE</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>NEW</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>active</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>deactivated</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Found %1.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>ACTIVATE</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>User %1 added.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>User %1 saved.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 may log in again.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>%1 is deactivated; the history keeps the name.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>This station has no printer for badges.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <source>Badge printed: %1</source>
        <translation type="unfinished" />
    </message>
</context>
</TS>
