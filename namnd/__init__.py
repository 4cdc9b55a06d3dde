"""The nämnd's meetings: föredragningslista, §§ and their decisions, justering and anslag."""
