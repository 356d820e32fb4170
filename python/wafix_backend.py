"""The PEP 517 backend of wafix (pyproject.toml): scikit-build-core compiles the wheel, except
when WAFIX_PREBUILT_WHEEL_DIR holds a wheel of this version for this machine (one `make wheel`
made): then that wheel is installed as it is, so pre-commit and the GitHub Action skip the
C++ build. Nothing else differs from calling scikit-build-core directly."""

import os
import platform
import re
import shutil
import zipfile
from pathlib import Path

SCIKIT_BUILD_CORE = "scikit-build-core==1.1.2"
_ROOT = Path(__file__).resolve().parent.parent


def _version():
    text = (_ROOT / "CMakeLists.txt").read_text(encoding="utf-8")
    return re.search(r"project\(wafix VERSION ([0-9]+\.[0-9]+\.[0-9]+)", text).group(1)


def _prebuilt():
    folder = os.environ.get("WAFIX_PREBUILT_WHEEL_DIR")
    if not folder:
        return None
    # wafix-0.1.0-py3-none-manylinux_2_36_x86_64.whl: this version, this processor.
    suffix = "_" + platform.machine() + ".whl"
    found = sorted(p for p in Path(folder).glob("wafix-%s-py3-none-*.whl" % _version()) if p.name.endswith(suffix))
    return found[-1] if found else None


def _skbuild():
    import scikit_build_core.build as backend  # installed by pip from get_requires_for_build_*

    return backend


def get_requires_for_build_wheel(config_settings=None):
    return [] if _prebuilt() else [SCIKIT_BUILD_CORE]


def get_requires_for_build_sdist(config_settings=None):
    return [SCIKIT_BUILD_CORE]


def prepare_metadata_for_build_wheel(metadata_directory, config_settings=None):
    wheel = _prebuilt()
    if not wheel:
        return _skbuild().prepare_metadata_for_build_wheel(metadata_directory, config_settings)
    with zipfile.ZipFile(wheel) as z:
        names = [n for n in z.namelist() if n.split("/")[0].endswith(".dist-info")]
        z.extractall(metadata_directory, names)
    return names[0].split("/")[0]


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    wheel = _prebuilt()
    if not wheel:
        return _skbuild().build_wheel(wheel_directory, config_settings, metadata_directory)
    print("wafix: installing the prebuilt %s (WAFIX_PREBUILT_WHEEL_DIR)" % wheel.name)
    shutil.copy2(wheel, os.path.join(wheel_directory, wheel.name))
    return wheel.name


def build_sdist(sdist_directory, config_settings=None):
    return _skbuild().build_sdist(sdist_directory, config_settings)
