"""The worker's reminder sweep at 100 000 agreements with 1 000 due: not measured yet.

PLACEHOLDER. The sweep is being rebuilt on the mail outbox (issue 12, the `outbox` branch: one
query for the due set, claims and outbox rows committed together). When that has landed on main,
this bench is to make 100 000 agreements with 1 000 reminders due (bench.generate_cases gives the
agreements and report dates), run reminders.tasks.send_reminders through a real worker
twice, and print for each run its time (min/median/max over repeats on fresh data), its query
count and the mails queued, beside the same claims and outbox rows written in plain SQL. No
figure is printed until then: a number measured on the old sweep would describe code that is
about to go.
"""


def main() -> None:
    print(
        "   not measured: the reminder sweep on the outbox has not landed on main yet "
        "(see this module's docstring); no figure is given rather than one for the old sweep"
    )
