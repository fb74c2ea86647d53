"""What supervisors do: the exception queue and the decisions on it (release, re-queue,
cancel, take over a lease, accept a weight, void a label, mark resolved), each with a reason
code and audited; the live board and the day's figures are read models beside it."""
