"""Services of training: every write goes through here (STYLE.md)."""
