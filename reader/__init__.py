"""policy-reader: a terminal news reader and daily digest for following how policies are covered."""

__version__ = "0.1.0"
