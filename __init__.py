"""villageaid: an agent-based model of mutual aid among older adults in villages."""

__version__ = "0.1.0"
