"""llct — political-theory training (đào tạo lý luận chính trị) records, eligibility and credentials."""

__version__ = "0.1.0"
