"""The case: the initiative, its state machine, the diary, attachments, the wizard, assignment,
watch dates, dialogue meetings, messages and the staff queue."""
