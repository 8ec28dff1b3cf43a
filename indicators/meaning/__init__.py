"""What a number means: a readable name, one identity across documents, result or context, which way is better."""
