"""`yangpu-gis self-test`: checks that this installation really works, and says what it found.

Each check is a small function returning (name, ok, detail). They exercise the parts
that break when an installation or a frozen build is incomplete: the PROJ and GDAL data
files (each library needs a proj.db it accepts), the embedded map, offscreen rendering
and the offline HTML export.
"""

from __future__ import annotations

import math
import os
import platform
import re
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

CheckResult = tuple[str, bool, str]

# A point in Yangpu (Wujiaochang) in CGCS2000 / 3-degree Gauss-Kruger CM 120E (EPSG:4549),
# and the same point in WGS84 lon/lat.
REFERENCE_4549 = (643719.8790, 3465785.3045)
REFERENCE_WGS84 = (121.5096, 31.3051)
EPSG_4549_NAME = "CGCS2000 / 3-degree Gauss-Kruger CM 120E"

EXPECTED_LAYERS = {"districts": 4, "river": 1, "riverside": 2, "sites": 8}
YANGPU_AREA_KM2 = 60.6
YANGPU_AREA_TOLERANCE_KM2 = 0.6
RENDER_SIZE = (480, 360)
# Qt platforms whose plugin file is named after them: libq<name>.so, q<name>.dll, libq<name>.dylib.
PLATFORM_PLUGIN_FILES = (
    "offscreen",
    "minimal",
    "xcb",
    "wayland",
    "eglfs",
    "linuxfb",
    "vnc",
    "windows",
    "cocoa",
)

_REMOTE_ASSET = re.compile(
    r"<(?:script|link)\b[^>]*\b(?:src|href)\s*=\s*[\"']?\s*(?:https?:)?//", re.IGNORECASE
)


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return asdict(self)


# --- helpers ---------------------------------------------------------------------------------


def _proj_db_version(data_dir: str | Path) -> str:
    """PROJ.VERSION and layout of the proj.db in a PROJ data folder, e.g. "9.5.1, layout 1.4"."""
    db = Path(data_dir) / "proj.db"
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        meta = dict(conn.execute("SELECT key, value FROM metadata").fetchall())
    finally:
        conn.close()
    layout = (
        f"{meta.get('DATABASE.LAYOUT.VERSION.MAJOR')}.{meta.get('DATABASE.LAYOUT.VERSION.MINOR')}"
    )
    return f"PROJ {meta.get('PROJ.VERSION', '?')}, layout {layout}"


def _embedded_layers():
    from yangpu_gis.model.embedded import load_embedded_layers

    return load_embedded_layers()


def _gui_application():
    """The running Qt GUI application, or a new offscreen one (the self-test shows no window)."""
    missing = _missing_platform_plugin()
    if missing:  # Qt would abort the whole process instead of raising
        raise RuntimeError(missing)
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.instance() or QGuiApplication(
        [sys.argv[0] if sys.argv else "yangpu-gis"]
    )


# --- the checks ------------------------------------------------------------------------------


def check_python() -> CheckResult:
    version = platform.python_version()
    frozen = " (frozen build)" if getattr(sys, "frozen", False) else ""
    ok = sys.version_info >= (3, 11)
    detail = f"Python {version} {platform.machine()} on {platform.system()}{frozen}"
    return "python", ok, detail if ok else f"{detail}: Python 3.11 or newer is needed"


def _platform_plugin_folder() -> Path:
    from PySide6.QtCore import QLibraryInfo

    return Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)) / "platforms"


def _missing_platform_plugin() -> str | None:
    """Why Qt could not start its platform plugin, found before Qt would abort the process."""
    from PySide6.QtCore import QCoreApplication

    if QCoreApplication.instance() is not None:
        return None
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    wanted = os.environ["QT_QPA_PLATFORM"].split(":")[0]
    if wanted not in PLATFORM_PLUGIN_FILES:
        return None  # a plugin key whose file name is not known here: Qt decides
    folder = _platform_plugin_folder()
    if not any(f.name.startswith((f"libq{wanted}.", f"q{wanted}.")) for f in folder.glob("*")):
        return f"the Qt platform plugin {wanted!r} is not in {folder}"
    return None


def check_qt() -> CheckResult:
    import PySide6
    from PySide6 import QtCore

    missing = _missing_platform_plugin()
    if missing:
        return "qt", False, missing
    _gui_application()
    from PySide6.QtGui import QGuiApplication

    platform_name = QGuiApplication.platformName()  # static: the running application's
    return (
        "qt",
        True,
        (f"Qt {QtCore.qVersion()} (PySide6 {PySide6.__version__}), platform {platform_name}"),
    )


def check_proj() -> CheckResult:
    import pyproj
    from pyproj import CRS, Transformer
    from pyproj.datadir import get_data_dir

    data_dir = get_data_dir()
    dirs = data_dir.split(os.pathsep)
    with_db = [d for d in dirs if (Path(d) / "proj.db").is_file()]
    if not with_db:
        return "proj", False, f"no proj.db in the PROJ data folder {data_dir}"
    name = CRS.from_epsg(4549).name
    if name != EPSG_4549_NAME:
        return "proj", False, f"EPSG:4549 is named {name!r}, expected {EPSG_4549_NAME!r}"
    lon, lat = Transformer.from_crs("EPSG:4549", "EPSG:4326", always_xy=True).transform(
        *REFERENCE_4549
    )
    error = max(abs(lon - REFERENCE_WGS84[0]), abs(lat - REFERENCE_WGS84[1]))
    if not (math.isfinite(error) and error < 1e-6):
        return (
            "proj",
            False,
            (
                f"EPSG:4549 -> EPSG:4326 gave {lon:.7f}, {lat:.7f}, expected "
                f"{REFERENCE_WGS84[0]}, {REFERENCE_WGS84[1]}"
            ),
        )
    return (
        "proj",
        True,
        (
            f"PROJ {pyproj.proj_version_str} (pyproj {pyproj.__version__}); "
            f"EPSG:4549 -> 4326 ok; proj.db {_proj_db_version(with_db[0])} "
            f"in {with_db[0]}"
        ),
    )


def check_gdal() -> CheckResult:
    """GDAL finds its data, its own proj.db, and writes and reads GeoPackage and Shapefile."""
    import geopandas as gpd
    import pyogrio
    import shapely

    gdal_data = pyogrio.get_gdal_data_path()
    if not gdal_data or not (Path(gdal_data) / "gdalvrt.xsd").is_file():
        return "gdal", False, f"GDAL_DATA not found (GDAL reports {gdal_data!r})"
    from pyogrio import _ogr

    if not _ogr.has_proj_data():
        return "gdal", False, "GDAL cannot read its PROJ database (EPSG:4326 lookup failed)"
    frame = gpd.GeoDataFrame(
        {"name": ["五角场", "Yangpu Bridge"], "value": [1, 2]},
        geometry=[
            shapely.Point(*REFERENCE_4549),
            shapely.Point(REFERENCE_4549[0] + 100, REFERENCE_4549[1]),
        ],
        crs="EPSG:4549",
    )
    formats = []
    with tempfile.TemporaryDirectory(prefix="yangpu-gis-selftest-") as tmp:
        for driver, filename in (("GPKG", "check.gpkg"), ("ESRI Shapefile", "check.shp")):
            path = Path(tmp) / filename
            pyogrio.write_dataframe(frame, path, driver=driver)
            back = pyogrio.read_dataframe(path)
            if back.crs is None or back.crs.to_epsg() != 4549:
                return (
                    "gdal",
                    False,
                    f"{driver}: the CRS read back is {back.crs}, expected EPSG:4549",
                )
            if list(back["name"]) != list(frame["name"]):
                return "gdal", False, f"{driver}: the names read back are {list(back['name'])}"
            if not back.geometry.geom_equals_exact(frame.geometry, tolerance=1e-6).all():
                return "gdal", False, f"{driver}: the points read back differ"
            formats.append(driver)
    proj_data = Path(pyogrio.__file__).parent / "proj_data"
    gdal_proj = (
        f"{proj_data} ({_proj_db_version(proj_data)})"
        if (proj_data / "proj.db").is_file()
        else "from PROJ_DATA or the system"
    )
    return (
        "gdal",
        True,
        (
            f"GDAL {pyogrio.__gdal_version_string__} (pyogrio {pyogrio.__version__}); "
            f"GDAL_DATA {gdal_data}; GDAL's PROJ data {gdal_proj}; "
            f"wrote and read {' and '.join(formats)} in EPSG:4549"
        ),
    )


def check_map() -> CheckResult:
    from yangpu_gis.model import geodesy
    from yangpu_gis.model.embedded import YANGPU_ADCODE
    from yangpu_gis.model.facts import fact_book
    from yangpu_gis.paths import geodata_dir

    layers = {layer.id: layer for layer in _embedded_layers()}
    counts = {name: layers[name].feature_count if name in layers else 0 for name in EXPECTED_LAYERS}
    if len(layers) != len(EXPECTED_LAYERS) or counts != EXPECTED_LAYERS:
        return "map", False, f"embedded layers {counts}, expected {EXPECTED_LAYERS}"
    districts = layers["districts"]
    yangpu = [
        row for row, code in enumerate(districts.column("adcode")) if str(code) == YANGPU_ADCODE
    ]
    if len(yangpu) != 1:
        return "map", False, "Yangpu District is missing from the districts layer"
    area = geodesy.area_m2(districts.geometry(yangpu[0])) / 1e6
    if abs(area - YANGPU_AREA_KM2) > YANGPU_AREA_TOLERANCE_KM2:
        return (
            "map",
            False,
            f"Yangpu's area is {area:.2f} km², expected about {YANGPU_AREA_KM2} km²",
        )
    sourced = sum(len(fact_book().site_facts(str(s))) for s in layers["sites"].column("id"))
    return (
        "map",
        True,
        (
            f"{len(layers)} layers ({', '.join(f'{k} {v}' for k, v in counts.items())}); "
            f"Yangpu {area:.2f} km²; {sourced} sourced site facts; from {geodata_dir()}"
        ),
    )


def check_notes() -> CheckResult:
    """A notes GeoPackage in a temporary folder: add, read back with GDAL, export."""
    import pyogrio

    from yangpu_gis.model.notes import NoteStore

    with tempfile.TemporaryDirectory(prefix="yangpu-gis-selftest-") as tmp:
        store = NoteStore(Path(tmp) / "notes.gpkg")
        note = store.add("自检 self-test", "self-test", *REFERENCE_WGS84)
        frame = pyogrio.read_dataframe(store.path)
        if len(frame) != 1 or frame["text"].iloc[0] != note.text:
            return "notes", False, f"GDAL read back {len(frame)} notes from {store.path.name}"
        store.export_csv(Path(tmp) / "notes.csv")
    return (
        "notes",
        True,
        "notes GeoPackage written with sqlite3 and read back by GDAL; CSV export ok",
    )


def check_render() -> CheckResult:
    """The embedded map drawn offscreen by the renderer the app uses."""
    try:
        from yangpu_gis.render.renderer import render_map
        from yangpu_gis.render.snapshot import snapshot_layers
    except ImportError as exc:
        return "render", False, f"not available: {exc}"
    from yangpu_gis.model.project import YANGPU_EXTENT
    from yangpu_gis.render.viewport import Viewport

    _gui_application()
    width, height = RENDER_SIZE
    viewport = Viewport.fit_wgs84(YANGPU_EXTENT, width, height)
    return _judge_image(render_map(snapshot_layers(_embedded_layers()), viewport))


def _judge_image(image) -> CheckResult:
    if image is None or image.isNull():
        return "render", False, "the renderer returned no image"
    width, height = image.width(), image.height()
    colours: dict[int, int] = {}
    step = 4
    for y in range(0, height, step):
        for x in range(0, width, step):
            rgb = image.pixel(x, y) & 0xFFFFFF
            colours[rgb] = colours.get(rgb, 0) + 1
    sampled = sum(colours.values())
    background_share = max(colours.values()) / sampled
    if len(colours) < 4 or background_share > 0.95:
        return (
            "render",
            False,
            (
                f"the rendered {width}x{height} image is blank: "
                f"{len(colours)} colours, {background_share:.0%} one colour"
            ),
        )
    return (
        "render",
        True,
        (
            f"embedded map rendered offscreen to a {width}x{height} image with "
            f"{len(colours)} colours"
        ),
    )


def check_html() -> CheckResult:
    try:
        from yangpu_gis.export.html import export_html
    except ImportError as exc:
        return "html", False, f"not available: {exc}"
    from yangpu_gis.model.layer import LayerKind

    layers = _embedded_layers()
    sites = next(layer for layer in layers if layer.kind == LayerKind.SITE)
    site_names = sites.column("name_en").tolist()
    with tempfile.TemporaryDirectory(prefix="yangpu-gis-selftest-") as tmp:
        path = Path(tmp) / "map.html"
        export_html(layers, path, title="Self-test")
        page = path.read_text(encoding="utf-8")
    remote = _REMOTE_ASSET.search(page)
    if remote:
        return (
            "html",
            False,
            f"the page loads a script or stylesheet from the network: {remote.group(0)!r}",
        )
    missing = [name for name in site_names if name not in page]
    if missing:
        return "html", False, f"the page lacks the sites {', '.join(missing)}"
    return (
        "html",
        True,
        (
            f"offline page of {len(page) / 1e6:.1f} MB with all {len(site_names)} sites "
            "and no remote scripts or stylesheets"
        ),
    )


def check_translations() -> CheckResult:
    """The Chinese interface: the app's catalogue and Qt's own (standard buttons) load."""
    from PySide6.QtCore import QLibraryInfo, QTranslator

    from yangpu_gis.paths import resources_dir

    app, qt = QTranslator(), QTranslator()
    app_file = resources_dir() / "i18n" / "yangpu_gis_zh_CN.qm"
    qt_folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    if not app.load(str(app_file)):
        return "translations", False, f"cannot load {app_file}"
    if not qt.load(str(qt_folder / "qtbase_zh_CN.qm")):
        return "translations", False, f"Qt's qtbase_zh_CN.qm is missing from {qt_folder}"
    words = (
        app.translate("MainWindow", "&File") or "",
        qt.translate("QPlatformTheme", "Cancel") or "",
    )
    ok = words == ("文件(&F)", "取消")
    return "translations", ok, f"zh_CN: {' / '.join(w or '?' for w in words)}"


CHECKS: tuple[Callable[[], CheckResult], ...] = (
    check_python,
    check_qt,
    check_proj,
    check_gdal,
    check_map,
    check_notes,
    check_render,
    check_html,
    check_translations,
)


def run_check(check: Callable[[], CheckResult]) -> Check:
    """Run one check; an exception is a failed check that names the error."""
    name = check.__name__.removeprefix("check_")
    started = time.perf_counter()
    try:
        name, ok, detail = check()
    except Exception as exc:  # a broken installation shows up here, as a failed check
        ok, detail = False, f"{exc.__class__.__name__}: {exc}"
    return Check(name, bool(ok), detail, round(time.perf_counter() - started, 3))


def run_checks(checks=None) -> list[Check]:
    return [run_check(check) for check in (CHECKS if checks is None else checks)]


def print_report(checks: list[Check], out=None) -> None:
    out = out or sys.stdout
    width = max(len(c.name) for c in checks)
    for c in checks:
        print(f"{'PASS' if c.ok else 'FAIL'}  {c.name:{width}s}  {c.detail}", file=out)
    failed = sum(not c.ok for c in checks)
    verdict = (
        f"all {len(checks)} checks passed"
        if not failed
        else f"{failed} of {len(checks)} checks FAILED"
    )
    print(f"self-test: {verdict}", file=out)
