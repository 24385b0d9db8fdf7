"""The files of a website to import: a folder on disk or an uploaded zip, read the same way.

A zip from a visitor is untrusted: members with absolute paths, ``..`` or links are skipped,
and sizes are capped, so an archive can neither write outside its place nor exhaust memory. A
member is read against its real size, not the one its header claims: one that holds more (or
less, or other bytes) than it says is refused with the member's name.
"""

import posixpath
import zipfile
import zlib
from pathlib import Path

MAX_FILES = 20_000
MAX_TEXT_BYTES = 2 * 1024 * 1024  # one markdown, YAML or BibTeX file
MAX_IMAGE_BYTES = 15 * 1024 * 1024
MAX_ZIP_BYTES = 300 * 1024 * 1024  # everything, uncompressed
SKIPPED_DIRS = {".git", "_site", "node_modules", "vendor", ".jekyll-cache", "public", "resources"}


class SiteFilesError(Exception):
    """The folder or archive as a whole cannot be read; the message says how to fix it."""


def _wanted(path: str) -> bool:
    parts = path.split("/")
    return not any(part in SKIPPED_DIRS or part.startswith(".") for part in parts)


class SiteFiles:
    """Read-only access to a site's files by their path inside the repository ('a/b.md')."""

    def __init__(self, paths: dict[str, object], reader):
        self._paths = paths
        self._read = reader

    @classmethod
    def from_folder(cls, folder) -> "SiteFiles":
        root = Path(folder)
        if not root.is_dir():
            raise SiteFilesError(
                f"{folder} is not a folder. Give the folder of your site's repository "
                "(the one holding _config.yml, config/ or content/)."
            )
        paths = {}
        for path in root.rglob("*"):
            if path.is_symlink() or not path.is_file():
                continue
            relative = path.relative_to(root).as_posix()
            if _wanted(relative):
                paths[relative] = path
                if len(paths) > MAX_FILES:
                    raise SiteFilesError(f"The folder holds more than {MAX_FILES} files.")
        return cls(paths, lambda p, _limit: p.read_bytes())._strip_common_prefix()

    @classmethod
    def from_zip(cls, file) -> "SiteFiles":
        try:
            archive = zipfile.ZipFile(file)
            members = archive.infolist()
        except (zipfile.BadZipFile, OSError, EOFError):
            raise SiteFilesError(
                "This is not a zip file. On GitHub use Code > Download ZIP, or zip the folder "
                "of your site, and upload that."
            ) from None
        paths, total = {}, 0
        for info in members:
            name = info.filename
            is_link = (info.external_attr >> 16) & 0o170000 == 0o120000
            normal = posixpath.normpath(name)
            if (
                info.is_dir()
                or is_link
                or name.startswith("/")
                or normal.startswith("..")
                or ":" in name
                or not _wanted(normal)
            ):
                continue
            total += info.file_size
            if total > MAX_ZIP_BYTES or len(paths) >= MAX_FILES:
                raise SiteFilesError(
                    "The archive is too large to import at once (over 300 MB or 20,000 files). "
                    "Leave out generated folders (_site, public, node_modules) and large media."
                )
            paths[normal] = info
        if not paths:
            raise SiteFilesError("The zip file is empty.")
        return cls(
            paths, lambda info, limit: _read_member(archive, info, limit)
        )._strip_common_prefix()

    def _strip_common_prefix(self) -> "SiteFiles":
        """GitHub's zips hold one folder ('site-main/...'): paths start inside it."""
        while True:
            tops = {path.split("/", 1)[0] for path in self._paths}
            if len(tops) != 1 or all("/" not in path for path in self._paths):
                return self
            top = next(iter(tops))
            self._paths = {path[len(top) + 1 :]: value for path, value in self._paths.items()}

    def __contains__(self, path: str) -> bool:
        return path in self._paths

    def __len__(self) -> int:
        return len(self._paths)

    def all(self) -> list[str]:
        return sorted(self._paths)

    def under(self, folder: str, suffixes=(".md", ".markdown")) -> list[str]:
        prefix = folder.rstrip("/") + "/"
        return [p for p in self.all() if p.startswith(prefix) and p.endswith(tuple(suffixes))]

    def has_dir(self, folder: str) -> bool:
        prefix = folder.rstrip("/") + "/"
        return any(path.startswith(prefix) for path in self._paths)

    def size(self, path: str) -> int:
        value = self._paths[path]
        return value.file_size if isinstance(value, zipfile.ZipInfo) else value.stat().st_size

    def read_bytes(self, path: str, limit: int = MAX_IMAGE_BYTES) -> bytes:
        if self.size(path) > limit:
            raise SiteFilesError(f"{path} is larger than {limit // (1024 * 1024)} MB.")
        data = self._read(self._paths[path], limit)
        if len(data) > limit:
            raise SiteFilesError(f"{path} is larger than {limit // (1024 * 1024)} MB.")
        return data

    def read_text(self, path: str) -> str:
        data = self.read_bytes(path, MAX_TEXT_BYTES)
        text = data.decode("utf-8", errors="replace")
        return text.lstrip("\ufeff").replace("\r\n", "\n")


def _read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int) -> bytes:
    """The member's bytes, read no further than ``limit`` + 1 whatever its header says, and
    checked: zipfile stops at the size the header claims and compares the checksum, so a
    member that lies about its size ends in an error here, never in an exhausted server."""
    try:
        with archive.open(info) as member:
            data = member.read(limit + 1)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError):
        raise SiteFilesError(
            f"{info.filename} in the archive is damaged or does not hold the size its header "
            "states. Zip the site's folder again (or download it again) and upload the new file."
        ) from None
    if len(data) <= limit and len(data) != info.file_size:
        raise SiteFilesError(
            f"{info.filename} in the archive holds {len(data)} bytes, not the {info.file_size} "
            "its header states. Zip the site's folder again and upload the new file."
        )
    return data
