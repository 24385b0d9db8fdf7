"""Media on S3-compatible storage (AWS S3, MinIO, Ceph, Garage…) when a bucket is named in the
environment; the embedded default keeps media in local folders. Applicants' private uploads
always stay in the local private folder (they are served only to permitted staff)."""

from urllib.parse import urlparse


def s3_storage(environ) -> dict | None:
    """Django's STORAGES["default"] for the bucket in AWS_STORAGE_BUCKET_NAME, or None."""
    bucket = environ.get("AWS_STORAGE_BUCKET_NAME", "").strip()
    if not bucket:
        return None
    options = {
        "bucket_name": bucket,
        # Public media: plain addresses that caches and browsers can keep (no signed query).
        "querystring_auth": False,
        "file_overwrite": False,
        "default_acl": None,
    }
    for variable, option in (
        ("AWS_S3_ENDPOINT_URL", "endpoint_url"),
        ("AWS_S3_REGION_NAME", "region_name"),
        ("AWS_S3_CUSTOM_DOMAIN", "custom_domain"),
        ("AWS_LOCATION", "location"),
        ("AWS_ACCESS_KEY_ID", "access_key"),
        ("AWS_SECRET_ACCESS_KEY", "secret_key"),
    ):
        value = environ.get(variable, "").strip()
        if value:
            options[option] = value
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}


def media_origin(storage: dict | None) -> str | None:
    """The origin images are served from, for the Content-Security-Policy's img-src."""
    if storage is None:
        return None
    options = storage["OPTIONS"]
    if options.get("custom_domain"):
        return f"https://{options['custom_domain']}"
    endpoint = options.get("endpoint_url")
    if endpoint:
        parsed = urlparse(endpoint)
        return f"{parsed.scheme}://{parsed.netloc}"
    region = options.get("region_name")
    host = f"s3.{region}.amazonaws.com" if region else "s3.amazonaws.com"
    return f"https://{options['bucket_name']}.{host}"
