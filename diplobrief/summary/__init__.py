"""Extractive summaries: sumy's summarisers and ours behind one function, sentence flags."""
