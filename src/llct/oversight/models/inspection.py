"""Tables of inspection and supervision: runs, findings and their log, inspection plans."""
