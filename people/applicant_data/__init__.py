"""An applicant's data under the GDPR: who opened it, the notice they agreed to, a copy for them
(export) and its erasure, each recorded."""
