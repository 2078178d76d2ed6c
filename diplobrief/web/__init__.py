"""Links, the safe fetcher, decoding and extraction: a stranger's URL to an `Article`."""
