"""Spoken cues: render every cue text to a cached WAV before a routine starts. No Qt here."""
