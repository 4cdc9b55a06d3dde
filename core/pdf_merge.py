"""Append archival, tagged PDFs to another one and keep the result archival and tagged.

A kallelse carries the cases' tjänsteutlåtanden as bilagor. Appending their pages alone would
leave their text untagged (PDF/UA) and their marked content pointing at nothing, so the
appended documents' structure trees are grafted under the first document's root element, each
page's /StructParents (and each annotation's /StructParent) moved past the first document's
keys and the parent tree extended. The XMP metadata, output intent, /Lang and /Title stay the
first document's. Every part must itself be PDF/A-2 (core.pdf makes them so).
"""

import io

import pikepdf
from pikepdf import Array, Dictionary


def _kids(value) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, Array) else [value]


def _nums(tree) -> list:
    """A parent tree's flat /Nums, read through /Kids for a tree that has them."""
    if tree is None:
        return []
    nums = list(tree.get("/Nums") or [])
    for kid in tree.get("/Kids") or []:
        nums.extend(_nums(kid))
    return nums


def _next_key(root) -> int:
    nums = _nums(root.get("/ParentTree"))
    keys = [int(k) for k in nums[::2]]
    declared = int(root.get("/ParentTreeNextKey", 0))
    return max([declared, *(k + 1 for k in keys)])


def merge_pdfs(first: bytes, appended: list[bytes]) -> bytes:
    """Return `first` with every page (and structure) of `appended` after it, in order.

    The appended documents' headings move one level down: each is a part of the first."""
    if not appended:
        return first
    with pikepdf.open(io.BytesIO(first)) as target:
        root = target.Root.StructTreeRoot
        document_element = _kids(root.get("/K"))[0]
        nums = _nums(root.get("/ParentTree"))
        offset = _next_key(root)
        for part in appended:
            offset = _append(target, part, document_element, nums, offset)
        root.ParentTree = target.make_indirect(Dictionary(Nums=Array(nums)))
        root.ParentTreeNextKey = offset
        # Table header ids (/ID, /Headers) are only unique within one part; the tree that maps
        # them is optional, and each part's /Headers still name its own cells.
        if "/IDTree" in root:
            del root["/IDTree"]
        out = io.BytesIO()
        target.save(out, deterministic_id=False)
        return out.getvalue()


def _demote_headings(element, seen: set) -> None:
    """Each appended document becomes a part of the first: its H1 an H2, and so on down."""
    if not isinstance(element, Dictionary) or element.objgen in seen:
        return
    if element.objgen != (0, 0):
        seen.add(element.objgen)
    tag = str(element.get("/S", ""))
    if len(tag) == 3 and tag.startswith("/H") and tag[2] in "12345":
        element.S = pikepdf.Name(f"/H{int(tag[2]) + 1}")
    for kid in _kids(element.get("/K")):
        _demote_headings(kid, seen)


def _copy(target: pikepdf.Pdf, value):
    """A foreign object in the target (pikepdf copies only indirect objects, with what they
    reference, and maps an object copied twice to the same copy)."""
    if isinstance(value, (Array, Dictionary)) and not value.is_indirect:
        if isinstance(value, Array):
            return Array([_copy(target, x) for x in value])
        return Dictionary({k: _copy(target, v) for k, v in value.items()})
    if isinstance(value, pikepdf.Object) and value.is_indirect:
        return target.copy_foreign(value)
    return value


def _append(target: pikepdf.Pdf, part: bytes, document_element, nums: list, offset: int) -> int:
    with pikepdf.open(io.BytesIO(part)) as source:
        source_root = source.Root.get("/StructTreeRoot")
        first_new = len(target.pages)
        target.pages.extend(source.pages)
        if source_root is None:
            return offset
        shift = _next_key(source_root)
        # Copied after the pages, so the elements' /Pg point at the pages just appended.
        source_nums = [_copy(target, x) for x in _nums(source_root.get("/ParentTree"))]
        grafted = [_copy(target, x) for x in _kids(source_root.get("/K"))]
        role_map = source_root.get("/RoleMap")
        role_map = None if role_map is None else _copy(target, role_map)
    for page in target.pages[first_new:]:
        if "/StructParents" in page.obj:
            page.obj.StructParents = int(page.obj.StructParents) + offset
        for annotation in page.obj.get("/Annots") or []:
            if "/StructParent" in annotation:
                annotation.StructParent = int(annotation.StructParent) + offset
    for key, value in zip(source_nums[::2], source_nums[1::2], strict=True):
        nums.extend([int(key) + offset, value])
    children = _kids(document_element.get("/K"))
    for element in grafted:
        _demote_headings(element, set())
        if isinstance(element, Dictionary):
            element.P = document_element
        children.append(element)
    document_element.K = Array(children)
    if role_map is not None:
        target_root = target.Root.StructTreeRoot
        merged = target_root.get("/RoleMap") or Dictionary()
        for name, value in role_map.items():
            if name not in merged:
                merged[name] = value
        target_root.RoleMap = merged
    return offset + shift
