"""The files a user deploys with say what they must: official images, existing paths, and
CI running exactly the README's test command. (No Docker engine runs here, so the compose
file is checked by reading it.)"""

import configparser
import os
import re
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]


def compose():
    return yaml.safe_load((REPO / "docker-compose.yml").read_text())


def test_compose_uses_official_odoo_17_and_postgres_15_images():
    """Only the official odoo:17.0 and postgres:15 images are used."""
    images = {name: svc["image"] for name, svc in compose()["services"].items()}
    assert images["db"] == "postgres:15"
    assert {images["odoo"], images["init"]} == {"odoo:17.0"}


def test_compose_bind_mounts_name_existing_paths():
    """Every bind mount source exists in the repository, and the repo is an addons path."""
    conf = configparser.ConfigParser()
    conf.read(REPO / "odoo.conf")
    addons_path = conf["options"]["addons_path"].split(",")
    for service in compose()["services"].values():
        for volume in service.get("volumes", []):
            source, target = volume.split(":")[:2]
            if source.startswith((".", "/")):
                assert (REPO / source).exists(), volume
                if source in ("./", "."):
                    assert target in addons_path


def test_compose_serves_after_the_demo_database_is_created():
    """The web service waits for the one-shot init, which waits for a healthy database."""
    services = compose()["services"]
    assert services["init"]["depends_on"]["db"]["condition"] == "service_healthy"
    assert services["odoo"]["depends_on"]["init"]["condition"] == (
        "service_completed_successfully"
    )
    assert "-i dist_demo" in " ".join(services["init"]["command"])
    assert services["odoo"]["ports"] == ["8069:8069"]


def test_ci_runs_exactly_the_readme_test_command():
    """.ci/run installs the requirements and runs the command the README gives for
    tests, with the machine's python3 and no bootstrap."""
    readme = (REPO / "README.md").read_text()
    section = readme.split("## Run all tests", 1)[1]
    command = re.search(r"^    (\S+ test)$", section, re.M).group(1)
    ci = (REPO / ".ci" / "run").read_text()
    assert f"exec {command}" in ci
    assert "pip install" in ci and "-r requirements.txt" in ci
    assert "DIST_BOOTSTRAP=0" in ci


def test_the_run_command_is_an_executable_at_the_root():
    """The README's run and test commands start an executable file at the root."""
    readme = (REPO / "README.md").read_text()
    for heading, verb in (("## Run Odoo 17", "serve"), ("## Run all tests", "test")):
        section = readme.split(heading, 1)[1]
        program = re.search(rf"^    (\S+) {verb}$", section, re.M).group(1)
        path = REPO / program
        assert path.parent == REPO and path.is_file(), program
        assert os.access(path, os.X_OK), program
        assert path.read_text().startswith("#!/usr/bin/env python3\n")
