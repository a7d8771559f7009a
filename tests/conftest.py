import os
import shutil

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="session")
def embedded_layers():
    from yangpu_gis.model.embedded import load_embedded_layers

    return load_embedded_layers()


@pytest.fixture
def project():
    from yangpu_gis.model.project import Project

    return Project.with_embedded_map()


@pytest.fixture(scope="session")
def chromium_path():
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if path is None:
        pytest.fail("Chromium is required for the browser tests: run scripts/setup as root")
    return path
