"""Printable documents (PDF through typst) with vendored fonts, shared by training and credentials."""
