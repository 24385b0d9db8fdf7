"""The site's defences that are not a feature of their own: response headers (CSP,
Permissions-Policy), login throttling (django-axes) and outbound fetches that refuse
internal addresses."""
