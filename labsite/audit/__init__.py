"""The administrators' audit log: sign-ins, permission changes and what was done with
applicants' data, each with who, when and from where."""
