"""Actors: mentions found, merged, typed and ranked, with roles and affiliations."""
