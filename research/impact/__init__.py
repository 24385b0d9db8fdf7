"""Citation counts from open sources (OpenAlex, Crossref), fetched weekly by the scheduler and
shown with their source and date on publication and person pages. Never scraped."""
