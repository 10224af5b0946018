"""Show grades and plans to people: text for the terminal, HTML for notebooks and printing,
Markdown and Word for a coalition meeting. Knows nothing of how scores are made."""
