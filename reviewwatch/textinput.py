"""Reading text a person handed us: UTF-8 strictly, with the file and byte offset on error.

A file in another encoding (Latin-1, Windows-1252, UTF-16) is refused with one line that
says where the first bad byte is, never a traceback and never a silent U+FFFD in its place.
"""

from __future__ import annotations

from pathlib import Path

from reviewwatch.errors import InputError

BOM = b"\xef\xbb\xbf"


def not_utf8(name: str, error: UnicodeDecodeError, base: int = 0) -> InputError:
    """The one-line error for bytes that are not UTF-8, at file offset base + error.start."""
    bad = error.object[error.start:error.start + 1]
    return InputError(f"{name}: not UTF-8 text: byte 0x{bad.hex()} at offset "
                      f"{base + error.start}; save the file as UTF-8")


def decode(data: bytes, name: str, base: int = 0) -> str:
    """Bytes as UTF-8 (a leading BOM dropped), or InputError naming the file and offset."""
    skip = len(BOM) if base == 0 and data.startswith(BOM) else 0
    try:
        return data[skip:].decode("utf-8")
    except UnicodeDecodeError as e:
        raise not_utf8(name, e, base + skip) from None


def read_utf8(path: str | Path) -> str:
    """A whole file as UTF-8 text, or InputError with the file and the byte offset."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(f"{path}: cannot read it ({e.strerror})") from None
    return decode(data, str(path))
