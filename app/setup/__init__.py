"""First-run set-up without Qt: the installer's answers, checked and written as the station's
TOML file (docs/configuration.md), and the database's connection test. The wizard in
ui/setup_wizard.py asks the questions; the serial ports, CUPS queues and device tests it offers
come from devices.diagnostics, like `packdesk devices ...`."""
