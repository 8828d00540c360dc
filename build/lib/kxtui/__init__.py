"""kxtui — a keyboard-driven terminal app for county science-association (科协) field officers."""

__version__ = "0.1.0"
