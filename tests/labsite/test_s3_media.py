"""Media on S3-compatible storage (django-storages) against a local S3 server started by the
test (moto in server mode): uploads land in the bucket, renditions are made from it, pages
link to it, the Content-Security-Policy lets those images in, and the readiness probe writes
there."""

import io
import json
import socket

import boto3
import pytest
from django.core.files.images import ImageFile
from django.test import override_settings
from PIL import Image as PILImage
from wagtail.images import get_image_model

from labsite.settings.media import media_origin, s3_storage

pytestmark = pytest.mark.django_db
BUCKET = "labsite-media"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def s3(settings):
    from moto.server import ThreadedMotoServer

    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    environ = {
        "AWS_STORAGE_BUCKET_NAME": BUCKET,
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_S3_REGION_NAME": "us-east-1",
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
    }
    client = boto3.client(
        "s3", endpoint_url=endpoint, region_name="us-east-1",
        aws_access_key_id="testing", aws_secret_access_key="testing",
    )  # fmt: skip
    client.create_bucket(Bucket=BUCKET)
    storages = {**settings.STORAGES, "default": s3_storage(environ)}
    with override_settings(STORAGES=storages):
        yield client, endpoint
    server.stop()


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (640, 480), (20, 90, 140)).save(buffer, "JPEG")
    return buffer.getvalue()


def test_uploads_and_renditions_live_in_the_bucket(s3):
    client, endpoint = s3
    image = get_image_model()(title="Sea", file=ImageFile(io.BytesIO(_jpeg()), name="sea.jpg"))
    image.save()
    keys = {item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])}
    assert image.file.name in keys
    rendition = image.get_rendition("fill-120x120")
    keys = {item["Key"] for item in client.list_objects_v2(Bucket=BUCKET)["Contents"]}
    assert rendition.file.name in keys
    assert rendition.url.startswith(f"{endpoint}/{BUCKET}/")


def test_pages_link_to_the_bucket_and_the_policy_allows_it(s3, client, tree):
    _s3client, endpoint = s3
    from tests.support.members import published_person

    photo = get_image_model()(
        title="Portrait", file=ImageFile(io.BytesIO(_jpeg()), name="portrait.jpg")
    )
    photo.save()
    person = published_person(
        tree.people, title="Ada Bucket", given_names="Ada", family_name="Bucket", photo=photo
    )
    html = client.get(person.url).content.decode()
    assert f"{endpoint}/{BUCKET}/" in html
    assert (
        media_origin(
            s3_storage({"AWS_STORAGE_BUCKET_NAME": BUCKET, "AWS_S3_ENDPOINT_URL": endpoint})
        )
        == endpoint
    )


def test_the_readiness_probe_writes_to_the_bucket(s3, client):
    data = json.loads(client.get("/_health/ready").content)
    assert data["checks"]["media"]["status"] == "ok"


def test_without_a_bucket_media_stays_local():
    assert s3_storage({}) is None and media_origin(None) is None
    assert media_origin(
        s3_storage({"AWS_STORAGE_BUCKET_NAME": "b", "AWS_S3_REGION_NAME": "eu-west-1"})
    ) == ("https://b.s3.eu-west-1.amazonaws.com")
