"""kzdocs: result documents of Kazakhstan's state services in Kazakh and Russian."""

__version__ = "0.1.0"
