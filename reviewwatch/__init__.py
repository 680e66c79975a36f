"""reviewwatch: self-hosted review monitoring and response assistant."""

__version__ = "0.1.0"
