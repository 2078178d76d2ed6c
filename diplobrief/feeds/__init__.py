"""Feeds: parsing RSS and Atom (and finding the feed an HTML page links), and polling's pure
rules (when a feed is due, back-off, pausing, which items are new)."""
