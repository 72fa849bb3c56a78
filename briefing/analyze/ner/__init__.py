"""Named-entity tagging: the learned taggers, their features and their word lists."""
