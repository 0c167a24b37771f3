"""Diplomas and certificates: the master register (sổ gốc), issuing, revocation, re-issue, certified copies,
PDF documents and public verification (QĐ 1147 on certificates; QĐ 208 and HD 11 on sơ cấp diplomas)."""
