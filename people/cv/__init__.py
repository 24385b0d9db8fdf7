"""A CV for each member who asks for one, built from the site's own records (positions,
education, awards, publications in the site's citation style, talks, projects and grants,
supervision), stored as HTML and PDF when their data changes, served from storage."""
