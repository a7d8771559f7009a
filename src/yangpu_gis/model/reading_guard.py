"""Reading a planner's file has no side effects: no network, nothing written beside it,
no waiting on a pipe or a device.

- **No network from data.** A GeoJSON's old-style `"crs": {"type": "link"}` makes GDAL
  fetch the URL; a GML file can name remote schemas; PROJ can download grids. `enforce`
  turns all of that off: GDAL's HTTP requests are answered by a refusal installed through
  GDAL's own hook for them (CPLHTTPSetFetchCallback, the hook QGIS uses to route GDAL's
  requests), GDAL options that fetch are off, and PROJ's network is off, for pyproj and
  for the PROJ inside GDAL. `allow_proj_network(True)` is for an online source the planner
  switches on.
- **Nothing written beside inputs.** GDAL's GML reader saves a .gfs schema file next to
  the .gml by default; `OPEN_OPTIONS` asks it not to (WRITE_GFS=NO), so a read-only
  folder reads like any other.
- **Regular files only.** `regular_file` refuses a FIFO, a device, a socket or a folder
  before anything opens it: opening a FIFO blocks until a writer comes, forever.
"""

from __future__ import annotations

import ctypes
import glob
import logging
import os
import stat
import threading
from pathlib import Path

from yangpu_gis.model.load_errors import LoadError

log = logging.getLogger(__name__)

# GDAL configuration: nothing in a file makes GDAL go online.
GDAL_OFFLINE_OPTIONS = {
    "GML_DOWNLOAD_WFS_SCHEMA": "NO",  # a GML file's remote application schema
    "GML_SKIP_RESOLVE_ELEMS": "ALL",  # xlink:href to other documents (the default, kept)
    "GDAL_HTTP_MAX_RETRY": "0",
    "CPL_VSIL_CURL_ALLOWED_EXTENSIONS": ".yangpu-gis-no-remote-files",  # /vsicurl/ off
}
# Driver open options, by the app's format name.
OPEN_OPTIONS = {"GML": {"WRITE_GFS": "NO"}}

_lock = threading.Lock()
_state = {"enforced": False, "gdal_hook": None}


def open_options(format_name: str) -> dict[str, str]:
    return dict(OPEN_OPTIONS.get(format_name, {}))


def regular_file(path: Path) -> Path:
    """path, if it is an existing regular file (through links); LoadError otherwise."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise LoadError.of("no_such_file", path=str(path)) from None
    except OSError as exc:
        raise LoadError.of("cannot_open", path=str(path), reason=exc.strerror or exc) from None
    if stat.S_ISDIR(mode):
        raise LoadError.of("is_folder", path=str(path))
    if not stat.S_ISREG(mode):
        kind = (
            "kind_fifo"
            if stat.S_ISFIFO(mode)
            else "kind_socket"
            if stat.S_ISSOCK(mode)
            else "kind_device"
        )
        raise LoadError.of("not_data_file", path=str(path), kind_key=kind)
    return path


def allow_proj_network(enabled: bool) -> None:
    """PROJ's downloads (of transformation grids) on or off, for pyproj and GDAL."""
    os.environ["PROJ_NETWORK"] = "ON" if enabled else "OFF"
    try:
        import pyproj.network

        pyproj.network.set_network_enabled(enabled)
    except ImportError:  # pragma: no cover - pyproj is a dependency
        pass


def enforce() -> None:
    """Turn network access from data off; cheap to call again (the first call does it)."""
    with _lock:
        if _state["enforced"]:
            return
        _state["enforced"] = True
        if "PROJ_NETWORK" not in os.environ:  # GDAL's own PROJ reads it too
            os.environ["PROJ_NETWORK"] = "OFF"
        import pyogrio

        pyogrio.set_gdal_config_options(GDAL_OFFLINE_OPTIONS)
        allow_proj_network(os.environ["PROJ_NETWORK"].upper() == "ON")
        _state["gdal_hook"] = _refuse_gdal_http()


# --- GDAL's HTTP hook -------------------------------------------------------------------


class _HttpResult(ctypes.Structure):
    """GDAL's CPLHTTPResult (cpl_http.h); GDAL frees it with CPLHTTPDestroyResult."""

    _fields_ = [
        ("nStatus", ctypes.c_int),
        ("pszContentType", ctypes.c_void_p),
        ("pszErrBuf", ctypes.c_void_p),
        ("nDataLen", ctypes.c_int),
        ("nDataAlloc", ctypes.c_int),
        ("pabyData", ctypes.c_void_p),
        ("papszHeaders", ctypes.c_void_p),
        ("nMimePartCount", ctypes.c_int),
        ("pasMimePart", ctypes.c_void_p),
    ]


_FETCH_CALLBACK = ctypes.CFUNCTYPE(
    ctypes.c_void_p,  # CPLHTTPResult *
    ctypes.c_char_p,  # URL
    ctypes.c_void_p,  # options
    ctypes.c_void_p,  # progress function
    ctypes.c_void_p,  # progress argument
    ctypes.c_void_p,  # write function
    ctypes.c_void_p,  # write argument
    ctypes.c_void_p,  # user data
)


def _gdal_library() -> ctypes.CDLL | None:
    """The GDAL library pyogrio uses (already loaded, so this finds the same copy)."""
    import pyogrio

    package = Path(pyogrio.__file__).parent
    patterns = [
        package.parent / "pyogrio.libs" / "libgdal*.so*",  # Linux wheels
        package / ".dylibs" / "libgdal*.dylib",  # macOS wheels
        package.parent / "pyogrio.libs" / "gdal*.dll",  # Windows wheels
        package / "gdal*.dll",
    ]
    for pattern in patterns:
        found = sorted(glob.glob(str(pattern)))
        if found:
            return ctypes.CDLL(found[0])
    for name in ("libgdal.so", "libgdal.dylib", "gdal.dll"):  # a system GDAL (conda, Debian)
        try:
            return ctypes.CDLL(name)
        except OSError:
            continue
    return None


def _refuse_gdal_http():
    """Install a GDAL HTTP hook that answers every request with an error, so no request
    leaves the machine. Returns the hook (kept alive) or None when GDAL cannot be found."""
    try:
        gdal = _gdal_library()
        if gdal is None or not hasattr(gdal, "CPLHTTPSetFetchCallback"):
            log.warning("GDAL's HTTP hook was not found: GDAL requests are not blocked")
            return None
        gdal.VSICalloc.restype = ctypes.c_void_p
        gdal.VSICalloc.argtypes = [ctypes.c_size_t, ctypes.c_size_t]
        gdal.CPLStrdup.restype = ctypes.c_void_p
        gdal.CPLStrdup.argtypes = [ctypes.c_char_p]
        gdal.CPLHTTPSetFetchCallback.argtypes = [_FETCH_CALLBACK, ctypes.c_void_p]

        @_FETCH_CALLBACK
        def refuse(url, *_):
            log.info(
                "refused a network request from data: %s", (url or b"").decode("utf-8", "replace")
            )
            address = gdal.VSICalloc(1, ctypes.sizeof(_HttpResult))
            if address:
                result = _HttpResult.from_address(address)
                result.nStatus = 1
                result.pszErrBuf = gdal.CPLStrdup(b"network access from data is off")
            return address

        gdal.CPLHTTPSetFetchCallback(refuse, None)
        return refuse
    except (OSError, AttributeError) as exc:  # pragma: no cover - depends on the platform
        log.warning("GDAL's HTTP hook could not be installed: %s", exc)
        return None
