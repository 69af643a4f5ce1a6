"""The dashboard's pages: Explore, Compare and Learn, and what they share (common.py)."""
