"""Text pipeline: normalisation, language, sentences, tokens (Arabic first-class)."""
