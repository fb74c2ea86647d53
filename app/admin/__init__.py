"""The administrator's use cases (issue 16, "Admin"): users and their badges, the roles (fixed
in code), boxes, reason codes; Qt-free, over the unit of work's `admin` repository
(app.admin.ports.AdminRecords). Every change a person makes goes into the chained audit log
with who, what, and the values before and after, in the same transaction as the change."""
