"""Inspection and supervision: cited compliance checks, runs, findings and their follow-up."""
