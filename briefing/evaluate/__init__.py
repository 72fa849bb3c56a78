"""Evaluation commands: ROUGE for key points, CoNLL scoring for actors."""
