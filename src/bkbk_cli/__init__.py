"""bkbk: check BKBK village rosters and report quotas and contribution continuity (Jambi)."""

__version__ = "0.1.0"
