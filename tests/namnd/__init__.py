"""Tests of the nämnd's meetings: the list, §§, justering, anslag and the anslagstavla."""
