"""Builds datasets/ from the raw sources in ../shared/data-sources (never used at run time)."""
