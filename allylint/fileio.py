"""Reading and writing files in a tree allylint does not trust.

A repository can hold anything a file system can: a named pipe that blocks its
reader forever, a device node that never ends (``/dev/zero``), a symbolic link
out of the checkout, a file of gigabytes. So allylint reads only regular files,
up to a limit, and writes only through a temporary file of its own, created
exclusively (``O_EXCL``, never following a symbolic link) next to the target and
renamed over it; the target must be a regular file or absent, never a link, a
folder or a device.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import stat
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import BinaryIO

_CHUNK = 1 << 20
_SETTLE_TRIES = 50
_SETTLE_SECONDS = 0.02
_MAX_RESTORES = 3
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)
_NOCTTY = getattr(os, "O_NOCTTY", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
_BINARY = getattr(os, "O_BINARY", 0)
# Where folders can be opened as descriptors (not on Windows), allylint's own folders
# are walked down with them, so that no symbolic link planted in the path redirects a
# write. On POSIX rename() replaces its target atomically, as os.replace does.
_AT_FUNCTIONS = {os.open, os.mkdir, os.rename, os.stat, os.unlink} <= os.supports_dir_fd


class FileRefused(OSError):
    """allylint will not read or write this path; the message says why, in a few words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason

    def __str__(self) -> str:
        return self.reason


class FileChanged(FileRefused):
    """The file changed while allylint was working on it; allylint left it as it is."""


def error_reason(error: OSError) -> str:
    """A short reason for an error, without the path (the caller names the file)."""
    if isinstance(error, FileRefused):
        return error.reason
    return error.strerror or str(error)


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISLNK, "a symbolic link"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
)


def kind_of(mode: int) -> str:
    """What a file that is not a regular file is, in words."""
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def not_regular(mode: int) -> FileRefused:
    return FileRefused(f"not a regular file ({kind_of(mode)})")


def too_large(size: int, limit: int) -> FileRefused:
    return FileRefused(f"{size:,} bytes is over the {limit:,}-byte limit")


def _open_regular(path: Path, follow_symlinks: bool) -> tuple[int, os.stat_result]:
    """A descriptor of the regular file at ``path``, opened without blocking (a FIFO
    would wait for a writer) and checked after opening (the path may have changed)."""
    status = os.stat(path, follow_symlinks=follow_symlinks)
    if not stat.S_ISREG(status.st_mode):
        raise not_regular(status.st_mode)
    flags = os.O_RDONLY | _NONBLOCK | _CLOEXEC | _NOCTTY | _BINARY
    if not follow_symlinks:
        flags |= _NOFOLLOW
    descriptor = os.open(path, flags)
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            raise not_regular(status.st_mode)
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor, status


def _read_descriptor(descriptor: int, limit: int) -> bytes:
    """At most ``limit`` bytes; a file that grows past it while being read is refused."""
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = os.read(descriptor, min(_CHUNK, limit + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise too_large(total, limit)


def read_file(path: Path, limit: int, *, follow_symlinks: bool = True) -> bytes:
    """The bytes of the regular file at ``path``.

    Raises FileRefused for anything else (a folder, a FIFO, a device, a socket;
    a symbolic link when ``follow_symlinks`` is false) and for a file over
    ``limit`` bytes, and OSError when it cannot be read."""
    descriptor, status = _open_regular(path, follow_symlinks)
    try:
        if status.st_size > limit:
            raise too_large(status.st_size, limit)
        return _read_descriptor(descriptor, limit)
    finally:
        os.close(descriptor)


def read_start(path: Path, size: int) -> bytes:
    """The first ``size`` bytes of the regular file at ``path`` (not through a symbolic
    link); FileRefused for anything else."""
    descriptor, _ = _open_regular(path, follow_symlinks=False)
    try:
        return os.read(descriptor, size)
    finally:
        os.close(descriptor)


def read_stream(stream: BinaryIO, limit: int, name: str) -> bytes:
    """Up to ``limit`` bytes of a binary stream (standard input); more is refused."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise FileRefused(f"{name} is over the {limit:,}-byte limit")
    return data


# ---------------------------------------------------------------------------
# Writing


def _temporary_name(name: str) -> str:
    return f".{name}.{secrets.token_hex(6)}.allylint-tmp"


def _lstat(name: str | Path, directory: int | None) -> os.stat_result | None:
    try:
        if directory is None:
            return os.stat(name, follow_symlinks=False)
        return os.stat(name, dir_fd=directory, follow_symlinks=False)
    except FileNotFoundError:
        return None


def _refuse_target(status: os.stat_result | None) -> None:
    """Only a regular file is ever replaced: never a link, a folder or a device."""
    if status is not None and not stat.S_ISREG(status.st_mode):
        raise FileRefused(f"it is {kind_of(status.st_mode)}; allylint replaces only regular files")


def _create_exclusive(name: str, directory: int | None, mode: int) -> int:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _CLOEXEC | _BINARY
    if directory is None:
        return os.open(name, flags, mode)
    return os.open(name, flags, mode, dir_fd=directory)


def _write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(descriptor, view)
        view = view[written:]


def _keep_attributes(source: int, status: os.stat_result, target: int) -> None:
    """Give the new file the old one's owner, permissions and extended attributes."""
    created = os.fstat(target)
    if hasattr(os, "fchown") and (status.st_uid, status.st_gid) != (
        created.st_uid,
        created.st_gid,
    ):
        try:
            os.fchown(target, status.st_uid, status.st_gid)
        except PermissionError:
            raise FileRefused("allylint could not keep its owner") from None
    _chmod(target, stat.S_IMODE(status.st_mode))  # after chown, which clears set-id bits
    if not hasattr(os, "listxattr"):
        return
    try:
        names = os.listxattr(source)
    except OSError as error:
        if error.errno in (errno.ENOTSUP, errno.EOPNOTSUPP):
            return
        raise
    for name in names:
        value = os.getxattr(source, name)
        try:
            if os.getxattr(target, name) == value:
                continue
        except OSError:
            pass
        try:
            os.setxattr(target, name, value)
        except OSError:
            raise FileRefused(f"allylint could not keep its extended attribute {name}") from None


class _Temporary:
    """A new file, created exclusively next to the target; renamed over it or removed."""

    def __init__(self, folder: Path, name: str, directory: int | None) -> None:
        self.directory = directory
        self.name = _temporary_name(name)
        self.path: str | Path = self.name if directory is not None else folder / self.name
        self.descriptor: int | None = _create_exclusive(str(self.path), directory, 0o600)

    def write(self, data: bytes) -> int:
        """Write and flush ``data`` to disk; the descriptor stays open for attributes."""
        assert self.descriptor is not None
        _write_all(self.descriptor, data)
        os.fsync(self.descriptor)
        return self.descriptor

    def rename_to(self, target: str | Path) -> None:
        self._close()
        if self.directory is None:
            os.replace(self.path, target)
        else:
            os.rename(self.path, target, src_dir_fd=self.directory, dst_dir_fd=self.directory)
        self.path = ""

    def _close(self) -> None:
        if self.descriptor is not None:
            os.close(self.descriptor)
            self.descriptor = None

    def discard(self) -> None:
        self._close()
        if not self.path:
            return
        with contextlib.suppress(OSError):
            if self.directory is None:
                os.unlink(self.path)
            else:
                os.unlink(self.path, dir_fd=self.directory)


@contextlib.contextmanager
def _temporary_beside(
    folder: Path, name: str, directory: int | None = None
) -> Iterator[_Temporary]:
    temporary = _Temporary(folder, name, directory)
    try:
        yield temporary
    finally:
        temporary.discard()


def write_file(path: Path, data: bytes, mode: int = 0o644) -> None:
    """Create or replace ``path`` with ``data`` atomically.

    ``path`` must be absent or a regular file; a symbolic link, a folder or a
    device node there is refused, never followed or replaced. A new file gets
    ``mode`` (less the umask), a replaced one keeps its permissions."""
    existing = _lstat(path, None)
    _refuse_target(existing)
    with _temporary_beside(path.parent, path.name) as temporary:
        descriptor = temporary.write(data)
        _chmod(descriptor, stat.S_IMODE(existing.st_mode) if existing else mode & ~_umask())
        temporary.rename_to(path)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _chmod(descriptor: int, mode: int) -> None:
    if hasattr(os, "fchmod"):
        os.fchmod(descriptor, mode)


def _holds(descriptor: int, expected: bytes) -> bool:
    """Does the open file hold exactly ``expected``? (Compared, not dated: timestamps are
    too coarse to tell two quick saves apart.)"""
    found = bytearray()
    while len(found) <= len(expected):
        chunk = os.pread(descriptor, _CHUNK, len(found))
        if not chunk:
            break
        found += chunk
    return found == expected


def _settled(descriptor: int) -> bytes:
    """The open file's content once an editor writing into it has finished (it reads the
    same twice in a row), or after a second."""
    last = None
    for _ in range(_SETTLE_TRIES):
        current = _whole(descriptor)
        if current == last:
            return current
        last = current
        time.sleep(_SETTLE_SECONDS)
    return _whole(descriptor)


def _whole(descriptor: int) -> bytes:
    size = os.fstat(descriptor).st_size
    return os.pread(descriptor, size + _CHUNK, 0)


def rewrite_file(path: Path, expected: bytes, data: bytes, *, depth: int = 0) -> None:
    """Replace the regular file ``path``, which must still hold ``expected``, with ``data``.

    The replacement keeps the file's owner, permissions and extended attributes.
    A symbolic link, a file with other hard links, a read-only file or one that
    no longer holds ``expected`` is refused (FileRefused, FileChanged). The file
    is compared once more right before the rename, and once after it: an editor
    that wrote into it meanwhile gets its text put back (FileChanged says so)."""
    link = _lstat(path, None)
    if link is not None and stat.S_ISLNK(link.st_mode):
        raise FileRefused("it is a symbolic link")
    if data == expected:
        return
    descriptor, before = _open_regular(path, follow_symlinks=False)
    try:
        if before.st_nlink > 1:
            raise FileRefused(f"it has {before.st_nlink} hard links")
        if not before.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH):
            raise FileRefused("the file is read-only")
        if not _holds(descriptor, expected):
            raise FileChanged("the file changed while allylint was checking it")
        with _temporary_beside(path.parent, path.name) as temporary:
            _keep_attributes(descriptor, before, temporary.write(data))
            now = _lstat(path, None)
            same_file = now is not None and (now.st_ino, now.st_dev) == (
                before.st_ino,
                before.st_dev,
            )
            if not same_file or not _holds(descriptor, expected):
                raise FileChanged(
                    "the file changed while allylint was fixing it; it was left as is"
                )
            temporary.rename_to(path)
        if _holds(descriptor, expected):
            return
        edited = _settled(descriptor)  # written into between that look and the rename
    finally:
        os.close(descriptor)
    if depth < _MAX_RESTORES:
        # Put the edit back over the fix, unless the file changed once more since.
        with contextlib.suppress(FileChanged):
            rewrite_file(path, data, edited, depth=depth + 1)
    raise FileChanged("the file changed while allylint was fixing it; the edit was kept")


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def open_report(path: Path, checkout: Path) -> BinaryIO:
    """Open ``path`` to write a report into.

    A regular file is created or emptied; a device or a named pipe the user named
    is written to (a pipe nobody reads is an error, not a hang). Inside
    ``checkout`` a symbolic link is never followed, at the file or on the way to
    it: a repository cannot redirect the report out of the checkout."""
    given = Path(os.path.abspath(path))
    flags = os.O_WRONLY | os.O_CREAT | _NONBLOCK | _CLOEXEC | _NOCTTY | _BINARY
    checkout = checkout.resolve()
    if _inside(given, checkout):
        if not _inside(given.parent.resolve(), checkout):
            raise FileRefused("its folder is a symbolic link out of the checkout")
        flags |= _NOFOLLOW
    try:
        descriptor = os.open(given, flags, 0o666)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise FileRefused("it is a symbolic link inside the checkout") from None
        if error.errno == errno.ENXIO:
            raise FileRefused("it is a named pipe that nobody reads") from None
        raise
    status = os.fstat(descriptor)
    if stat.S_ISREG(status.st_mode):
        os.ftruncate(descriptor, 0)
    if _NONBLOCK and hasattr(os, "set_blocking"):
        os.set_blocking(descriptor, True)
    return os.fdopen(descriptor, "wb")


# ---------------------------------------------------------------------------
# Folders of allylint's own (the result cache)


def _open_folder(name: str | Path, directory: int | None) -> int:
    flags = os.O_RDONLY | _DIRECTORY | _NOFOLLOW | _CLOEXEC
    if directory is None:
        return os.open(name, flags)
    return os.open(name, flags, dir_fd=directory)


def write_in_tree(root: Path, parts: Sequence[str], data: bytes) -> None:
    """Write ``data`` to ``root/parts[0]/.../parts[-1]`` atomically, creating the
    folders between. No part below ``root`` may be a symbolic link: each folder is
    opened without following one (FileRefused), and the file must be absent or a
    regular file."""
    *folders, name = parts
    if not _AT_FUNCTIONS:
        _write_in_tree_by_path(root, folders, name, data)
        return
    directory = os.open(root, os.O_RDONLY | _DIRECTORY | _CLOEXEC)
    try:
        for folder in folders:
            with contextlib.suppress(FileExistsError):
                os.mkdir(folder, 0o777, dir_fd=directory)
            try:
                inner = _open_folder(folder, directory)
            except OSError as error:
                if error.errno in (errno.ELOOP, errno.ENOTDIR):
                    raise FileRefused(f"{folder} is not a folder (a symbolic link?)") from None
                raise
            os.close(directory)
            directory = inner
        _refuse_target(_lstat(name, directory))
        with _temporary_beside(root, name, directory) as temporary:
            _chmod(temporary.write(data), 0o644 & ~_umask())
            temporary.rename_to(name)
    finally:
        os.close(directory)


def _write_in_tree_by_path(root: Path, folders: Sequence[str], name: str, data: bytes) -> None:
    """The same, where folders cannot be opened as descriptors: each part is checked
    before it is used."""
    current = root
    for folder in folders:
        current = current / folder
        status = _lstat(current, None)
        if status is None:
            current.mkdir(exist_ok=True)
        elif not stat.S_ISDIR(status.st_mode):
            raise FileRefused(f"{folder} is not a folder (a symbolic link?)")
    write_file(current / name, data)


def read_in_tree(root: Path, parts: Sequence[str], limit: int) -> bytes:
    """Read ``root/parts...``, a regular file reached through no symbolic link."""
    current = root
    for folder in parts[:-1]:
        current = current / folder
        status = _lstat(current, None)
        if status is None or not stat.S_ISDIR(status.st_mode):
            raise FileRefused(f"{folder} is not a folder")
    return read_file(current / parts[-1], limit, follow_symlinks=False)
