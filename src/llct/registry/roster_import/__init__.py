"""Roster import into the registry (validate the whole file, then write all rows or none) and export."""
