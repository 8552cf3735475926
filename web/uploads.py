"""Case material from the browser: bounded request bodies, and uploaded drafts kept in memory.

An upload is read from the request into memory, never past its limit, and handed to kb/ as bytes (kb/inputs.py
bounds it again, by the kind of input). The whole body stays far below the size at which the form parser would
spool a file to disk. A draft is kept by its content hash for the life of the server, so a page that shows it
can be linked; nothing is written to disk or logged.
"""

from __future__ import annotations

import hashlib
import re
from collections import OrderedDict
from dataclasses import dataclass

from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.formparsers import MultiPartException
from starlette.requests import Request

from kb import inputs

# A form's whole body: the largest upload it takes, with room for its other fields and the multipart framing.
# An upload between the kind's limit and this is refused by kb/inputs.py with its own message.
BODY_LIMIT = 2 * inputs.DRAFT
MAX_DRAFTS = 64  # at most 8 MB of drafts; past it the oldest is forgotten (its page says to upload it again)
HASH = re.compile(r"[0-9a-f]{32}")


class TooLarge(Exception):
    pass


class BadForm(Exception):
    pass


async def form(request: Request, limit: int = BODY_LIMIT) -> FormData:
    """The request's form, its body read into memory and refused past `limit` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise TooLarge(limit)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise TooLarge(limit)
        chunks.append(chunk)
    body = b"".join(chunks)

    async def replay() -> dict:
        return {"type": "http.request", "body": body, "more_body": False}

    try:
        return await Request(request.scope, replay).form(max_files=4, max_fields=400, max_part_size=limit)
    except HTTPException as e:  # Starlette's word for a malformed multipart body
        raise BadForm(e.detail) from None
    except (MultiPartException, ValueError) as e:  # the same, raised by python-multipart itself
        raise BadForm(getattr(e, "message", None) or str(e)) from None


async def upload(data: FormData, name: str) -> tuple[bytes, str] | None:
    """The bytes of an uploaded file field and the name to call it by, or None when no file was chosen."""
    value = data.get(name)
    if not isinstance(value, UploadFile):
        return None
    content = await value.read()
    if not content and not value.filename:
        return None
    return content, display(value.filename)


def display(filename: str | None) -> str:
    """How to name an upload in messages: its own base name, printable and short, never a path."""
    base = re.split(r"[\\/]", filename or "")[-1]
    base = "".join(c for c in base if c.isprintable())[:80].strip()
    return base or "upload"


@dataclass(frozen=True)
class Draft:
    name: str
    content: bytes


class Drafts:
    """Uploaded drafts by content hash, oldest forgotten first past MAX_DRAFTS."""

    def __init__(self) -> None:
        self._kept: OrderedDict[str, Draft] = OrderedDict()

    def keep(self, content: bytes, name: str) -> str:
        key = hashlib.sha256(content).hexdigest()[:32]
        self._kept.setdefault(key, Draft(name, content))
        self._kept.move_to_end(key)
        while len(self._kept) > MAX_DRAFTS:
            self._kept.popitem(last=False)
        return key

    def get(self, key: str) -> Draft | None:
        return self._kept.get(key) if HASH.fullmatch(key) else None
