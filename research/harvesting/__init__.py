"""Being harvested: an OAI-PMH 2.0 repository of the install's publications (``/oai/``)."""
