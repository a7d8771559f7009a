"""The desktop's language: Qt translators for the app's .qm and Qt's own, and the choice.

The choice is the user's (Settings > language) or else the system locale's. Installing a
translator makes Qt send every widget a LanguageChange event; the main window answers it by
building itself again around the same project (see MainWindow.apply_language).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator

from yangpu_gis.model.language import CHINESE, ENGLISH, LANGUAGES, QT_LOCALES, normalise
from yangpu_gis.paths import resources_dir

SETTINGS_KEY = "ui/language"
APP_CATALOGUE = "yangpu_gis"  # resources/i18n/yangpu_gis_<locale>.qm
# Qt's own catalogues: standard buttons, file dialogs, context menus of line edits.
QT_CATALOGUES = ("qtbase",)
# Names of the languages in themselves, as menus of every GIS list them.
LANGUAGE_NAMES = {CHINESE: "中文", ENGLISH: "English"}
CATALOGUE_SUFFIX = {CHINESE: "zh_CN", ENGLISH: "en"}

_installed: list[QTranslator] = []
_current = ENGLISH


def translations_dir():
    return resources_dir() / "i18n"


def catalogue_path(language: str):
    return translations_dir() / f"{APP_CATALOGUE}_{CATALOGUE_SUFFIX[language]}.qm"


def system_language() -> str:
    """The first of the system's preferred UI languages that we have, else English."""
    for tag in QLocale.system().uiLanguages():
        language = normalise(tag)
        if language is not None:
            return language
    return ENGLISH


def saved_language() -> str | None:
    return normalise(str(QSettings().value(SETTINGS_KEY, "") or ""))


def chosen_language() -> str:
    """The language the user chose in the app, or else the system's."""
    return saved_language() or system_language()


def save_language(language: str) -> None:
    QSettings().setValue(SETTINGS_KEY, language)


def current_language() -> str:
    """The language the interface is showing now ("en" or "zh")."""
    return _current


def install(language: str) -> list[str]:
    """Show the interface in language; returns the catalogues that could not be loaded
    (the app's own missing is a broken installation; Qt's missing only leaves Qt's
    standard buttons in English)."""
    global _current
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}: choose from {', '.join(LANGUAGES)}")
    app = QCoreApplication.instance()
    assert app is not None, "the interface's language is installed into a running app"
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    missing: list[str] = []
    locale = QLocale(QT_LOCALES[language])
    QLocale.setDefault(locale)
    _current = language
    qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    # The English sources need only their plural forms; Qt's own are English already.
    wanted = [(APP_CATALOGUE, catalogue_path(language))]
    if language != ENGLISH:
        wanted += [(name, Path(qt_folder) / f"{name}_{locale.name()}.qm") for name in QT_CATALOGUES]
    for name, path in wanted:
        translator = QTranslator(app)
        if translator.load(str(path)):
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            missing.append(name)
    return missing
