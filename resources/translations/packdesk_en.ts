<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AdminPage</name>
    <message>
        <source>Nobody is logged in: log in with an admin badge.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AdminView</name>
    <message>
        <source>USERS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ROLES</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STATIONS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BOXES</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CARRIERS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>REASONS</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BoardView</name>
    <message>
        <source>now</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The floor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CLOSE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FULL SCREEN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Since</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not updated: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>as of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not reported</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(gone)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(lease expired)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>due %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(late)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At risk of missing the SLA:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(%1 in the last 24 h)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open exceptions:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BoardWindow</name>
    <message>
        <source>Packdesk - the floor</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BoxesPage</name>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inside (mm)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outside (mm)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tare (g)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Max load (g)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>barcode (empty: BOX-code)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inner length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inner width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inner height</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>outer length</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>outer width</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>outer height</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tare g</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max load g</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cost</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Millimetres and grams; cost in the shop&apos;s currency.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ADD BOX</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SAVE CHANGES</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RETIRE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NEW</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>in use</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>retired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Box %1 added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Box %1 saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Box %1 retired: no longer offered at the pack.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CarriersPage</name>
    <message>
        <source>carriers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>services</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>zones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>carriers and services file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>zones file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>rates file</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>path of the file (CSV, XLSX or JSON)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IMPORT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dim. divisor</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Booking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Level</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cut-off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zone</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Country</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Postcodes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up to (g)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Price</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the path of the file to import.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 rows, %3 new, %4 changed.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConfirmScreen</name>
    <message>
        <source>Label printed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>REPRINT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stick the label on the parcel and scan its barcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stick the label on parcel %1 and scan its barcode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Label printed for parcel %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Waiting for the label(s) of parcel(s) %1 of order %2</source>
        <translation>
            <numerusform>Waiting for the label of parcel %1 of order %2</numerusform>
            <numerusform>Waiting for the labels of parcels %1 of order %2</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 printed for parcel %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
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
    <name>DemoPanel</name>
    <message>
        <source>DEMO: type a barcode + Enter, or click one</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>barcode + Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>badge %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reason: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CANCEL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pick list %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NEXT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LOG OUT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>box %1 (suggested)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>label of parcel %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>supervisor %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(done)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>location %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeviceSettingsScreen</name>
    <message>
        <source>no symbology identifier</source>
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
    <message>
        <source>Test label (%1) printed at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test label NOT printed at %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printer status before: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Serial port %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CUPS queue %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No serial ports and no CUPS queues found on this computer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices - supervisor %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A supervisor scans their badge or types the PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>supervisor PIN, then Enter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not configured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STOP SCAN TEST</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SCAN TEST</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WEIGH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PRINT TEST</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LIST SERIAL PORTS AND PRINTER QUEUES</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BACK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a test. Results appear below.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scans are ignored here: press SCAN TEST to see what the scanner reads.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Scan test: scan barcodes now (%n second(s)).</source>
        <translation>
            <numerusform>Scan test: scan barcodes now (%n second).</numerusform>
            <numerusform>Scan test: scan barcodes now (%n seconds).</numerusform>
        </translation>
    </message>
    <message>
        <source>Scan test ended.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weighing at %1: keep the scale still...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printing a test label at %1...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking for serial ports and printer queues...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scan test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>weigh test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>print test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ports and queues</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeviceStrip</name>
    <message>
        <source>at %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>DeviceWords</name>
    <message>
        <source>scanner</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>label printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>document printer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>database</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>disconnected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not configured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>checking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>MISSING</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ok</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ERROR</source>
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
    <name>DispatchScreen</name>
    <message>
        <source>Dock: hand parcels to the carrier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan the SSCC or tracking number on the parcel&apos;s label</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every carrier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tracking number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parcel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Carrier</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Destination</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Labelled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handed over today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not handed over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The payment of order %1 was not captured (%2). The order is shipped; its payment stays queued and is tried again later. Carry on scanning: the supervisors see it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Handed over %1: %n parcel(s), %2</source>
        <translation>
            <numerusform>Handed over %1: %n parcel, %2</numerusform>
            <numerusform>Handed over %1: %n parcels, %2</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>NOT HANDED OVER: %n labelled parcel(s)</source>
        <translation>
            <numerusform>NOT HANDED OVER: %n labelled parcel</numerusform>
            <numerusform>NOT HANDED OVER: %n labelled parcels</numerusform>
        </translation>
    </message>
    <message>
        <source>Every labelled parcel is handed over.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The database did not answer (%1); scan the parcel again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Dock</name>
    <message>
        <source>Packdesk dock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packdesk returns</source>
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
</context>
<context>
    <name>FiguresView</name>
    <message>
        <source>Orders per hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Units per hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mis-scans per 100 scans</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exceptions per 100 orders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pace (complexity-adjusted; 1.00 = the floor)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orders per hour of the day (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>per packer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>per station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHOW</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day (UTC)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>loading ...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The figures could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2, %3, %4 orders/h, mis-scans %5 per 100 scans, %6 exceptions per 100 orders (%8 raised that day), SLA met %7</source>
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
    <name>FloorWords</name>
    <message>
        <source>on hold</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RELEASE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RE-QUEUE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CANCEL ORDER</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RELEASE LEASE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ACCEPT WEIGHT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>VOID LABEL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RESOLVED</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>captured</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>validated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>allocated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>backordered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>picking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>picked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>packing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>packed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shipped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>delivered</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>completed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>returned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <source>Scan an order, a tote or a pick list - or scan NEXT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NEXT ORDER</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LOG OUT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DEVICES</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DOCTOR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CLOSE STATION</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 at station %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n order(s) waiting</source>
        <translation>
            <numerusform>%n order waiting</numerusform>
            <numerusform>%n orders waiting</numerusform>
        </translation>
    </message>
    <message>
        <source>Today: %1 packed, %2, %3, %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, accuracy %1 %</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Keypad</name>
    <message>
        <source>CLEAR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LockOverlay</name>
    <message>
        <source>STOP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan ACK, press Space, or touch ACKNOWLEDGE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ACKNOWLEDGE</source>
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
    <name>PackScreen</name>
    <message>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To pack</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scanned</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>UNDO</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CLOSE BOX</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PROBLEM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>REPRINT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PARTIAL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LOG OUT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GIFT WRAP this order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SPECIAL PACKAGING: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PERSONAL MESSAGE to include: “%1”</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NOTE: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BOX CHOSEN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SUGGESTED BOX</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PARCEL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>how many?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CANCEL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No box suggestion yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Units %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan the SERIAL NUMBER of %1 - or CANCEL to leave this unit out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HOW MANY %1? Type 1 to %2 and press Enter - or CANCEL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 x %2 x %3 mm, up to %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 on backorder: they ship later</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PickingScreen</name>
    <message>
        <source>#</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SKU</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qty</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Picked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tote</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SHORT (fewer here)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LOG OUT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick list %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick list %1 done</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Picking</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1/%2 stops, %3/%4 units</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>→ tote %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(order %1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>PlacementView</name>
    <message>
        <source>%1: own container</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No box suggestion yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(+%1 more)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parcel %1 of %2: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Plurals</name>
    <message numerus="yes">
        <source>%n order(s)</source>
        <translation>
            <numerusform>%n order</numerusform>
            <numerusform>%n orders</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unit(s)</source>
        <translation>
            <numerusform>%n unit</numerusform>
            <numerusform>%n units</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n scan(s)</source>
        <translation>
            <numerusform>%n scan</numerusform>
            <numerusform>%n scans</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n mis-scan(s)</source>
        <translation>
            <numerusform>%n mis-scan</numerusform>
            <numerusform>%n mis-scans</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n box(es)</source>
        <translation>
            <numerusform>%n box</numerusform>
            <numerusform>%n boxes</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n parcel(s)</source>
        <translation>
            <numerusform>%n parcel</numerusform>
            <numerusform>%n parcels</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n label(s)</source>
        <translation>
            <numerusform>%n label</numerusform>
            <numerusform>%n labels</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n person(s)</source>
        <translation>
            <numerusform>%n person</numerusform>
            <numerusform>%n persons</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PrintScreen</name>
    <message>
        <source>In this parcel:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (parcel %2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parcel %1 of %2: label and packing slip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Parcel %1: label and packing slip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Printing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RETRY</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PRINT ON THE DOCUMENT PRINTER</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PROBLEM</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RETRYING...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending the label to the printer again...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending the label to the document printer...</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For the administrator: %1</source>
        <translation type="unfinished"></translation>
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
    <name>ReasonPrompt</name>
    <message>
        <source>Touch a reason, press its number, or scan it on the command sheet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CANCEL  (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReasonsPage</name>
    <message>
        <source>Code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new code, e.g. wrong_address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ADD CODE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>RETIRE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>retired</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason code %1 added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason code %1 retired.</source>
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
        <source>Item</source>
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
        <source>exchange</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> - exchange order %1</source>
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
    <message>
        <source>restock</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>write off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>damaged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 - order %2 - %3 - &quot;%4&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>received</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inspected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>refunded</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReviewScreen</name>
    <message>
        <source>EXCEPTIONS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BOARD</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>FIGURES</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ADMIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exceptions to review. Scan an order to pack it here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>packer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>any age</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last hour</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>older than 15 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>older than 1 h</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>open only</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>REFRESH</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ID</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Order</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>note (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>choose a reason</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CONFIRM CANCEL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BACK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DEVICES</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DOCTOR</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CLOSE STATION</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LOG OUT</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[%1 by %2: %3]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>[closed: order %1]</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 open, %2 shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The queue could not be loaded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a reason first: every decision is recorded with its reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel order %1? It cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 - review at %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RolesPage</name>
    <message>
        <source>The roles are fixed; change a user&apos;s role on USERS.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Who</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>May do</source>
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
    <name>Sounds</name>
    <message>
        <source>sounds are switched off in the station configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>QtMultimedia cannot load (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no audio output device</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the audio device cannot play %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No sound: %1. The station carries on with colour cues.</source>
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
<context>
    <name>StationWindow</name>
    <message>
        <source>Ships now: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing scanned yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backordered, ships later: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Touch the button, press 1 or scan LOG OUT again - or CANCEL</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Packdesk station %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StationsPage</name>
    <message>
        <source>Station</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Orders held</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Devices (as last reported)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This station (%1): its configured devices</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DEVICES OF THIS STATION</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>keyboard wedge (the scanner types like a keyboard)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 since %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SupervisorPrompt</name>
    <message>
        <source>Scan a supervisor&apos;s badge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scan a supervisor&apos;s badge, or type the PIN and press OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>supervisor PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CANCEL  (Esc)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the PIN first, then press OK.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <source>FIND</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deactivated too</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Role</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Badge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>user name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>name on the badge</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>badge code</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>new PIN (4-8 digits)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>station&apos;s language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ADD USER</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SAVE CHANGES</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>DEACTIVATE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PRINT BADGE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>user name or badge (type or scan)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NEW</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>deactivated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Found %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ACTIVATE</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User %1 added.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User %1 saved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 may log in again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is deactivated; the history keeps the name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This station has no printer for badges.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Badge printed: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WaitingLabel</name>
    <message>
        <source>Waiting for the database... %1 s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>WeighScreen</name>
    <message>
        <source>Weigh the parcel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>WEIGH AGAIN</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BACK TO PACKING</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PROBLEM</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>words</name>
    <message>
        <source>no weight</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
