"""No output replaces an input, a device, a pipe or a link, or takes a name of the wrong kind.

Every refusal is one line for the user, and every input is compared byte for byte after.
"""

from __future__ import annotations

import json
import os
import socket
import stat

import pytest
from shapely.geometry import box, mapping

from yangpu_gis.cli import main
from yangpu_gis.model.atomic_file import OutputRefused, check_destination, write_atomically
from yangpu_gis.model.note_fields import NotesError
from yangpu_gis.model.notes import NoteStore
from yangpu_gis.model.outputs import HTML_MAP


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_line_error(err: str, *fragments: str) -> None:
    assert "Traceback" not in err and "unexpected error" not in err
    assert err.count("\n") == 1 and err.startswith("yangpu-gis: "), err
    for fragment in fragments:
        assert fragment in err, err


def plots(folder, name: str) -> bytes:
    """A small GeoJSON file in Yangpu; returns its bytes, to compare with after."""
    doc = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {"name": name},
                "geometry": mapping(box(121.50, 31.28, 121.51, 31.29)),
            }
        ],
    }
    data = json.dumps(doc).encode()
    (folder / name).write_bytes(data)
    return data


# --- the command line ---------------------------------------------------------------------


def test_export_html_with_two_files_after_one_file_flag_overwrites_neither(tmp_path, capsys):
    a, b = plots(tmp_path, "a.geojson"), plots(tmp_path, "b.geojson")
    code, out, err = run(
        capsys, "export-html", "--file", str(tmp_path / "a.geojson"), str(tmp_path / "b.geojson")
    )
    assert code == 1 and out == ""
    assert_one_line_error(err, "b.geojson", ".html", "--file before each")
    assert (tmp_path / "a.geojson").read_bytes() == a
    assert (tmp_path / "b.geojson").read_bytes() == b
    # "logs" is the test's own log folder (conftest), where the refusal is recorded.
    written = sorted(p.name for p in tmp_path.iterdir() if p.name != "logs")
    assert written == ["a.geojson", "b.geojson"]


def test_export_html_refuses_a_png_name_and_keeps_the_old_png(tmp_path, capsys):
    target = tmp_path / "x.png"
    target.write_bytes(b"\x89PNG old image")
    code, _, err = run(capsys, "export-html", str(target))
    assert code == 1
    assert_one_line_error(err, "x.png", ".html")
    assert target.read_bytes() == b"\x89PNG old image"
    code, _, err = run(capsys, "export-html", str(tmp_path / "new.png"))
    assert code == 1 and not (tmp_path / "new.png").exists()


def test_export_html_with_an_empty_name_is_one_line(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, "export-html", "")
    assert code == 1
    assert_one_line_error(err, "no file name")
    assert [p for p in tmp_path.iterdir() if p.name != "logs"] == []  # logs: the test's log


def test_export_html_refuses_an_input_given_by_another_name(tmp_path, capsys):
    # An HTML file is not a readable input, but a data file renamed or linked as .html is.
    data = plots(tmp_path, "plots.geojson")
    os.link(tmp_path / "plots.geojson", tmp_path / "plots.html")
    code, _, err = run(
        capsys,
        "export-html",
        str(tmp_path / "plots.html"),
        "--file",
        str(tmp_path / "plots.geojson"),
    )
    assert code == 1
    assert_one_line_error(err, "one of the files being read")
    assert (tmp_path / "plots.geojson").read_bytes() == data


def test_render_refuses_to_draw_over_an_input(tmp_path, capsys):
    data = plots(tmp_path, "plots.geojson")
    (tmp_path / "plots.png").symlink_to(tmp_path / "plots.geojson")
    code, _, err = run(
        capsys, "render", str(tmp_path / "plots.png"), "--file", str(tmp_path / "plots.geojson")
    )
    assert code == 1
    assert_one_line_error(err, "plots.png")
    assert (tmp_path / "plots.geojson").read_bytes() == data
    assert (tmp_path / "plots.png").is_symlink()


def test_notes_export_refuses_the_notes_file_itself(tmp_path, capsys):
    store = NoteStore()
    store.add("keep me", "Li", 121.5, 31.3)
    before = store.path.read_bytes()
    link = tmp_path / "notes.csv"
    link.symlink_to(store.path)
    code, _, err = run(capsys, "notes", "export", str(link))
    assert code == 1
    assert_one_line_error(err, "notes.csv")
    assert store.path.read_bytes() == before
    assert [n.text for n in store.list()] == ["keep me"]


# --- the writers themselves ---------------------------------------------------------------


def _writers(tmp_path, embedded_layers):
    """Each of the app's writers, as a function of the destination."""
    from yangpu_gis.export.html import export_html
    from yangpu_gis.export.image import export_image
    from yangpu_gis.model.project import Project

    store = NoteStore(tmp_path / "store.gpkg")
    store.add("a note", "Li", 121.5, 31.3)
    return {
        "html": (".html", lambda p: export_html(embedded_layers, p)),
        "png": (".png", lambda p: export_image(embedded_layers, p, size=(800, 500))),
        "project": (".ygis.json", lambda p: Project.with_embedded_map().save(p)),
        "notes-geojson": (".geojson", store.export_geojson),
        "notes-csv": (".csv", store.export_csv),
    }


WRITERS = ["html", "png", "project", "notes-geojson", "notes-csv"]


def _refused(call, path):
    with pytest.raises((OutputRefused, NotesError, IsADirectoryError)) as caught:
        call(path)
    message = str(caught.value)
    assert "\n" not in message and message
    return message


@pytest.mark.parametrize("writer", WRITERS)
def test_a_fifo_is_refused_at_once_and_stays_a_fifo(tmp_path, embedded_layers, writer):
    suffix, call = _writers(tmp_path, embedded_layers)[writer]
    fifo = tmp_path / f"pipe{suffix}"
    os.mkfifo(fifo)
    assert "pipe" in _refused(call, fifo)
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.parametrize("writer", WRITERS)
def test_a_socket_is_refused_and_stays_a_socket(tmp_path, embedded_layers, writer):
    suffix, call = _writers(tmp_path, embedded_layers)[writer]
    path = tmp_path / f"s{suffix}"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        server.bind(str(path))
        assert "socket" in _refused(call, path)
        assert stat.S_ISSOCK(os.lstat(path).st_mode)
    finally:
        server.close()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0, reason="mknod needs root")
@pytest.mark.parametrize("writer", WRITERS)
def test_a_character_device_is_refused_and_stays_a_device(tmp_path, embedded_layers, writer):
    suffix, call = _writers(tmp_path, embedded_layers)[writer]
    device = tmp_path / f"null{suffix}"
    os.mknod(device, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # the same device as /dev/null
    assert "device" in _refused(call, device)
    assert stat.S_ISCHR(os.lstat(device).st_mode)
    assert os.lstat(device).st_rdev == os.makedev(1, 3)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() != 0, reason="root may replace /dev/null")
def test_export_html_to_dev_null_as_root_leaves_it_a_device(capsys):
    before = os.lstat("/dev/null")
    code, _, err = run(capsys, "export-html", "/dev/null")
    assert code == 1
    assert_one_line_error(err, "/dev/null")
    after = os.lstat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


@pytest.mark.parametrize("writer", WRITERS)
def test_a_folder_is_refused(tmp_path, embedded_layers, writer):
    suffix, call = _writers(tmp_path, embedded_layers)[writer]
    folder = tmp_path / f"folder{suffix}"
    folder.mkdir()
    _refused(call, folder)
    assert folder.is_dir() and list(folder.iterdir()) == []


@pytest.mark.parametrize("writer", WRITERS)
def test_a_wrong_suffix_is_refused_and_the_file_kept(tmp_path, embedded_layers, writer):
    _, call = _writers(tmp_path, embedded_layers)[writer]
    data = plots(tmp_path, "plots.gpkg")
    with pytest.raises((ValueError, NotesError)):
        call(tmp_path / "plots.gpkg")
    assert (tmp_path / "plots.gpkg").read_bytes() == data


@pytest.mark.parametrize("writer", WRITERS)
def test_a_symlink_is_written_through_and_stays_a_link(tmp_path, embedded_layers, writer):
    suffix, call = _writers(tmp_path, embedded_layers)[writer]
    real = tmp_path / "real" / f"out{suffix}"
    real.parent.mkdir()
    real.write_bytes(b"old")
    real.chmod(0o640)
    link = tmp_path / f"link{suffix}"
    link.symlink_to(real)
    call(link)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_bytes() != b"old" and real.stat().st_size > 100
    assert stat.S_IMODE(real.stat().st_mode) == 0o640
    assert sorted(p.name for p in real.parent.iterdir()) == [real.name]


def test_a_link_to_a_file_of_another_kind_is_refused(tmp_path):
    data = plots(tmp_path, "plots.geojson")
    (tmp_path / "map.html").symlink_to(tmp_path / "plots.geojson")
    with pytest.raises(OutputRefused, match="link"):
        write_atomically(tmp_path / "map.html", "<html>", suffixes=HTML_MAP.suffixes)
    assert (tmp_path / "plots.geojson").read_bytes() == data


def test_an_input_is_found_through_links_and_other_spellings(tmp_path, monkeypatch):
    data = plots(tmp_path, "plots.json")
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    (tmp_path / "alias.json").symlink_to("plots.json")
    os.link(tmp_path / "plots.json", tmp_path / "hard.json")
    for spelling in ("plots.json", "./sub/../plots.json", "alias.json", "hard.json"):
        with pytest.raises(OutputRefused, match="files being read"):
            check_destination(spelling, suffixes=(".json",), inputs=[tmp_path / "plots.json"])
    assert (tmp_path / "plots.json").read_bytes() == data


def test_a_project_is_not_saved_over_a_layer_it_shows(tmp_path):
    from yangpu_gis.model.io import read_file
    from yangpu_gis.model.open_layers import layer_from_loaded
    from yangpu_gis.model.project import Project

    data = plots(tmp_path, "plots.json")
    project = Project.with_embedded_map()
    project.add_layer(layer_from_loaded(read_file(tmp_path / "plots.json")[0], None))
    with pytest.raises(OutputRefused, match="files being read"):
        project.save(tmp_path / "plots.json")
    assert (tmp_path / "plots.json").read_bytes() == data


def test_notes_are_not_exported_over_an_open_layer(tmp_path):
    data = plots(tmp_path, "plots.geojson")
    store = NoteStore()
    store.add("a note", "Li", 121.5, 31.3)
    with pytest.raises(NotesError, match="files being read"):
        store.export_geojson(tmp_path / "plots.geojson", inputs=[tmp_path / "plots.geojson"])
    assert (tmp_path / "plots.geojson").read_bytes() == data


def test_notes_exports_have_the_usual_permissions(tmp_path):
    store = NoteStore()
    store.add("a note", "Li", 121.5, 31.3)
    old = os.umask(0o022)
    try:
        store.export_geojson(tmp_path / "n.geojson")
        store.export_csv(tmp_path / "n.csv")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "n.geojson").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "n.csv").stat().st_mode) == 0o644


def test_a_failed_notes_export_keeps_the_old_export(tmp_path, monkeypatch):
    store = NoteStore()
    store.add("a note", "Li", 121.5, 31.3)
    out = tmp_path / "n.csv"
    out.write_bytes(b"earlier export")

    def full_disk(fd):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(NotesError, match="No space"):
        store.export_csv(out)
    assert out.read_bytes() == b"earlier export"
    assert [p.name for p in tmp_path.iterdir() if p.name != "userdata"] == ["n.csv"]
