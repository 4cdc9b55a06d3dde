"""The public pages, no login: the IOP guide, the register of partnerships, accessibility."""
