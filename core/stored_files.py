"""Files a service writes beside the row that names them (an upprättad document's PDF, a stored
record): written before the row commits, so that a committed row always has its file, and
deleted again when the transaction that wrote them rolls back, so that no file is left that no
row names.

    @atomic_with_files()
    def document_store(...):
        file_save(record.file, name, ContentFile(content))
        record.save()

Blocks nest: a file written in an inner block that succeeds is deleted should the outer one
roll back. A plain transaction.atomic around the outermost block is the caller's to clean up.
"""

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.core.files.base import File
from django.db import transaction
from django.db.models.fields.files import FieldFile

_state = threading.local()


def _stack() -> list[list[tuple]]:
    if not hasattr(_state, "stack"):
        _state.stack = []
    return _state.stack


@contextmanager
def atomic_with_files(using: str | None = None) -> Iterator[None]:
    """Run the block in transaction.atomic; delete the files it saved if it rolls back."""
    stack = _stack()
    written: list[tuple] = []
    stack.append(written)
    try:
        with transaction.atomic(using=using):
            yield
    except BaseException:
        for storage, name in written:
            storage.delete(name)
        raise
    else:
        if len(stack) > 1:
            stack[-2].extend(written)
    finally:
        stack.pop()


def file_save(field_file: FieldFile, name: str, content: File) -> None:
    """Save `content` as the field's file (not the row), to be deleted if the block rolls back."""
    stack = _stack()
    if not stack:
        raise RuntimeError("file_save needs an enclosing atomic_with_files block")
    field_file.save(name, content, save=False)
    stack[-1].append((field_file.storage, field_file.name))
