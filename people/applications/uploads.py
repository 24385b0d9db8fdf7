"""CV uploads: refused by size while streaming and by content, never by name or browser type."""

from django.core.files.uploadhandler import FileUploadHandler, SkipFile

PDF_MAGIC = b"%PDF-"


class SizeLimitUploadHandler(FileUploadHandler):
    """Stops storing a file as soon as it passes ``limit`` bytes, so a huge upload costs nothing.

    Placed first in ``request.upload_handlers``; the chunks it passes on go to Django's usual
    memory/temporary-file handlers. A skipped file is recorded on the request so the form can say
    why it is missing, and the other fields of the form still arrive.
    """

    def __init__(self, request, limit: int):
        super().__init__(request)
        self.limit = limit
        request.oversized_uploads = {}

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > self.limit:
            self.request.oversized_uploads[self.field_name] = self.file_name
            raise SkipFile()
        return raw_data

    def file_complete(self, file_size):
        return None


def looks_like_pdf(uploaded) -> bool:
    """True if the file starts with the PDF signature (after whitespace or a byte-order mark)."""
    uploaded.seek(0)
    head = uploaded.read(64)
    uploaded.seek(0)
    return head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(PDF_MAGIC)


def human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    if size >= 1024:
        return f"{size / 1024:.0f} KB"
    return f"{size} bytes"
