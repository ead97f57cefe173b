"""Structured logs: one JSON object a line when BEMANNA_LOG_FORMAT=json, for journald or a
log shipper. Bemanna never logs personal data or a survey code (see settings.LOGGING)."""

from __future__ import annotations

import datetime
import json
import logging


class JsonFormatter(logging.Formatter):
    """time (UTC, ISO 8601), level, logger, message, and the exception when there is one."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        status = getattr(record, "status_code", None)
        if status is not None:
            entry["status"] = status
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


class QuietRefusals(logging.Filter):
    """A refused request (400, 403, 404, 405: PermissionDenied, DisallowedHost, a bad form
    post) is one log line with its status and path, not a traceback: it is the app working,
    not failing. Errors (500) keep theirs."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        refused = status is not None and status < 500
        if refused or record.name.startswith("django.security."):
            record.exc_info = None
            record.exc_text = None
        return True
