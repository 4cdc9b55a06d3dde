"""The nämnd's part of a case: its decision and the documents it decides on."""
