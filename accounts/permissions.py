"""What an account is, as every layer's permission policy first asks."""


def is_staff_member(user) -> bool:
    return bool(user.is_authenticated and user.is_active and user.is_staff)
