"""One JSON object per log line (LOG_FORMAT=json in production), for log collectors: time,
level, logger, message, and for requests the method, path and status; exceptions as text."""

import datetime
import json
import logging


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request = getattr(record, "request", None)
        if request is not None and hasattr(request, "path"):
            entry["method"] = getattr(request, "method", "")
            entry["path"] = request.path
        status = getattr(record, "status_code", None)
        if status is not None:
            entry["status"] = status
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class QuietAutosaveRefusals(logging.Filter):
    """Drops django.request's "Bad Request" line for an autosave of an edit form that is not
    yet valid: Wagtail answers each such tick with a 400 (the editor sees "will save when the
    form is complete"), and a log line every few seconds per open editor hides real errors."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if getattr(record, "status_code", None) != 400 or request is None:
            return True
        autosave = (
            getattr(request, "method", "") == "POST"
            and hasattr(request, "accepts")
            and not request.accepts("text/html")
            and request.path.endswith("/edit/")
        )
        return not autosave
