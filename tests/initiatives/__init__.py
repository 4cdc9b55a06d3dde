"""Tests of the case: wizard, diary, attachments, messages, queue and its lifecycle."""
