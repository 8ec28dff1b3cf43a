"""Document formats other than plain text: each module turns one format into canonical text."""
