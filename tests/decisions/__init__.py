"""Tests of the nämnd's decision and its documents (tjänsteutlåtande, protokollsutdrag)."""
