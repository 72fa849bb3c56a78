"""Key points: the sentences of an article worth reading, chosen by a scorer from `METHODS`."""

from briefing.analyze.keypoints.select import METHODS, key_points

__all__ = ["METHODS", "key_points"]
