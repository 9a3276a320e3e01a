"""loopbaan: begeleidt een loopbaangesprek en drukt de afspraken af."""

__version__ = "0.1.0"
